// Register logic without any UI: the form inputs a register's fields need, the conversion of
// typed text to the JSON the API wants (and back), what an edit changes, the search and sort
// of the listed events, and the row-level report of a CSV import.
import { ApiError } from './api';
import { fold } from './format';
import type { Category, Event, EventValue, ImportProblem, ImportReport, Register, RegisterField } from './types';

/** How a field is typed in the form; `none` fields (units, list) are shown but not edited here. */
export type FieldKind = 'integer' | 'number' | 'date' | 'enum' | 'boolean' | 'text' | 'long_text' | 'items' | 'none';

export function fieldKind(f: RegisterField): FieldKind {
  if (f.options && f.options.length > 0) return 'enum';
  switch (f.type) {
    case 'integer':
    case 'integer_zero_or_positive':
      return 'integer';
    case 'number':
    case 'date':
    case 'boolean':
    case 'text':
    case 'long_text':
    case 'items':
      return f.type;
    case 'enum':
      return 'enum';
    default:
      return 'none';
  }
}

/** One input of the form: a field, or one option of an items field (key "items.sung", the
 *  name the server gives an error about that quantity). */
export interface InputSpec { key: string; field: RegisterField; kind: FieldKind; option?: { code: string; name: string; name_en: string; unit?: string; unit_en?: string } }

export function inputsOf(reg: Register, categories: Category[]): InputSpec[] {
  const out: InputSpec[] = [];
  for (const f of reg.fields) {
    const kind = fieldKind(f);
    if (kind === 'none') continue;
    if (kind === 'items') {
      const cat = categories.find((c) => c.code === f.category);
      for (const o of cat?.options ?? []) out.push({ key: `${f.code}.${o.code}`, field: f, kind, option: o });
    } else out.push({ key: f.code, field: f, kind });
  }
  return out;
}

/** The form's text for each input of a stored event (empty for a new one). */
export function formValues(inputs: InputSpec[], e?: Pick<Event, 'fields'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of inputs) {
    const v = e?.fields[i.field.code];
    if (i.option) {
      const q = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, number>)[i.option.code] : undefined;
      out[i.key] = q === undefined || q === null ? '' : String(q);
    } else if (v === null || v === undefined) out[i.key] = '';
    else if (typeof v === 'boolean') out[i.key] = v ? '1' : '0';
    else out[i.key] = String(v);
  }
  return out;
}

/** One typed text as JSON: numbers as numbers when they read as one (with a decimal comma
 *  too); anything else is sent as typed so that the server's refusal names the field. */
export function typedValue(kind: FieldKind, raw: string): EventValue {
  const v = raw.trim();
  switch (kind) {
    case 'integer':
    case 'items':
      return /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : v;
    case 'number':
      return /^-?\d+([.,]\d+)?$/.test(v) ? Number(v.replace(',', '.')) : v;
    case 'boolean':
      return v === '1' ? true : v === '0' ? false : v;
    default:
      return kind === 'long_text' ? raw : v;
  }
}

/** The fields of a new event: empty inputs are left out, items become {option: quantity}. */
export function newEventFields(inputs: InputSpec[], values: Record<string, string>): Record<string, EventValue> {
  const out: Record<string, EventValue> = {};
  for (const i of inputs) {
    const raw = values[i.key] ?? '';
    if (raw.trim() === '') continue;
    if (i.option) {
      const items = (out[i.field.code] ?? {}) as Record<string, EventValue>;
      items[i.option.code] = typedValue(i.kind, raw);
      out[i.field.code] = items as EventValue;
    } else out[i.field.code] = typedValue(i.kind, raw);
  }
  return out;
}

/** The fields an edit changes: a changed field is sent whole (all quantities of an items
 *  field), a field emptied is sent as "" (the API removes it); unchanged ones are left out. */
export function changedFields(inputs: InputSpec[], before: Record<string, string>, after: Record<string, string>): Record<string, EventValue> {
  const typed = newEventFields(inputs, after);
  const out: Record<string, EventValue> = {};
  for (const i of inputs) {
    const code = i.field.code;
    if (code in out) continue;
    const keys = inputs.filter((x) => x.field.code === code).map((x) => x.key);
    const changed = keys.some((k) => (before[k] ?? '').trim() !== (after[k] ?? '').trim() || (i.kind === 'long_text' && (before[k] ?? '') !== (after[k] ?? '')));
    if (!changed) continue;
    out[code] = code in typed ? typed[code] : '';
  }
  return out;
}

/** The input an API error belongs to: "participants", "items.sung", "date" or "unit"
 *  (null when it names none of the form's inputs: shown above the buttons). */
export function inputOfError(field: string | null, keys: string[]): string | null {
  if (!field) return null;
  if (keys.includes(field)) return field;
  const head = field.split('.')[0];
  const first = keys.find((k) => k.split('.')[0] === head);
  return first ?? null;
}

// ---------------------------------------------------------------------------------------------
// The list: free-text search and sort in the browser (the API filters by area and dates only).

