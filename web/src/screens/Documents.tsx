// Documents: the periodic movement report or the inspection report of the user's area, as PDF,
// DOCX or the XLSX annex, in the state or Party layout, in Vietnamese or as an English copy.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { saveFile } from '../download';
import { t, lang } from '../i18n';
import { useApp } from '../store';
import { formatPeriod } from '../format';
import { ErrorBox } from '../components/ui';

type Kind = 'periodic' | 'inspection';
type Span = 'monthly' | 'quarterly' | 'yearly';

/** The period code of the chosen span: 202209, 2022Q3 or 2022. */
export function periodCode(span: Span, year: number, month: number, quarter: number): string {
  if (span === 'monthly') return `${year}${String(month).padStart(2, '0')}`;
  if (span === 'quarterly') return `${year}Q${quarter}`;
  return String(year);
}

export function Documents() {
  const app = useApp();
  const defYear = +app.defaultMonth.slice(0, 4);
  const defMonth = +app.defaultMonth.slice(4, 6);
  const [kind, setKind] = useState<Kind>('periodic');
  const [span, setSpan] = useState<Span>('quarterly');
  const [year, setYear] = useState(defYear);
  const [month, setMonth] = useState(defMonth);
  const [quarter, setQuarter] = useState(Math.ceil(defMonth / 3));
  const [fromYear, setFromYear] = useState(defYear - 3);
  const [toYear, setToYear] = useState(defYear);
  const [format, setFormat] = useState('pdf');
  const [layout, setLayout] = useState('state');
  const [language, setLanguage] = useState<string>(lang());
  const [state, setState] = useState<{ busy: boolean; error?: unknown; done?: string }>({ busy: false });

  const years: number[] = [];
  for (let y = new Date().getFullYear(); y >= 2015; y--) years.push(y);
  const period = kind === 'periodic' ? periodCode(span, year, month, quarter) : `${Math.min(fromYear, toYear)}..${Math.max(fromYear, toYear)}`;

  const download = async (e: Event) => {
    e.preventDefault();
    setState({ busy: true });
    try {
      const f = await api.document(kind, { under: app.area, period, format, layout, language });
      saveFile(f);
      setState({ busy: false, done: f.filename });
    } catch (err) {
      setState({ busy: false, error: err });
    }
  };

  const select = (id: string, label: string, value: string | number, onChange: (v: string) => void, options: [string | number, string][]) => (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={String(value)} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
        {options.map(([v, l]) => <option key={v} value={String(v)}>{l}</option>)}
      </select>
    </div>
  );

  return (
    <section class="screen screen-narrow" aria-labelledby="doc-title">
      <div class="screen-head"><div><h1 id="doc-title">{t('doc.title')}</h1><p class="subtitle">{t('doc.intro')}</p></div></div>
      <form class="panel doc-form" onSubmit={download}>
        <fieldset class="choice">
          <legend>{t('doc.kind')}</legend>
          <label><input type="radio" name="kind" value="periodic" checked={kind === 'periodic'} onChange={() => setKind('periodic')} /> {t('doc.periodic')}</label>
          <label><input type="radio" name="kind" value="inspection" checked={kind === 'inspection'} onChange={() => setKind('inspection')} /> {t('doc.inspection')}</label>
        </fieldset>
        {kind === 'periodic' ? (
          <div class="filters">
            {select('doc-span', t('doc.span'), span, (v) => setSpan(v as Span), [['monthly', t('doc.span.monthly')], ['quarterly', t('doc.span.quarterly')], ['yearly', t('doc.span.yearly')]])}
            {select('doc-year', t('common.year'), year, (v) => setYear(+v), years.map((y) => [y, String(y)]))}
            {span === 'monthly' && select('doc-month', t('common.month'), month, (v) => setMonth(+v), Array.from({ length: 12 }, (_, i) => [i + 1, formatPeriod(lang(), `2000${String(i + 1).padStart(2, '0')}`).replace(/\s?\/?2000$/, '').replace(' 2000', '')]))}
            {span === 'quarterly' && select('doc-quarter', t('doc.quarter'), quarter, (v) => setQuarter(+v), [1, 2, 3, 4].map((q) => [q, lang() === 'vi' ? `Quý ${q}` : `Q${q}`]))}
          </div>
        ) : (
          <div class="filters">
            {select('doc-from', t('doc.fromYear'), fromYear, (v) => setFromYear(+v), years.map((y) => [y, String(y)]))}
            {select('doc-to', t('doc.toYear'), toYear, (v) => setToYear(+v), years.map((y) => [y, String(y)]))}
          </div>
        )}
        <div class="filters">
          {select('doc-format', t('doc.format'), format, setFormat, [['pdf', 'PDF'], ['docx', 'Word (DOCX)'], ['xlsx', t('doc.xlsx')]])}
          {select('doc-layout', t('doc.layout'), layout, setLayout, [['state', t('doc.layout.state')], ['party', t('doc.layout.party')]])}
          {select('doc-language', t('doc.language'), language, setLanguage, [['vi', 'Tiếng Việt'], ['en', t('doc.language.en')]])}
        </div>
        <p class="muted">{t('doc.what', { area: app.area, period: kind === 'periodic' ? formatPeriod(lang(), period) : period.replace('..', '–') })}</p>
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={state.busy} aria-busy={state.busy}>{state.busy ? t('doc.making') : t('doc.download')}</button>
          <span role="status" aria-live="polite" data-testid="doc-state">{state.done && t('doc.done', { file: state.done })}</span>
        </div>
        <ErrorBox error={state.error} />
      </form>
    </section>
  );
}
