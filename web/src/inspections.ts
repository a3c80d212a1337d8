// Inspection logic without UI: the team rows of the create form (one head at most), the checks
// made before sending (the server checks again and names the field), what the forms send,
// overdue recommendations and the summary rows of the frozen evaluation results.
import type { MessageKey } from './messages';
import type { Evaluation, NewInspection, Recommendation } from './types';

export interface TeamRow { title: string; body: string; user: string; head: boolean }

export const emptyRow = (): TeamRow => ({ title: '', body: '', user: '', head: false });

const blank = (r: TeamRow) => !r.title.trim() && !r.body.trim() && !r.user.trim();

/** Marks row i as the head or not; marking one unmarks the others (a team has one head). */
export function setHead(rows: TeamRow[], i: number, on: boolean): TeamRow[] {
  return rows.map((r, k) => ({ ...r, head: k === i ? on : on ? false : r.head }));
}

/** The team as the API takes it: wholly empty rows are dropped, the user name only when given. */
export function teamToApi(rows: TeamRow[]): NewInspection['team'] {
  return rows.filter((r) => !blank(r)).map((r) => {
    const m: NewInspection['team'][number] = { title: r.title.trim(), body: r.body.trim() };
    if (r.user.trim()) m.user = r.user.trim();
    if (r.head) m.head = true;
    return m;
  });
}

export interface InspectionForm {
  decision_number: string;
  decision_date: string;
  issuing_body: string;
  subject: string;
  scope: string;
  scope_at: string;
  from: number;
  to: number;
  team: TeamRow[];
}

export interface Problem { key: MessageKey; params?: Record<string, string | number> }
export type FieldProblems = Record<string, Problem>;

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

/** What is wrong before sending, by the API's field names ("period" for the years, "team"). */
export function checkInspection(f: InspectionForm): FieldProblems {
  const p: FieldProblems = {};
  for (const k of ['decision_number', 'issuing_body', 'subject', 'scope'] as const) {
    if (!f[k].trim()) p[k] = { key: 'insp.err.required' };
  }
  if (!f.decision_date) p.decision_date = { key: 'insp.err.required' };
  else if (!isDate(f.decision_date)) p.decision_date = { key: 'insp.err.date' };
  if (f.scope_at && !isDate(f.scope_at)) p.scope_at = { key: 'insp.err.date' };
  if (f.from > f.to) p.period = { key: 'insp.err.years' };
  const bad = f.team.findIndex((r) => !blank(r) && (!r.title.trim() || !r.body.trim()));
  if (bad >= 0) p.team = { key: 'insp.err.member', params: { n: bad + 1 } };
  return p;
}

export function toNewInspection(f: InspectionForm): NewInspection {
  const body: NewInspection = {
    decision_number: f.decision_number.trim(),
    decision_date: f.decision_date,
    issuing_body: f.issuing_body.trim(),
    subject: f.subject.trim(),
    scope: f.scope.trim(),
    period: `${f.from}..${f.to}`,
    team: teamToApi(f.team),
  };
  if (f.scope_at) body.scope_at = f.scope_at;
  return body;
}

/** The form field a server error belongs to: "team.head", "team.user"… go to the team. */
export function formField(serverField: string | null): string | null {
  if (!serverField) return null;
  return serverField === 'team' || serverField.startsWith('team.') || serverField.startsWith('team[') ? 'team' : serverField;
}

/** Today in the browser's time zone as YYYY-MM-DD (deadlines are calendar dates). */
export function todayIso(d: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Past its deadline and not done (the server says "overdue"; a date check covers the day
 *  the deadline passes while the page is open). */
export function isOverdue(r: Pick<Recommendation, 'status' | 'deadline'>, today: string): boolean {
  return r.status === 'overdue' || (r.status !== 'done' && r.deadline < today);
}

/** Overdue ones first, then by deadline. */
export function sortRecommendations<T extends Pick<Recommendation, 'status' | 'deadline' | 'id'>>(rs: T[], today: string): T[] {
  return [...rs].sort((a, b) => Number(isOverdue(b, today)) - Number(isOverdue(a, today)) || a.deadline.localeCompare(b.deadline) || a.id - b.id);
}

export interface ResultRow { key: string; set: Evaluation; rate: number | null; notMet: Evaluation['units'] }

/** One row per criteria set and year, in set then year order, with the share met (0–100). */
export function resultRows(evals: Evaluation[]): ResultRow[] {
  return [...evals]
    .sort((a, b) => a.criteria_set.localeCompare(b.criteria_set) || a.year - b.year)
    .map((e) => ({
      key: `${e.criteria_set}-${e.year}`,
      set: e,
      rate: e.total > 0 ? (100 * e.met) / e.total : null,
      notMet: e.units.filter((u) => !u.met),
    }));
}

/** The user's-language sentence for the refusals these forms expect (the server writes English);
 *  null keeps the server's own message. */
export function knownRefusal(e: { code: string; field: string | null; message: string }): Problem | null {
  const quoted = /'([^']*)'/.exec(e.message)?.[1];
  if (e.code === 'not_found' && quoted !== undefined && (e.field === 'scope' || e.field === 'unit' || e.field === 'responsible_unit')) {
    return { key: 'insp.err.noUnit', params: { code: quoted } };
  }
  if (e.code === 'not_found' && quoted !== undefined && e.field === 'team.user') return { key: 'insp.err.noUser', params: { user: quoted } };
  if (e.field === 'team.head') return { key: 'insp.err.oneHead' };
  return null;
}
