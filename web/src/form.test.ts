import { describe, expect, it } from 'vitest';
import { buildSections, checkValue, diffValues, fieldsOf, optionTotal, rawValues, sectionOf, toApi, violationElements } from './form';
import type { DataSet, Element } from './types';

const el = (code: string, value_type: string, extra: Partial<Element> = {}): Element => ({
  code, name: code, name_en: code, description: null, value_type, accepts: '', aggregation: 'sum', category: null,
  computed: false, unit: null, unit_en: null, valid_from: null, ...extra,
});

const count = el('tips.received', 'integer_zero_or_positive', { min: 0, max: 2147483647 });
const rate = el('score.rate', 'number', { min: 0, max: 100 });
const flag = el('security.hotspot_listed', 'boolean');
const text = el('atantt.resolution_ref', 'text');

describe('checkValue', () => {
  it('accepts empty values (they clear the field)', () => {
    expect(checkValue(count, '')).toBeNull();
    expect(checkValue(count, '   ')).toBeNull();
  });
  it('accepts whole numbers in range', () => {
    expect(checkValue(count, '0')).toBeNull();
    expect(checkValue(count, ' 14 ')).toBeNull();
    expect(checkValue(count, '2147483647')).toBeNull();
  });
  it('refuses negative, decimal, text and too large counts', () => {
    expect(checkValue(count, '-5')?.key).toBe('val.negative');
    expect(checkValue(count, '1.5')?.key).toBe('val.integer');
    expect(checkValue(count, 'abc')?.key).toBe('val.integer');
    expect(checkValue(count, '12a')?.key).toBe('val.integer');
    expect(checkValue(count, '2147483648')).toEqual({ key: 'val.tooLarge', params: { max: 2147483647 } });
  });
  it('takes decimals with a comma or a dot and checks the range', () => {
    expect(checkValue(rate, '12,5')).toBeNull();
    expect(checkValue(rate, '12.5')).toBeNull();
    expect(checkValue(rate, '100.1')?.key).toBe('val.tooLarge');
    expect(checkValue(rate, '1,2,3')?.key).toBe('val.number');
    expect(checkValue(rate, '-1')?.key).toBe('val.negative');
  });
  it('checks yes/no and text', () => {
    expect(checkValue(flag, '1')).toBeNull();
    expect(checkValue(flag, 'maybe')?.key).toBe('val.boolean');
    expect(checkValue(text, 'x'.repeat(4001))?.key).toBe('val.text');
  });
});

describe('values in and out', () => {
  it('turns stored values into form text', () => {
    const raw = rawValues([
      { element: 'tips.received', option: null, value: 9, period: '202209', data_set: 'd', comment: '', stored_by: '', updated_at: '' },
      { element: 'security.hotspot_listed', option: null, value: true, period: '202209', data_set: 'd', comment: '', stored_by: '', updated_at: '' },
      { element: 'handin.items', option: 'sung', value: 2, period: '202209', data_set: 'd', comment: '', stored_by: '', updated_at: '' },
    ]);
    expect(raw).toEqual({ 'tips.received': '9', 'security.hotspot_listed': '1', 'handin.items.sung': '2' });
  });
  it('sends decimals with a dot', () => {
    expect(toApi(rate, ' 12,5 ')).toBe('12.5');
    expect(toApi(count, ' 7 ')).toBe('7');
  });
  it('finds what to set and what to clear', () => {
    const fields = [count, rate, flag].map((e) => ({ key: e.code, el: e }));
    const d = diffValues(
      { 'tips.received': '9', 'score.rate': '1', 'security.hotspot_listed': '1' },
      { 'tips.received': '9 ', 'score.rate': '2,5', 'security.hotspot_listed': '' },
      fields,
    );
    expect(d.set).toEqual([{ element: 'score.rate', value: '2.5' }]);
    expect(d.clear).toEqual(['security.hotspot_listed']);
  });
  it('splits elements with a breakdown into one field per option', () => {
    const total = el('atantt.total', 'integer_zero_or_positive', { category: 'entity_type' });
    const cats = new Map([['entity_type', { code: 'entity_type', name: '', name_en: '', options: [
      { code: 'khu_dan_cu', name: 'Khu dân cư', name_en: 'Residential areas' }, { code: 'co_quan', name: 'Cơ quan', name_en: 'Agencies' }] }]]);
    const fields = fieldsOf(total, cats);
    expect(fields.map((f) => f.key)).toEqual(['atantt.total.khu_dan_cu', 'atantt.total.co_quan']);
    expect(fieldsOf(count, cats).map((f) => f.key)).toEqual(['tips.received']);
    // Changing an option writes it as element.option.
    expect(diffValues({ 'atantt.total.khu_dan_cu': '13' }, { 'atantt.total.khu_dan_cu': '14', 'atantt.total.co_quan': '' }, fields))
      .toEqual({ set: [{ element: 'atantt.total.khu_dan_cu', value: '14' }], clear: [] });
    // Clearing one option clears the element and writes the other options again.
    expect(diffValues({ 'atantt.total.khu_dan_cu': '13', 'atantt.total.co_quan': '2' }, { 'atantt.total.khu_dan_cu': '13', 'atantt.total.co_quan': '' }, fields))
      .toEqual({ set: [{ element: 'atantt.total.khu_dan_cu', value: '13' }], clear: ['atantt.total'] });
  });
});

