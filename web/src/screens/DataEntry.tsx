// Data entry: pick a unit (search without accents) and a month (shown with its cut-off window),
// fill the data set's form section by section with checks as you type, save the draft and
// submit; read only, with the reason, once submitted, approved or locked.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { t, lang, nameOf } from '../i18n';
import { useApp, dataSet, canEnter } from '../store';
import { useAsync } from '../hooks';
import { setParams, useRoute, setNavigationGuard } from '../router';
import { formatDate, formatDateTime, formatNumber, formatPeriod, formatPeriodWithWindow, isMonth } from '../format';
import { buildSections, checkValue, diffValues, fieldsOf, optionTotal, rawValues, violationElements, type FieldSpec, type Problem } from '../form';
import { Empty, ErrorBox, Loading, MonthPicker, YearPicker, StatePill, errorText } from '../components/ui';
import { UnitSearch } from '../components/UnitSearch';
import { HistoryTable } from '../components/HistoryTable';
import type { Category, Element, ReportForm, Violation } from '../types';
import type { MessageKey } from '../messages';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string; text: string } | { kind: 'error'; text: string };

export function DataEntry() {
  const app = useApp();
  const route = useRoute();
  const role = app.session.role;
  // Commune data sets (the demo has no residential areas to report for).
  const sets = app.catalog.data_sets.filter((d) => d.level === 'commune' && (d.period_type === 'monthly' || d.period_type === 'yearly'));
  const dsCode = route.params.get('ds') || sets.find((d) => d.period_type === 'monthly')?.code || 'commune-monthly';
  const ds = dataSet(app.catalog, dsCode);
  const yearly = ds?.period_type === 'yearly';
  const p = route.params.get('period') || '';
  const period = yearly
    ? (/^\d{4}/.test(p) ? p.slice(0, 4) : app.defaultMonth.slice(0, 4))
    : (isMonth(p) ? p : app.defaultMonth);
  const fixedUnit = role === 'commune-officer' && ds?.level === 'commune' ? app.area : null;
  const unitCode = fixedUnit ?? route.params.get('unit') ?? '';

  const categories = useMemo(() => new Map(app.catalog.categories.map((c) => [c.code, c])), [app.catalog]);
  const win = useAsync(() => api.period(period, ds?.calendar), [period, ds?.calendar]);
  const form = useAsync<ReportForm | null>(() => (unitCode && ds ? api.report(ds.code, unitCode, period) : Promise.resolve(null)), [unitCode, period, ds?.code]);

  return (
    <section class="screen screen-narrow" aria-labelledby="entry-title">
      <div class="screen-head">
        <div>
          <h1 id="entry-title">{t('entry.title')}</h1>
          {ds && <p class="subtitle">{nameOf(ds)}</p>}
        </div>
      </div>
      <div class="pickers panel">
        {sets.length > 1 && (
          <div class="field ds-field">
            <label for="entry-ds">{t('entry.dataSet')}</label>
            <select id="entry-ds" value={dsCode} onChange={(e) => setParams({ ds: (e.currentTarget as HTMLSelectElement).value })}>
              {sets.map((d) => <option key={d.code} value={d.code}>{nameOf(d)}</option>)}
            </select>
          </div>
        )}
        <div class="field unit-field">
          <span class="label-like" id="entry-unit-label">{t('entry.unit')}</span>
          <p class="chosen" aria-labelledby="entry-unit-label" data-testid="entry-unit">
            {form.data ? `${form.data.unit.name} (${form.data.unit.code})` : unitCode ? unitCode : <span class="muted">—</span>}
          </p>
          {!fixedUnit && (
            <UnitSearch id="entry-unit-search" label={t('entry.unitSearch')} at={win.data?.end} level={ds?.level}
              onPick={(u) => setParams({ unit: u.code }, false)} />
          )}
        </div>
        <div class="field">
          {yearly
            ? <YearPicker id="entry-period" value={period} onChange={(y) => setParams({ period: y })} label={t('common.yearOnly')} />
            : <MonthPicker id="entry-period" value={period} onChange={(m) => setParams({ period: m })} />}
          <p class="window" data-testid="entry-window">
            <span class="label-like">{t('entry.window')}: </span>
            {win.data ? formatPeriodWithWindow(lang(), period, win.data.start, win.data.end) : win.error ? errorText(win.error) : '…'}
          </p>
        </div>
      </div>
      {!ds && <ErrorBox error={new Error(dsCode)} />}
      {!unitCode && <Empty>{t('entry.pickUnit')}</Empty>}
      <ErrorBox error={form.error} onRetry={form.reload} />
      {unitCode && !form.data && form.loading && <Loading />}
      {form.data && ds && (
        <ReportEditor key={`${form.data.unit.code}/${form.data.period}/${ds.code}`} form={form.data} reload={form.reload}
          elements={app.elements} categories={categories} dsCode={ds.code} sectionsOf={(end) => buildSections(ds, app.elements, end)} mayWrite={canEnter(role)} busy={form.loading} />
      )}
    </section>
  );
}

