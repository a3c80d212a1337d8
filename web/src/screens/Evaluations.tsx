// Evaluations: which units under the user's area meet a criteria set in an assessment year,
// and for each unit that does not, which criteria fail and why.
import { api } from '../api';
import { t, lang, nameOf } from '../i18n';
import { useApp } from '../store';
import { useAsync } from '../hooks';
import { setParams, useRoute } from '../router';
import { formatNumber, formatPercent, formatDate } from '../format';
import { Empty, ErrorBox, Loading, Pill } from '../components/ui';
import { DataTable } from '../components/DataTable';
import { failureReasons, filterUnits, unitsLevel } from '../evaluations';
import type { MessageKey } from '../messages';

export function Evaluations() {
  const app = useApp();
  const route = useRoute();
  const sets = app.catalog.criteria_sets ?? [];
  const code = route.params.get('criteria') || sets[0]?.code || '';
  const defaultYear = app.defaultMonth.slice(0, 4);
  const year = /^\d{4}$/.test(route.params.get('year') || '') ? route.params.get('year')! : defaultYear;
  const onlyFailed = route.params.get('failed') === '1';
  const reasonParam = route.params.get('reason');
  const ev = useAsync(() => (code ? api.evaluations({ criteria: code, under: app.area, period: year }) : Promise.resolve(null)), [code, year, app.area]);
  const years: string[] = [];
  for (let y = new Date().getFullYear(); y >= 2015; y--) years.push(String(y));
  const allUnits = ev.data?.units ?? [];
  const reasons = failureReasons(allUnits);
  const reason = reasons.find((r) => r.code === reasonParam) ?? null;
  const units = filterUnits(allUnits, { failed: onlyFailed, reason: reason?.code });
  const failing = allUnits.filter((u) => !u.met).length;
  const level = unitsLevel(allUnits);
  const n = (x: number) => formatNumber(lang(), x);
  const countKey = (level === 'commune' || level === 'residential' ? `eval.failCount.${level}` : 'eval.failCount') as MessageKey;

  return (
    <section class="screen" aria-labelledby="eval-title">
      <div class="screen-head">
        <div>
          <h1 id="eval-title">{t('eval.title')}</h1>
          {ev.data && <p class="subtitle">{nameOf(ev.data)}</p>}
        </div>
      </div>
      <div class="panel filters">
        <div class="field">
          <label for="eval-criteria">{t('eval.criteria')}</label>
          <select id="eval-criteria" value={code} onChange={(e) => setParams({ criteria: (e.currentTarget as HTMLSelectElement).value })}>
            {sets.map((s) => <option key={s.code} value={s.code}>{nameOf(s)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="eval-year">{t('eval.year')}</label>
          <select id="eval-year" value={year} onChange={(e) => setParams({ year: (e.currentTarget as HTMLSelectElement).value })}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
        <div class="field check">
          <input id="eval-failed" type="checkbox" checked={onlyFailed} onChange={(e) => setParams({ failed: (e.currentTarget as HTMLInputElement).checked ? '1' : undefined })} />
          <label for="eval-failed">{t('eval.onlyNotMet')}</label>
        </div>
        <div class="field">
          <label for="eval-reason">{t('eval.reasonFilter')}</label>
          <select id="eval-reason" value={reason?.code ?? ''} disabled={reasons.length === 0}
            onChange={(e) => setParams({ reason: (e.currentTarget as HTMLSelectElement).value || undefined })}>
            <option value="">{t('eval.anyReason')}</option>
            {reasons.map((r) => <option key={r.code} value={r.code}>{t('eval.reasonOption', { reason: nameOf(r), n: n(r.units) })}</option>)}
          </select>
        </div>
      </div>
      <ErrorBox error={ev.error} onRetry={ev.reload} />
      {!ev.data && ev.loading && <Loading />}
      {ev.data && (
        <>
          <div class="panel" aria-busy={ev.loading}>
            <p class="big" data-testid="eval-summary">
              {t('eval.summary', { met: formatNumber(lang(), ev.data.met), total: formatNumber(lang(), ev.data.total), rate: formatPercent(lang(), ev.data.total ? (100 * ev.data.met) / ev.data.total : null) })}
              <span class="muted"> · {formatDate(lang(), ev.data.day)}</span>
            </p>
            <p class="fail-count" data-testid="eval-failing">
              {t(countKey, { n: n(failing), total: n(ev.data.total) })}
              {(onlyFailed || reason) && <> · {reason ? t('eval.showingReason', { n: n(units.length), reason: nameOf(reason) }) : t('eval.showingFailed', { n: n(units.length) })}</>}
              {(onlyFailed || reason) && <> <button type="button" class="linklike" onClick={() => setParams({ failed: undefined, reason: undefined })}>{t('eval.showAll')}</button></>}
            </p>
            <dl class="kv">
              <div><dt>{t('eval.basis')}</dt><dd>{ev.data.basis}</dd></div>
              {ev.data.recogniser && <div><dt>{t('eval.recogniser')}</dt><dd>{ev.data.recogniser}</dd></div>}
            </dl>
          </div>
          <div class="panel">
            {ev.data.units.length === 0 ? <Empty>{t('eval.none')}</Empty> : units.length === 0 ? <Empty>{failing === 0 ? t('eval.allMet') : t('eval.noneForFilter')}</Empty> : (
              <DataTable rows={units} rowKey={(u) => u.unit.code} caption={t('eval.title')} testid="eval-table" columns={[
                { key: 'unit', label: t('common.unit'), rowHeader: true, cell: (u) => u.unit.name },
                { key: 'state', label: t('common.state'), cell: (u) => (u.met ? <Pill kind="approved">{t('eval.met')}</Pill> : <Pill kind="overdue">{t('eval.notMet')}</Pill>) },
                { key: 'reasons', label: t('eval.reasons'), cell: (u) => (u.met ? '–' : (
                  <ul class="plain">
                    {u.criteria.filter((c) => c.state !== 'met').map((c) => (
                      <li key={c.code} class={reason && c.code === reason.code ? 'hit' : undefined}>
                        {(lang() === 'en' ? c.reason_en : c.reason) || nameOf(c)}
                        {c.state !== 'failed' && <span class="muted"> ({t(`eval.criterion.${c.state}` as MessageKey) ?? c.state})</span>}
                      </li>
                    ))}
                  </ul>
                )) },
              ]} />
            )}
          </div>
        </>
      )}
    </section>
  );
}
