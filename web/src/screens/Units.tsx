// Units: the hierarchy as of a date (a date control with quick jumps across 2025-07-01), search
// by name without accents, and one unit's versions, same-code units and lineage.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t, lang } from '../i18n';
import { useApp, childLevel } from '../store';
import { useAsync } from '../hooks';
import { setParams, useRoute } from '../router';
import { formatDate, formatNumber } from '../format';
import { Empty, ErrorBox, Loading } from '../components/ui';
import { UnitSearch, validity } from '../components/UnitSearch';
import type { Unit } from '../types';
import type { MessageKey } from '../messages';

const BEFORE = '2025-06-30';
const AFTER = '2025-07-01';
const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);
const levelName = (l: string) => t(`level.${l}` as MessageKey);

/** A date inside a unit version's validity, as close as possible to `at`. */
function dateWithin(u: Unit, at: string): string {
  if (u.valid_from && at < u.valid_from) return u.valid_from;
  if (u.valid_to && at > u.valid_to) return u.valid_to;
  return at;
}

export function Units() {
  const app = useApp();
  const route = useRoute();
  const atParam = route.params.get('at');
  const at = isDate(atParam) ? atParam : app.areaAsOf ?? new Date().toISOString().slice(0, 10);
  const selected = route.params.get('code') || '';

  return (
    <section class="screen" aria-labelledby="units-title">
      <div class="screen-head">
        <div>
          <h1 id="units-title">{t('units.title')}</h1>
          <p class="subtitle">{t('units.at')} {formatDate(lang(), at)}</p>
        </div>
        <div class="date-control">
          <label for="units-at">{t('units.at')}</label>
          <div class="row">
            <input id="units-at" type="date" value={at} min="2000-01-01" max="2100-12-31"
              onChange={(e) => { const v = (e.currentTarget as HTMLInputElement).value; if (isDate(v)) setParams({ at: v }); }} />
            <button type="button" class={`btn btn-small${at === BEFORE ? ' btn-on' : ''}`} aria-pressed={at === BEFORE} onClick={() => setParams({ at: BEFORE })}>{t('units.before')}</button>
            <button type="button" class={`btn btn-small${at === AFTER ? ' btn-on' : ''}`} aria-pressed={at === AFTER} onClick={() => setParams({ at: AFTER })}>{t('units.after')}</button>
          </div>
        </div>
      </div>
      <div class="grid-2 units-grid">
        <div class="panel">
          <h2 id="tree-title">{t('units.tree')}</h2>
          <Tree at={at} selected={selected} focusPath={selected || app.area} onSelect={(u) => setParams({ code: u.code })} />
        </div>
        <div class="panel">
          <UnitSearch id="units-search" label={t('units.search')} onPick={(u) => setParams({ code: u.code, at: dateWithin(u, at) }, false)} />
          {selected ? <Details code={selected} at={at} onGo={(u, d) => setParams({ code: u.code, at: d }, false)} /> : <Empty>{t('units.pick')}</Empty>}
        </div>
      </div>
    </section>
  );
}

function Tree({ at, selected, focusPath, onSelect }: { at: string; selected: string; focusPath: string; onSelect: (u: Unit) => void }) {
  const roots = useAsync(() => api.units({ at, level: 'country' }), [at]);
  // Open the path to the user's area (if it exists on this date) the first time.
  const path = useAsync(() => api.unit(focusPath, at).then((d) => d.ancestors.map((a) => a.code)).catch(() => [] as string[]), [focusPath, at]);
  if (roots.error) return <ErrorBox error={roots.error} onRetry={roots.reload} />;
  if (!roots.data || !path.data) return <Loading />;
  if (roots.data.items.length === 0) return <Empty>{t('units.empty')}</Empty>;
  return (
    <ul class="tree" aria-labelledby="tree-title">
      {roots.data.items.map((u) => <Node key={u.code} unit={u} at={at} depth={1} selected={selected} open={path.data!} onSelect={onSelect} />)}
    </ul>
  );
}

