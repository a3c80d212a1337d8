import { describe, expect, it } from 'vitest';
import { serverText } from './server-text';

describe('server messages in Vietnamese', () => {
  it('says the usual refusals of a value in Vietnamese, with what to write', () => {
    expect(serverText('vi', "'-5' is negative; write a whole number from 0 to 2147483647, digits only"))
      .toBe('“-5” là số âm; hãy nhập số nguyên từ 0 đến 2147483647, chỉ gồm chữ số');
    expect(serverText('vi', "'1e3' is not a whole number (an exponent is not allowed); write a whole number from 0 to 2147483647, digits only"))
      .toBe('“1e3” không phải số nguyên (không được dùng số mũ); hãy nhập số nguyên từ 0 đến 2147483647, chỉ gồm chữ số');
    expect(serverText('vi', 'is required')).toBe('bắt buộc phải nhập');
    expect(serverText('vi', '2022-13-01 is not a date')).toBe('2022-13-01 không phải là ngày hợp lệ');
    expect(serverText('vi', "'hội nghị' is not one of meeting, loudspeaker")).toBe('“hội nghị” không thuộc các lựa chọn: meeting, loudspeaker');
  });
  it('says the refusals of a CSV row or file in Vietnamese', () => {
    expect(serverText('vi', 'duplicate of line 2')).toBe('trùng với dòng 2');
    expect(serverText('vi', '3 fields, but the header has 4')).toBe('có 3 cột, nhưng dòng tiêu đề có 4 cột');
    expect(serverText('vi', "column 3 'colour' is not a field of register propaganda")).toBe('cột 3 “colour” không phải là trường của sổ propaganda');
    expect(serverText('vi', 'this unit is outside the data-entry scope of user can-bo-xa')).toBe('đơn vị này nằm ngoài phạm vi nhập liệu của tài khoản can-bo-xa');
  });
  it('keeps an unknown message, an unknown tail, and every English message as sent', () => {
    expect(serverText('vi', 'something new happened')).toBe('something new happened');
    expect(serverText('vi', "'x' is negative; ask the office")).toBe('“x” là số âm; ask the office');
    const en = "'-5' is negative; write a whole number from 0 to 2147483647, digits only";
    expect(serverText('en', en)).toBe(en);
  });
});