describe('sections', () => {
  const ds: DataSet = {
    code: 'commune-monthly', name: '', name_en: '', calendar: 'decree09', level: 'commune', period_type: 'monthly', submit_within_days: 2,
    elements: ['security.teams_anninh', 'security.teams_baove', 'tips.received', 'tips.valuable', 'x.unknown', 'computed.one'],
  };
  const elements = new Map([
    el('security.teams_anninh', 'integer_zero_or_positive'),
    el('security.teams_baove', 'integer_zero_or_positive', { valid_from: '2024-07-01' }),
    el('tips.received', 'integer_zero_or_positive'),
    el('tips.valuable', 'integer_zero_or_positive'),
    el('x.unknown', 'text'),
    el('computed.one', 'number', { computed: true }),
  ].map((e) => [e.code, e]));
  it('groups elements by the prefix of their code, in catalogue order', () => {
    const s = buildSections(ds, elements, '2024-08-14');
    expect(s.map((x) => x.key)).toEqual(['security', 'tips', 'other']);
    expect(s[0].elements.map((e) => e.code)).toEqual(['security.teams_anninh', 'security.teams_baove']);
  });
  it('leaves out elements not reported yet in the window', () => {
    const s = buildSections(ds, elements, '2022-09-14');
    expect(s[0].elements.map((e) => e.code)).toEqual(['security.teams_anninh']);
  });
  it('knows the sections', () => {
    expect(sectionOf('crime.suspects')).toBe('crime');
    expect(sectionOf('weird')).toBe('other');
  });
});

describe('violations', () => {
  it('belong to the element that starts the rule code', () => {
    const v = { data_set: 'd', importance: 'error', left: 5, right: 3, message: '', message_en: '', rule: 'tips.valuable_le_received' };
    expect(violationElements(v, ['tips.received', 'tips.valuable'])).toEqual(['tips.valuable']);
    expect(violationElements({ ...v, rule: 'crime.cleared_le_cases' }, ['tips.received'])).toEqual([]);
  });
});

describe('option totals', () => {
  const orgs = { code: 'org_type', name: 'Loại', name_en: 'Type', options: [
    { code: 'co_quan', name: 'Cơ quan', name_en: 'Agency' }, { code: 'khu_dan_cu', name: 'Khu dân cư', name_en: 'Area' }] };
  const total = el('atantt.total', 'integer_zero_or_positive', { category: 'org_type' });
  const fields = fieldsOf(total, new Map([['org_type', orgs]]));
  it('adds the options as they are typed', () => {
    expect(optionTotal(fields, { 'atantt.total.co_quan': '3', 'atantt.total.khu_dan_cu': '12' })).toBe(15);
    expect(optionTotal(fields, { 'atantt.total.co_quan': '3' })).toBe(3);
    expect(optionTotal(fields, {})).toBeNull();
  });
  it('shows no total while a value is wrong, for options in different units, or for a last value', () => {
    expect(optionTotal(fields, { 'atantt.total.co_quan': '-3', 'atantt.total.khu_dan_cu': '1' })).toBeNull();
    const items = { ...orgs, options: [{ code: 'sung', name: 'Súng', name_en: 'Guns', unit: 'khẩu' }, { code: 'no_kg', name: 'Nổ', name_en: 'Explosives', unit: 'kg' }] };
    expect(optionTotal(fieldsOf(total, new Map([['org_type', items]])), { 'atantt.total.sung': '1', 'atantt.total.no_kg': '2' })).toBeNull();
    const last = el('classification.by_class', 'integer_zero_or_positive', { category: 'org_type', aggregation: 'last' });
    expect(optionTotal(fieldsOf(last, new Map([['org_type', orgs]])), { 'classification.by_class.co_quan': '1' })).toBeNull();
    expect(optionTotal([{ key: 'tips.received', el: count }], { 'tips.received': '4' })).toBeNull();
  });
});
