import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, type FetchLike } from './api';
import {
  changedFields, csvTemplate, fieldKind, formValues, importReportOf, inputOfError, inputsOf, matches, newEventFields, nextSort,
  parseSort, plainValue, sortParam, sortRows, typedValue,
} from './registers';
import type { Category, Event, Register, RegisterField } from './types';

const field = (code: string, type: string, extra: Partial<RegisterField> = {}): RegisterField => ({ code, name: code, name_en: code, type, required: false, ...extra });

// The shapes of the sample catalogue (GET /api/v1/catalog): propaganda and hand-in registers.
const propaganda: Register = {
  code: 'propaganda', name: 'Tuyên truyền', name_en: 'Propaganda', level: 'commune',
  fields: [
    field('place', 'text', { name: 'Địa điểm (thôn, làng)' }),
    field('form', 'enum', { options: [{ code: 'meeting', name: 'Họp dân', name_en: 'Village meeting' }, { code: 'online', name: 'Trên không gian mạng', name_en: 'Online' }] }),
    field('topic', 'text', { name: 'Chủ đề, nội dung' }),
    field('participants', 'integer_zero_or_positive', { required: true }),
  ],
};
const items: Category = { code: 'item_type', name: 'Loại', name_en: 'Type', options: [{ code: 'sung', name: 'Súng', name_en: 'Guns' }, { code: 'phao_kg', name: 'Pháo', name_en: 'Firecrackers' }] };
const handin: Register = {
  code: 'handin', name: 'Giao nộp', name_en: 'Hand-in', level: 'commune',
  fields: [field('participants', 'integer_zero_or_positive', { required: true }), field('items', 'items', { category: 'item_type' }), field('gifts', 'number'),
    field('ok', 'boolean'), field('when', 'date'), field('notes', 'long_text'), field('covered', 'units'), field('recs', 'list')],
};

describe('form inputs from the catalogue', () => {
  it('knows each field type', () => {
    expect(handin.fields.map(fieldKind)).toEqual(['integer', 'items', 'number', 'boolean', 'date', 'long_text', 'none', 'none']);
    expect(fieldKind(propaganda.fields[1])).toBe('enum');
    expect(fieldKind(field('x', 'something-new'))).toBe('none');
  });
  it('has one input per item type and none for units and lists', () => {
    expect(inputsOf(handin, [items]).map((i) => i.key)).toEqual(['participants', 'items.sung', 'items.phao_kg', 'gifts', 'ok', 'when', 'notes']);
  });
  it('fills the form from a stored event', () => {
    const inputs = inputsOf(handin, [items]);
    const v = formValues(inputs, { fields: { participants: 35, items: { phao_kg: 0.5 }, ok: true, gifts: null } });
    expect(v).toEqual({ participants: '35', 'items.sung': '', 'items.phao_kg': '0.5', gifts: '', ok: '1', when: '', notes: '' });
  });
});

describe('typed values', () => {
  it('sends numbers as numbers, with a decimal comma too', () => {
    expect(typedValue('integer', ' 45 ')).toBe(45);
    expect(typedValue('integer', '-5')).toBe(-5);
    expect(typedValue('number', '12,5')).toBe(12.5);
    expect(typedValue('number', '0.25')).toBe(0.25);
    expect(typedValue('boolean', '0')).toBe(false);
  });
  it('sends what does not read as a number as typed, so the server names the field', () => {
    expect(typedValue('integer', '1e3')).toBe('1e3');
    expect(typedValue('integer', '12a')).toBe('12a');
    expect(typedValue('integer', '99999999999999999999')).toBe('99999999999999999999');
    expect(typedValue('number', '1.2.3')).toBe('1.2.3');
  });
  it('builds a new event without empty inputs and with items as an object', () => {
    const inputs = inputsOf(handin, [items]);
    expect(newEventFields(inputs, { participants: '35', 'items.sung': '1', 'items.phao_kg': '', gifts: '2,5', ok: '', when: '2022-06-01', notes: '' }))
      .toEqual({ participants: 35, items: { sung: 1 }, gifts: 2.5, when: '2022-06-01' });
  });
  it('sends only what an edit changes; an emptied field as "" (removed); a changed item type with the others', () => {
    const inputs = inputsOf(handin, [items]);
    const before = formValues(inputs, { fields: { participants: 35, items: { sung: 1, phao_kg: 2 }, gifts: 3 } });
    expect(changedFields(inputs, before, { ...before })).toEqual({});
    expect(changedFields(inputs, before, { ...before, participants: '36', gifts: '' })).toEqual({ participants: 36, gifts: '' });
    expect(changedFields(inputs, before, { ...before, 'items.sung': '4' })).toEqual({ items: { sung: 4, phao_kg: 2 } });
    expect(changedFields(inputs, before, { ...before, 'items.sung': '', 'items.phao_kg': '' })).toEqual({ items: '' });
  });
  it('finds the input a server error names', () => {
    const keys = ['date', 'unit', 'participants', 'items.sung', 'items.phao_kg'];
    expect(inputOfError('participants', keys)).toBe('participants');
    expect(inputOfError('items.sung', keys)).toBe('items.sung');
    expect(inputOfError('items.bogus', keys)).toBe('items.sung');
    expect(inputOfError('fields', keys)).toBeNull();
    expect(inputOfError(null, keys)).toBeNull();
  });
});

