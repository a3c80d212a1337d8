// Registers: the events of a register (propaganda sessions, hand-ins, models, …) under an area
// between two dates, searchable and sortable, with the register's fields as columns; officers
// who may write add, edit, delete (with undo) and import events from a CSV file.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t, lang, nameOf } from '../i18n';
import { canEnter, useApp } from '../store';
import { useAsync } from '../hooks';
import { setParams, useRoute } from '../router';
import { formatDate, formatNumber } from '../format';
import { Empty, ErrorBox, Loading, errorText } from '../components/ui';
import { DataTable, type Column } from '../components/DataTable';
import { UnitSearch } from '../components/UnitSearch';
import { EventForm } from '../components/EventForm';
import { CsvImport } from '../components/CsvImport';
import { matches, nextSort, parseSort, plainValue, sortParam, sortRows } from '../registers';
import type { Event as RegEvent, Register, RegisterField } from '../types';

const PAGE = 50;
/** The API gives at most 1000 events a page; search and sort need them all in the browser. */
const FETCH = 1000;
const MAX_PAGES = 5;
const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);
const isNum = (f: RegisterField) => f.type.startsWith('integer') || f.type === 'number';

async function loadEvents(register: string, q: { under: string; from: string; to: string }): Promise<{ items: RegEvent[]; total: number }> {
  const first = await api.events(register, { ...q, page: 1, page_size: FETCH });
  let items = first.items;
  for (let p = 2; items.length < first.total && p <= MAX_PAGES; p++) items = items.concat((await api.events(register, { ...q, page: p, page_size: FETCH })).items);
  return { items, total: first.total };
}

