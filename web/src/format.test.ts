import { describe, expect, it } from 'vitest';
import {
  addMonths, fold, formatDate, formatNumber, formatPercent, formatPeriod, formatPeriodWithWindow,
  formatWindow, isMonth, monthEnd, monthOf, periodKind,
} from './format';

describe('numbers', () => {
  it('groups thousands for the language', () => {
    expect(formatNumber('vi', 527800)).toBe('527.800');
    expect(formatNumber('en', 527800)).toBe('527,800');
  });
  it('writes decimals with the language separator', () => {
    expect(formatNumber('vi', 1234.56)).toBe('1.234,6');
    expect(formatNumber('en', 1234.56)).toBe('1,234.6');
  });
  it('writes percentages as the documents do', () => {
    expect(formatPercent('vi', 82.4)).toBe('82,4\u00a0%');
    expect(formatPercent('en', 82.4)).toBe('82.4%');
    expect(formatPercent('vi', 99.14)).toBe('99,1\u00a0%');
    expect(formatPercent('en', 100)).toBe('100%');
  });
  it('shows a dash for missing values', () => {
    expect(formatNumber('vi', null)).toBe('–');
    expect(formatPercent('en', undefined)).toBe('–');
    expect(formatNumber('en', Number.NaN)).toBe('–');
  });
});

describe('periods and dates', () => {
  it('names months, quarters and years', () => {
    expect(formatPeriod('vi', '202303')).toBe('Tháng 3/2023');
    expect(formatPeriod('en', '202303')).toBe('March 2023');
    expect(formatPeriod('vi', '2023Q1')).toBe('Quý 1/2023');
    expect(formatPeriod('en', '2023Q1')).toBe('Q1 2023');
    expect(formatPeriod('vi', '2023')).toBe('Năm 2023');
    expect(formatPeriod('en', '2023')).toBe('2023');
    expect(formatPeriod('en', 'xyz')).toBe('xyz');
  });
  it('writes a cut-off window with the period', () => {
    expect(formatPeriodWithWindow('vi', '202303', '2023-02-15', '2023-03-14')).toBe('Tháng 3/2023: 15/02–14/03/2023');
    expect(formatPeriodWithWindow('en', '202303', '2023-02-15', '2023-03-14')).toBe('March 2023: 15 Feb – 14 Mar 2023');
  });
  it('writes the year twice when a window crosses it', () => {
    expect(formatWindow('vi', '2022-12-15', '2023-01-14')).toBe('15/12/2022–14/01/2023');
    expect(formatWindow('en', '2022-12-15', '2023-01-14')).toBe('15 Dec 2022 – 14 Jan 2023');
  });
  it('formats dates', () => {
    expect(formatDate('vi', '2020-01-05')).toBe('05/01/2020');
    expect(formatDate('en', '2020-01-05')).toBe('5 Jan 2020');
    expect(formatDate('vi', null)).toBe('–');
  });
  it('does month arithmetic', () => {
    expect(addMonths('202301', -1)).toBe('202212');
    expect(addMonths('202212', 1)).toBe('202301');
    expect(addMonths('202209', -11)).toBe('202110');
    expect(addMonths('202209', 24)).toBe('202409');
    expect(monthOf('2022-12-31')).toBe('202212');
    expect(monthEnd('202202')).toBe('2022-02-28');
    expect(monthEnd('202402')).toBe('2024-02-29');
    expect(monthEnd('202209')).toBe('2022-09-30');
    expect(isMonth('202213')).toBe(false);
    expect(isMonth('202209')).toBe(true);
    expect(periodKind('2023W5')).toBe('other');
  });
});

describe('accent folding', () => {
  it('folds Vietnamese names', () => {
    expect(fold('Xã Đắk Hà')).toBe('xa dak ha');
    expect(fold('  Ngọk   Bay ')).toBe('ngok bay');
    expect(fold('Đăk Hà').includes(fold('dak ha'))).toBe(true);
  });
});
