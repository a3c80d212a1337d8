// One inspection: its decision, scope and team; the inspection report as DOCX, PDF or XLSX;
// the evaluation results frozen with it; its findings and recommendations.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t, lang, nameOf } from '../i18n';
import { useApp, canWorkOnInspection } from '../store';
import { useAsync } from '../hooks';
import { saveFile } from '../download';
import { formatDate, formatDateTime, formatNumber, formatPercent, formatPeriod } from '../format';
import { resultRows } from '../inspections';
import { Empty, ErrorBox, Link, Loading, Pill } from '../components/ui';
import { Findings, Recommendations } from './Recommendations';
import type { InspectionDetails } from '../types';

export function InspectionDetail({ id }: { id: number }) {
  const app = useApp();
  const d = useAsync(() => api.inspection(id), [id]);
  const may = canWorkOnInspection(app.session, id);
  const x = d.data;
  return (
    <section class="screen" aria-labelledby="insp-title" data-testid="inspection-detail">
      <p class="crumb"><Link href="/inspections">← {t('insp.back')}</Link></p>
      <ErrorBox error={d.error} onRetry={d.reload} />
      {!x && d.loading && <Loading />}
      {x && (
        <>
          <div class="screen-head">
            <div>
              <h1 id="insp-title">{x.subject}</h1>
              <p class="subtitle">{t('insp.decision')} {x.decision_number}, {formatDate(lang(), x.decision_date)} · {x.issuing_body}</p>
            </div>
          </div>
          {!may && <p class="msg msg-info">{t('insp.readOnly')}</p>}
          <div class="grid-2">
            <Decision x={x} />
            <Team x={x} />
          </div>
          <Report x={x} />
          <Results x={x} may={may} onFrozen={d.reload} />
          <Findings inspection={x.id} findings={x.findings} may={may} onAdded={d.reload} />
          <Recommendations inspection={x.id} recs={x.recommendations} may={may} onChanged={d.reload} />
        </>
      )}
    </section>
  );
}

function Decision({ x }: { x: InspectionDetails }) {
  // The scope's name on the date it is read on (the code alone says little).
  const unit = useAsync(() => (x.scope ? api.unit(x.scope.code, x.scope.as_of ?? undefined) : Promise.resolve(null)), [x.scope?.code, x.scope?.as_of]);
  return (
    <div class="panel">
      <h2>{t('insp.decision')}</h2>
      <dl class="kv">
        <div><dt>{t('insp.decisionNumber')}</dt><dd>{x.decision_number}</dd></div>
        <div><dt>{t('insp.decisionDate')}</dt><dd>{formatDate(lang(), x.decision_date)}</dd></div>
        <div><dt>{t('insp.body')}</dt><dd>{x.issuing_body}</dd></div>
        <div><dt>{t('common.scope')}</dt><dd data-testid="insp-scope">{x.scope ? `${unit.data ? `${unit.data.name} ` : ''}(${x.scope.code})${x.scope.as_of ? `, ${formatDate(lang(), x.scope.as_of)}` : ''}` : '–'}</dd></div>
        <div><dt>{t('insp.period')}</dt><dd>{formatPeriod(lang(), x.period_from)} – {formatPeriod(lang(), x.period_to)}</dd></div>
        <div><dt>{t('insp.createdBy')}</dt><dd>{x.created_by}, {formatDateTime(lang(), x.created_at)}</dd></div>
      </dl>
    </div>
  );
}