const ev = (id: number, date: string, unit: string, fields: Event['fields'], by = 'can-bo-xa'): Event => ({
  id, register: 'propaganda', date, fields, deleted: false, created_by: by, created_at: '', updated_by: by, updated_at: '',
  unit: { code: String(id), name: unit, short_name: unit, type: 'Xã', level: 'commune', valid_from: null, valid_to: null },
});

describe('list search and sort', () => {
  const name = (x: { name: string; name_en?: string | null }) => x.name;
  const num = (n: number) => String(n).replace('.', ',');
  it('shows options by name and items by type', () => {
    expect(plainValue(propaganda.fields[1], 'meeting', name, num)).toBe('Họp dân');
    expect(plainValue(handin.fields[1], { sung: 1, phao_kg: 0.5 }, name, num, [items])).toBe('Súng: 1; Pháo: 0,5');
    expect(plainValue(handin.fields[0], null, name, num)).toBe('');
  });
  it('searches without accents, every word', () => {
    const e = ev(1, '2022-05-03', 'Xã Ngọk Bay', { place: 'Thôn 1', topic: 'Phòng chống ma túy' });
    const text = (x: Event) => [x.unit.name, x.fields.place, x.fields.topic].join(' ');
    expect(matches(e, 'ngok bay', text)).toBe(true);
    expect(matches(e, 'MA TUY thon', text)).toBe(true);
    expect(matches(e, 'ma tuy làng', text)).toBe(false);
    expect(matches(e, '  ', text)).toBe(true);
  });
  it('sorts numbers by value, text in Vietnamese order, empty last, stably', () => {
    const rows = [ev(1, '2022-05-03', 'Xã Đắk Hà', { participants: 45 }), ev(2, '2022-01-02', 'Xã Ngọk Bay', { participants: 120 }), ev(3, '2022-03-01', 'Xã Bờ Y', {}), ev(4, '2022-03-01', 'Xã An', { participants: 9 })];
    const value = (e: Event, key: string) => (key === 'unit' ? e.unit.name : key === 'date' ? e.date : (e.fields[key] as number | undefined));
    expect(sortRows(rows, { key: 'participants', dir: 'asc' }, value).map((e) => e.id)).toEqual([4, 1, 2, 3]);
    expect(sortRows(rows, { key: 'participants', dir: 'desc' }, value).map((e) => e.id)).toEqual([2, 1, 4, 3]);
    expect(sortRows(rows, { key: 'unit', dir: 'asc' }, value).map((e) => e.id)).toEqual([4, 3, 1, 2]);
    expect(sortRows(rows, { key: 'date', dir: 'desc' }, value).map((e) => e.id)).toEqual([1, 3, 4, 2]);
    expect(sortRows(rows, null, value)).toBe(rows);
  });
  it('keeps the sort in the URL as "-key" and flips it on a second press', () => {
    expect(parseSort('-date')).toEqual({ key: 'date', dir: 'desc' });
    expect(parseSort('unit')).toEqual({ key: 'unit', dir: 'asc' });
    expect(parseSort('')).toBeNull();
    expect(sortParam({ key: 'date', dir: 'desc' })).toBe('-date');
    expect(nextSort(null, 'unit')).toEqual({ key: 'unit', dir: 'asc' });
    expect(nextSort({ key: 'unit', dir: 'asc' }, 'unit')).toEqual({ key: 'unit', dir: 'desc' });
    expect(nextSort({ key: 'unit', dir: 'desc' }, 'unit')).toEqual({ key: 'unit', dir: 'asc' });
    expect(nextSort({ key: 'unit', dir: 'asc' }, 'date')).toEqual({ key: 'date', dir: 'asc' });
  });
});

