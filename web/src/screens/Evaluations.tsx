// Evaluations: which units under the user's area meet a criteria set in an assessment year,
// and for each unit that does not, which criteria fail and why.
import { api } from '../api';
import { t, lang, nameOf } from '../i18n';
import { useApp } from '../store';
import { useAsync } from '../hooks';
import { setParams, useRoute } from '../router';
import { formatNumber, formatPercent, formatDate } from '../format';
import { Empty, ErrorBox, Loading, Pill } from '../components/ui';
import type { MessageKey } from '../messages';

export function Evaluations() {
  const app = useApp();
  const route = useRoute();
  const sets = app.catalog.criteria_sets ?? [];
  const code = route.params.get('criteria') || sets[0]?.code || '';
  const defaultYear = app.defaultMonth.slice(0, 4);
  const year = /^\d{4}$/.test(route.params.get('year') || '') ? route.params.get('year')! : defaultYear;
  const onlyFailed = route.params.get('failed') === '1';
  const ev = useAsync(() => (code ? api.evaluations({ criteria: code, under: app.area, period: year }) : Promise.resolve(null)), [code, year, app.area]);
  const years: string[] = [];
  for (let y = new Date().getFullYear(); y >= 2015; y--) years.push(String(y));
  const units = (ev.data?.units ?? []).filter((u) => !onlyFailed || !u.met);

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
            <dl class="kv">
              <div><dt>{t('eval.basis')}</dt><dd>{ev.data.basis}</dd></div>
              {ev.data.recogniser && <div><dt>{t('eval.recogniser')}</dt><dd>{ev.data.recogniser}</dd></div>}
            </dl>
          </div>
          <div class="panel">
            {ev.data.units.length === 0 ? <Empty>{t('eval.none')}</Empty> : units.length === 0 ? <Empty>{t('eval.allMet')}</Empty> : (
              <div class="table-scroll">
                <table class="data">
                  <thead><tr><th scope="col">{t('common.unit')}</th><th scope="col">{t('common.state')}</th><th scope="col">{t('eval.reasons')}</th></tr></thead>
                  <tbody>
                    {units.map((u) => (
                      <tr key={u.unit.code}>
                        <th scope="row">{u.unit.name}</th>
                        <td>{u.met ? <Pill kind="approved">{t('eval.met')}</Pill> : <Pill kind="overdue">{t('eval.notMet')}</Pill>}</td>
                        <td>
                          {u.met ? '–' : (
                            <ul class="plain">
                              {u.criteria.filter((c) => c.state !== 'met').map((c) => (
                                <li key={c.code}>
                                  {(lang() === 'en' ? c.reason_en : c.reason) || nameOf(c)}
                                  {c.state !== 'failed' && <span class="muted"> ({t(`eval.criterion.${c.state}` as MessageKey) ?? c.state})</span>}
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
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
