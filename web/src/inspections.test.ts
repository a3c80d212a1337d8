import { describe, expect, it } from 'vitest';
import { checkInspection, emptyRow, formField, isOverdue, knownRefusal, resultRows, setHead, sortRecommendations, teamToApi, todayIso, toNewInspection, type InspectionForm } from './inspections';
import type { Evaluation } from './types';

const row = (title: string, body: string, user = '', head = false) => ({ title, body, user, head });

const form = (extra: Partial<InspectionForm> = {}): InspectionForm => ({
  decision_number: ' 12-QĐ/TU ', decision_date: '2023-02-20', issuing_body: 'Ban Nội chính', subject: 'Kiểm tra KL 44',
  scope: '62', scope_at: '2022-12-31', from: 2019, to: 2022, team: [row('Trưởng đoàn', 'Ban Nội chính', 'doan-kiem-tra', true), emptyRow()], ...extra,
});

describe('team rows', () => {
  it('keeps one head at most', () => {
    const rows = [row('a', 'x', '', true), row('b', 'y'), row('c', 'z')];
    expect(setHead(rows, 2, true).map((r) => r.head)).toEqual([false, false, true]);
    expect(setHead(rows, 0, false).map((r) => r.head)).toEqual([false, false, false]);
    expect(setHead(rows, 1, false).map((r) => r.head)).toEqual([true, false, false]);
    expect(rows[0].head).toBe(true);
  });
  it('sends trimmed rows, drops empty ones and sends the user and head only when set', () => {
    expect(teamToApi([row(' Trưởng đoàn ', ' Ban ', ' u1 ', true), emptyRow(), row('Thành viên', 'Công an tỉnh')])).toEqual([
      { title: 'Trưởng đoàn', body: 'Ban', user: 'u1', head: true },
      { title: 'Thành viên', body: 'Công an tỉnh' },
    ]);
    expect(teamToApi([emptyRow()])).toEqual([]);
  });
});

describe('checkInspection', () => {
  it('accepts a complete form', () => {
    expect(checkInspection(form())).toEqual({});
  });
  it('names the missing fields by their API names', () => {
    const p = checkInspection(form({ decision_number: ' ', subject: '', scope: '', decision_date: '' }));
    expect(Object.keys(p).sort()).toEqual(['decision_date', 'decision_number', 'scope', 'subject']);
    expect(p.subject.key).toBe('insp.err.required');
  });
  it('refuses bad dates, years the wrong way round and half-filled members', () => {
    expect(checkInspection(form({ decision_date: '2023-02-31x' })).decision_date.key).toBe('insp.err.date');
    expect(checkInspection(form({ scope_at: '31/12/2022' })).scope_at.key).toBe('insp.err.date');
    expect(checkInspection(form({ from: 2023, to: 2019 })).period.key).toBe('insp.err.years');
    expect(checkInspection(form({ team: [row('a', 'b'), row('Thành viên', '')] })).team).toEqual({ key: 'insp.err.member', params: { n: 2 } });
  });
});

describe('toNewInspection', () => {
  it('builds the API body with the years as a range', () => {
    expect(toNewInspection(form())).toEqual({
      decision_number: '12-QĐ/TU', decision_date: '2023-02-20', issuing_body: 'Ban Nội chính', subject: 'Kiểm tra KL 44',
      scope: '62', scope_at: '2022-12-31', period: '2019..2022',
      team: [{ title: 'Trưởng đoàn', body: 'Ban Nội chính', user: 'doan-kiem-tra', head: true }],
    });
    expect('scope_at' in toNewInspection(form({ scope_at: '' }))).toBe(false);
  });
  it('puts server errors about the team beside the team', () => {
    expect(formField('team.head')).toBe('team');
    expect(formField('team.user')).toBe('team');
    expect(formField('scope')).toBe('scope');
    expect(formField(null)).toBeNull();
  });
});

describe('recommendations', () => {
  it('marks overdue ones: the server says so, or the deadline passed and it is not done', () => {
    expect(isOverdue({ status: 'overdue', deadline: '2030-01-01' }, '2026-12-06')).toBe(true);
    expect(isOverdue({ status: 'open', deadline: '2026-12-05' }, '2026-12-06')).toBe(true);
    expect(isOverdue({ status: 'in_progress', deadline: '2026-12-06' }, '2026-12-06')).toBe(false);
    expect(isOverdue({ status: 'done', deadline: '2020-01-01' }, '2026-12-06')).toBe(false);
  });
  it('lists overdue ones first, then by deadline', () => {
    const rs = [
      { id: 1, status: 'open' as const, deadline: '2027-03-01' },
      { id: 2, status: 'done' as const, deadline: '2020-01-01' },
      { id: 3, status: 'overdue' as const, deadline: '2024-01-01' },
      { id: 4, status: 'open' as const, deadline: '2027-01-01' },
    ];
    expect(sortRecommendations(rs, '2026-12-06').map((r) => r.id)).toEqual([3, 2, 4, 1]);
  });
  it('writes today as a local calendar date', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});

describe('resultRows', () => {
  const ev = (set: string, year: number, met: boolean[]): Evaluation => ({
    criteria_set: set, name: set, name_en: set, year, day: `${year}-12-31`, basis: '', recogniser: null,
    met: met.filter(Boolean).length, total: met.length,
    units: met.map((m, i) => ({ unit: { code: String(i), name: `U${i}`, short_name: '', type: '', level: 'commune', valid_from: null, valid_to: null }, met: m, criteria: [] })),
  });
  it('orders by set and year, with the share met and the units not met', () => {
    const rows = resultRows([ev('ntm', 2020, [true, false]), ev('atantt', 2022, [true]), ev('ntm', 2019, [true, true, false, false])]);
    expect(rows.map((r) => r.key)).toEqual(['atantt-2022', 'ntm-2019', 'ntm-2020']);
    expect(rows[1].rate).toBe(50);
    expect(rows[2].notMet.map((u) => u.unit.name)).toEqual(['U1']);
    expect(resultRows([ev('x', 2020, [])])[0].rate).toBeNull();
  });
});

describe('knownRefusal', () => {
  it('words the expected refusals in the user language', () => {
    expect(knownRefusal({ code: 'not_found', field: 'scope', message: "no unit has code '99999'" })).toEqual({ key: 'insp.err.noUnit', params: { code: '99999' } });
    expect(knownRefusal({ code: 'not_found', field: 'responsible_unit', message: "no unit has code '7'" })?.params).toEqual({ code: '7' });
    expect(knownRefusal({ code: 'not_found', field: 'team.user', message: "no user 'nobody'" })).toEqual({ key: 'insp.err.noUser', params: { user: 'nobody' } });
    expect(knownRefusal({ code: 'invalid_argument', field: 'team.head', message: 'a team has one head' })?.key).toBe('insp.err.oneHead');
    expect(knownRefusal({ code: 'invalid_argument', field: 'deadline', message: "'2023-13-31' is not a date" })).toBeNull();
  });
});
