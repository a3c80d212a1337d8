// Language-aware formatting of numbers, percentages, dates and period codes (pure functions).
export type Lang = 'vi' | 'en';

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

const numberLocale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-US');

const nfCache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = nfCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(numberLocale(lang), {
      minimumFractionDigits: 0,
      maximumFractionDigits: digits,
      useGrouping: true,
    });
    nfCache.set(key, f);
  }
  return f;
}

/** 527800 → "527.800" (vi) or "527,800" (en); null/undefined/NaN → "–". */
export function formatNumber(lang: Lang, value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return nf(lang, digits).format(value);
}

/** A percentage already scaled to 0–100: 82.4 → "82,4 %" (vi) or "82.4%" (en). */
export function formatPercent(lang: Lang, value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const n = nf(lang, digits).format(value);
  return lang === 'vi' ? `${n}\u00a0%` : `${n}%`;
}

/** Parses "YYYY-MM-DD" (or a timestamp) into a UTC date; null when it is not one. */
export function parseDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(iso);
  if (!m) return null;
  if (iso.length > 10) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2023-03-14" → "14/03/2023" (vi) or "14 Mar 2023" (en). */
export function formatDate(lang: Lang, iso: string | null | undefined): string {
  const d = parseDate(iso);
  if (!d || !iso) return '–';
  if (lang === 'vi') return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return `${d.getUTCDate()} ${EN_MONTHS[d.getUTCMonth()].slice(0, 3)} ${d.getUTCFullYear()}`;
}

/** A timestamp in the browser's time zone: "14/03/2023 09:05" (vi) or "14 Mar 2023, 09:05" (en). */
export function formatDateTime(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (lang === 'vi') return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${time}`;
  return `${d.getDate()} ${EN_MONTHS[d.getMonth()].slice(0, 3)} ${d.getFullYear()}, ${time}`;
}

/** A date window: "15/02–14/03/2023" (vi) or "15 Feb – 14 Mar 2023" (en). */
export function formatWindow(lang: Lang, start: string, end: string): string {
  const a = parseDate(start);
  const b = parseDate(end);
  if (!a || !b) return `${start}–${end}`;
  const sameYear = a.getUTCFullYear() === b.getUTCFullYear();
  if (lang === 'vi') {
    const left = sameYear ? `${pad(a.getUTCDate())}/${pad(a.getUTCMonth() + 1)}` : formatDate('vi', start);
    return `${left}–${formatDate('vi', end)}`;
  }
  const left = sameYear ? `${a.getUTCDate()} ${EN_MONTHS[a.getUTCMonth()].slice(0, 3)}` : formatDate('en', start);
  return `${left} – ${formatDate('en', end)}`;
}


export type PeriodKind = 'monthly' | 'quarterly' | 'yearly' | 'sixmonthly' | 'other';

/** The type of an ISO period code (DHIS2 style). */
export function periodKind(code: string): PeriodKind {
  if (/^\d{6}$/.test(code)) return 'monthly';
  if (/^\d{4}Q[1-4]$/.test(code)) return 'quarterly';
  if (/^\d{4}S[12]$/.test(code)) return 'sixmonthly';
  if (/^\d{4}$/.test(code)) return 'yearly';
  return 'other';
}

/** "202303" → "Tháng 3/2023" / "March 2023"; "2023Q1" → "Quý 1/2023" / "Q1 2023"; "2023" → "Năm 2023" / "2023". */
export function formatPeriod(lang: Lang, code: string): string {
  switch (periodKind(code)) {
    case 'monthly': {
      const y = code.slice(0, 4);
      const m = +code.slice(4, 6);
      if (m < 1 || m > 12) return code;
      return lang === 'vi' ? `Tháng ${m}/${y}` : `${EN_MONTHS[m - 1]} ${y}`;
    }
    case 'quarterly':
      return lang === 'vi' ? `Quý ${code[5]}/${code.slice(0, 4)}` : `Q${code[5]} ${code.slice(0, 4)}`;
    case 'sixmonthly':
      return lang === 'vi' ? `6 tháng ${code[5] === '1' ? 'đầu' : 'cuối'} năm ${code.slice(0, 4)}`
        : `${code[5] === '1' ? 'First' : 'Second'} half of ${code.slice(0, 4)}`;
    case 'yearly':
      return lang === 'vi' ? `Năm ${code}` : code;
    default:
      return code;
  }
}

/** Short month label for chart axes: "T3/23" (vi) or "Mar 23" (en). */
export function formatPeriodShort(lang: Lang, code: string): string {
  if (periodKind(code) !== 'monthly') return formatPeriod(lang, code);
  const m = +code.slice(4, 6);
  const y = code.slice(2, 4);
  return lang === 'vi' ? `T${m}/${y}` : `${EN_MONTHS[m - 1].slice(0, 3)} ${y}`;
}

/** "Tháng 3/2023: 15/02–14/03/2023" / "March 2023: 15 Feb – 14 Mar 2023". */
export function formatPeriodWithWindow(lang: Lang, code: string, start: string, end: string): string {
  return `${formatPeriod(lang, code)}: ${formatWindow(lang, start, end)}`;
}

/** Month arithmetic on "YYYYMM" codes. */
export function addMonths(code: string, delta: number): string {
  const y = +code.slice(0, 4);
  const m = +code.slice(4, 6) - 1 + delta;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}${pad(mm + 1)}`;
}

/** The month code of a date ("2022-12-31" → "202212"). */
export function monthOf(iso: string): string {
  return iso.slice(0, 4) + iso.slice(5, 7);
}

/** Whether a string is a valid monthly period code. */
export function isMonth(code: string): boolean {
  return /^\d{4}(0[1-9]|1[0-2])$/.test(code);
}

/** Accent- and case-insensitive key (NFD, drop marks, đ→d), for filtering names in the browser. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The last day of a month code, "202209" → "2022-09-30". */
export function monthEnd(code: string): string {
  const y = +code.slice(0, 4);
  const m = +code.slice(4, 6);
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${code.slice(0, 4)}-${code.slice(4, 6)}-${String(d).padStart(2, '0')}`;
}
