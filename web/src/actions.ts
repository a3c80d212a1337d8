// Names of audit actions (the server's action codes) in both languages; unknown codes show as they are.
import type { Lang } from './format';

const ACTIONS: Record<string, [string, string]> = {
  "catalog.load": ["Nạp danh mục", "Catalogue loaded"],
  "evaluation.confirm": ["Xác nhận kết quả đánh giá", "Evaluation confirmed"],
  "evaluation.set": ["Lưu kết quả đánh giá", "Evaluation stored"],
  "evaluation.update": ["Sửa kết quả đánh giá", "Evaluation changed"],
  "event.add": ["Thêm sự kiện", "Event added"],
  "event.delete": ["Xoá sự kiện", "Event deleted"],
  "event.edit": ["Sửa sự kiện", "Event edited"],
  "event.import": ["Nhập sự kiện từ tệp", "Events imported"],
  "event.restore": ["Khôi phục sự kiện", "Event restored"],
  "inspection.finding": ["Ghi kết luận kiểm tra", "Finding recorded"],
  "inspection.open": ["Mở cuộc kiểm tra", "Inspection opened"],
  "inspection.snapshot": ["Chốt kết quả kiểm tra", "Results frozen"],
  "recommendation.add": ["Thêm kiến nghị", "Recommendation issued"],
  "recommendation.update": ["Cập nhật kiến nghị", "Recommendation followed up"],
  "report.approve": ["Duyệt báo cáo", "Report approved"],
  "report.lock": ["Khoá báo cáo", "Report locked"],
  "report.reopen": ["Mở lại báo cáo", "Report reopened"],
  "report.return": ["Trả lại báo cáo", "Report returned"],
  "report.submit": ["Nộp báo cáo", "Report submitted"],
  "report.unlock": ["Mở khoá báo cáo", "Report unlocked"],
  "session.end": ["Đăng xuất", "Signed out"],
  "session.end_all": ["Đăng xuất mọi nơi", "Signed out everywhere"],
  "session.fail": ["Đăng nhập không thành công", "Failed sign-in"],
  "session.start": ["Đăng nhập", "Signed in"],
  "token.issue": ["Cấp mã truy cập", "Token issued"],
  "user.add": ["Thêm người dùng", "User added"],
  "user.disable": ["Khoá tài khoản", "User disabled"],
  "user.enable": ["Mở khoá tài khoản", "User enabled"],
  "user.password": ["Đổi mật khẩu", "Password changed"],
  "value.clear": ["Xoá số liệu", "Figure cleared"],
  "value.set": ["Nhập số liệu", "Figure saved"],
};

export function actionName(lang: Lang, code: string): string {
  const a = ACTIONS[code];
  return a ? a[lang === 'vi' ? 0 : 1] : code;
}

const STATES: Record<string, [string, string]> = {
  draft: ['bản nháp', 'draft'],
  submitted: ['đã nộp', 'submitted'],
  approved: ['đã duyệt', 'approved'],
  locked: ['đã khoá', 'locked'],
};

/** An audit value: report states are named in the language ("draft: reason" keeps the reason). */
export function auditValue(lang: Lang, v: string | null): string {
  if (v === null) return '∅';
  const m = /^(draft|submitted|approved|locked)(:.*)?$/s.exec(v);
  if (!m) return v;
  return STATES[m[1]][lang === 'vi' ? 0 : 1] + (m[2] ?? '');
}

/** "old → new", or a dash when the entry has neither. */
export function auditChange(lang: Lang, oldValue: string | null, newValue: string | null): string {
  if (oldValue === null && newValue === null) return '–';
  return `${auditValue(lang, oldValue)} → ${auditValue(lang, newValue)}`;
}
