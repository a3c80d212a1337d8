// Approval: the reports of the units below for a month with their state, reporting rates per
// unit, approve or return (with a comment), and each report's history.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t, lang } from '../i18n';
import { useApp, canApprove, canEnter } from '../store';
import { useAsync } from '../hooks';
import { setParams, useRoute, href } from '../router';
import { formatDate, formatDateTime, formatNumber, formatPercent, formatPeriod, isMonth, monthEnd } from '../format';
import { Empty, ErrorBox, Link, Loading, MonthPicker, ProgressPill, errorText } from '../components/ui';
import { HistoryTable } from '../components/HistoryTable';
import type { Progress, StatusRow } from '../types';
import type { MessageKey } from '../messages';

const DS = 'commune-monthly';
const PROGRESS: Progress[] = ['not_started', 'draft', 'overdue', 'submitted_on_time', 'submitted_late', 'approved', 'locked'];

export function Approval() {
  const app = useApp();
  const route = useRoute();
  const p = route.params.get('period');
  const period = p && isMonth(p) ? p : app.defaultMonth;
  const filter = route.params.get('state') || '';
  const approver = canApprove(app.session.role);
  const wholeYear = route.params.get('span') === 'year';
  const query = wholeYear ? period.slice(0, 4) : period;
  const status = useAsync(() => api.status(DS, { under: app.area, period: query, page_size: 1000 }), [app.area, query]);
  const areaUnit = useAsync(() => api.unit(app.area, monthEnd(period)).catch(() => null), [app.area, period]);
  const [open, setOpen] = useState<string | null>(null);
  // The row whose comment form is open, and what the comment is for.
  const [returning, setReturning] = useState<string | null>(null);
  const [commentFor, setCommentFor] = useState<'return' | 'unlock'>('return');
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState('');
  const [working, setWorking] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  const rows = (status.data?.rows.items ?? []).filter((r) => r.unit.code !== app.area || app.session.role === 'admin');
  const shown = rows.filter((r) => !filter || r.progress === filter || (filter === 'waiting' && r.status.state === 'submitted'));
  const key = (r: StatusRow) => `${r.unit.code}/${r.period}`;

  const locker = app.session.role === 'admin' || app.session.role === 'province-officer';
  const act = async (r: StatusRow, kind: 'approve' | 'return' | 'lock' | 'unlock') => {
    if ((kind === 'return' || kind === 'unlock') && !comment.trim()) {
      setCommentError(t('appr.commentRequired'));
      document.getElementById('return-comment')?.focus();
      return;
    }
    setWorking(key(r));
    setNotice(null);
    try {
      if (kind === 'approve') await api.approve(DS, r.unit.code, r.period);
      else if (kind === 'lock') await api.lock(DS, r.unit.code, r.period);
      else if (kind === 'unlock') await api.unlock(DS, r.unit.code, r.period, comment.trim());
      else await api.returnToDraft(DS, r.unit.code, r.period, comment.trim());
      const done = { approve: 'appr.approved', return: 'appr.returned', lock: 'appr.locked', unlock: 'appr.unlocked' } as const;
      setNotice({ ok: true, text: t(done[kind], { unit: r.unit.name }) });
      setReturning(null);
      setComment('');
      status.reload();
    } catch (e) {
      setNotice({ ok: false, text: errorText(e) });
    } finally {
      setWorking(null);
    }
  };

  return (
    <section class="screen" aria-labelledby="appr-title">
      <div class="screen-head">
        <div>
          <h1 id="appr-title">{approver ? t('appr.title') : t('appr.titleRead')}</h1>
          <p class="subtitle">{t('appr.area', { unit: areaUnit.data?.name ?? app.area })} · {formatPeriod(lang(), query)}</p>
        </div>
        <div class="row head-controls">
          <MonthPicker id="appr-period" value={period} onChange={(m) => setParams({ period: m })} />
          <div class="field check">
            <input id="appr-year" type="checkbox" checked={wholeYear} onChange={(e) => setParams({ span: (e.currentTarget as HTMLInputElement).checked ? 'year' : undefined })} />
            <label for="appr-year">{t('appr.wholeYear', { year: period.slice(0, 4) })}</label>
          </div>
        </div>
      </div>
      <ErrorBox error={status.error} onRetry={status.reload} />
      {notice && <p class={`msg ${notice.ok ? 'msg-ok' : 'msg-error'}`} role={notice.ok ? 'status' : 'alert'} data-testid="approval-notice">{notice.text}</p>}
      {!status.data && status.loading && <Loading />}
      {status.data && (
        <>
          <p class="rates-line" data-testid="rates-total">
            {t('appr.summary', {
              actual: formatNumber(lang(), status.data.total.actual), expected: formatNumber(lang(), status.data.total.expected),
              rate: formatPercent(lang(), status.data.total.rate), onTime: formatNumber(lang(), status.data.total.on_time),
              onTimeRate: formatPercent(lang(), status.data.total.on_time_rate),
            })}
          </p>
          <div class="panel">
            <div class="panel-head">
              <h2>{t('appr.table')}</h2>
              <div class="field inline">
                <label for="appr-filter">{t('appr.filter')}</label>
                <select id="appr-filter" value={filter} onChange={(e) => setParams({ state: (e.currentTarget as HTMLSelectElement).value || undefined })}>
                  <option value="">{t('appr.all')} ({rows.length})</option>
                  <option value="waiting">{t('dash.waiting')} ({rows.filter((r) => r.status.state === 'submitted').length})</option>
                  {PROGRESS.map((s) => <option key={s} value={s}>{t(`progress.${s}` as MessageKey)} ({status.data!.counts[s] ?? 0})</option>)}
                </select>
              </div>
            </div>
            {shown.length === 0 ? <Empty>{t('appr.none')}</Empty> : (
              <div class="table-scroll">
                <table class="data" aria-busy={status.loading}>
                  <thead>
                    <tr>
                      <th scope="col">{t('common.unit')}</th>
                      {wholeYear && <th scope="col">{t('common.period')}</th>}
                      <th scope="col">{t('common.state')}</th>
                      <th scope="col">{t('common.deadline')}</th>
                      <th scope="col">{t('appr.submittedAt')}</th>
                      <th scope="col">{t('appr.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((r) => {
                      const k = key(r);
                      const st = r.status.state;
                      return [
                        <tr key={k} data-unit={r.unit.code} data-period={r.period}>
                          <th scope="row">{r.unit.name} <span class="muted">({r.unit.code})</span></th>
                          {wholeYear && <td class="nowrap">{formatPeriod(lang(), r.period)}</td>}
                          <td><ProgressPill progress={r.progress} />{st === 'submitted' && <> <span class="pill pill-waiting">{t('dash.waiting')}</span></>}</td>
                          <td>{formatDate(lang(), r.deadline)}</td>
                          <td>{r.status.submitted_at ? formatDateTime(lang(), r.status.submitted_at) : '–'}</td>
                          <td class="actions-cell">
                            {approver && st === 'submitted' && (
                              <button type="button" class="btn btn-primary btn-small" disabled={working === k} aria-label={t('appr.approveOf', { unit: wholeYear ? `${r.unit.name}, ${formatPeriod(lang(), r.period)}` : r.unit.name })} onClick={() => act(r, 'approve')}>
                                {working === k ? t('appr.working') : t('appr.approve')}
                              </button>
                            )}
                            {approver && (st === 'submitted' || st === 'approved') && (
                              <button type="button" class="btn btn-small" aria-expanded={returning === k && commentFor === 'return'} aria-label={t('appr.returnOf', { unit: wholeYear ? `${r.unit.name}, ${formatPeriod(lang(), r.period)}` : r.unit.name })}
                                onClick={() => { setReturning(returning === k && commentFor === 'return' ? null : k); setCommentFor('return'); setCommentError(''); }}>
                                {t('appr.return')}
                              </button>
                            )}
                            {locker && st === 'approved' && (
                              <button type="button" class="btn btn-small" disabled={working === k} aria-label={t('appr.lockOf', { unit: r.unit.name })} onClick={() => act(r, 'lock')}>{t('appr.lock')}</button>
                            )}
                            {locker && st === 'locked' && (
                              <button type="button" class="btn btn-small" aria-expanded={returning === k && commentFor === 'unlock'} aria-label={t('appr.unlockOf', { unit: r.unit.name })}
                                onClick={() => { setReturning(returning === k && commentFor === 'unlock' ? null : k); setCommentFor('unlock'); setCommentError(''); }}>{t('appr.unlock')}</button>
                            )}
                            <button type="button" class="btn btn-quiet btn-small" aria-expanded={open === k} aria-label={`${t('appr.history')}: ${r.unit.name}${wholeYear ? `, ${formatPeriod(lang(), r.period)}` : ''}`} onClick={() => setOpen(open === k ? null : k)}>
                              {t('appr.history')}
                            </button>
                            <Link class="btn btn-quiet btn-small" href={href('/entry', { unit: r.unit.code, period: r.period })} aria-label={t('appr.openOf', { unit: wholeYear ? `${r.unit.name}, ${formatPeriod(lang(), r.period)}` : r.unit.name })}>
                              {canEnter(app.session.role) ? t('appr.open') : t('common.view')}
                            </Link>
                          </td>
                        </tr>,
                        returning === k && (
                          <tr key={k + '-ret'} class="sub-row">
                            <td colSpan={wholeYear ? 6 : 5}>
                              <form class="return-form" onSubmit={(e) => { e.preventDefault(); void act(r, commentFor); }}>
                                <label for="return-comment">{t(commentFor === 'return' ? 'appr.returnComment' : 'appr.unlockComment')}</label>
                                <textarea id="return-comment" rows={2} maxLength={1000} value={comment} aria-invalid={commentError ? true : undefined} aria-describedby={commentError ? 'return-comment-err' : undefined}
                                  onInput={(e) => { setComment((e.currentTarget as HTMLTextAreaElement).value); setCommentError(''); }} />
                                {commentError && <span class="field-error" id="return-comment-err" role="alert">{commentError}</span>}
                                <div class="row">
                                  <button type="submit" class="btn btn-primary btn-small" disabled={working === k}>{t(commentFor === 'return' ? 'appr.returnConfirm' : 'appr.unlockConfirm')}</button>
                                  <button type="button" class="btn btn-quiet btn-small" onClick={() => setReturning(null)}>{t('common.cancel')}</button>
                                </div>
                              </form>
                            </td>
                          </tr>
                        ),
                        open === k && (
                          <tr key={k + '-hist'} class="sub-row">
                            <td colSpan={wholeYear ? 6 : 5}>
                              <h3 class="small">{t('appr.historyOf', { unit: r.unit.name, period: formatPeriod(lang(), r.period) })}</h3>
                              <HistoryTable dsCode={DS} unit={r.unit.code} period={r.period} version={r.status.changed_at ?? ''} />
                            </td>
                          </tr>
                        ),
                      ];
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </div>
          <div class="panel">
            <h2>{t('appr.rates')}</h2>
            {status.data.by_unit.length === 0 ? <Empty>{t('dash.belowNone')}</Empty> : (
              <div class="table-scroll short">
                <table class="data">
                  <thead><tr><th scope="col">{t('common.unit')}</th><th scope="col" class="num">{t('dash.expected')}</th><th scope="col" class="num">{t('dash.actual')}</th><th scope="col" class="num">{t('dash.rate')}</th><th scope="col" class="num">{t('dash.onTimeRate')}</th></tr></thead>
                  <tbody>
                    {status.data.by_unit.map((r) => (
                      <tr key={r.unit?.code}>
                        <th scope="row">{r.unit?.name ?? '–'}</th>
                        <td class="num">{formatNumber(lang(), r.expected)}</td>
                        <td class="num">{formatNumber(lang(), r.actual)}</td>
                        <td class="num">{formatPercent(lang(), r.rate)}</td>
                        <td class="num">{formatPercent(lang(), r.on_time_rate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </>
      )}
    </section>
  );
}
