// Findings and recommendations of an inspection: the lists, the forms that add them, and the
// follow-up of a recommendation (status and an evidence note) with overdue ones marked.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { t, lang } from '../i18n';
import { formatDate, formatDateTime } from '../format';
import { isOverdue, sortRecommendations, todayIso } from '../inspections';
import { Field, refusalText } from '../components/Field';
import { Empty, Pill, errorText } from '../components/ui';
import type { Finding, Recommendation } from '../types';
import type { MessageKey } from '../messages';

type Msg = { ok: boolean; text: string } | null;

function Notice({ msg, testid }: { msg: Msg; testid: string }) {
  if (!msg) return null;
  return <p class={`msg ${msg.ok ? 'msg-ok' : 'msg-error'}`} role={msg.ok ? 'status' : 'alert'} data-testid={testid}>{msg.text}</p>;
}

/** Sends a form; a refusal naming one of `fields` goes beside it, any other below the form. */
function useSend(fields: string[]) {
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<Msg>(null);
  const [busy, setBusy] = useState(false);
  const send = async (required: Record<string, string>, call: () => Promise<unknown>, done: string): Promise<boolean> => {
    const missing = Object.entries(required).filter(([, v]) => !v.trim()).map(([k]) => [k, t('insp.err.required')]);
    setMsg(null);
    if (missing.length) {
      setErrs(Object.fromEntries(missing));
      return false;
    }
    setBusy(true);
    setErrs({});
    try {
      await call();
      setMsg({ ok: true, text: done });
      return true;
    } catch (x) {
      if (x instanceof ApiError && x.field && fields.includes(x.field)) setErrs({ [x.field]: refusalText(x) });
      else setMsg({ ok: false, text: errorText(x) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { errs, msg, busy, send };
}

export function Findings({ inspection, findings, may, onAdded }: { inspection: number; findings: Finding[]; may: boolean; onAdded: () => void }) {
  const [text, setText] = useState('');
  const [unit, setUnit] = useState('');
  const s = useSend(['text', 'unit']);
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await s.send({ text }, () => api.addFinding(inspection, { text: text.trim(), unit: unit.trim() || undefined }), t('insp.findingAdded'));
    if (ok) {
      setText('');
      setUnit('');
      onAdded();
    }
  };
  return (
    <div class="panel" aria-labelledby="findings-title">
      <h2 id="findings-title">{t('insp.findings')}</h2>
      {findings.length === 0 ? <Empty>{t('insp.noFindings')}</Empty> : (
        <ol class="findings" data-testid="findings">
          {findings.map((f) => (
            <li key={f.id}>
              <p>{f.text}</p>
              <p class="muted small">{f.unit ? `${f.unit.name} (${f.unit.code})` : t('insp.wholeScope')} · {f.created_by} · {formatDateTime(lang(), f.created_at)}</p>
            </li>
          ))}
        </ol>
      )}
      {may && (
        <form class="sub-form" onSubmit={submit} aria-labelledby="nf-title" noValidate>
          <h3 id="nf-title">{t('insp.newFinding')}</h3>
          <div class="form-grid">
            <Field id="nf-text" label={t('insp.findingText')} error={s.errs.text} class="span-3">{(a) => <textarea {...a} rows={2} value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />}</Field>
            <Field id="nf-unit" label={t('insp.findingUnit')} error={s.errs.unit}>{(a) => <input {...a} inputMode="numeric" autocomplete="off" value={unit} onInput={(e) => setUnit((e.currentTarget as HTMLInputElement).value)} />}</Field>
          </div>
          <Notice msg={s.msg} testid="finding-msg" />
          <button type="submit" class="btn btn-primary" disabled={s.busy} aria-busy={s.busy}>{s.busy ? t('insp.working') : t('insp.addFinding')}</button>
        </form>
      )}
    </div>
  );
}

export function Recommendations({ inspection, recs, may, onChanged }: { inspection: number; recs: Recommendation[]; may: boolean; onChanged: () => void }) {
  return (
    <div class="panel" aria-labelledby="recs-title">
      <h2 id="recs-title">{t('insp.recs')}</h2>
      <RecommendationTable recs={recs} canFollowUp={may} onChanged={onChanged} />
      {may && <AddRecommendation inspection={inspection} onAdded={onChanged} />}
    </div>
  );
}

function AddRecommendation({ inspection, onAdded }: { inspection: number; onAdded: () => void }) {
  const [f, setF] = useState({ text: '', responsible_unit: '', deadline: '' });
  const s = useSend(['text', 'responsible_unit', 'deadline']);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await s.send(f, () => api.addRecommendation(inspection, { text: f.text.trim(), responsible_unit: f.responsible_unit.trim(), deadline: f.deadline }), t('insp.recAdded'));
    if (ok) {
      setF({ text: '', responsible_unit: '', deadline: '' });
      onAdded();
    }
  };
  return (
    <form class="sub-form" onSubmit={submit} aria-labelledby="nr-title" noValidate>
      <h3 id="nr-title">{t('insp.newRec')}</h3>
      <div class="form-grid">
        <Field id="nr-text" label={t('insp.recText')} error={s.errs.text} class="span-2">{(a) => <textarea {...a} rows={2} value={f.text} onInput={set('text')} />}</Field>
        <Field id="nr-unit" label={t('insp.recUnit')} error={s.errs.responsible_unit}>{(a) => <input {...a} inputMode="numeric" autocomplete="off" value={f.responsible_unit} onInput={set('responsible_unit')} />}</Field>
        <Field id="nr-deadline" label={t('insp.recDeadline')} error={s.errs.deadline}>{(a) => <input {...a} type="date" value={f.deadline} onInput={set('deadline')} />}</Field>
      </div>
      <Notice msg={s.msg} testid="rec-msg" />
      <button type="submit" class="btn btn-primary" disabled={s.busy} aria-busy={s.busy}>{s.busy ? t('insp.working') : t('insp.addRec')}</button>
    </form>
  );
}

const statusText = (s: string) => t(`insp.status.${s}` as MessageKey);

export function RecommendationTable({ recs, canFollowUp, onChanged }: { recs: Recommendation[]; canFollowUp: boolean; onChanged: () => void }) {
  const [open, setOpen] = useState<number | null>(null);
  const [msg, setMsg] = useState<Msg>(null);
  const today = todayIso();
  if (recs.length === 0) return <Empty>{t('insp.noRecs')}</Empty>;
  const overdue = recs.filter((r) => isOverdue(r, today)).length;
  return (
    <>
      {overdue > 0 && <p class="text-error" data-testid="overdue-count">{t('insp.overdueCount', { n: overdue })}</p>}
      <Notice msg={msg} testid="followup-msg" />
      <div class="table-scroll">
        <table class="data recs" data-testid="recommendations">
          <thead><tr><th scope="col">{t('insp.recText')}</th><th scope="col">{t('insp.responsible')}</th><th scope="col">{t('insp.recDeadline')}</th><th scope="col">{t('insp.status')}</th><th scope="col">{t('insp.evidence')}</th>{canFollowUp && <th scope="col"><span class="sr-only">{t('insp.followUp')}</span></th>}</tr></thead>
          <tbody>
            {sortRecommendations(recs, today).map((r) => {
              const late = isOverdue(r, today);
              return [
                <tr key={r.id} data-rec={r.id} class={late ? 'overdue-row' : undefined}>
                  <td>{r.text}</td>
                  <td>{r.responsible_unit.name} <span class="muted">({r.responsible_unit.code})</span></td>
                  <td class="nowrap">{formatDate(lang(), r.deadline)}</td>
                  <td>
                    <Pill kind={r.status}>{statusText(r.status)}</Pill>
                    {late && r.status !== 'overdue' && <> <Pill kind="overdue">{statusText('overdue')}</Pill></>}
                  </td>
                  <td>{r.evidence.length === 0 ? <span class="muted">–</span> : (
                    <ul class="plain">{r.evidence.map((ev, k) => <li key={k}>{ev.text} <span class="muted small">({ev.by}, {formatDateTime(lang(), ev.at)})</span></li>)}</ul>
                  )}</td>
                  {canFollowUp && (
                    <td><button type="button" class="btn btn-small" aria-expanded={open === r.id} aria-label={t('insp.followUpOf', { text: r.text.length > 60 ? `${r.text.slice(0, 60)}…` : r.text })}
                      onClick={() => { setOpen(open === r.id ? null : r.id); setMsg(null); }}>{t('insp.followUp')}</button></td>
                  )}
                </tr>,
                open === r.id && (
                  <tr key={`${r.id}-f`} class="sub-row">
                    <td colSpan={6}>
                      <FollowUp rec={r} onCancel={() => setOpen(null)} onDone={() => { setOpen(null); setMsg({ ok: true, text: t('insp.followedUp') }); onChanged(); }} />
                    </td>
                  </tr>
                ),
              ];
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function FollowUp({ rec, onCancel, onDone }: { rec: Recommendation; onCancel: () => void; onDone: () => void }) {
  // "overdue" is not a status one sets: the stored one is hidden behind it, so offer "in progress".
  const [status, setStatus] = useState<'open' | 'in_progress' | 'done'>(rec.status === 'overdue' ? 'in_progress' : rec.status);
  const [note, setNote] = useState('');
  const s = useSend(['status', 'evidence']);
  const id = `fu-${rec.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await s.send({}, () => api.followUp(rec.id, { status, evidence: note.trim() || undefined }), t('insp.followedUp'))) onDone();
  };
  return (
    <form class="follow-up" onSubmit={submit} noValidate>
      <div class="form-grid">
        <Field id={`${id}-status`} label={t('insp.newStatus')} error={s.errs.status}>{(a) => (
          <select {...a} value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value as typeof status)}>
            {(['open', 'in_progress', 'done'] as const).map((k) => <option key={k} value={k}>{statusText(k)}</option>)}
          </select>
        )}</Field>
        <Field id={`${id}-note`} label={t('insp.note')} error={s.errs.evidence} class="span-3">{(a) => <textarea {...a} rows={2} value={note} onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />}</Field>
      </div>
      <Notice msg={s.msg && !s.msg.ok ? s.msg : null} testid="followup-error" />
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={s.busy} aria-busy={s.busy}>{s.busy ? t('insp.working') : t('insp.save')}</button>
        <button type="button" class="btn" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
