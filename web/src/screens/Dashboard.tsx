// Dashboard for the user's area and a chosen month: key figures (analytics), a 12-month trend
// (ECharts, lazy), the units one level down, and where the monthly reports stand.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { t, lang } from '../i18n';
import { useApp, childLevel } from '../store';
import { useAsync } from '../hooks';
import { setParams, useRoute, href } from '../router';
import { addMonths, formatNumber, formatPercent, formatPeriod, formatPeriodShort, formatDate, isMonth, monthEnd } from '../format';
import { Empty, ErrorBox, Link, Loading, MonthPicker, ProgressPill } from '../components/ui';
import { TrendChart } from '../components/TrendChart';
import type { MessageKey } from '../messages';
import type { QueryResult, StatusRow } from '../types';

const DS = 'commune-monthly';

interface Figure { key: MessageKey; measure: string; percent?: boolean }

export const FIGURES: Figure[] = [
  { key: 'kf.tips.received', measure: 'tips.received' },
  { key: 'kf.tips.rate', measure: '#{tips.valuable} / #{tips.received} * 100', percent: true },
  { key: 'kf.crime.cases', measure: 'crime.social_order_cases' },
  { key: 'kf.crime.rate', measure: '#{crime.cases_cleared} / #{crime.social_order_cases} * 100', percent: true },
  { key: 'kf.mediation.rate', measure: '#{security.cases_reconciled} / #{security.cases_received} * 100', percent: true },
  { key: 'kf.handin', measure: 'handin.voluntary_cases' },
  { key: 'kf.propaganda', measure: 'propaganda.sessions' },
  { key: 'kf.teams', measure: 'security.teams_anninh' },
];

const TREND = ['tips.received', 'tips.valuable', 'crime.social_order_cases'];

const fmt = (v: number | null | undefined, percent?: boolean) => (percent ? formatPercent(lang(), v) : formatNumber(lang(), v));

