// Inspections whose scope the user reads: the list (decision, issuing body, scope, period, team),
// the form that opens one, and one inspection's details at /inspections?id=N.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t, lang } from '../i18n';
import { useApp, canCreateInspection, canReadInspection, canEnter } from '../store';
import { useAsync } from '../hooks';
import { href, useRoute } from '../router';
import { formatDate, formatDateTime, formatPeriod } from '../format';
import { Empty, ErrorBox, Link, Loading } from '../components/ui';
import { NewInspection } from './NewInspection';
import { InspectionDetail } from './InspectionDetail';
import { RecommendationTable } from './Recommendations';
import type { Inspection } from '../types';

export function Inspections() {
  const id = Number(useRoute().params.get('id'));
  return Number.isInteger(id) && id > 0 ? <InspectionDetail key={id} id={id} /> : <InspectionList />;
}

function InspectionList() {
  const app = useApp();
  const role = app.session.role;
  const list = useAsync(() => api.inspections(), []);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Inspection | null>(null);
  return (
    <section class="screen" aria-labelledby="insp-title">
      <div class="screen-head">
        <div><h1 id="insp-title">{t('insp.title')}</h1><p class="subtitle">{t('insp.intro')}</p></div>
        {canCreateInspection(role) && !creating && (
          <button type="button" class="btn btn-primary" aria-expanded={false} aria-controls="new-inspection" onClick={() => { setCreating(true); setCreated(null); }}>+ {t('insp.new')}</button>
        )}
      </div>
      {created && (
        <p class="msg msg-ok" role="status" data-testid="insp-created">
          {t('insp.created', { number: created.decision_number })} <Link href={href('/inspections', { id: String(created.id) })}>{t('insp.details')}</Link>
        </p>
      )}
      {creating && (
        <div id="new-inspection">
          <NewInspection onCancel={() => setCreating(false)} onCreated={(i) => { setCreating(false); setCreated(i); list.reload(); }} />
        </div>
      )}
      <ErrorBox error={list.error} onRetry={list.reload} />
      {!list.data && list.loading && <Loading />}
      {list.data && (list.data.items.length === 0 ? <Empty>{t('insp.none')}</Empty> : list.data.items.map((i) => (
        <InspectionCard key={i.id} i={i} linked={canReadInspection(role)} />
      )))}
      {!canReadInspection(role) && canEnter(role) && <OwnRecommendations />}
    </section>
  );
}

function InspectionCard({ i, linked }: { i: Inspection; linked: boolean }) {
  const to = href('/inspections', { id: String(i.id) });
  return (
    <article class="panel insp-card" aria-labelledby={`insp-${i.id}`} data-inspection={i.id}>
      <div class="panel-head">
        <h2 id={`insp-${i.id}`}>{linked ? <Link href={to}>{i.subject}</Link> : i.subject}</h2>
        {linked && <Link class="btn btn-small" href={to} aria-label={t('insp.openOf', { number: i.decision_number })}>{t('insp.details')}</Link>}
      </div>
      <dl class="kv">
        <div><dt>{t('insp.decision')}</dt><dd>{i.decision_number}, {formatDate(lang(), i.decision_date)}</dd></div>
        <div><dt>{t('insp.body')}</dt><dd>{i.issuing_body}</dd></div>
        <div><dt>{t('common.scope')}</dt><dd>{i.scope ? `${i.scope.code}${i.scope.as_of ? ` (${formatDate(lang(), i.scope.as_of)})` : ''}` : '–'}</dd></div>
        <div><dt>{t('insp.period')}</dt><dd>{formatPeriod(lang(), i.period_from)} – {formatPeriod(lang(), i.period_to)}</dd></div>
        <div><dt>{t('insp.team')}</dt><dd>{i.team.length === 0 ? <span class="muted">{t('insp.membersNone')}</span> : <ul class="plain">{i.team.map((m, k) => <li key={k}>{m.title}: {m.body}{m.user ? ` (${m.user})` : ''}{m.head ? ` — ${t('insp.head')}` : ''}</li>)}</ul>}</dd></div>
      </dl>
      <p class="muted">{i.snapshot_at ? t('insp.snapshot', { time: formatDateTime(lang(), i.snapshot_at) }) : t('insp.noSnapshot')}</p>
    </article>
  );
}

/** District and commune officers do not read an inspection's details, but they follow up the
 *  recommendations given to units in their scope. */
function OwnRecommendations() {
  const recs = useAsync(() => api.recommendations(), []);
  return (
    <div class="panel">
      <h2>{t('insp.followList')}</h2>
      <ErrorBox error={recs.error} onRetry={recs.reload} />
      {!recs.data && recs.loading && <Loading />}
      {recs.data && <RecommendationTable recs={recs.data.items} canFollowUp onChanged={recs.reload} />}
    </div>
  );
}
