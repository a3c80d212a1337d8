// The form that opens an inspection (administrators and province officers): decision, subject,
// scope and its date, years, and the team with at most one head. The browser checks what it can
// before sending; the server's refusal is shown beside the field it names.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { t } from '../i18n';
import { useApp } from '../store';
import { checkInspection, emptyRow, formField, setHead, toNewInspection, type InspectionForm, type TeamRow } from '../inspections';
import { Field, refusalText } from '../components/Field';
import { UnitSearch } from '../components/UnitSearch';
import { errorText } from '../components/ui';
import type { Inspection } from '../types';

/** Fields that sit on this form; an error naming another one is shown under the form. */
const FIELDS = ['decision_number', 'decision_date', 'issuing_body', 'subject', 'scope', 'scope_at', 'period', 'team'];

export function NewInspection({ onCreated, onCancel }: { onCreated: (i: Inspection) => void; onCancel: () => void }) {
  const app = useApp();
  const year = +app.defaultMonth.slice(0, 4);
  const [f, setF] = useState<InspectionForm>({
    decision_number: '', decision_date: '', issuing_body: '', subject: '',
    scope: app.session.scope?.code ?? '', scope_at: app.areaAsOf ?? '',
    from: year - 3, to: year, team: [{ ...emptyRow(), head: true }],
  });
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [formErr, setFormErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const years: number[] = [];
  for (let y = new Date().getFullYear(); y >= 2015; y--) years.push(y);
  const text = (k: keyof InspectionForm) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const setRows = (team: TeamRow[]) => setF({ ...f, team });
  const setRow = (i: number, k: 'title' | 'body' | 'user') => (e: Event) =>
    setRows(f.team.map((r, n) => (n === i ? { ...r, [k]: (e.currentTarget as HTMLInputElement).value } : r)));
  const focusFirstError = () => setTimeout(() => (document.querySelector('.new-insp [aria-invalid="true"]') as HTMLElement | null)?.focus(), 0);

  const submit = async (e: Event) => {
    e.preventDefault();
    const problems = checkInspection(f);
    if (Object.keys(problems).length) {
      setErrs(Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, t(p.key, p.params)])));
      setFormErr(t('insp.err.fix'));
      focusFirstError();
      return;
    }
    setBusy(true);
    setErrs({});
    setFormErr(null);
    try {
      onCreated(await api.addInspection(toNewInspection(f)));
    } catch (x) {
      const field = x instanceof ApiError ? formField(x.field) : null;
      if (field && FIELDS.includes(field)) {
        setErrs({ [field]: refusalText(x as ApiError) });
        focusFirstError();
      } else setFormErr(errorText(x));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel new-insp" onSubmit={submit} aria-labelledby="ni-title" noValidate>
      <h2 id="ni-title">{t('insp.newTitle')}</h2>
      <div class="form-grid">
        <Field id="ni-number" label={t('insp.decisionNumber')} error={errs.decision_number}>{(a) => <input {...a} value={f.decision_number} onInput={text('decision_number')} />}</Field>
        <Field id="ni-date" label={t('insp.decisionDate')} error={errs.decision_date}>{(a) => <input {...a} type="date" value={f.decision_date} onInput={text('decision_date')} />}</Field>
        <Field id="ni-body" label={t('insp.body')} error={errs.issuing_body} class="span-2">{(a) => <input {...a} value={f.issuing_body} onInput={text('issuing_body')} />}</Field>
        <Field id="ni-subject" label={t('insp.subject')} error={errs.subject} class="span-all">{(a) => <input {...a} value={f.subject} onInput={text('subject')} />}</Field>
        <Field id="ni-scope" label={t('insp.scopeCode')} error={errs.scope}>{(a) => <input {...a} inputMode="numeric" autocomplete="off" value={f.scope} onInput={text('scope')} />}</Field>
        <Field id="ni-scope-at" label={t('insp.scopeAt')} error={errs.scope_at} hint={t('insp.scopeAtHint')}>{(a) => <input {...a} type="date" value={f.scope_at} onInput={text('scope_at')} />}</Field>
        <Field id="ni-from" label={t('insp.fromYear')} error={errs.period}>{(a) => (
          <select {...a} value={String(f.from)} onChange={(e) => setF({ ...f, from: +(e.currentTarget as HTMLSelectElement).value })}>
            {years.map((y) => <option key={y} value={String(y)}>{y}</option>)}
          </select>
        )}</Field>
        <Field id="ni-to" label={t('insp.toYear')}>{(a) => (
          <select {...a} value={String(f.to)} onChange={(e) => setF({ ...f, to: +(e.currentTarget as HTMLSelectElement).value })}>
            {years.map((y) => <option key={y} value={String(y)}>{y}</option>)}
          </select>
        )}</Field>
        <div class="span-all">
          <UnitSearch id="ni-scope-find" label={t('insp.scopeFind')} at={f.scope_at || undefined} onPick={(u) => setF({ ...f, scope: u.code })} />
        </div>
      </div>
      <TeamRows rows={f.team} error={errs.team} onChange={setRows} onRow={setRow} />
      {formErr && <p class="msg msg-error" role="alert">{formErr}</p>}
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>{busy ? t('insp.working') : t('insp.create')}</button>
        <button type="button" class="btn" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

/** The team: one row per member, a head checkbox that unchecks the others, add and remove. */
function TeamRows({ rows, error, onChange, onRow }: {
  rows: TeamRow[];
  error?: string;
  onChange: (rows: TeamRow[]) => void;
  onRow: (i: number, k: 'title' | 'body' | 'user') => (e: Event) => void;
}) {
  return (
    <fieldset class="team" aria-describedby={error ? 'ni-team-err' : 'ni-team-hint'}>
      <legend>{t('insp.team')}</legend>
      <span class="hint" id="ni-team-hint">{t('insp.teamHint')}</span>
      {error && <span class="field-error" id="ni-team-err" role="alert">{error}</span>}
      <table class="team-rows">
        <thead><tr><th scope="col">#</th><th scope="col">{t('insp.memberTitle')}</th><th scope="col">{t('insp.memberBody')}</th><th scope="col">{t('insp.memberUser')}</th><th scope="col">{t('insp.head')}</th><th scope="col"><span class="sr-only">{t('insp.remove')}</span></th></tr></thead>
        <tbody>
          {rows.map((r, i) => {
            const who = t('insp.memberNo', { n: i + 1 });
            return (
              <tr key={i}>
                <td class="num">{i + 1}</td>
                <td><input id={`ni-m${i}-title`} aria-label={`${t('insp.memberTitle')} (${who})`} value={r.title} onInput={onRow(i, 'title')} aria-invalid={!!error || undefined} /></td>
                <td><input id={`ni-m${i}-body`} aria-label={`${t('insp.memberBody')} (${who})`} value={r.body} onInput={onRow(i, 'body')} /></td>
                <td><input id={`ni-m${i}-user`} aria-label={`${t('insp.memberUser')} (${who})`} autocomplete="off" value={r.user} onInput={onRow(i, 'user')} /></td>
                <td class="center"><input type="checkbox" id={`ni-m${i}-head`} aria-label={`${t('insp.head')} (${who})`} checked={r.head} onChange={(e) => onChange(setHead(rows, i, (e.currentTarget as HTMLInputElement).checked))} /></td>
                <td>{rows.length > 1 && <button type="button" class="btn btn-small" aria-label={t('insp.removeMember', { n: i + 1 })} onClick={() => onChange(rows.filter((_, n) => n !== i))}>{t('insp.remove')}</button>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" class="btn btn-small" onClick={() => onChange([...rows, emptyRow()])}>+ {t('insp.addMember')}</button>
    </fieldset>
  );
}
