// Find a unit by name, accents optional ("dak ha" finds Đắk Hà): a labelled search box with a
// list of result buttons (keyboard: type, Tab to a result, Enter).
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t, lang } from '../i18n';
import { useAsync, useDebounced } from '../hooks';
import { formatDate } from '../format';
import { Empty, ErrorBox } from './ui';
import type { Unit } from '../types';
import type { MessageKey } from '../messages';

export function validity(u: Unit): string {
  const from = u.valid_from ? t('units.since', { date: formatDate(lang(), u.valid_from) }) : '';
  const to = u.valid_to ? t('units.until', { date: formatDate(lang(), u.valid_to) }) : '';
  return [from, to].filter(Boolean).join(' ') || t('units.always');
}

export function UnitSearch({ id, label, at, level, onPick }: { id: string; label: string; at?: string; level?: string; onPick: (u: Unit) => void }) {
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 250);
  const res = useAsync(() => (dq.length >= 2 ? api.units({ search: dq, at, page_size: 20 }) : Promise.resolve(null)), [dq, at]);
  const items = (res.data?.items ?? []).filter((u) => !level || u.level === level);
  return (
    <div class="unit-search">
      <label for={id}>{label}</label>
      <input id={id} type="search" value={q} autocomplete="off" aria-describedby={`${id}-hint`}
        aria-controls={`${id}-results`}
        onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && items.length > 0) {
            e.preventDefault();
            onPick(items[0]);
            setQ('');
          }
        }} />
      <span class="hint" id={`${id}-hint`}>{t('entry.unitSearchHint')}</span>
      <ErrorBox error={res.error} />
      <div id={`${id}-results`} aria-live="polite">
        {dq.length >= 2 && res.data && (items.length === 0 ? <Empty>{t('entry.noUnits', { q: dq })}</Empty> : (
          <ul class="results">
            {items.map((u) => (
              <li key={u.code + (u.valid_from ?? '')}>
                <button type="button" class="result" onClick={() => { onPick(u); setQ(''); }}>
                  <strong>{u.name}</strong> <span class="muted">({u.code}) · {t(`level.${u.level}` as MessageKey)} · {validity(u)}</span>
                </button>
              </li>
            ))}
          </ul>
        ))}
      </div>
    </div>
  );
}