describe('CSV import report', () => {
  // The real answers of antq serve (POST /api/v1/registers/propaganda/import).
  const refused = {
    added: 0, register: 'propaganda', rows: 3, unchanged: 0, written: false,
    problems: [
      { column: 1, field: 'date', line: 4, message: '2022-13-01 is not a date' },
      { column: 6, field: 'participants', line: 3, message: "'-3' is negative; write a whole number from 0 to 2147483647, digits only" },
      { column: null, field: null, line: 5, message: 'duplicate of line 2' },
    ],
  };
  it('reads the rows of a 422 refusal, in line order', () => {
    const r = importReportOf(new ApiError(422, 'http_422', 'Unprocessable Entity', null, refused), 'propaganda')!;
    expect(r.written).toBe(false);
    expect(r.rows).toBe(3);
    expect(r.problems.map((p) => [p.line, p.column, p.field])).toEqual([[3, 6, 'participants'], [4, 1, 'date'], [5, null, null]]);
  });
  it('turns a refusal of the whole file (an unknown column) into a one-row report', () => {
    const e = new ApiError(400, 'invalid_argument', "column 3 'colour' is not a field of register propaganda", 'bad.csv:1:3');
    expect(importReportOf(e, 'propaganda')).toEqual({
      register: 'propaganda', rows: 0, added: 0, unchanged: 0, written: false,
      problems: [{ line: 1, column: 3, field: null, message: "column 3 'colour' is not a field of register propaganda" }],
    });
  });
  it('reads a success, and leaves other errors alone', () => {
    const ok = { added: 2, problems: [], register: 'propaganda', rows: 2, unchanged: 0, written: true };
    expect(importReportOf(ok, 'propaganda')).toEqual(ok);
    expect(importReportOf(new ApiError(403, 'permission_denied', 'no'), 'propaganda')).toBeNull();
    expect(importReportOf(new ApiError(0, 'network', 'down'), 'propaganda')).toBeNull();
  });
  it('sends the file as it is, as text/csv, with the CSRF token', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fn: FetchLike = async (url, init) => {
      calls.push({ url, init: init ?? {} });
      return new Response(JSON.stringify(refused), { status: 422, headers: { 'Content-Type': 'application/json' } });
    };
    const api = new ApiClient(fn);
    api.setCsrf('tok');
    const file = new Blob(['ngày,xã,số người tham gia\n2022-05-03,23317,-3\n'], { type: 'text/csv' });
    const e = await api.importEvents('propaganda', file, { file_name: 'tt.csv', dry_run: true }).catch((x) => x);
    expect(calls[0].url).toBe('/api/v1/registers/propaganda/import?file_name=tt.csv&dry_run=true');
    const h = calls[0].init.headers as Record<string, string>;
    expect(h['Content-Type']).toBe('text/csv');
    expect(h['X-CSRF-Token']).toBe('tok');
    expect(calls[0].init.body).toBe(file);
    expect(importReportOf(e, 'propaganda')?.problems).toHaveLength(3);
  });
  it('offers a template with the titles the importer reads', () => {
    const name = (x: { name: string }) => x.name;
    expect(csvTemplate(propaganda, [], name, 'ngày', 'mã đơn vị')).toBe('\ufeffngày,mã đơn vị,"Địa điểm (thôn, làng)",form,"Chủ đề, nội dung",participants\r\n');
    expect(csvTemplate(handin, [items], name, 'date', 'unit')).toBe('\ufeffdate,unit,participants,Súng,Pháo,gifts,ok,when,notes\r\n');
  });
});
