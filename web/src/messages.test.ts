import { describe, expect, it } from 'vitest';
import { en, vi } from './messages';
import { interpolate, translate } from './i18n';

describe('message catalogue', () => {
  it('has every label in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [k, v] of Object.entries(vi)) expect(v.trim(), k).not.toBe('');
    for (const [k, v] of Object.entries(en)) expect(v.trim(), k).not.toBe('');
  });
  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(vi) as (keyof typeof vi)[]) expect(names(en[k]), k).toEqual(names(vi[k]));
  });
  it('fills placeholders', () => {
    expect(interpolate('{a} và {b}', { a: 1, b: 'x' })).toBe('1 và x');
    expect(interpolate('{a} {missing}', { a: 1 })).toBe('1 {missing}');
    expect(translate('en', 'entry.deadline', { date: '16 Sep 2022' })).toBe('Deadline: 16 Sep 2022');
    expect(translate('vi', 'entry.deadline', { date: '16/09/2022' })).toBe('Hạn nộp: 16/09/2022');
  });
});
