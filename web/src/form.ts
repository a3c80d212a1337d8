// Data-entry form logic, without any UI: sections from the catalogue, checks of one value as it
// is typed (from the element's type, minimum and maximum), what to send on save, and which field
// a server violation or error belongs to.
import type { Category, DataSet, DataValue, Element, Option, Violation } from './types';
import type { MessageKey } from './messages';

export interface Section { key: string; elements: Element[] }

const KNOWN_SECTIONS = new Set(['security', 'tips', 'education', 'crime', 'online', 'prestige',
  'documents', 'youth', 'handin', 'models', 'atantt', 'households', 'score', 'classification', 'ntm']);

/** The section an element belongs to: the part of its code before the first dot. */
export function sectionOf(code: string): string {
  const p = code.split('.')[0];
  return KNOWN_SECTIONS.has(p) ? p : 'other';
}

/** The data set's elements grouped into sections, in catalogue order; computed elements and
 *  elements not reported yet at `windowEnd` (valid_from after it) are left out. */
export function buildSections(ds: DataSet, elements: Map<string, Element>, windowEnd?: string): Section[] {
  const out: Section[] = [];
  const byKey = new Map<string, Section>();
  for (const code of ds.elements) {
    const el = elements.get(code);
    if (!el || el.computed) continue;
    if (windowEnd && el.valid_from && el.valid_from > windowEnd) continue;
    const key = sectionOf(code);
    let s = byKey.get(key);
    if (!s) {
      s = { key, elements: [] };
      byKey.set(key, s);
      out.push(s);
    }
    s.elements.push(el);
  }
  return out;
}

export interface Problem { key: MessageKey; params?: Record<string, string | number> }

const INT_MAX = 2147483647;

/** Checks one typed value; null when it is acceptable (an empty value is acceptable: it clears). */
export function checkValue(el: Element, raw: string): Problem | null {
  const v = raw.trim();
  if (v === '') return null;
  const min = el.min ?? 0;
  const max = el.max ?? (el.value_type === 'integer_zero_or_positive' ? INT_MAX : 999999999999999);
  switch (el.value_type) {
    case 'integer_zero_or_positive':
    case 'integer': {
      if (/^-\s*\d/.test(v)) return { key: 'val.negative' };
      if (!/^\d+$/.test(v)) return { key: 'val.integer', params: { min, max } };
      const n = Number(v);
      if (n > max) return { key: 'val.tooLarge', params: { max } };
      if (n < min) return { key: 'val.tooSmall', params: { min } };
      return null;
    }
    case 'number': {
      if (/^-\s*\d/.test(v) && min >= 0) return { key: 'val.negative' };
      if (!/^-?\d+([.,]\d+)?$/.test(v)) return { key: 'val.number', params: { min, max } };
      const n = Number(v.replace(',', '.'));
      if (n > max) return { key: 'val.tooLarge', params: { max } };
      if (n < min) return { key: 'val.tooSmall', params: { min } };
      return null;
    }
    case 'boolean':
      return v === '1' || v === '0' ? null : { key: 'val.boolean' };
    case 'text':
      return v.length > 4000 ? { key: 'val.text', params: { max: 4000 } } : null;
    default:
      return null;
  }
}

/** The form's text for a stored value. */
export function toRaw(v: DataValue['value']): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** The typed value as the API wants it (numbers with a dot). */
export function toApi(el: Element, raw: string): string {
  const v = raw.trim();
  if (el.value_type === 'number') return v.replace(',', '.');
  return v;
}

/** Stored values keyed by element code (options are shown as element.option). */
export function rawValues(values: DataValue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) out[v.option ? `${v.element}.${v.option}` : v.element] = toRaw(v.value);
  return out;
}

/** One input of the form: an element, or one option of an element with a breakdown
 *  (its key is "element.option", as the API writes it). */
export interface FieldSpec { key: string; el: Element; option?: Option }

/** The inputs of an element: one, or one per option of its category. */
export function fieldsOf(el: Element, categories: Map<string, Category>): FieldSpec[] {
  const cat = el.category ? categories.get(el.category) : undefined;
  if (!cat || cat.options.length === 0) return [{ key: el.code, el }];
  return cat.options.map((o) => ({ key: `${el.code}.${o.code}`, el, option: o }));
}

export interface Changes {
  set: { element: string; value: string }[];
  /** Elements to clear (DELETE ?element=…); a cleared option clears its whole element, and the
   *  element's other options are then written again in `set`. */
  clear: string[];
}

/** What changed between the stored and the typed values (`fields` are the form's inputs). */
export function diffValues(stored: Record<string, string>, typed: Record<string, string>, fields: FieldSpec[]): Changes {
  const set: Changes['set'] = [];
  const clear = new Set<string>();
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const [key, raw] of Object.entries(typed)) {
    const before = (stored[key] ?? '').trim();
    const now = raw.trim();
    if (before === now) continue;
    const f = byKey.get(key);
    if (now === '') {
      if (before !== '') clear.add(f?.option ? f.el.code : key);
    } else {
      set.push({ element: key, value: f ? toApi(f.el, now) : now });
    }
  }
  // Options of a cleared element that keep a value are written again after the clear.
  for (const f of fields) {
    if (!f.option || !clear.has(f.el.code)) continue;
    const now = (typed[f.key] ?? stored[f.key] ?? '').trim();
    if (now !== '' && !set.some((x) => x.element === f.key)) set.push({ element: f.key, value: toApi(f.el, now) });
  }
  return { set, clear: [...clear] };
}

/** The elements a violation names: those whose code starts its rule code
 *  ("tips.valuable_le_received" → tips.valuable), else none (shown above the form). */
export function violationElements(v: Violation, codes: string[]): string[] {
  const hits = codes.filter((c) => v.rule === c || v.rule.startsWith(c + '_') || v.rule.startsWith(c + '.'));
  if (hits.length === 0) return [];
  const longest = Math.max(...hits.map((h) => h.length));
  return hits.filter((h) => h.length === longest);
}

/** The running total of an element's options as typed, for the form's "Tổng" line: only for a
 *  summed numeric element whose options share one unit (kilograms are not added to pieces);
 *  null when there is nothing to add or a typed value is not valid yet. */
export function optionTotal(fields: FieldSpec[], typed: Record<string, string>): number | null {
  const el = fields[0]?.el;
  if (!el || !fields[0].option || el.aggregation !== 'sum') return null;
  if (el.value_type !== 'integer_zero_or_positive' && el.value_type !== 'number') return null;
  if (new Set(fields.map((f) => f.option?.unit ?? '')).size > 1) return null;
  let total = 0;
  let any = false;
  for (const f of fields) {
    const raw = (typed[f.key] ?? '').trim();
    if (raw === '') continue;
    if (checkValue(el, raw) !== null) return null;
    total += Number(raw.replace(',', '.'));
    any = true;
  }
  return any ? total : null;
}
