import { describe, expect, it } from 'vitest';
import { actionName, auditChange, auditValue } from './actions';

describe('audit wording', () => {
  it('names known actions and keeps unknown codes', () => {
    expect(actionName('vi', 'report.approve')).toBe('Duyệt báo cáo');
    expect(actionName('en', 'value.set')).toBe('Figure saved');
    expect(actionName('vi', 'something.new')).toBe('something.new');
  });
  it('names report states and keeps reasons', () => {
    expect(auditValue('vi', 'draft: Kiểm tra lại số tin báo')).toBe('bản nháp: Kiểm tra lại số tin báo');
    expect(auditValue('en', 'approved')).toBe('approved');
    expect(auditValue('vi', '12')).toBe('12');
    expect(auditChange('vi', 'submitted', 'approved')).toBe('đã nộp → đã duyệt');
    expect(auditChange('en', null, '5')).toBe('∅ → 5');
    expect(auditChange('en', null, null)).toBe('–');
  });
});
