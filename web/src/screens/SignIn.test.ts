import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { setLang } from '../i18n';
import { signInErrorText } from './SignIn';

describe('sign-in messages', () => {
  it('translates a lock-out with its end time', () => {
    setLang('vi');
    const e = new ApiError(401, 'unauthenticated', 'too many wrong passwords: signing in is blocked until 2026-12-06T12:08:56Z (UTC)', 'password');
    const text = signInErrorText(e);
    expect(text).toMatch(/^Nhập sai mật khẩu quá nhiều lần: tạm khoá đăng nhập đến \d{2}\/12\/2026 \d{2}:\d{2}\.$/);
    setLang('en');
    expect(signInErrorText(e)).toMatch(/^Too many wrong passwords: signing in is blocked until \d+ Dec 2026, \d{2}:\d{2}\.$/);
  });
  it('translates a wrong password and missing fields', () => {
    setLang('vi');
    expect(signInErrorText(new ApiError(401, 'unauthenticated', 'the user name or the password is wrong', 'password'))).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(signInErrorText(new ApiError(400, 'invalid_argument', 'is required', 'password'))).toBe('Nhập tên đăng nhập và mật khẩu.');
  });
  it('passes other server messages through', () => {
    setLang('en');
    expect(signInErrorText(new ApiError(503, 'unavailable', 'the database is busy; try again'))).toBe('the database is busy; try again');
    expect(signInErrorText(new ApiError(0, 'network', 'Failed to fetch'))).toBe('Cannot reach the server. Check the network and try again.');
  });
});
