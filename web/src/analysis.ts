// The analysis view's logic, kept apart from the screen so it can be tested: the view as URL
// parameters (so a link reproduces it), the query it asks, the pivot table and the chart's
// series built from the answer, and the CSV of what the table shows.
import type { QueryResult } from './types';

export type ChartKind = 'bar' | 'line' | 'stacked';
export type PeriodBy = '' | 'yearly' | 'quarterly' | 'monthly';

export interface AnalysisView {
  measures: string[];
  under: string;
  /** The unit level of the rows; '' shows the area's totals only. */
  level: string;
  from: string;
  to: string;
  /** How the range is split into columns; '' is one column for the whole range. */
  periodBy: PeriodBy;
  calendar: string;
  /** '' counts figures on the units of their time; a date carries them to that day's units. */
  asOf: string;
  chart: ChartKind;
}

const PERIOD_BY: PeriodBy[] = ['', 'yearly', 'quarterly', 'monthly'];
const CHARTS: ChartKind[] = ['bar', 'line', 'stacked'];

/** The view a URL describes; what it leaves out comes from `defaults`. */
export function viewFromParams(p: URLSearchParams, defaults: AnalysisView): AnalysisView {
  const measures = p.getAll('m').filter((m) => m.trim() !== '');
  const by = p.get('pby');
  const chart = p.get('chart');
  return {
    measures: measures.length ? measures : defaults.measures,
    under: p.get('under') || defaults.under,
    level: p.has('level') ? (p.get('level') ?? '') : defaults.level,
    from: p.get('from') || defaults.from,
    to: p.get('to') || p.get('from') || defaults.to,
    periodBy: by !== null && (PERIOD_BY as string[]).includes(by) ? (by as PeriodBy) : defaults.periodBy,
    calendar: p.get('calendar') || defaults.calendar,
    asOf: p.get('as_of') ?? defaults.asOf,
    chart: chart && (CHARTS as string[]).includes(chart) ? (chart as ChartKind) : defaults.chart,
  };
}

/** The URL query of a view: every part written out, so the link stays the same view even if
 *  the defaults change. */
export function viewToSearch(v: AnalysisView): string {
  const p = new URLSearchParams();
  v.measures.forEach((m) => p.append('m', m));
  p.set('under', v.under);
  p.set('level', v.level);
  p.set('from', v.from);
  p.set('to', v.to);
  p.set('pby', v.periodBy);
  p.set('calendar', v.calendar);
  if (v.asOf) p.set('as_of', v.asOf);
  p.set('chart', v.chart);
  return p.toString();
}

/** "2019..2022", or one period when the range is a single one. */
export function periodRange(v: AnalysisView): string {
  return v.from === v.to ? v.from : `${v.from}..${v.to}`;
}

export interface QuerySpec { measure: string[]; under: string; period: string; by?: string; calendar?: string; as_of?: string }

/** The rows' query (units of the level × periods) and the totals' query (the area × periods). */
export function queriesOf(v: AnalysisView): { rows: QuerySpec | null; totals: QuerySpec } {
  const base = { measure: v.measures, under: v.under, period: periodRange(v), calendar: v.calendar, as_of: v.asOf || undefined };
  const totals = { ...base, by: v.periodBy || undefined };
  if (!v.level) return { rows: null, totals };
  return { rows: { ...base, by: [v.level, v.periodBy].filter(Boolean).join(',') }, totals };
}

