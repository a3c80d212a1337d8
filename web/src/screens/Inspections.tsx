// Inspections whose scope the user reads: decision, issuing body, scope, period and team.
import { api } from '../api';
import { t, lang } from '../i18n';
import { useAsync } from '../hooks';
import { formatDate, formatDateTime, formatPeriod } from '../format';
import { Empty, ErrorBox, Loading } from '../components/ui';

export function Inspections() {
  const list = useAsync(() => api.inspections(), []);
  return (
    <section class="screen" aria-labelledby="insp-title">
      <div class="screen-head"><div><h1 id="insp-title">{t('insp.title')}</h1></div></div>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {!list.data && list.loading && <Loading />}
      {list.data && (list.data.items.length === 0 ? <Empty>{t('insp.none')}</Empty> : list.data.items.map((i) => (
        <article class="panel" key={i.id} aria-labelledby={`insp-${i.id}`}>
          <h2 id={`insp-${i.id}`}>{i.subject}</h2>
          <dl class="kv">
            <div><dt>{t('insp.decision')}</dt><dd>{i.decision_number}, {formatDate(lang(), i.decision_date)}</dd></div>
            <div><dt>{t('insp.body')}</dt><dd>{i.issuing_body}</dd></div>
            <div><dt>{t('common.scope')}</dt><dd>{i.scope ? `${i.scope.code}${i.scope.as_of ? ` (${formatDate(lang(), i.scope.as_of)})` : ''}` : '–'}</dd></div>
            <div><dt>{t('insp.period')}</dt><dd>{formatPeriod(lang(), i.period_from)} – {formatPeriod(lang(), i.period_to)}</dd></div>
            <div><dt>{t('insp.team')}</dt><dd><ul class="plain">{i.team.map((m, k) => <li key={k}>{m.title}: {m.body}{m.user ? ` (${m.user})` : ''}</li>)}</ul></dd></div>
          </dl>
          <p class="muted">{i.snapshot_at ? t('insp.snapshot', { time: formatDateTime(lang(), i.snapshot_at) }) : t('insp.noSnapshot')}</p>
        </article>
      )))}
    </section>
  );
}
