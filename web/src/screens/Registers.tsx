// Registers: the events of a register (propaganda sessions, hand-ins, models, …) under the
// user's area between two dates, with the register's fields as columns.
import { api } from '../api';
import { t, lang, nameOf } from '../i18n';
import { useApp } from '../store';
import { useAsync } from '../hooks';
import { setParams, useRoute } from '../router';
import { formatDate, formatNumber } from '../format';
import { Empty, ErrorBox, Loading } from '../components/ui';
import type { RegisterField } from '../types';

const PAGE = 50;
const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

function cell(f: RegisterField, v: unknown): string {
  if (v === null || v === undefined || v === '') return '–';
  if (f.options) {
    const o = f.options.find((x) => x.code === v);
    if (o) return nameOf(o);
  }
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number') return formatNumber(lang(), v, 2);
  return String(v);
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
  const page = Math.max(1, +(route.params.get('page') || 1) || 1);
  const badRange = from > to;
  const events = useAsync(() => (reg && !badRange ? api.events(reg.code, { under: app.area, from, to, page, page_size: PAGE }) : Promise.resolve(null)), [code, from, to, page, app.area]);
  const fields = (reg?.fields ?? []).slice(0, 5);
  const pages = events.data ? Math.max(1, Math.ceil(events.data.total / PAGE)) : 1;

  return (
    <section class="screen" aria-labelledby="reg-title">
      <div class="screen-head">
        <div>
          <h1 id="reg-title">{t('reg.title')}</h1>
          {reg && <p class="subtitle">{nameOf(reg)}</p>}
        </div>
      </div>
      <div class="panel filters">
        <div class="field">
          <label for="reg-register">{t('reg.register')}</label>
          <select id="reg-register" value={code} onChange={(e) => setParams({ register: (e.currentTarget as HTMLSelectElement).value, page: undefined })}>
            {regs.map((r) => <option key={r.code} value={r.code}>{nameOf(r)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="reg-from">{t('reg.from')}</label>
          <input id="reg-from" type="date" value={from} onChange={(e) => { const v = (e.currentTarget as HTMLInputElement).value; if (isDate(v)) setParams({ from: v, page: undefined }); }} />
        </div>
        <div class="field">
          <label for="reg-to">{t('reg.to')}</label>
          <input id="reg-to" type="date" value={to} onChange={(e) => { const v = (e.currentTarget as HTMLInputElement).value; if (isDate(v)) setParams({ to: v, page: undefined }); }} />
        </div>
      </div>
      {badRange && <p class="msg msg-error" role="alert">{t('reg.dateRange')}</p>}
      <ErrorBox error={events.error} onRetry={events.reload} />
      {!events.data && events.loading && <Loading />}
      {events.data && (
        <div class="panel">
          <div class="panel-head">
            <h2>{t('reg.total', { n: formatNumber(lang(), events.data.total) })}</h2>
            {pages > 1 && (
              <div class="row pager">
                <button type="button" class="btn btn-small" disabled={page <= 1} onClick={() => setParams({ page: String(page - 1) })}>{t('reg.prevPage')}</button>
                <span>{t('reg.page', { page, pages })}</span>
                <button type="button" class="btn btn-small" disabled={page >= pages} onClick={() => setParams({ page: String(page + 1) })}>{t('reg.nextPage')}</button>
              </div>
            )}
          </div>
          {events.data.items.length === 0 ? <Empty>{t('reg.none')}</Empty> : (
            <div class="table-scroll">
              <table class="data" aria-busy={events.loading}>
                <thead>
                  <tr>
                    <th scope="col">{t('common.date')}</th>
                    <th scope="col">{t('common.unit')}</th>
                    {fields.map((f) => <th scope="col" key={f.code} class={f.type.startsWith('integer') || f.type === 'number' ? 'num' : ''}>{nameOf(f)}</th>)}
                    <th scope="col">{t('reg.enteredBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {events.data.items.map((e) => (
                    <tr key={e.id}>
                      <td class="nowrap">{formatDate(lang(), e.date)}</td>
                      <th scope="row">{e.unit.name}</th>
                      {fields.map((f) => <td key={f.code} class={f.type.startsWith('integer') || f.type === 'number' ? 'num' : ''}>{cell(f, e.fields[f.code])}</td>)}
                      <td class="muted">{e.created_by}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