/** A cell as plain text (options by name, items as "Súng: 2; Pháo: 1,5"). */
export function plainValue(f: RegisterField, v: EventValue | undefined, name: (x: { name: string; name_en?: string | null }) => string, num: (n: number) => string, categories: Category[] = []): string {
  if (v === null || v === undefined || v === '') return '';
  if (f.options) {
    const o = f.options.find((x) => x.code === v);
    if (o) return name(o);
  }
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' ? Object.values(x).join(' – ') : String(x))).join('; ');
  if (typeof v === 'object') {
    const cat = categories.find((c) => c.code === f.category);
    return Object.entries(v)
      .map(([k, q]) => {
        const o = cat?.options.find((x) => x.code === k);
        return `${o ? name(o) : k}: ${typeof q === 'number' ? num(q) : String(q)}`;
      })
      .join('; ');
  }
  if (typeof v === 'number') return num(v);
  return String(v);
}

/** Whether an event matches a search (accents and case ignored; every word must appear). */
export function matches(e: Event, words: string, text: (e: Event) => string): boolean {
  const q = fold(words);
  if (!q) return true;
  const hay = fold(text(e));
  return q.split(' ').every((w) => hay.includes(w));
}

export interface Sort { key: string; dir: 'asc' | 'desc' }

/** "-date" ⇄ {key: date, dir: desc}; null for nothing. */
export function parseSort(s: string | null | undefined): Sort | null {
  if (!s) return null;
  const desc = s.startsWith('-');
  const key = desc ? s.slice(1) : s;
  return key ? { key, dir: desc ? 'desc' : 'asc' } : null;
}
export function sortParam(s: Sort | null): string | undefined {
  return s ? `${s.dir === 'desc' ? '-' : ''}${s.key}` : undefined;
}

/** The next sort when a column header is pressed: ascending, then descending. */
export function nextSort(current: Sort | null, key: string): Sort {
  return current && current.key === key && current.dir === 'asc' ? { key, dir: 'desc' } : { key, dir: 'asc' };
}

type SortValue = string | number | null | undefined;

/** A stable sort by a value per row: numbers by value, text in Vietnamese order, empty last. */
export function sortRows<T>(rows: T[], sort: Sort | null, value: (row: T, key: string) => SortValue): T[] {
  if (!sort) return rows;
  const sign = sort.dir === 'asc' ? 1 : -1;
  const coll = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
  return rows
    .map((r, i) => ({ r, i, v: value(r, sort.key) }))
    .sort((a, b) => {
      const ea = a.v === null || a.v === undefined || a.v === '';
      const eb = b.v === null || b.v === undefined || b.v === '';
      if (ea || eb) return ea === eb ? a.i - b.i : ea ? 1 : -1;
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : coll.compare(String(a.v), String(b.v));
      return c !== 0 ? sign * c : a.i - b.i;
    })
    .map((x) => x.r);
}

// ---------------------------------------------------------------------------------------------
// CSV import.

/** The report of an import from its answer: the body of a 200, the body of a 422 refusal, or a
 *  400 about the file as a whole ("tệp.csv:1:3" in `field`: an unknown column) turned into a
 *  one-row report. Null for other errors (no network, 403, …), which are shown as they are. */
export function importReportOf(answer: unknown, register: string): ImportReport | null {
  if (answer instanceof ApiError) {
    if (answer.status === 422 && isReport(answer.body)) return normalise(answer.body);
    if (answer.status === 400) {
      const m = /:(\d+)(?::(\d+))?$/.exec(answer.field ?? '');
      return { register, rows: 0, added: 0, unchanged: 0, written: false, problems: [{ line: m ? +m[1] : null, column: m?.[2] ? +m[2] : null, field: m ? null : answer.field, message: answer.message }] };
    }
    return null;
  }
  return isReport(answer) ? normalise(answer) : null;
}

function isReport(x: unknown): x is ImportReport {
  return !!x && typeof x === 'object' && 'problems' in x && Array.isArray((x as ImportReport).problems);
}

function normalise(r: ImportReport): ImportReport {
  const problems: ImportProblem[] = r.problems.map((p) => ({ line: p.line ?? null, column: p.column ?? null, field: p.field ?? null, message: String(p.message ?? '') }));
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { register: r.register, rows: r.rows ?? 0, added: r.added ?? 0, unchanged: r.unchanged ?? 0, written: !!r.written, problems };
}

/** A CSV template for a register: the titles the importer reads (date, unit code, the field
 *  names, one column per item type); units and list fields are left out. */
export function csvTemplate(reg: Register, categories: Category[], name: (x: { name: string; name_en?: string | null }) => string, dateTitle: string, unitTitle: string): string {
  const titles = [dateTitle, unitTitle];
  for (const i of inputsOf(reg, categories)) titles.push(i.option ? name(i.option) : name(i.field));
  return '\ufeff' + titles.map(csvCell).join(',') + '\r\n';
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
