import { describe, expect, it } from 'vitest';
import { failureReasons, filterUnits, unitsLevel } from './evaluations';
import type { CriterionResult, Evaluation } from './types';

const crit = (code: string, state: string): CriterionResult => ({
  code, name: `Khoản ${code}`, name_en: `Clause ${code}`, state, left: null, right: null, reason: state === 'met' ? null : `${code} không đạt`, reason_en: null, evidence: null,
});
const unit = (code: string, failing: string[], level = 'commune', missing: string[] = []): Evaluation['units'][number] => ({
  unit: { code, name: `Xã ${code}`, short_name: code, type: 'Xã', level, valid_from: null, valid_to: null },
  met: failing.length === 0 && missing.length === 0,
  criteria: ['k1.plan', 'k1.models', 'k4.recognised'].map((c) => crit(c, failing.includes(c) ? 'failed' : missing.includes(c) ? 'missing' : 'met')),
});

const units = [
  unit('1', []),
  unit('2', ['k4.recognised']),
  unit('3', ['k1.models', 'k4.recognised']),
  unit('4', []),
  unit('5', [], 'commune', ['k1.plan']),
];

describe('failure reasons', () => {
  it('lists the criteria not met, most units first, with counts (missing data counts too)', () => {
    expect(failureReasons(units).map((r) => [r.code, r.units])).toEqual([['k4.recognised', 2], ['k1.plan', 1], ['k1.models', 1]]);
    expect(failureReasons(units)[0]).toEqual({ code: 'k4.recognised', name: 'Khoản k4.recognised', name_en: 'Clause k4.recognised', units: 2 });
  });
  it('is empty when every unit meets the set', () => {
    expect(failureReasons([unit('1', []), unit('2', [])])).toEqual([]);
  });
});

describe('unit filter', () => {
  const codes = (xs: typeof units) => xs.map((u) => u.unit.code);
  it('shows all units, or only those that fail', () => {
    expect(codes(filterUnits(units, {}))).toEqual(['1', '2', '3', '4', '5']);
    expect(codes(filterUnits(units, { failed: true }))).toEqual(['2', '3', '5']);
  });
  it('shows only the units failing a reason (a reason implies failing)', () => {
    expect(codes(filterUnits(units, { reason: 'k4.recognised' }))).toEqual(['2', '3']);
    expect(codes(filterUnits(units, { failed: true, reason: 'k1.models' }))).toEqual(['3']);
    expect(codes(filterUnits(units, { reason: 'k1.plan' }))).toEqual(['5']);
  });
  it('ignores a reason no unit fails (an old link)', () => {
    expect(codes(filterUnits(units, { reason: 'k9.gone' }))).toEqual(['1', '2', '3', '4', '5']);
    expect(codes(filterUnits(units, { failed: true, reason: 'k9.gone' }))).toEqual(['2', '3', '5']);
  });
  it('names the level when all units share it', () => {
    expect(unitsLevel(units)).toBe('commune');
    expect(unitsLevel([...units, unit('6', [], 'residential')])).toBeNull();
    expect(unitsLevel([])).toBeNull();
  });
});
