// A labelled form field whose error sits beside it (the browser's check or the field the server
// names), tied to the control by aria-invalid and aria-describedby.
import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api';
import { t } from '../i18n';
import { knownRefusal } from '../inspections';
import { errorText } from './ui';

export interface FieldA11y { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }

export function Field({ id, label, error, hint, class: cls, children }: {
  id: string;
  label: string;
  error?: string | null;
  hint?: string;
  class?: string;
  children: (a: FieldA11y) => ComponentChildren;
}) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ');
  const a: FieldA11y = { id };
  if (error) a['aria-invalid'] = true;
  if (described) a['aria-describedby'] = described;
  return (
    <div class={`field${cls ? ` ${cls}` : ''}`}>
      <label for={id}>{label}</label>
      {children(a)}
      {hint && <span class="hint" id={`${id}-hint`}>{hint}</span>}
      {error && <span class="field-error" id={`${id}-err`} role="alert">{error}</span>}
    </div>
  );
}

/** The text shown beside a field for a server refusal naming it: the known ones in the user's
 *  language, a refusal of rights with its explanation, else the server's message. */
export function refusalText(x: ApiError): string {
  const known = knownRefusal(x);
  if (known) return t(known.key, known.params);
  return x.status === 403 ? errorText(x) : x.message;
}