export function Registers() {
  const app = useApp();
  const route = useRoute();
  const regs = app.catalog.registers;
  const code = route.params.get('register') || regs[0]?.code || '';
  const reg = regs.find((r) => r.code === code);
  const year = app.defaultMonth.slice(0, 4);
  const from = isDate(route.params.get('from')) ? route.params.get('from')! : `${year}-01-01`;
  const to = isDate(route.params.get('to')) ? route.params.get('to')! : `${year}-12-31`;
  const under = route.params.get('under') || app.area;
  const q = route.params.get('q') ?? '';
  const sort = parseSort(route.params.get('sort') ?? '-date');
  const page = Math.max(1, +(route.params.get('page') || 1) || 1);
  const badRange = from > to;
  const writable = canEnter(app.session.role);
  const events = useAsync(() => (reg && !badRange ? loadEvents(reg.code, { under, from, to }) : Promise.resolve(null)), [code, from, to, under]);
  const area = useAsync(() => (under === app.area && app.area === 'VN' ? Promise.resolve(null) : api.unit(under, to).catch(() => null)), [under, to]);
  const [panel, setPanel] = useState<{ kind: 'add' } | { kind: 'edit'; event: RegEvent } | { kind: 'import' } | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string; undo?: RegEvent } | null>(null);

  const cats = app.catalog.categories;
  const num = (n: number) => formatNumber(lang(), n, 2);
  const text = (f: RegisterField, e: RegEvent) => plainValue(f, e.fields[f.code], nameOf, num, cats);
  const shown = (reg?.fields ?? []).slice(0, 5);
  const all = events.data?.items ?? [];
  const found = all.filter((e) => matches(e, q, (x) => [x.unit.name, x.unit.code, x.date, formatDate(lang(), x.date), x.created_by, ...(reg?.fields ?? []).map((f) => text(f, x))].join(' ')));
  const sorted = sortRows(found, sort, (e, key) => {
    if (key === 'date') return e.date;
    if (key === 'unit') return e.unit.name;
    if (key === 'created_by') return e.created_by;
    const f = reg?.fields.find((x) => x.code === key);
    if (!f) return null;
    const v = e.fields[key];
    return typeof v === 'number' ? v : text(f, e);
  });
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE));
  const current = Math.min(page, pages);
  const rows = sorted.slice((current - 1) * PAGE, current * PAGE);

  const change = (p: Record<string, string | undefined>) => setParams({ ...p, page: undefined });
  const reload = () => events.reload();
  const remove = async (e: RegEvent) => {
    setNotice(null);
    try {
      await api.deleteEvent(e.id);
      setNotice({ ok: true, text: t('reg.deleted', { date: formatDate(lang(), e.date), unit: e.unit.name }), undo: e });
      if (panel?.kind === 'edit' && panel.event.id === e.id) setPanel(null);
      reload();
    } catch (x) {
      setNotice({ ok: false, text: errorText(x) });
    }
  };
  const undo = async (e: RegEvent) => {
    try {
      await api.restoreEvent(e.id);
      setNotice({ ok: true, text: t('reg.restored', { date: formatDate(lang(), e.date), unit: e.unit.name }) });
      reload();
    } catch (x) {
      setNotice({ ok: false, text: errorText(x) });
    }
  };

  const columns: Column<RegEvent>[] = [
    { key: 'date', label: t('common.date'), nowrap: true, sortable: true, cell: (e) => formatDate(lang(), e.date) },
    { key: 'unit', label: t('common.unit'), rowHeader: true, sortable: true, cell: (e) => e.unit.name },
    ...shown.map((f): Column<RegEvent> => ({ key: f.code, label: nameOf(f), num: isNum(f), sortable: true, class: 'wrap-cell', cell: (e) => text(f, e) || '–' })),
    { key: 'created_by', label: t('reg.enteredBy'), sortable: true, class: 'muted', cell: (e) => e.created_by },
  ];
  if (writable) {
    columns.push({
      key: 'actions', label: t('appr.actions'), class: 'actions-cell', cell: (e) => {
        const what = t('reg.eventOf', { date: formatDate(lang(), e.date), unit: e.unit.name });
        return (
          <>
            <button type="button" class="btn btn-small" aria-label={t('reg.editOf', { what })} onClick={() => { setNotice(null); setPanel({ kind: 'edit', event: e }); }}>{t('reg.edit')}</button>
            <button type="button" class="btn btn-small" aria-label={t('reg.deleteOf', { what })} onClick={() => remove(e)}>{t('reg.delete')}</button>
          </>
        );
      },
    });
  }

  return (
    <section class="screen" aria-labelledby="reg-title">
      <div class="screen-head">
        <div>
          <h1 id="reg-title">{t('reg.title')}</h1>
          {reg && <p class="subtitle">{nameOf(reg)}</p>}
        </div>
        {writable && reg && (
          <div class="row">
            <button type="button" class={`btn ${panel?.kind === 'add' ? 'btn-on' : panel ? '' : 'btn-primary'}`} aria-expanded={panel?.kind === 'add'} onClick={() => { setNotice(null); setPanel(panel?.kind === 'add' ? null : { kind: 'add' }); }}>{t('reg.add')}</button>
            <button type="button" class={`btn ${panel?.kind === 'import' ? 'btn-on' : ''}`} aria-expanded={panel?.kind === 'import'} onClick={() => { setNotice(null); setPanel(panel?.kind === 'import' ? null : { kind: 'import' }); }}>{t('reg.import')}</button>
          </div>
        )}
      </div>
      <div class="panel filters">
        <div class="field">
          <label for="reg-register">{t('reg.register')}</label>
          <select id="reg-register" value={code} onChange={(e) => { setPanel(null); change({ register: (e.currentTarget as HTMLSelectElement).value, sort: undefined }); }}>
            {regs.map((r) => <option key={r.code} value={r.code}>{nameOf(r)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="reg-from">{t('reg.from')}</label>
          <input id="reg-from" type="date" value={from} onChange={(e) => { const v = (e.currentTarget as HTMLInputElement).value; if (isDate(v)) change({ from: v }); }} />
        </div>
        <div class="field">
          <label for="reg-to">{t('reg.to')}</label>
          <input id="reg-to" type="date" value={to} onChange={(e) => { const v = (e.currentTarget as HTMLInputElement).value; if (isDate(v)) change({ to: v }); }} />
        </div>
        <div class="field">
          <label for="reg-q">{t('reg.search')}</label>
          <input id="reg-q" type="search" value={q} placeholder={t('reg.searchHint')} onInput={(e) => change({ q: (e.currentTarget as HTMLInputElement).value || undefined })} />
        </div>
        <div class="field area-field">
          <span class="label-like" id="reg-area-label">{t('reg.area')}</span>
          <p class="chosen-area" aria-labelledby="reg-area-label">
            <strong>{area.data ? area.data.name : under === 'VN' ? t('reg.country') : under}</strong>
            {under !== app.area && <button type="button" class="linklike" onClick={() => change({ under: undefined })}>{t('reg.myArea')}</button>}
          </p>
        </div>
        <details class="area-pick">
          <summary>{t('reg.changeArea')}</summary>
          <UnitSearch id="reg-under" label={t('reg.findArea')} at={to} onPick={(u) => change({ under: u.code })} />
        </details>
      </div>
      {badRange && <p class="msg msg-error" role="alert">{t('reg.dateRange')}</p>}
      {notice && (
        <p class={`msg ${notice.ok ? 'msg-ok' : 'msg-error'}`} role={notice.ok ? 'status' : 'alert'} data-testid="reg-notice">
          <span>{notice.text}</span>
          {notice.undo && <button type="button" class="btn btn-small" onClick={() => undo(notice.undo!)}>{t('reg.undo')}</button>}
        </p>
      )}
      {reg && panel && panel.kind !== 'import' && (
        <EventForm key={panel.kind === 'edit' ? panel.event.id : 'new'} reg={reg} categories={cats} event={panel.kind === 'edit' ? panel.event : null}
          defaultUnit={app.session.role === 'commune-officer' ? app.area : ''} defaultDate={to < new Date().toISOString().slice(0, 10) ? to : new Date().toISOString().slice(0, 10)}
          onCancel={() => setPanel(null)}
          onDone={(msg) => { setPanel(null); setNotice({ ok: true, text: msg }); reload(); }} />
      )}
      {reg && panel?.kind === 'import' && <CsvImport reg={reg} categories={cats} onImported={reload} onClose={() => setPanel(null)} />}
      <ErrorBox error={events.error} onRetry={events.reload} />
      {!events.data && events.loading && <Loading />}
      {events.data && reg && (
        <div class="panel">
          <div class="panel-head">
            <h2 data-testid="reg-total">
              {q ? t('reg.found', { n: formatNumber(lang(), found.length), total: formatNumber(lang(), events.data.total) }) : t('reg.total', { n: formatNumber(lang(), events.data.total) })}
            </h2>
            {pages > 1 && (
              <div class="row pager">
                <button type="button" class="btn btn-small" disabled={current <= 1} onClick={() => setParams({ page: String(current - 1) })}>{t('reg.prevPage')}</button>
                <span>{t('reg.page', { page: current, pages })}</span>
                <button type="button" class="btn btn-small" disabled={current >= pages} onClick={() => setParams({ page: String(current + 1) })}>{t('reg.nextPage')}</button>
              </div>
            )}
          </div>
          {events.data.total > all.length && <p class="msg msg-warn">{t('reg.capped', { n: formatNumber(lang(), all.length), total: formatNumber(lang(), events.data.total) })}</p>}
          {all.length === 0 ? (
            <NoEvents reg={reg} from={from} to={to} writable={writable} onAdd={() => setPanel({ kind: 'add' })} onImport={() => setPanel({ kind: 'import' })} />
          ) : found.length === 0 ? (
            <div class="empty-state">
              <Empty>{t('reg.noMatch', { q })}</Empty>
              <button type="button" class="btn btn-small" onClick={() => change({ q: undefined })}>{t('reg.clearSearch')}</button>
            </div>
          ) : (
            <DataTable columns={columns} rows={rows} rowKey={(e) => e.id} busy={events.loading} caption={nameOf(reg)}
              sort={sort} onSort={(key) => setParams({ sort: sortParam(nextSort(sort, key)), page: undefined })} />
          )}
        </div>
      )}
    </section>
  );
}

/** The friendly empty state: what is empty, and what the user can do about it. */
function NoEvents({ reg, from, to, writable, onAdd, onImport }: { reg: Register; from: string; to: string; writable: boolean; onAdd: () => void; onImport: () => void }) {
  return (
    <div class="empty-state" data-testid="reg-empty">
      <p class="empty-title">{t('reg.none')}</p>
      <p class="muted">{t('reg.noneDetail', { register: nameOf(reg), from: formatDate(lang(), from), to: formatDate(lang(), to) })}</p>
      {writable && (
        <div class="row">
          <button type="button" class="btn btn-small" onClick={onAdd}>{t('reg.add')}</button>
          <button type="button" class="btn btn-small" onClick={onImport}>{t('reg.import')}</button>
        </div>
      )}
    </div>
  );
}