function Node({ unit, at, depth, selected, open, onSelect }: { unit: Unit; at: string; depth: number; selected: string; open: string[]; onSelect: (u: Unit) => void }) {
  const next = childLevel(unit.level, at);
  const [expanded, setExpanded] = useState(depth === 1 || open.includes(unit.code));
  useEffect(() => {
    if (open.includes(unit.code)) setExpanded(true);
  }, [open.join(','), unit.code]);
  const kids = useAsync(() => (expanded && next ? api.units({ at, under: unit.code, level: next, page_size: 1000 }) : Promise.resolve(null)), [expanded, at, unit.code, next]);
  const items = (kids.data?.items ?? []).slice().sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return (
    <li>
      <div class={`node${selected === unit.code ? ' node-on' : ''}`}>
        {next ? (
          <button type="button" class="twisty" aria-expanded={expanded} aria-label={t(expanded ? 'units.collapse' : 'units.expand', { unit: unit.name })} onClick={() => setExpanded(!expanded)}>
            {expanded ? '▾' : '▸'}
          </button>
        ) : <span class="twisty" aria-hidden="true" />}
        <button type="button" class="node-name" aria-current={selected === unit.code ? 'true' : undefined} onClick={() => onSelect(unit)} data-code={unit.code}>
          {unit.name} <span class="muted">{unit.code}</span>
        </button>
        {expanded && kids.data && <span class="muted small">{t('units.count', { n: formatNumber(lang(), kids.data.total) })}</span>}
      </div>
      {expanded && next && (
        kids.error ? <ErrorBox error={kids.error} /> : !kids.data ? <Loading /> : items.length === 0 ? <p class="empty small">{t('units.noChildren')}</p> : (
          <ul>
            {items.map((u) => <Node key={u.code} unit={u} at={at} depth={depth + 1} selected={selected} open={open} onSelect={onSelect} />)}
          </ul>
        )
      )}
    </li>
  );
}

function Details({ code, at, onGo }: { code: string; at: string; onGo: (u: Unit, date: string) => void }) {
  const d = useAsync(() => api.unit(code, at), [code, at]);
  const lin = useAsync(() => api.lineage(code, at), [code, at]);
  if (d.error) {
    return (
      <div class="details" data-testid="unit-details">
        <h2>{t('units.details')}: {code}</h2>
        <p class="msg msg-warn" role="note">{t('units.notOnDate', { code, date: formatDate(lang(), at) })}</p>
        <ErrorBox error={d.error} />
      </div>
    );
  }
  if (!d.data) return <Loading />;
  const u = d.data;
  return (
    <div class="details" data-testid="unit-details" aria-busy={d.loading || lin.loading}>
      <h2>{u.name} <span class="muted">({u.code})</span></h2>
      <dl class="kv">
        <div><dt>{t('units.typeLevel')}</dt><dd>{[u.type, levelName(u.level)].filter((x, i, a) => x && a.indexOf(x) === i).join(' · ') || '–'}</dd></div>
        <div><dt>{t('units.validity')}</dt><dd>{validity(u)}</dd></div>
        <div><dt>{t('units.ancestors')}</dt><dd>{u.ancestors.length ? u.ancestors.map((a) => a.name).join(' › ') : '–'}</dd></div>
      </dl>
      <h3>{t('units.lineage')}</h3>
      <ErrorBox error={lin.error} />
      {lin.data && (lin.data.length === 0 ? <Empty>{t('units.lineageNone')}</Empty> : (
        <ul class="lineage" data-testid="lineage">
          {lin.data.map((l, i) => {
            const date = l.direction === 'to' ? l.date : u.valid_from && l.unit.valid_to ? l.unit.valid_to : l.date;
            return (
              <li key={i}>
                <span class="pill pill-lineage">{t(`units.kind.${l.kind}` as MessageKey) ?? l.kind}</span>{' '}
                {formatDate(lang(), l.date)}: {t(l.direction === 'from' ? 'units.from' : 'units.to')}{' '}
                <button type="button" class="linklike" onClick={() => onGo(l.unit, dateWithin(l.unit, date))}>{l.unit.name} ({l.unit.code})</button>
                {l.weight !== 1 && <span> · {t('units.weight')} {formatNumber(lang(), l.weight * 100)}%</span>}
                <div class="muted small">{t('units.source')}: {l.source}</div>
              </li>
            );
          })}
        </ul>
      ))}
      <h3>{t('units.versions')}</h3>
      <ul class="plain">
        {u.history.map((h, i) => <li key={i}>{h.name} · {h.type} · {validity(h)}</li>)}
      </ul>
      {u.same_code.length > 1 && (
        <>
          <h3>{t('units.sameCode', { code: u.code })}</h3>
          <ul class="plain">
            {u.same_code.map((h, i) => (
              <li key={i}><button type="button" class="linklike" onClick={() => onGo(h, dateWithin(h, at))}>{h.name}</button> · {validity(h)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