function Team({ x }: { x: InspectionDetails }) {
  return (
    <div class="panel">
      <h2>{t('insp.team')}</h2>
      {x.team.length === 0 ? <Empty>{t('insp.membersNone')}</Empty> : (
        <table>
          <thead><tr><th scope="col">{t('insp.memberTitle')}</th><th scope="col">{t('insp.memberBody')}</th><th scope="col">{t('insp.memberUser')}</th></tr></thead>
          <tbody>
            {x.team.map((m, k) => (
              <tr key={k}>
                <td>{m.title} {m.head && <Pill kind="approved">{t('insp.head')}</Pill>}</td>
                <td>{m.body}</td>
                <td>{m.user ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The inspection report of the scope and years: one button per format, a status line while it is written. */
function Report({ x }: { x: InspectionDetails }) {
  const [layout, setLayout] = useState('state');
  const [language, setLanguage] = useState<string>(lang());
  const [state, setState] = useState<{ busy: boolean; error?: unknown; done?: string }>({ busy: false });
  const years = `${x.period_from}..${x.period_to}`;
  const make = async (format: string) => {
    if (!x.scope) return;
    setState({ busy: true });
    try {
      const f = await api.document('inspection', { under: x.scope.code, period: years, format, layout, language });
      saveFile(f);
      setState({ busy: false, done: f.filename });
    } catch (err) {
      setState({ busy: false, error: err });
    }
  };
  return (
    <div class="panel" aria-labelledby="report-title">
      <h2 id="report-title">{t('insp.report')}</h2>
      <p class="muted">{t('insp.reportWhat', { scope: x.scope?.code ?? '–', years: `${x.period_from}–${x.period_to}` })}</p>
      <div class="filters report-row">
        <div class="field">
          <label for="ir-layout">{t('doc.layout')}</label>
          <select id="ir-layout" value={layout} onChange={(e) => setLayout((e.currentTarget as HTMLSelectElement).value)}>
            <option value="state">{t('doc.layout.state')}</option>
            <option value="party">{t('doc.layout.party')}</option>
          </select>
        </div>
        <div class="field">
          <label for="ir-language">{t('doc.language')}</label>
          <select id="ir-language" value={language} onChange={(e) => setLanguage((e.currentTarget as HTMLSelectElement).value)}>
            <option value="vi">Tiếng Việt</option>
            <option value="en">{t('doc.language.en')}</option>
          </select>
        </div>
        <div class="row">
          {[['docx', 'DOCX'], ['pdf', 'PDF'], ['xlsx', 'XLSX']].map(([f, label]) => (
            <button key={f} type="button" class="btn" disabled={state.busy || !x.scope} onClick={() => make(f)}>{t('insp.download', { format: label })}</button>
          ))}
        </div>
      </div>
      <p class="status-line" role="status" aria-live="polite" data-testid="report-state">
        {state.busy ? t('insp.making') : state.done ? t('insp.done', { file: state.done }) : ''}
      </p>
      <ErrorBox error={state.error} />
    </div>
  );
}

/** The frozen evaluation results: one row per criteria set and year, with the units not meeting it. */
function Results({ x, may, onFrozen }: { x: InspectionDetails; may: boolean; onFrozen: () => void }) {
  const [state, setState] = useState<{ busy: boolean; error?: unknown; done?: boolean }>({ busy: false });
  const freeze = async () => {
    setState({ busy: true });
    try {
      await api.snapshotInspection(x.id);
      setState({ busy: false, done: true });
      onFrozen();
    } catch (err) {
      setState({ busy: false, error: err });
    }
  };
  const rows = x.snapshot ? resultRows(x.snapshot.evaluations) : [];
  return (
    <div class="panel" aria-labelledby="results-title">
      <div class="panel-head">
        <h2 id="results-title">{t('insp.results')}</h2>
        {may && (
          <button type="button" class="btn" onClick={freeze} disabled={state.busy} aria-busy={state.busy}>
            {state.busy ? t('insp.freezing') : x.snapshot ? t('insp.refreeze') : t('insp.freeze')}
          </button>
        )}
      </div>
      <p class="status-line" role="status" aria-live="polite" data-testid="snapshot-state">
        {state.busy ? t('insp.freezing') : x.snapshot_at ? t('insp.snapshot', { time: formatDateTime(lang(), x.snapshot_at) }) : ''}
      </p>
      <ErrorBox error={state.error} />
      {!x.snapshot ? <Empty>{t('insp.noResults')}</Empty> : rows.length === 0 ? <Empty>{t('eval.none')}</Empty> : (
        <div class="table-scroll">
          <table class="data" data-testid="results">
            <thead><tr><th scope="col">{t('insp.criteriaSet')}</th><th scope="col">{t('common.year')}</th><th scope="col">{t('insp.evalDay')}</th><th scope="col" class="num">{t('insp.metCount')}</th><th scope="col" class="num">{t('insp.unitCount')}</th><th scope="col" class="num">{t('insp.rate')}</th><th scope="col">{t('eval.notMet')}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <td>{nameOf(r.set)}</td>
                  <td>{r.set.year}</td>
                  <td class="nowrap">{formatDate(lang(), r.set.day)}</td>
                  <td class="num">{formatNumber(lang(), r.set.met)}</td>
                  <td class="num">{formatNumber(lang(), r.set.total)}</td>
                  <td class="num">{formatPercent(lang(), r.rate)}</td>
                  <td>{r.notMet.length === 0 ? <span class="muted">{t('insp.allMet')}</span> : (
                    <details>
                      <summary>{t('insp.notMetUnits', { n: r.notMet.length })}</summary>
                      <ul class="plain small">
                        {r.notMet.map((u) => (
                          <li key={u.unit.code}>{u.unit.name} <span class="muted">({u.unit.code}): {u.criteria.filter((c) => c.state !== 'met').map((c) => nameOf(c)).join('; ')}</span></li>
                        ))}
                      </ul>
                    </details>
                  )}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
