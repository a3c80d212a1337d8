// The app's data table: columns described once (header, cell, number alignment, the row's
// header cell), with optional sorting by a column header button that says its order (aria-sort).
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';
import type { Sort } from '../registers';

export interface Column<T> {
  key: string;
  label: ComponentChildren;
  /** The header's text for sort buttons (when `label` is not plain text). */
  title?: string;
  cell: (row: T) => ComponentChildren;
  num?: boolean;
  nowrap?: boolean;
  /** The cell is the row's header (<th scope="row">): the unit, the user. */
  rowHeader?: boolean;
  sortable?: boolean;
  class?: string;
}

export function DataTable<T>({ columns, rows, rowKey, sort, onSort, busy, caption, testid }: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  sort?: Sort | null;
  onSort?: (key: string) => void;
  busy?: boolean;
  caption?: string;
  testid?: string;
}) {
  return (
    <div class="table-scroll">
      <table class="data" aria-busy={busy} data-testid={testid}>
        {caption && <caption class="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => {
              const on = sort?.key === c.key;
              const cls = [c.num ? 'num' : '', c.class ?? ''].join(' ').trim() || undefined;
              if (!c.sortable || !onSort) return <th scope="col" key={c.key} class={cls}>{c.label}</th>;
              return (
                <th scope="col" key={c.key} class={cls} aria-sort={on ? (sort!.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" class="sort" title={t('table.sortBy', { column: c.title ?? String(c.label) })} onClick={() => onSort(c.key)}>
                    {c.label}
                    <span class="sort-mark" aria-hidden="true">{on ? (sort!.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) => {
                const cls = [c.num ? 'num' : '', c.nowrap ? 'nowrap' : '', c.class ?? ''].join(' ').trim() || undefined;
                return c.rowHeader
                  ? <th scope="row" key={c.key} class={cls}>{c.cell(r)}</th>
                  : <td key={c.key} class={cls}>{c.cell(r)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
