// Analysis: measures (elements, options and indicator formulas) × the units of a level (of
// their time, or carried to a later date's units through lineage) × periods in a calendar; a
// pivot table and a chart, exported as CSV or XLSX. The URL holds the whole view.
import { useMemo, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { t, lang, nameOf } from '../i18n';
import { useApp, childLevel } from '../store';
import { useAsync } from '../hooks';
import { navigate, useRoute } from '../router';
import { fold, formatNumber, formatPeriod } from '../format';
import { buildPivot, chartData, periodEnd, periodRange, pivotCsv, queriesOf, viewFromParams, viewToSearch, isPeriodCode, type AnalysisView, type ChartKind, type PeriodBy } from '../analysis';
import { saveFile } from '../download';
import { Empty, ErrorBox, Loading } from '../components/ui';
import { TrendChart } from '../components/TrendChart';
import { UnitSearch } from '../components/UnitSearch';
import type { Catalog, Element } from '../types';
import type { MessageKey } from '../messages';

const CALENDARS = ['gregorian', 'decree09', 'tt124-commune', 'tt124-residential'];
const LEVELS = ['province', 'district', 'commune', 'residential'];
const LEVEL_RANK: Record<string, number> = { country: 0, province: 1, district: 2, commune: 3, residential: 4 };
// Indicators an officer asks for often, offered ready-made.
const SUGGESTED: { key: MessageKey; formula: string }[] = [
  { key: 'ana.suggest.perSession', formula: '#{propaganda.participants} / #{propaganda.sessions}' },
  { key: 'ana.suggest.tipsRate', formula: '#{tips.valuable} / #{tips.received} * 100' },
  { key: 'ana.suggest.clearedRate', formula: '#{crime.cases_cleared} / #{crime.social_order_cases} * 100' },
];

/** A measure in words: an element's name, an element's option, or a formula with names. */
export function measureLabel(catalog: Catalog, elements: Map<string, Element>, m: string): string {
  const el = elements.get(m);
  if (el) return nameOf(el);
  if (m.includes('#{') || m.includes('E{')) {
    return m.replace(/#\{([^}]+)\}/g, (_, code: string) => {
      const e = elements.get(code);
      return e ? `[${nameOf(e)}]` : `[${code}]`;
    }).replace(/\s\*\s/g, ' × ');
  }
  const dot = m.lastIndexOf('.');
  const parent = elements.get(m.slice(0, dot));
  if (parent?.category) {
    const option = catalog.categories.find((c) => c.code === parent.category)?.options.find((o) => o.code === m.slice(dot + 1));
    if (option) return `${nameOf(parent)} – ${nameOf(option)}`;
  }
  return m;
}

function MeasurePicker({ view, onChange }: { view: AnalysisView; onChange: (measures: string[]) => void }) {
  const app = useApp();
  const [filter, setFilter] = useState('');
  const [formula, setFormula] = useState('');
  const chosen = new Set(view.measures);
  const numeric = app.catalog.elements.filter((e) => e.aggregation !== 'none');
  const f = fold(filter);
  const shown = f ? numeric.filter((e) => fold(`${nameOf(e)} ${e.code}`).includes(f)) : numeric;
  const toggle = (code: string) => onChange(chosen.has(code) ? view.measures.filter((m) => m !== code) : [...view.measures, code]);
  const addFormula = (text: string) => {
    const x = text.trim();
    if (x && !chosen.has(x)) onChange([...view.measures, x]);
    setFormula('');
  };
  return (
    <fieldset class="ana-measures">
      <legend>{t('ana.measures')}</legend>
      <ul class="chips" aria-label={t('ana.chosen')}>
        {view.measures.map((m) => (
          <li key={m} class="chip">
            <span>{measureLabel(app.catalog, app.elements, m)}</span>
            <button type="button" class="chip-x" aria-label={t('ana.remove', { name: measureLabel(app.catalog, app.elements, m) })}
              disabled={view.measures.length === 1} onClick={() => onChange(view.measures.filter((x) => x !== m))}>×</button>
          </li>
        ))}
      </ul>
      <label for="ana-filter">{t('ana.findMeasure')}</label>
      <input id="ana-filter" type="search" value={filter} autocomplete="off" onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)} />
      <div class="ana-list" role="group" aria-label={t('ana.elements')}>
        {shown.length === 0 ? <Empty>{t('ana.noMeasure', { q: filter })}</Empty> : shown.map((e) => (
          <label key={e.code} class="check">
            <input type="checkbox" checked={chosen.has(e.code)} onChange={() => toggle(e.code)} />
            <span>{nameOf(e)} <span class="muted">({e.code})</span></span>
          </label>
        ))}
      </div>
      <label for="ana-formula">{t('ana.formula')}</label>
      <div class="inline">
        <input id="ana-formula" type="text" value={formula} placeholder="#{propaganda.participants} / #{propaganda.sessions}" aria-describedby="ana-formula-hint"
          onInput={(e) => setFormula((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); addFormula(formula); } }} />
        <button type="button" class="btn" onClick={() => addFormula(formula)} disabled={!formula.trim()}>{t('ana.addFormula')}</button>
      </div>
      <span class="hint" id="ana-formula-hint">{t('ana.formulaHint')}</span>
      <div class="suggest">
        {SUGGESTED.filter((s) => !chosen.has(s.formula)).map((s) => (
          <button key={s.formula} type="button" class="btn btn-small" onClick={() => addFormula(s.formula)}>+ {t(s.key)}</button>
        ))}
      </div>
    </fieldset>
  );
}