function ReportEditor({ form, reload, categories, dsCode, sectionsOf, mayWrite, busy }: {
  form: ReportForm; reload: () => void; elements: Map<string, Element>; categories: Map<string, Category>; dsCode: string;
  sectionsOf: (end: string) => ReturnType<typeof buildSections>; mayWrite: boolean; busy: boolean;
}) {
  const stored = useMemo(() => rawValues(form.values), [form]);
  const [typed, setTyped] = useState<Record<string, string>>(stored);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [submitMsg, setSubmitMsg] = useState<{ ok: boolean; text: string; violations?: Violation[] } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const sections = useMemo(() => sectionsOf(form.window.end), [form.window.end]);
  const fields = useMemo(() => sections.flatMap((s) => s.elements.flatMap((e) => fieldsOf(e, categories))), [sections]);
  const keys = useMemo(() => fields.map((f) => f.key), [fields]);
  const codes = useMemo(() => sections.flatMap((s) => s.elements.map((e) => e.code)), [sections]);

  // A reload (after save) brings new stored values: keep what the user typed since the save began.
  const pendingRef = useRef(new Set<string>());
  const lastStored = useRef(stored);
  useEffect(() => {
    if (lastStored.current !== stored) {
      lastStored.current = stored;
      setTyped((cur) => ({ ...stored, ...Object.fromEntries(Object.entries(cur).filter(([k, v]) => (stored[k] ?? '') !== v && pendingRef.current.has(k))) }));
      pendingRef.current.clear();
    }
  }, [stored]);

  const writable = form.writable && mayWrite;
  const problems: Record<string, Problem | null> = {};
  for (const f of fields) problems[f.key] = checkValue(f.el, typed[f.key] ?? '');
  const changes = diffValues(stored, Object.fromEntries(keys.map((k) => [k, typed[k] ?? ''])), fields);
  const dirtyCount = keys.filter((k) => (stored[k] ?? '').trim() !== (typed[k] ?? '').trim()).length;
  const hasProblems = keys.some((k) => problems[k]);

  const violationsBy: Record<string, Violation[]> = {};
  const general: Violation[] = [];
  const viols = submitMsg?.violations ?? form.violations;
  for (const v of viols) {
    const hits = violationElements(v, codes);
    if (hits.length === 0) general.push(v);
    hits.forEach((h) => (violationsBy[h] ??= []).push(v));
  }

  useEffect(() => {
    setNavigationGuard(dirtyCount > 0 ? () => window.confirm(t('entry.leave')) : null);
    const onUnload = (e: BeforeUnloadEvent) => {
      if (dirtyCount > 0) e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      setNavigationGuard(null);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [dirtyCount]);

  const doSave = async () => {
    if (!writable || save.kind === 'saving') return;
    if (hasProblems) {
      setSave({ kind: 'error', text: t('entry.fixFirst') });
      const first = keys.find((k) => problems[k]);
      if (first) document.getElementById(`f-${first}`)?.focus();
      return;
    }
    if (dirtyCount === 0) {
      setSave({ kind: 'saved', at: new Date().toISOString(), text: t('entry.nothingToSave') });
      return;
    }
    setSave({ kind: 'saving' });
    pendingRef.current.clear();
    setServerErrors({});
    setSubmitMsg(null);
    try {
      let added = 0, updated = 0, cleared = 0;
      // Clear first: a cleared option clears its whole element, whose other options are in `set`.
      if (changes.clear.length) {
        const r = await api.clearValues(dsCode, form.unit.code, form.period, changes.clear);
        cleared += r.cleared;
      }
      if (changes.set.length) {
        const r = await api.saveValues(dsCode, form.unit.code, form.period, changes.set);
        added += r.added; updated += r.updated; cleared += r.cleared;
      }
      const at = new Date().toISOString();
      setSave({ kind: 'saved', at, text: `${t('entry.saved', { time: formatDateTime(lang(), at) })} ${t('entry.savedSummary', { added, updated, cleared })}` });
      reload();
    } catch (e) {
      if (e instanceof ApiError && e.field && keys.includes(e.field)) {
        setServerErrors({ [e.field]: e.message });
        document.getElementById(`f-${e.field}`)?.focus();
      }
      setSave({ kind: 'error', text: errorText(e) });
    }
  };

  const doSubmit = async () => {
    if (dirtyCount > 0) {
      setSubmitMsg({ ok: false, text: t('entry.saveBeforeSubmit') });
      return;
    }
    setSubmitting(true);
    setSubmitMsg(null);
    try {
      const r = await api.submit(dsCode, form.unit.code, form.period);
      if (r.submitted || r.already) {
        setSubmitMsg({ ok: true, text: t('entry.submitted') });
        reload();
      } else {
        setSubmitMsg({ ok: false, text: t('entry.submitRefused'), violations: r.violations });
      }
    } catch (e) {
      const body = e instanceof ApiError ? (e.body as { violations?: Violation[] } | null) : null;
      setSubmitMsg({ ok: false, text: e instanceof ApiError && e.status === 409 && body?.violations ? t('entry.submitRefused') : errorText(e), violations: body?.violations });
    } finally {
      setSubmitting(false);
    }
  };

  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S')) {
      e.preventDefault();
      void doSave();
    }
  };

  const state = form.status.state;
  const reason = !mayWrite ? t('entry.reason.role')
    : state === 'submitted' ? t('entry.reason.submitted')
    : state === 'approved' ? t('entry.reason.approved')
    : state === 'locked' ? t('entry.reason.locked')
    : form.not_writable_because ?? '';

  return (
    <div class="editor" aria-busy={busy}>
      <div class="status-bar panel" data-testid="report-status">
        <StatePill state={state} />
        <span>{formatPeriod(lang(), form.period)} · {form.unit.name}</span>
        {form.deadline && <span>{t('entry.deadline', { date: formatDate(lang(), form.deadline) })}</span>}
        {form.status.changed_by && <span class="muted">{form.status.changed_by}, {formatDateTime(lang(), form.status.changed_at)}</span>}
      </div>
      {form.status.comment && state === 'draft' && <p class="msg msg-warn" role="note">{t('entry.returnedComment', { comment: form.status.comment })}</p>}
      {!writable && (
        <p class="msg msg-info" role="note" data-testid="read-only">
          <strong>{t('entry.readOnly')}.</strong> {t('entry.readOnlyBecause', { reason })}
          {form.not_writable_because && reason !== form.not_writable_because && lang() === 'en' && <span class="muted"> ({form.not_writable_because})</span>}
        </p>
      )}
      {(general.length > 0 || viols.length > 0) && (
        <div class="msg msg-warn" role="region" aria-label={t('entry.violations')} data-testid="violations">
          <strong>{t('entry.violations')}</strong>
          <ul>{viols.map((v) => <li key={v.rule}>{lang() === 'en' ? v.message_en : v.message}</li>)}</ul>
        </div>
      )}
      <form ref={formRef} class="report-form" onSubmit={(e) => { e.preventDefault(); void doSave(); }} onKeyDown={onKey} noValidate>
        {sections.map((s) => (
          <fieldset key={s.key} class="section">
            <legend>{t(`section.${s.key}` as MessageKey)}</legend>
            {s.elements.map((el) => {
              const fs = fieldsOf(el, categories);
              const field = (f: FieldSpec, label?: string, violations?: Violation[]) => (
                <Field key={f.key} id={f.key} el={f.el} label={label} value={typed[f.key] ?? ''} readOnly={!writable}
                  problem={problems[f.key]} serverError={serverErrors[f.key]} violations={violations}
                  onChange={(v) => {
                    pendingRef.current.add(f.key);
                    setTyped((cur) => ({ ...cur, [f.key]: v }));
                    if (serverErrors[f.key]) setServerErrors((cur) => ({ ...cur, [f.key]: '' }));
                  }} />
              );
              if (!fs[0].option) return field(fs[0], undefined, violationsBy[el.code]);
              return (
                <fieldset class="entry-group" key={el.code}>
                  <legend>{nameOf(el)}</legend>
                  {violationsBy[el.code] && <span class="field-warn">{violationsBy[el.code].map((v) => (lang() === 'en' ? v.message_en : v.message)).join(' ')}</span>}
                  {fs.map((f) => field(f, nameOf(f.option!)))}
                  {optionTotal(fs, typed) !== null && (
                    <p class="group-total" aria-live="polite" data-testid={`total-${el.code}`}>
                      {t('entry.total')}: <strong>{formatNumber(lang(), optionTotal(fs, typed))}</strong>
                    </p>
                  )}
                </fieldset>
              );
            })}
          </fieldset>
        ))}
        {sections.length === 0 && <Empty>{t('common.none')}</Empty>}
        {writable && (
          <div class="actions sticky">
            <button type="submit" class="btn btn-primary" aria-busy={save.kind === 'saving'} disabled={save.kind === 'saving'}>
              {save.kind === 'saving' ? t('entry.saving') : t('entry.save')}
            </button>
            <button type="button" class="btn" onClick={doSubmit} aria-busy={submitting} disabled={submitting || save.kind === 'saving'}>
              {submitting ? t('entry.submitting') : t('entry.submit')}
            </button>
            <span class="save-state" role="status" aria-live="polite" data-testid="save-state">
              {dirtyCount > 0 && save.kind !== 'saving' && <span class="unsaved">{t('entry.unsaved', { n: dirtyCount })}. </span>}
              {save.kind === 'saved' && save.text}
              {save.kind === 'error' && <span class="text-error">{save.text}</span>}
            </span>
            <span class="hint kbd-hint">{t('entry.keyboard')}</span>
          </div>
        )}
      </form>
      {submitMsg && <p class={`msg ${submitMsg.ok ? 'msg-ok' : 'msg-error'}`} role={submitMsg.ok ? 'status' : 'alert'} data-testid="submit-msg">{submitMsg.text}</p>}
      <details class="panel history">
        <summary>{t('entry.history')}</summary>
        <HistoryTable dsCode={dsCode} unit={form.unit.code} period={form.period} version={form.status.changed_at ?? ''} />
      </details>
    </div>
  );
}

