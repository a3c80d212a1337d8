// A report's history (figures saved and transitions, newest first).
import { api } from '../api';
import { t, lang, nameOf } from '../i18n';
import { useApp } from '../store';
import type { Element } from '../types';
import { useAsync } from '../hooks';
import { actionName, auditChange } from '../actions';
import { formatDateTime } from '../format';
import { Empty, ErrorBox, Loading } from './ui';

/** "tips.received/202209" → the element's name (an option's element too); else the subject. */
function subjectName(subject: string, elements: Map<string, Element>): string {
  const code = subject.split('/')[0];
  const el = elements.get(code) ?? elements.get(code.split('.').slice(0, -1).join('.'));
  if (!el) return subject;
  const opt = el.code !== code ? ` (${code.slice(el.code.length + 1)})` : '';
  return `${nameOf(el)}${opt}`;
}

export function HistoryTable({ dsCode, unit, period, version }: { dsCode: string; unit: string; period: string; version: string }) {
  const { elements } = useApp();
  const h = useAsync(() => api.history(dsCode, unit, period, 50), [dsCode, unit, period, version]);
  if (h.error) return <ErrorBox error={h.error} onRetry={h.reload} />;
  if (!h.data) return <Loading />;
  if (h.data.items.length === 0) return <Empty>{t('entry.historyNone')}</Empty>;
  return (
    <div class="table-scroll short">
      <table>
        <thead><tr><th scope="col">{t('hist.when')}</th><th scope="col">{t('hist.who')}</th><th scope="col">{t('hist.what')}</th><th scope="col">{t('hist.change')}</th></tr></thead>
        <tbody>
          {h.data.items.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(lang(), e.at)}</td>
              <td>{e.user}</td>
              <td>{actionName(lang(), e.action)} <span class="muted">{subjectName(e.subject, elements)}</span></td>
              <td>{auditChange(lang(), e.old_value, e.new_value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