export function Analysis() {
  const app = useApp();
  const route = useRoute();
  const year = +app.defaultMonth.slice(0, 4);
  const defaults: AnalysisView = {
    measures: ['propaganda.sessions', 'propaganda.participants'],
    under: app.area, level: '', from: String(year - 3), to: String(year), periodBy: 'yearly',
    calendar: 'gregorian', asOf: '', chart: 'bar',
  };
  const asked = viewFromParams(route.params, defaults);
  const date = asked.asOf || periodEnd(asked.to) || app.areaAsOf || undefined;
  const unit = useAsync(() => api.unit(asked.under, date), [asked.under, date]);
  // Without a level in the URL the rows are the units one level down.
  const autoLevel = unit.data ? childLevel(unit.data.level, date ?? '') ?? '' : '';
  const view: AnalysisView = route.params.has('level') ? asked : { ...asked, level: autoLevel };
  const set = (changes: Partial<AnalysisView>) => navigate(`/analysis?${viewToSearch({ ...view, ...changes })}`, { replace: true, force: true });

  const q = queriesOf(view);
  const key = JSON.stringify(q);
  const ready = !!unit.data || !!unit.error;
  const result = useAsync(async () => {
    if (!ready) return null;
    const [rows, totals] = await Promise.all([q.rows ? api.analytics(q.rows) : Promise.resolve(null), api.analytics(q.totals)]);
    return { rows, totals };
  }, [key, ready]);
  const pivot = useMemo(() => (result.data ? buildPivot(result.data.rows, result.data.totals) : null), [result.data]);
  const label = (m: string) => measureLabel(app.catalog, app.elements, m);
  const periodLabel = (c: string) => (c.includes('..') ? c.replace('..', '–') : formatPeriod(lang(), c));
  const chart = useMemo(() => (pivot ? { ...chartData(pivot, { period: periodLabel, measure: label }), kind: view.chart, format: (v: number) => formatNumber(lang(), v) } : null), [pivot, view.chart]);

  const fieldError = (field: string) => (result.error instanceof ApiError && result.error.field === field ? result.error.message : null);
  const [fromText, setFromText] = useState<string | null>(null);
  const [toText, setToText] = useState<string | null>(null);
  const [exporting, setExporting] = useState<{ busy: boolean; error?: unknown; done?: string }>({ busy: false });
  const rank = unit.data ? LEVEL_RANK[unit.data.level] ?? 0 : 0;
  const afterReform = (date ?? '') >= '2025-07-01';
  const levels = LEVELS.filter((l) => LEVEL_RANK[l] > rank && !(afterReform && l === 'district'));

  const periodInput = (id: 'from' | 'to', text: string | null, setText: (s: string | null) => void) => {
    const value = text ?? view[id];
    const bad = text !== null && !isPeriodCode(text.trim());
    const commit = () => {
      if (text === null) return;
      if (isPeriodCode(text.trim())) {
        set(id === 'from' ? { from: text.trim(), to: view.to < text.trim() ? text.trim() : view.to } : { to: text.trim() });
        setText(null);
      }
    };
    const err = bad ? t('ana.badPeriod') : fieldError('period');
    return (
      <div class="field">
        <label for={`ana-${id}`}>{t(id === 'from' ? 'ana.from' : 'ana.to')}</label>
        <input id={`ana-${id}`} type="text" inputMode="text" value={value} size={8} aria-invalid={err ? 'true' : undefined}
          aria-describedby={err ? `ana-${id}-err` : 'ana-period-hint'}
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} onBlur={commit}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); commit(); } }} />
        {err && <span class="field-error" id={`ana-${id}-err`}>{err}</span>}
      </div>
    );
  };

  const exportCsv = () => {
    if (!pivot) return;
    const csv = pivotCsv(pivot, { code: t('ana.code'), unit: t('ana.unit'), period: t('ana.period'), total: t('ana.total') }, label, (c) => c);
    const name = `phan-tich-${view.under}-${periodRange(view).replace('..', '-')}.csv`;
    saveFile({ blob: new Blob([csv], { type: 'text/csv;charset=utf-8' }), filename: name });
    setExporting({ busy: false, done: name });
  };
  const exportXlsx = async () => {
    setExporting({ busy: true });
    try {
      const spec = q.rows ?? q.totals;
      const f = await api.analyticsFile({ ...spec, format: 'xlsx', language: lang() });
      saveFile(f);
      setExporting({ busy: false, done: f.filename });
    } catch (e) {
      setExporting({ busy: false, error: e });
    }
  };

  const m = pivot?.measures.length ?? 0;
  const multi = (pivot?.periods.length ?? 0) > 1;
  return (
    <section class="screen" aria-labelledby="ana-title">
      <div class="screen-head">
        <div>
          <h1 id="ana-title">{t('ana.title')}</h1>
          <p class="subtitle">{unit.data ? `${unit.data.name} (${unit.data.code})` : view.under} · {periodLabel(view.from)}{view.to !== view.from ? ` – ${periodLabel(view.to)}` : ''}</p>
        </div>
      </div>
      <div class="ana-layout">
        <form class="panel ana-form" onSubmit={(e) => e.preventDefault()}>
          <MeasurePicker view={view} onChange={(measures) => set({ measures })} />
          <fieldset>
            <legend>{t('ana.units')}</legend>
            <p class="muted" data-testid="ana-area">{t('ana.area')}: <strong>{unit.data ? `${unit.data.name} (${unit.data.code})` : view.under}</strong>
              {view.under !== app.area && <> · <button type="button" class="linklike" onClick={() => set({ under: app.area })}>{t('ana.myArea')}</button></>}</p>
            {fieldError('under') && <p class="field-error">{fieldError('under')}</p>}
            <UnitSearch id="ana-under" label={t('ana.changeArea')} at={date} onPick={(u) => set({ under: u.code, level: '' })} />
            <div class="field">
              <label for="ana-level">{t('ana.rows')}</label>
              <select id="ana-level" value={view.level} onChange={(e) => set({ level: (e.currentTarget as HTMLSelectElement).value })}>
                <option value="">{t('ana.rows.none')}</option>
                {levels.map((l) => <option key={l} value={l}>{t(`level.${l}` as MessageKey)}</option>)}
              </select>
            </div>
            <div class="choice" role="radiogroup" aria-labelledby="ana-asof-label">
              <span id="ana-asof-label" class="label">{t('ana.whichUnits')}</span>
              <label><input type="radio" name="ana-asof" checked={!view.asOf} onChange={() => set({ asOf: '' })} /> {t('ana.unitsOfTime')}</label>
              <label><input type="radio" name="ana-asof" checked={!!view.asOf} onChange={() => set({ asOf: new Date().toISOString().slice(0, 10), level: '' })} /> {t('ana.unitsOfDate')}</label>
            </div>
            {view.asOf && (
              <div class="field">
                <label for="ana-asof">{t('ana.asOfDate')}</label>
                <input id="ana-asof" type="date" value={view.asOf} aria-invalid={fieldError('as_of') || fieldError('under') ? 'true' : undefined}
                  onChange={(e) => { const v = (e.currentTarget as HTMLInputElement).value; if (v) set({ asOf: v }); }} />
                <span class="hint">{t('ana.asOfHint')}</span>
                {fieldError('as_of') && <span class="field-error">{fieldError('as_of')}</span>}
              </div>
            )}
          </fieldset>
          <fieldset>
            <legend>{t('ana.periods')}</legend>
            <div class="filters">
              {periodInput('from', fromText, setFromText)}
              {periodInput('to', toText, setToText)}
            </div>
            <span class="hint" id="ana-period-hint">{t('ana.periodHint')}</span>
            <div class="filters">
              <div class="field">
                <label for="ana-pby">{t('ana.columns')}</label>
                <select id="ana-pby" value={view.periodBy} onChange={(e) => set({ periodBy: (e.currentTarget as HTMLSelectElement).value as PeriodBy })}>
                  <option value="">{t('ana.columns.whole')}</option>
                  <option value="yearly">{t('ana.columns.yearly')}</option>
                  <option value="quarterly">{t('ana.columns.quarterly')}</option>
                  <option value="monthly">{t('ana.columns.monthly')}</option>
                </select>
              </div>
              <div class="field">
                <label for="ana-calendar">{t('ana.calendar')}</label>
                <select id="ana-calendar" value={view.calendar} aria-describedby="ana-calendar-hint" onChange={(e) => set({ calendar: (e.currentTarget as HTMLSelectElement).value })}>
                  {CALENDARS.map((c) => <option key={c} value={c}>{t(`ana.calendar.${c}` as MessageKey)}</option>)}
                </select>
              </div>
            </div>
            <span class="hint" id="ana-calendar-hint">{t('ana.calendarHint')}</span>
          </fieldset>
        </form>

        <div class="ana-result">
          <div class="panel">
            <div class="panel-head">
              <h2>{t('ana.chart')}</h2>
              <div class="choice" role="radiogroup" aria-label={t('ana.chartKind')}>
                {(['bar', 'stacked', 'line'] as ChartKind[]).map((k) => (
                  <label key={k}><input type="radio" name="ana-chart" checked={view.chart === k} onChange={() => set({ chart: k })} /> {t(`ana.chart.${k}` as MessageKey)}</label>
                ))}
              </div>
            </div>
            <ErrorBox error={result.error} onRetry={result.reload} />
            {!pivot && result.loading && <Loading />}
            {chart && chart.series.length > 0 && chart.categories.length > 0 && <TrendChart spec={chart} label={t('ana.chartLabel')} />}
          </div>
          <div class="panel">
            <div class="panel-head">
              <h2>{t('ana.table')}</h2>
              <div class="actions">
                <button type="button" class="btn" onClick={exportCsv} disabled={!pivot}>{t('ana.csv')}</button>
                <button type="button" class="btn" onClick={exportXlsx} disabled={!pivot || exporting.busy} aria-busy={exporting.busy}>{exporting.busy ? t('ana.making') : t('ana.xlsx')}</button>
                <span role="status" aria-live="polite" data-testid="ana-export">{exporting.done && t('doc.done', { file: exporting.done })}</span>
              </div>
            </div>
            <ErrorBox error={exporting.error} />
            {pivot && (pivot.rows.length === 0 && !pivot.total ? <Empty>{t('ana.empty')}</Empty> : (
              <div class="table-scroll" tabIndex={0} aria-label={t('ana.table')}>
                <table class="data pivot" data-testid="pivot">
                  <thead>
                    <tr>
                      <th scope="col" rowSpan={multi && m > 1 ? 2 : 1}>{t('ana.unit')}</th>
                      {multi && m > 1 ? pivot.periods.map((p) => <th key={p} scope="colgroup" colSpan={m}>{periodLabel(p)}</th>)
                        : multi ? pivot.periods.map((p) => <th key={p} scope="col" class="num">{periodLabel(p)}</th>)
                          : pivot.measures.map((x) => <th key={x} scope="col" class="num">{label(x)}</th>)}
                    </tr>
                    {multi && m > 1 && <tr>{pivot.periods.map((p) => pivot.measures.map((x) => <th key={p + x} scope="col" class="num">{label(x)}</th>))}</tr>}
                  </thead>
                  <tbody>
                    {pivot.rows.map((r) => (
                      <tr key={r.code} data-unit={r.code}>
                        <th scope="row">{r.name}</th>
                        {r.cells.map((c, i) => <td key={i} class="num">{formatNumber(lang(), c)}</td>)}
                      </tr>
                    ))}
                  </tbody>
                  {pivot.total && (
                    <tfoot>
                      <tr data-testid="pivot-total">
                        <th scope="row">{t('ana.total')}</th>
                        {pivot.total.map((c, i) => <td key={i} class="num">{formatNumber(lang(), c)}</td>)}
                      </tr>
                    </tfoot>
                  )}
                </table>
              </div>
            ))}
            {!multi && m === 1 && pivot && pivot.periods.length === 1 && <p class="muted">{periodLabel(pivot.periods[0])}</p>}
          </div>
        </div>
      </div>
    </section>
  );
}
