import { describe, expect, it } from 'vitest';
import { buildPivot, chartData, isPeriodCode, periodEnd, periodRange, pivotCsv, queriesOf, viewFromParams, viewToSearch, type AnalysisView } from './analysis';
import type { QueryResult } from './types';

const defaults: AnalysisView = {
  measures: ['propaganda.sessions'], under: '62', level: '', from: '2019', to: '2022',
  periodBy: 'yearly', calendar: 'gregorian', asOf: '', chart: 'bar',
};

describe('the view in the URL', () => {
  it('round-trips every part, formulas included', () => {
    const v: AnalysisView = {
      measures: ['propaganda.sessions', '#{tips.valuable} / #{tips.received} * 100'], under: '608', level: 'commune',
      from: '2022Q1', to: '2022Q4', periodBy: 'quarterly', calendar: 'decree09', asOf: '2025-07-01', chart: 'stacked',
    };
    expect(viewFromParams(new URLSearchParams(viewToSearch(v)), defaults)).toEqual(v);
  });
  it('fills what the URL leaves out from the defaults and ignores unknown choices', () => {
    const v = viewFromParams(new URLSearchParams('from=2020&pby=weekly&chart=pie'), defaults);
    expect(v).toEqual({ ...defaults, from: '2020', to: '2020' });
  });
  it('keeps an explicitly empty level (the area totals only)', () => {
    expect(viewFromParams(new URLSearchParams('level='), { ...defaults, level: 'district' }).level).toBe('');
  });
});

describe('the queries', () => {
  it('asks the rows by level and period, and the totals by period only', () => {
    const q = queriesOf({ ...defaults, level: 'district', asOf: '2025-07-01' });
    expect(q.rows).toEqual({ measure: ['propaganda.sessions'], under: '62', period: '2019..2022', calendar: 'gregorian', as_of: '2025-07-01', by: 'district,yearly' });
    expect(q.totals.by).toBe('yearly');
  });
  it('asks no rows without a level and one period when the range is one', () => {
    const q = queriesOf({ ...defaults, from: '2022', to: '2022', periodBy: '' });
    expect(q.rows).toBeNull();
    expect(q.totals.period).toBe('2022');
    expect(q.totals.by).toBeUndefined();
    expect(periodRange({ ...defaults })).toBe('2019..2022');
  });
});

const rows: QueryResult = {
  measures: ['a', 'b'],
  rows: [
    { unit_code: '615', unit_name: 'Huyện Đắk Hà', period: '2022', values: [3, 30] },
    { unit_code: '610', unit_name: 'Huyện Đắk Glei', period: '2021', values: [1, 10] },
    { unit_code: '610', unit_name: 'Huyện Đắk Glei', period: '2022', values: [2, null] },
    { unit_code: '', unit_name: '', period: '2022', values: [9, 9] },
  ],
};
const totals: QueryResult = { measures: ['a', 'b'], rows: [{ unit_code: '62', unit_name: 'Tỉnh Kon Tum', period: '2021', values: [1, 10] }, { unit_code: '62', unit_name: 'Tỉnh Kon Tum', period: '2022', values: [14, 39] }] };

describe('the pivot', () => {
  const p = buildPivot(rows, totals);
  it('puts units down (by name, Vietnamese order) and periods × measures across', () => {
    expect(p.periods).toEqual(['2021', '2022']);
    expect(p.rows.map((r) => r.code)).toEqual(['610', '615']);
    expect(p.rows[0].cells).toEqual([1, 10, 2, null]);
    expect(p.rows[1].cells).toEqual([null, null, 3, 30]);
  });
  it('takes the total from the area query, not by adding the rows (the area\u2019s own figures count)', () => {
    expect(p.total).toEqual([1, 10, 14, 39]);
  });
  it('charts periods along the axis and a series per unit for the first measure', () => {
    const c = chartData(p, { period: (x) => `Y${x}`, measure: (m) => m.toUpperCase() });
    expect(c.categories).toEqual(['Y2021', 'Y2022']);
    expect(c.series).toEqual([{ name: 'Huyện Đắk Glei', data: [1, 2] }, { name: 'Huyện Đắk Hà', data: [null, 3] }]);
  });
  it('charts units along the axis when there is one period, and the totals when there are no units', () => {
    const one = buildPivot({ measures: ['a'], rows: [{ unit_code: '1', unit_name: 'X', period: '2022', values: [5] }] }, null);
    expect(chartData(one, { period: (x) => x, measure: (m) => m })).toEqual({ categories: ['X'], series: [{ name: 'a', data: [5] }] });
    const none = buildPivot(null, totals);
    expect(chartData(none, { period: (x) => x, measure: (m) => m })).toEqual({ categories: ['2021', '2022'], series: [{ name: 'a', data: [1, 14] }, { name: 'b', data: [10, 39] }] });
  });
  it('writes CSV with a BOM, quotes where needed and plain numbers', () => {
    const csv = pivotCsv(p, { code: 'Mã', unit: 'Đơn vị', period: 'Kỳ', total: 'Toàn địa bàn' }, (m) => (m === 'a' ? 'Số buổi, tổng' : 'B "x"'), (c) => c);
    const lines = csv.split('\r\n');
    expect(csv.startsWith('\ufeffMã,Đơn vị,Kỳ,"Số buổi, tổng","B ""x"""')).toBe(true);
    expect(lines[1]).toBe('610,Huyện Đắk Glei,2021,1,10');
    expect(lines[2]).toBe('610,Huyện Đắk Glei,2022,2,');
    expect(lines[6]).toBe(',Toàn địa bàn,2022,14,39');
    expect(lines[7]).toBe('');
  });
});

describe('period codes', () => {
  it('accepts years, halves, quarters and months only', () => {
    for (const ok of ['2022', '2022S2', '2022Q4', '202212']) expect(isPeriodCode(ok)).toBe(true);
    for (const bad of ['22', '2022Q5', '202213', '2022-01', '2022W1', '']) expect(isPeriodCode(bad)).toBe(false);
  });
  it('ends a period on its last Gregorian day', () => {
    expect(periodEnd('2022')).toBe('2022-12-31');
    expect(periodEnd('2024Q1')).toBe('2024-03-31');
    expect(periodEnd('2024S1')).toBe('2024-06-30');
    expect(periodEnd('202402')).toBe('2024-02-29');
    expect(periodEnd('x')).toBe('');
  });
});