export interface PivotRow { code: string; name: string; cells: (number | null)[] }
export interface Pivot {
  periods: string[];
  measures: string[];
  /** One row per unit, sorted by name; its cells run period by period, measure by measure. */
  rows: PivotRow[];
  total: (number | null)[] | null;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Units down, periods × measures across. Figures stored on no unit of the level (the
 *  area's own) come back with an empty unit and are left to the total. */
export function buildPivot(rows: QueryResult | null, totals: QueryResult | null): Pivot {
  const source = rows ?? totals;
  const measures = source?.measures ?? [];
  const periodSet = new Set<string>();
  for (const r of rows?.rows ?? []) periodSet.add(r.period);
  for (const r of totals?.rows ?? []) periodSet.add(r.period);
  const periods = [...periodSet].sort();
  const col = (period: string, m: number) => periods.indexOf(period) * measures.length + m;
  const width = periods.length * measures.length;
  const byUnit = new Map<string, PivotRow>();
  for (const r of rows?.rows ?? []) {
    if (!r.unit_code) continue;
    let row = byUnit.get(r.unit_code);
    if (!row) {
      row = { code: r.unit_code, name: r.unit_name, cells: new Array<number | null>(width).fill(null) };
      byUnit.set(r.unit_code, row);
    }
    r.values.forEach((x, m) => (row.cells[col(r.period, m)] = x));
  }
  let total: (number | null)[] | null = null;
  if (totals && totals.rows.length) {
    total = new Array<number | null>(width).fill(null);
    for (const r of totals.rows) r.values.forEach((x, m) => (total![col(r.period, m)] = x));
  }
  const sorted = [...byUnit.values()].sort((a, b) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code));
  return { periods, measures, rows: sorted, total };
}

export interface Series { name: string; data: (number | null)[] }
export interface ChartData { categories: string[]; series: Series[] }

/** What the chart draws. Several periods: periods along the axis, one series per unit for the
 *  first measure (or per measure for the area's totals). One period: the units along the axis,
 *  one series per measure. */
export function chartData(p: Pivot, label: { period: (c: string) => string; measure: (m: string) => string }): ChartData {
  const m = p.measures.length;
  if (p.rows.length && p.periods.length > 1) {
    return {
      categories: p.periods.map(label.period),
      series: p.rows.map((r) => ({ name: r.name, data: p.periods.map((_, i) => r.cells[i * m]) })),
    };
  }
  if (p.rows.length) {
    return {
      categories: p.rows.map((r) => r.name),
      series: p.measures.map((x, j) => ({ name: label.measure(x), data: p.rows.map((r) => r.cells[j]) })),
    };
  }
  return {
    categories: p.periods.map(label.period),
    series: p.measures.map((x, j) => ({ name: label.measure(x), data: p.periods.map((_, i) => p.total?.[i * m + j] ?? null) })),
  };
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The table as CSV (RFC 4180, a UTF-8 byte order mark so spreadsheet programs read the
 *  accents): a row per unit and period, a column per measure, plain numbers with a dot. */
export function pivotCsv(p: Pivot, header: { code: string; unit: string; period: string; total: string }, measureLabel: (m: string) => string, periodLabel: (c: string) => string): string {
  const lines = [[header.code, header.unit, header.period, ...p.measures.map(measureLabel)]];
  const m = p.measures.length;
  const emit = (code: string, name: string, cells: (number | null)[]) => {
    p.periods.forEach((period, i) => {
      lines.push([code, name, periodLabel(period), ...cells.slice(i * m, i * m + m).map((x) => (x === null ? '' : String(x)))]);
    });
  };
  p.rows.forEach((r) => emit(r.code, r.name, r.cells));
  if (p.total) emit('', header.total, p.total);
  return '\ufeff' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Whether a text is a period code the analysis accepts: 2022, 2022S1, 2022Q3, 202209. */
export function isPeriodCode(code: string): boolean {
  return /^\d{4}((0[1-9]|1[0-2])|Q[1-4]|S[12])?$/.test(code);
}

/** The last day of a period code in the Gregorian calendar ("2022" → "2022-12-31"), which
 *  picks the units a range ends on; '' for what is not a period code. */
export function periodEnd(code: string): string {
  if (!isPeriodCode(code)) return '';
  const y = +code.slice(0, 4);
  let month = 12;
  if (code.length === 6 && code[4] === 'Q') month = +code[5] * 3;
  else if (code.length === 6 && code[4] === 'S') month = +code[5] * 6;
  else if (code.length === 6) month = +code.slice(4, 6);
  const day = new Date(Date.UTC(y, month, 0)).getUTCDate();
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
