// The form that adds or edits one event of a register, built from the register's fields in
// the catalogue. The server checks every value; its refusal names a field and is shown beside
// that input (as on the add-user form).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { t, lang, nameOf } from '../i18n';
import { formatDate } from '../format';
import { errorText } from './ui';
import { serverText } from '../server-text';
import { changedFields, formValues, inputOfError, inputsOf, newEventFields, type InputSpec } from '../registers';
import type { Category, Event as RegEvent, EventInput, Register } from '../types';
import type { MessageKey } from '../messages';

const idOf = (key: string) => `ev-${key.replace(/\./g, '-')}`;

export function EventForm({ reg, categories, event, defaultUnit, defaultDate, onDone, onCancel }: {
  reg: Register;
  categories: Category[];
  event: RegEvent | null;
  defaultUnit: string;
  defaultDate: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const inputs = inputsOf(reg, categories);
  const [before] = useState<Record<string, string>>(() => ({ ...formValues(inputs, event ?? undefined), date: event?.date ?? defaultDate, unit: event?.unit.code ?? defaultUnit }));
  const [values, setValues] = useState(before);
  const [err, setErr] = useState<{ key: string | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const keys = ['date', 'unit', ...inputs.map((i) => i.key)];

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    try {
      if (!event) {
        const r = await api.addEvent(reg.code, { unit: values.unit.trim(), date: values.date, fields: newEventFields(inputs, values) });
        onDone(r.unchanged ? t('reg.addedSame') : t('reg.added', { date: formatDate(lang(), values.date) }));
      } else {
        const change: EventInput = {};
        const fields = changedFields(inputs, before, values);
        if (Object.keys(fields).length > 0) change.fields = fields;
        if (values.date !== before.date) change.date = values.date;
        if (values.unit.trim() !== before.unit) change.unit = values.unit.trim();
        if (Object.keys(change).length === 0) {
          onDone(t('reg.unchanged'));
          return;
        }
        const r = await api.editEvent(event.id, change);
        onDone(r.changed === false ? t('reg.unchanged') : t('reg.saved', { date: formatDate(lang(), values.date) }));
      }
    } catch (x) {
      if (x instanceof ApiError) {
        // A unit outside the user's scope is refused as a whole (403, no field): it is the unit's fault.
        const field = x.field ?? (x.status === 403 && /\bunit\b/.test(x.message) ? 'unit' : null);
        const key = inputOfError(field, keys);
        setErr({ key, text: key ? serverText(lang(), x.message) : errorText(x) });
      } else setErr({ key: null, text: errorText(x) });
    } finally {
      setBusy(false);
    }
  };

  const set = (key: string) => (e: Event) => setValues({ ...values, [key]: (e.currentTarget as HTMLInputElement).value });
  const fieldErr = (key: string) => (err && err.key === key ? <span class="field-error" id={`${idOf(key)}-err`} role="alert">{err.text}</span> : null);
  const inv = (key: string) => (err && err.key === key ? { 'aria-invalid': true, 'aria-describedby': `${idOf(key)}-err` } : {});
  const title = event ? t('reg.editTitle', { date: formatDate(lang(), event.date), unit: event.unit.name }) : t('reg.addTitle');

  // Items fields (a quantity per type) are grouped in a fieldset; other inputs stand alone.
  const groups: { code: string; items: InputSpec[] }[] = [];
  for (const i of inputs) {
    const g = groups[groups.length - 1];
    if (i.option && g && g.code === i.field.code) g.items.push(i);
    else groups.push({ code: i.field.code, items: [i] });
  }

  return (
    <form class="panel event-form" onSubmit={submit} aria-labelledby="ev-title" data-testid="event-form" noValidate>
      <h2 id="ev-title">{title}</h2>
      <p class="hint">{t('reg.requiredHint')}</p>
      <div class="form-grid">
        <div class="field">
          <label for="ev-date">{t('common.date')} <span class="req" aria-hidden="true">*</span></label>
          <input id="ev-date" type="date" required value={values.date} onInput={set('date')} {...inv('date')} />{fieldErr('date')}
        </div>
        <div class="field">
          <label for="ev-unit">{t('reg.unitCode')} <span class="req" aria-hidden="true">*</span></label>
          <input id="ev-unit" required inputMode="numeric" autocomplete="off" value={values.unit} onInput={set('unit')} aria-describedby="ev-unit-hint" {...inv('unit')} />
          <span class="hint" id="ev-unit-hint">{t('reg.unitHint', { level: t(`level.${reg.level}` as MessageKey).toLowerCase() })}</span>
          {fieldErr('unit')}
        </div>
        {groups.map((g) => (g.items[0].option
          ? (
            <fieldset class="items-field wide" key={g.code}>
              <legend>{nameOf(g.items[0].field)}</legend>
              <div class="form-grid">
                {g.items.map((i) => (
                  <div class="field" key={i.key}>
                    <label for={idOf(i.key)}>{nameOf(i.option!)}{i.option!.unit ? <span class="uom"> ({lang() === 'en' ? i.option!.unit_en : i.option!.unit})</span> : null}</label>
                    <input id={idOf(i.key)} inputMode="decimal" value={values[i.key]} onInput={set(i.key)} {...inv(i.key)} />{fieldErr(i.key)}
                  </div>
                ))}
              </div>
            </fieldset>
          )
          : <Input key={g.code} spec={g.items[0]} value={values[g.code]} onInput={set(g.code)} inv={inv(g.code)} error={fieldErr(g.code)} />))}
      </div>
      {err && err.key === null && <p class="msg msg-error" role="alert" data-testid="event-form-error">{err.text}</p>}
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>{busy ? t('appr.working') : event ? t('reg.save') : t('reg.addButton')}</button>
        <button type="button" class="btn" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

function Input({ spec, value, onInput, inv, error }: { spec: InputSpec; value: string; onInput: (e: Event) => void; inv: object; error: ComponentChildren }) {
  const f = spec.field;
  const id = idOf(spec.key);
  const label = (
    <label for={id}>
      {nameOf(f)}
      {f.required && <> <span class="req" aria-hidden="true">*</span><span class="sr-only"> ({t('reg.required')})</span></>}
    </label>
  );
  let control;
  switch (spec.kind) {
    case 'enum':
      control = (
        <select id={id} value={value} onChange={onInput} {...inv}>
          <option value="">{t('reg.choose')}</option>
          {(f.options ?? []).map((o) => <option key={o.code} value={o.code}>{nameOf(o)}</option>)}
        </select>
      );
      break;
    case 'boolean':
      control = (
        <select id={id} value={value} onChange={onInput} {...inv}>
          <option value="">{t('reg.choose')}</option>
          <option value="1">{t('common.yes')}</option>
          <option value="0">{t('common.no')}</option>
        </select>
      );
      break;
    case 'long_text':
      control = <textarea id={id} rows={3} value={value} onInput={onInput} {...inv} />;
      break;
    case 'date':
      control = <input id={id} type="date" value={value} onInput={onInput} {...inv} />;
      break;
    case 'integer':
      control = <input id={id} inputMode="numeric" value={value} onInput={onInput} {...inv} />;
      break;
    case 'number':
      control = <input id={id} inputMode="decimal" value={value} onInput={onInput} {...inv} />;
      break;
    default:
      control = <input id={id} value={value} onInput={onInput} {...inv} />;
  }
  return <div class={`field${spec.kind === 'long_text' ? ' wide' : ''}`}>{label}{control}{error}</div>;
}