function Field({ id: key, el, label, value, readOnly, problem, serverError, violations, onChange }: {
  id: string; el: Element; label?: string; value: string; readOnly: boolean; problem: Problem | null; serverError?: string; violations?: Violation[]; onChange: (v: string) => void;
}) {
  const id = `f-${key}`;
  const msgId = `${id}-msg`;
  const descId = `${id}-desc`;
  const unitLabel = lang() === 'en' ? el.unit_en : el.unit;
  const params = problem?.params && Object.fromEntries(Object.entries(problem.params).map(([k, v]) => [k, typeof v === 'number' ? formatNumber(lang(), v, 2) : v]));
  const err = problem ? t(problem.key, params) : serverError ? t('val.server', { message: serverError }) : '';
  const warn = violations?.map((v) => (lang() === 'en' ? v.message_en : v.message)).join(' ');
  // The catalogue describes elements in Vietnamese only.
  const showDesc = !!el.description && lang() === 'vi' && !label;
  const described = [err || warn ? msgId : '', showDesc ? descId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id, name: key, 'aria-invalid': err ? true : undefined, 'aria-describedby': described, disabled: readOnly,
  };
  return (
    <div class={`entry-row${err ? ' has-error' : warn ? ' has-warn' : ''}`}>
      <label for={id} class="entry-label">
        {label ?? nameOf(el)}
        {showDesc && <span class="desc" id={descId}>{el.description}</span>}
      </label>
      <div class="entry-input">
        {el.value_type === 'boolean' ? (
          <select {...common} value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('common.empty')}</option>
            <option value="1">{t('common.yes')}</option>
            <option value="0">{t('common.no')}</option>
          </select>
        ) : el.value_type === 'text' ? (
          <textarea {...common} rows={2} value={value} onInput={(e) => onChange((e.currentTarget as HTMLTextAreaElement).value)} />
        ) : (
          <input {...common} type="text" inputMode={el.value_type === 'number' ? 'decimal' : 'numeric'} autocomplete="off" value={value}
            onInput={(e) => onChange((e.currentTarget as HTMLInputElement).value)} />
        )}
        {unitLabel && el.value_type !== 'boolean' && <span class="uom">{unitLabel}</span>}
      </div>
      {(err || warn) && <span class={err ? 'field-error' : 'field-warn'} id={msgId} role={err ? 'alert' : undefined}>{err || warn}</span>}
    </div>
  );
}
