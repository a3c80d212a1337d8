// Small shared UI pieces: links, messages, the sample-data marker, the month picker, state badges.
import type { ComponentChildren, AnchorHTMLAttributes } from 'preact';
import { navigate } from '../router';
import { t, lang } from '../i18n';
import { ApiError } from '../api';
import { addMonths, formatPeriod } from '../format';
import type { MessageKey } from '../messages';

export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { href, onClick, ...rest } = props;
  return (
    <a
      {...rest}
      href={href}
      onClick={(e) => {
        if (onClick) (onClick as (ev: MouseEvent) => void)(e as unknown as MouseEvent);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    />
  );
}

/** A user-facing sentence for an API error (with the field it names). */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'network') return t('common.network');
    if (e.status === 403) return `${t('common.forbidden')} (${e.message})`;
    if (e.status === 404) return `${t('common.notFound')} ${e.message}`;
    return e.field ? t('common.errorField', { field: e.field, message: e.message }) : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div class="msg msg-error" role="alert">
      <span>{t('common.error', { message: errorText(error) })}</span>
      {onRetry && <button type="button" class="btn btn-small" onClick={onRetry}>{t('common.retry')}</button>}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

export function Loading({ label }: { label?: string }) {
  return <p class="loading" role="status" aria-live="polite"><span class="dot" aria-hidden="true" />{label ?? t('common.loading')}</p>;
}

/** "Dữ liệu mẫu / Sample data" marker for screens that show the sample data set. */
export function SampleBadge({ sample }: { sample: boolean }) {
  if (!sample) return null;
  return (
    <p class="sample" role="note" data-testid="sample-marker">
      <strong>{t('sample.badge')}</strong>
      <span> — {t('sample.note')}</span>
    </p>
  );
}

export function Pill({ kind, children }: { kind: string; children: ComponentChildren }) {
  return <span class={`pill pill-${kind}`}>{children}</span>;
}

export function ProgressPill({ progress }: { progress: string }) {
  return <Pill kind={progress}>{t(`progress.${progress}` as MessageKey)}</Pill>;
}

export function StatePill({ state }: { state: string }) {
  return <Pill kind={state}>{t(`state.${state}` as MessageKey)}</Pill>;
}

/** Month picker: month and year lists (named in the user's language, and usable in every
 *  browser) with previous and next buttons, in "YYYYMM" codes. */
export function MonthPicker({ id, value, onChange, label }: { id: string; value: string; onChange: (m: string) => void; label?: string }) {
  const year = +value.slice(0, 4);
  const month = +value.slice(4, 6);
  const thisYear = new Date().getFullYear();
  const years: number[] = [];
  for (let y = Math.min(2015, year); y <= Math.max(thisYear + 1, year); y++) years.push(y);
  const set = (y: number, m: number) => onChange(`${y}${String(m).padStart(2, '0')}`);
  return (
    <fieldset class="month-picker">
      <legend>{label ?? t('common.period')}</legend>
      <div class="row">
        <button type="button" class="btn btn-icon" aria-label={`${t('common.prev')}: ${formatPeriod(lang(), addMonths(value, -1))}`} onClick={() => onChange(addMonths(value, -1))}>‹</button>
        <select id={id} aria-label={t('common.month')} value={String(month)} onChange={(e) => set(year, +(e.currentTarget as HTMLSelectElement).value)}>
          {Array.from({ length: 12 }, (_, i) => <option key={i} value={String(i + 1)}>{monthName(i + 1)}</option>)}
        </select>
        <select id={`${id}-year`} aria-label={t('common.year')} value={String(year)} onChange={(e) => set(+(e.currentTarget as HTMLSelectElement).value, month)}>
          {years.map((y) => <option key={y} value={String(y)}>{y}</option>)}
        </select>
        <button type="button" class="btn btn-icon" aria-label={`${t('common.next')}: ${formatPeriod(lang(), addMonths(value, 1))}`} onClick={() => onChange(addMonths(value, 1))}>›</button>
      </div>
    </fieldset>
  );
}

function monthName(m: number): string {
  return lang() === 'vi' ? `Tháng ${m}` : formatPeriod('en', `2000${String(m).padStart(2, '0')}`).replace(' 2000', '');
}

/** Year picker: a year list with previous and next buttons. */
export function YearPicker({ id, value, onChange, label }: { id: string; value: string; onChange: (y: string) => void; label?: string }) {
  const year = +value;
  const years: number[] = [];
  for (let y = Math.min(2015, year); y <= Math.max(new Date().getFullYear() + 1, year); y++) years.push(y);
  return (
    <fieldset class="month-picker">
      <legend>{label ?? t('common.period')}</legend>
      <div class="row">
        <button type="button" class="btn btn-icon" aria-label={`${t('common.prev')}: ${year - 1}`} onClick={() => onChange(String(year - 1))}>‹</button>
        <select id={id} aria-label={t('common.year')} value={String(year)} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
          {years.map((y) => <option key={y} value={String(y)}>{y}</option>)}
        </select>
        <button type="button" class="btn btn-icon" aria-label={`${t('common.next')}: ${year + 1}`} onClick={() => onChange(String(year + 1))}>›</button>
      </div>
    </fieldset>
  );
}