export function Dashboard() {
  const app = useApp();
  const route = useRoute();
  const p = route.params.get('period');
  const period = p && isMonth(p) ? p : app.defaultMonth;
  const area = route.params.get('under') || app.area;
  const started = useRef(performance.now());
  const [renderMs, setRenderMs] = useState<number | null>(null);
  const [chartDrawn, setChartDrawn] = useState(false);

  useEffect(() => {
    started.current = performance.now();
    setRenderMs(null);
    setChartDrawn(false);
  }, [period, area]);

  const date = monthEnd(period);
  const unit = useAsync(() => api.unit(area, date), [area, date]);
  const figures = useAsync(() => api.analytics({ measure: FIGURES.map((f) => f.measure), under: area, period: `${addMonths(period, -1)}..${period}`, by: 'monthly' }), [area, period]);
  const trend = useAsync(() => api.analytics({ measure: TREND, under: area, period: `${addMonths(period, -11)}..${period}`, by: 'monthly' }), [area, period]);
  const level = unit.data ? childLevel(unit.data.level, date) : null;
  const below = useAsync<QueryResult | null>(
    // Figures stored on the area itself come back as a row without a unit: left out here.
    () => (level ? api.analytics({ measure: [FIGURES[0].measure, FIGURES[1].measure, FIGURES[2].measure, FIGURES[3].measure], under: area, period, by: level })
      .then((r) => ({ ...r, rows: r.rows.filter((x) => x.unit_code) })) : Promise.resolve(null)),
    [area, period, level],
  );
  const status = useAsync(() => api.status(DS, { under: area, period, page_size: 1000 }), [area, period]);

  const allLoaded = !unit.loading && !figures.loading && !trend.loading && !below.loading && !status.loading;
  useEffect(() => {
    if (allLoaded && renderMs === null && (chartDrawn || trend.error || !trend.data?.rows.length)) {
      setRenderMs(Math.round(performance.now() - started.current));
    }
  }, [allLoaded, chartDrawn, renderMs, trend.error, trend.data]);

  const cur = figures.data?.rows.find((r) => r.period === period);
  const prev = figures.data?.rows.find((r) => r.period === addMonths(period, -1));

  const spec = useMemo(() => {
    if (!trend.data) return null;
    const months = Array.from({ length: 12 }, (_, i) => addMonths(period, i - 11));
    const byPeriod = new Map(trend.data.rows.map((r) => [r.period, r.values]));
    const names: MessageKey[] = ['kf.tips.received', 'kf.tips.rate', 'kf.crime.cases'];
    const labels = [t(names[0]), app.elements.get('tips.valuable') ? (lang() === 'en' ? app.elements.get('tips.valuable')!.name_en : app.elements.get('tips.valuable')!.name) : 'tips.valuable', t(names[2])];
    return {
      months,
      byPeriod,
      spec: {
        categories: months.map((m) => formatPeriodShort(lang(), m)),
        series: TREND.map((_, i) => ({ name: labels[i], data: months.map((m) => byPeriod.get(m)?.[i] ?? null) })),
        format: (v: number) => formatNumber(lang(), v),
      },
    };
  }, [trend.data, period]);

  const rateByUnit = new Map((status.data?.by_unit ?? []).filter((r) => r.unit).map((r) => [r.unit!.code, r]));
  const attention: StatusRow[] = (status.data?.rows.items ?? []).filter(
    (r) => r.progress === 'overdue' || r.progress === 'submitted_late' || r.status.state === 'submitted',
  );
  const unitName = unit.data?.name ?? area;

  return (
    <section class="screen" aria-labelledby="dash-title" data-rendered-ms={renderMs ?? undefined}>
      <div class="screen-head">
        <div>
          <h1 id="dash-title">{t('dash.title')}</h1>
          <p class="subtitle">{t('dash.scope', { unit: unitName, period: formatPeriod(lang(), period) })}</p>
        </div>
        <MonthPicker id="dash-period" value={period} onChange={(m) => setParams({ period: m })} />
      </div>
      {area !== app.area && <p><Link href={href('/dashboard', { period })}>← {t('dash.back')}</Link></p>}
      <ErrorBox error={unit.error} onRetry={unit.reload} />

      <h2>{t('dash.keyFigures')}</h2>
      <ErrorBox error={figures.error} onRetry={figures.reload} />
      {!figures.data && figures.loading ? <Loading /> : (
        <ul class="figures" aria-busy={figures.loading}>
          {FIGURES.map((f, i) => {
            const v = cur?.values[i] ?? null;
            const pv = prev?.values[i] ?? null;
            const delta = v !== null && pv !== null ? v - pv : null;
            return (
              <li class="figure" key={f.key}>
                <span class="figure-label">{t(f.key)}</span>
                <span class="figure-value" data-measure={f.measure}>{fmt(v, f.percent)}</span>
                <span class="figure-delta">
                  {delta === null ? '\u00a0' : t(delta > 0 ? 'dash.up' : delta < 0 ? 'dash.down' : 'dash.same', {
                    n: `${formatNumber(lang(), Math.abs(delta))}${f.percent ? t('dash.points') : ''}`, period: formatPeriodShort(lang(), addMonths(period, -1)) })}
                </span>
              </li>
            );
          })}
        </ul>
      )}

      <div class="grid-2">
        <div class="panel">
          <h2>{t('dash.trend')}</h2>
          <ErrorBox error={trend.error} onRetry={trend.reload} />
          {spec && (spec.spec.series[0].data.every((x) => x === null) ? <Empty>{t('dash.noData')}</Empty> : (
            <>
              <TrendChart spec={spec.spec} label={`${t('dash.trend')}: ${spec.spec.series.map((s) => s.name).join(', ')}`} onDrawn={() => setChartDrawn(true)} />
              <details class="chart-table">
                <summary>{t('dash.trendTable')}</summary>
                <div class="table-scroll">
                  <table>
                    <thead><tr><th scope="col">{t('common.month')}</th>{spec.spec.series.map((s) => <th scope="col" class="num" key={s.name}>{s.name}</th>)}</tr></thead>
                    <tbody>
                      {spec.months.map((m) => (
                        <tr key={m}><th scope="row">{formatPeriod(lang(), m)}</th>{TREND.map((_, i) => <td class="num" key={i}>{formatNumber(lang(), spec.byPeriod.get(m)?.[i] ?? null)}</td>)}</tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            </>
          ))}
          {!spec && trend.loading && <Loading />}
        </div>

        <div class="panel">
          <h2>{t('dash.status')}</h2>
          <ErrorBox error={status.error} onRetry={status.reload} />
          {status.data && (
            <>
              <dl class="rates">
                <div><dt>{t('dash.rate')}</dt><dd>{formatPercent(lang(), status.data.total.rate)}</dd></div>
                <div><dt>{t('dash.onTimeRate')}</dt><dd>{formatPercent(lang(), status.data.total.on_time_rate)}</dd></div>
                <div><dt>{t('dash.actual')}</dt><dd>{formatNumber(lang(), status.data.total.actual)}/{formatNumber(lang(), status.data.total.expected)}</dd></div>
              </dl>
              <ul class="counts">
                {Object.entries(status.data.counts).map(([k, n]) => (
                  <li key={k}><ProgressPill progress={k} /> <strong>{formatNumber(lang(), n)}</strong></li>
                ))}
              </ul>
              <h3>{t('dash.attention')}</h3>
              {attention.length === 0 ? <Empty>{t('dash.attentionNone')}</Empty> : (
                <div class="table-scroll short">
                  <table>
                    <thead><tr><th scope="col">{t('common.unit')}</th><th scope="col">{t('common.state')}</th><th scope="col">{t('common.deadline')}</th></tr></thead>
                    <tbody>
                      {attention.map((r) => (
                        <tr key={r.unit.code + r.period}>
                          <th scope="row"><Link href={href('/entry', { unit: r.unit.code, period: r.period })}>{r.unit.name}</Link></th>
                          <td><ProgressPill progress={r.progress} />{r.status.state === 'submitted' && <> <span class="pill pill-waiting">{t('dash.waiting')}</span></>}</td>
                          <td>{formatDate(lang(), r.deadline)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
          {!status.data && status.loading && <Loading />}
        </div>
      </div>

      <div class="panel">
        <h2>{t('dash.below')}</h2>
        <ErrorBox error={below.error} onRetry={below.reload} />
        {below.data === null || (below.data && below.data.rows.length === 0) ? <Empty>{t('dash.belowNone')}</Empty> : below.data ? (
          <div class="table-scroll">
            <table class="data" aria-busy={below.loading}>
              <thead>
                <tr>
                  <th scope="col">{t('common.unit')}</th>
                  {FIGURES.slice(0, 4).map((f) => <th scope="col" class="num" key={f.key}>{t(f.key)}</th>)}
                  <th scope="col" class="num">{t('dash.rate')}</th>
                </tr>
              </thead>
              <tbody>
                {below.data.rows.slice().sort((a, b) => a.unit_name.localeCompare(b.unit_name, lang())).map((r) => {
                  const rate = rateByUnit.get(r.unit_code);
                  return (
                    <tr key={r.unit_code}>
                      <th scope="row"><Link href={href('/dashboard', { under: r.unit_code, period })}>{r.unit_name}</Link></th>
                      {FIGURES.slice(0, 4).map((f, i) => <td class="num" key={f.key}>{fmt(r.values[i], f.percent)}</td>)}
                      <td class="num">{rate ? formatPercent(lang(), rate.rate) : '–'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : below.loading ? <Loading /> : null}
      </div>
      
    </section>
  );
}
