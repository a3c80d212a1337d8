// CSV import of one register's events: pick a file, send it as it is (text/csv), and show the
// server's answer: how many rows were added, or every bad row (line, column, field, message)
// with the plain statement that nothing was stored (the import is all or nothing).
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t, lang, nameOf } from '../i18n';
import { formatNumber } from '../format';
import { ErrorBox } from './ui';
import { serverText } from '../server-text';
import { DataTable } from './DataTable';
import { csvTemplate, importReportOf } from '../registers';
import type { Category, ImportProblem, ImportReport, Register } from '../types';

export function CsvImport({ reg, categories, onImported, onClose }: { reg: Register; categories: Category[]; onImported: () => void; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ report: ImportReport; file: string; dryRun: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      const report = await api.importEvents(reg.code, file, { file_name: file.name, dry_run: dryRun });
      setResult({ report: importReportOf(report, reg.code) ?? report, file: file.name, dryRun });
      if (report.written && report.added > 0) onImported();
    } catch (x) {
      const report = importReportOf(x, reg.code);
      if (report) setResult({ report, file: file.name, dryRun });
      else setError(x);
    } finally {
      setBusy(false);
    }
  };

  const template = () => {
    const text = csvTemplate(reg, categories, nameOf, t('reg.csvDate'), t('reg.csvUnit'));
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${reg.code}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby="imp-title" data-testid="csv-import">
      <div class="panel-head">
        <h2 id="imp-title">{t('imp.title', { register: nameOf(reg) })}</h2>
        <button type="button" class="btn btn-small btn-quiet" onClick={onClose}>{t('common.close')}</button>
      </div>
      <p class="hint imp-hint">{t('imp.hint')}</p>
      <div class="filters">
        <div class="field">
          <label for="imp-file">{t('imp.file')}</label>
          <input id="imp-file" type="file" accept=".csv,text/csv" onChange={(e) => { setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null); setResult(null); setError(null); }} />
        </div>
        <div class="field check">
          <input id="imp-dry" type="checkbox" checked={dryRun} onChange={(e) => setDryRun((e.currentTarget as HTMLInputElement).checked)} />
          <label for="imp-dry">{t('imp.dryRun')}</label>
        </div>
        <div class="field row">
          <button type="submit" class="btn btn-primary" disabled={!file || busy} aria-busy={busy}>{busy ? t('imp.working') : dryRun ? t('imp.check') : t('imp.submit')}</button>
          <button type="button" class="btn" onClick={template}>{t('imp.template')}</button>
        </div>
      </div>
      <ErrorBox error={error} />
      <div aria-live="polite">{result && <ImportResult {...result} reg={reg} />}</div>
    </form>
  );
}

function ImportResult({ report, file, dryRun, reg }: { report: ImportReport; file: string; dryRun: boolean; reg: Register }) {
  const n = (x: number) => formatNumber(lang(), x);
  if (report.problems.length === 0) {
    const text = dryRun || !report.written
      ? t('imp.checked', { file, rows: n(report.rows) })
      : t('imp.done', { file, added: n(report.added), unchanged: n(report.unchanged) });
    return <p class="msg msg-ok" role="status" data-testid="import-ok">{text}</p>;
  }
  const bad = new Set(report.problems.map((p) => p.line)).size;
  const fieldName = (code: string | null) => {
    if (!code) return '–';
    if (code === 'date') return t('common.date');
    if (code === 'unit') return t('common.unit');
    const f = reg.fields.find((x) => x.code === code.split('.')[0]);
    return f ? (code.includes('.') ? `${nameOf(f)} (${code.split('.').slice(1).join('.')})` : nameOf(f)) : code;
  };
  return (
    <div data-testid="import-errors">
      <div class="msg msg-error" role="alert">
        <strong>{report.written ? t('imp.someSkipped') : t('imp.nothingStored')}</strong>{' '}
        {report.rows > 0 ? t('imp.badRows', { file, bad: n(bad), rows: n(report.rows) }) : t('imp.badFile', { file })}
      </div>
      <DataTable<ImportProblem & { i: number }>
        caption={t('imp.problems')}
        rows={report.problems.map((p, i) => ({ ...p, i }))}
        rowKey={(p) => p.i}
        columns={[
          { key: 'line', label: t('imp.line'), num: true, cell: (p) => (p.line === null ? '–' : n(p.line)) },
          { key: 'column', label: t('imp.column'), num: true, cell: (p) => (p.column === null ? '–' : n(p.column)) },
          { key: 'field', label: t('imp.field'), cell: (p) => fieldName(p.field) },
          { key: 'message', label: t('imp.message'), class: 'wrap-cell', cell: (p) => serverText(lang(), p.message) },
        ]} />
    </div>
  );
}
