// Evaluation filters without any UI: the reasons units fail (the criteria they do not meet,
// with how many units each) and the units left by "only failing" and "by reason".
import type { CriterionResult, Evaluation } from './types';

type UnitResult = Evaluation['units'][number];

/** A criterion some units do not meet, and how many. */
export interface FailureReason { code: string; name: string; name_en: string; units: number }

/** A criterion counts against a unit unless it is met (failed, missing data, …). */
const fails = (c: CriterionResult) => c.state !== 'met';

/** The criteria that fail in at least one unit, most frequent first (ties in catalogue order). */
export function failureReasons(units: UnitResult[]): FailureReason[] {
  const byCode = new Map<string, FailureReason & { order: number }>();
  for (const u of units) {
    if (u.met) continue;
    u.criteria.forEach((c, i) => {
      if (!fails(c)) return;
      const r = byCode.get(c.code);
      if (r) r.units++;
      else byCode.set(c.code, { code: c.code, name: c.name, name_en: c.name_en, units: 1, order: i });
    });
  }
  return [...byCode.values()]
    .sort((a, b) => b.units - a.units || a.order - b.order)
    .map(({ order: _order, ...r }) => r);
}

/** The units to show: all, only those that fail, or only those failing one criterion (a
 *  reason implies failing; an unknown reason code, e.g. from an old link, is ignored). */
export function filterUnits(units: UnitResult[], opts: { failed?: boolean; reason?: string | null }): UnitResult[] {
  const reason = opts.reason && units.some((u) => u.criteria.some((c) => c.code === opts.reason && fails(c))) ? opts.reason : null;
  return units.filter((u) => {
    if (reason) return !u.met && u.criteria.some((c) => c.code === reason && fails(c));
    return !opts.failed || !u.met;
  });
}

/** The level word to count units by ("xã" for communes), from the units themselves. */
export function unitsLevel(units: UnitResult[]): string | null {
  const levels = new Set(units.map((u) => u.unit.level));
  return levels.size === 1 ? [...levels][0] : null;
}
