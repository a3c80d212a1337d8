// Administration (administrators): users with role, scopes and state; the newest audit entries;
// and a check of the audit log's hash chain.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t, lang } from '../i18n';
import { useApp } from '../store';
import { useAsync } from '../hooks';
import { actionName, auditChange } from '../actions';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { Empty, ErrorBox, Loading, Pill, errorText } from '../components/ui';
import { ApiError } from '../api';
import type { AuditVerification, Role } from '../types';
import type { MessageKey } from '../messages';

export function Admin() {
  const app = useApp();
  const isAdmin = app.session.role === 'admin';
  const users = useAsync(() => (isAdmin ? api.users() : Promise.resolve(null)), [isAdmin]);
  const audit = useAsync(() => (isAdmin ? api.audit({ page_size: 50 }) : Promise.resolve(null)), [isAdmin]);
  const [userMsg, setUserMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [verify, setVerify] = useState<{ busy: boolean; result?: AuditVerification; error?: unknown }>({ busy: false });

  if (!isAdmin) return <section class="screen"><h1>{t('admin.title')}</h1><Empty>{t('admin.forAdmins')}</Empty></section>;

  const runVerify = async () => {
    setVerify({ busy: true });
    try {
      setVerify({ busy: false, result: await api.verifyAudit() });
    } catch (e) {
      setVerify({ busy: false, error: e });
    }
  };

  return (
    <section class="screen" aria-labelledby="admin-title">
      <div class="screen-head"><div><h1 id="admin-title">{t('admin.title')}</h1></div></div>
      <div class="panel">
        <h2>{t('admin.users')}</h2>
        {userMsg && <p class={`msg ${userMsg.ok ? 'msg-ok' : 'msg-error'}`} role={userMsg.ok ? 'status' : 'alert'} data-testid="user-msg">{userMsg.text}</p>}
        <ErrorBox error={users.error} onRetry={users.reload} />
        {!users.data && users.loading && <Loading />}
        {users.data && (users.data.items.length === 0 ? <Empty>{t('common.none')}</Empty> : (
          <div class="table-scroll">
            <table class="data">
              <thead><tr><th scope="col">{t('admin.user')}</th><th scope="col">{t('admin.role')}</th><th scope="col">{t('admin.scope')}</th><th scope="col">{t('admin.viewScope')}</th><th scope="col">{t('admin.state')}</th><th scope="col">{t('admin.created')}</th><th scope="col">{t('appr.actions')}</th></tr></thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.username}>
                    <th scope="row">{u.username}</th>
                    <td>{t(`role.${u.role}` as MessageKey)}</td>
                    <td>{u.scope ? `${u.scope.code}${u.scope.as_of ? ` (${formatDate(lang(), u.scope.as_of)})` : ''}` : '–'}</td>
                    <td>{u.view_scope ? u.view_scope.code : '–'}</td>
                    <td>
                      {u.disabled ? <Pill kind="overdue">{t('admin.disabled')}</Pill>
                        : u.locked_until && new Date(u.locked_until) > new Date() ? <Pill kind="submitted_late">{t('admin.lockedUntil', { time: formatDateTime(lang(), u.locked_until) })}</Pill>
                        : <Pill kind="approved">{t('admin.active')}</Pill>}
                    </td>
                    <td>{formatDateTime(lang(), u.created_at)}</td>
                    <td>
                      {u.username !== app.session.username && (
                        <button type="button" class="btn btn-small" aria-label={t(u.disabled ? 'admin.enableUser' : 'admin.disableUser', { user: u.username })}
                          onClick={async () => {
                            setUserMsg(null);
                            try {
                              await api.setUserDisabled(u.username, !u.disabled);
                              setUserMsg({ ok: true, text: t(u.disabled ? 'admin.enabled' : 'admin.disabledDone', { user: u.username }) });
                              users.reload();
                            } catch (e) {
                              setUserMsg({ ok: false, text: errorText(e) });
                            }
                          }}>
                          {u.disabled ? t('admin.enable') : t('admin.disable')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
      <AddUser onAdded={(name) => { setUserMsg({ ok: true, text: t('admin.added', { user: name }) }); users.reload(); }} />
      <div class="panel">
        <div class="panel-head">
          <h2>{t('admin.audit')}</h2>
          <button type="button" class="btn" onClick={runVerify} disabled={verify.busy} aria-busy={verify.busy}>{verify.busy ? t('admin.verifying') : t('admin.verify')}</button>
        </div>
        <div aria-live="polite" data-testid="audit-verify">
          {verify.result && (verify.result.intact
            ? <p class="msg msg-ok">{t('admin.intact', { rows: formatNumber(lang(), verify.result.rows) })}</p>
            : (
              <div class="msg msg-error">
                {t('admin.broken', { n: verify.result.breaks.length })}
                <ul>{verify.result.breaks.slice(0, 20).map((b) => <li key={b.id}>#{b.id}: {b.problem}</li>)}</ul>
              </div>
            ))}
          {!!verify.error && <ErrorBox error={verify.error} />}
        </div>
        <ErrorBox error={audit.error} onRetry={audit.reload} />
        {!audit.data && audit.loading && <Loading />}
        {audit.data && (audit.data.items.length === 0 ? <Empty>{t('admin.auditNone')}</Empty> : (
          <div class="table-scroll short">
            <table>
              <thead><tr><th scope="col">{t('hist.when')}</th><th scope="col">{t('hist.who')}</th><th scope="col">{t('admin.client')}</th><th scope="col">{t('hist.what')}</th><th scope="col">{t('hist.change')}</th></tr></thead>
              <tbody>
                {audit.data.items.map((e) => (
                  <tr key={e.id}>
                    <td class="nowrap">{formatDateTime(lang(), e.at)}</td>
                    <td>{e.user}</td>
                    <td>{e.client}</td>
                    <td>{actionName(lang(), e.action)} <span class="muted">{e.unit ? `${e.unit.name} · ` : ''}{e.subject}</span></td>
                    <td>{auditChange(lang(), e.old_value, e.new_value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </section>
  );
}

const ROLES: Role[] = ['commune-officer', 'district-officer', 'province-officer', 'inspector', 'viewer', 'admin'];

/** The form that adds a user: the server checks the name, the password and that the scope
 *  fits the role, and its refusal is shown beside the field it names. */
function AddUser({ onAdded }: { onAdded: (name: string) => void }) {
  const [f, setF] = useState({ username: '', role: 'commune-officer' as Role, scope: '', scope_at: '', inspection: '', password: '' });
  const [err, setErr] = useState<{ field: string | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    try {
      const u = await api.addUser({
        username: f.username.trim(), role: f.role, password: f.password,
        scope: f.scope.trim() || undefined, scope_at: f.scope_at || undefined,
        inspection: f.role === 'inspector' && f.inspection ? +f.inspection : undefined,
      });
      setF({ ...f, username: '', password: '' });
      onAdded(u.username ?? f.username);
    } catch (x) {
      setErr({ field: x instanceof ApiError ? x.field : null, text: x instanceof ApiError ? x.message : errorText(x) });
    } finally {
      setBusy(false);
    }
  };
  const fieldErr = (k: string) => (err && err.field === k ? <span class="field-error" id={`nu-${k}-err`} role="alert">{err.text}</span> : null);
  const inv = (k: string) => (err && err.field === k ? { 'aria-invalid': true, 'aria-describedby': `nu-${k}-err` } : {});
  return (
    <form class="panel" onSubmit={submit} aria-labelledby="nu-title">
      <h2 id="nu-title">{t('admin.addUser')}</h2>
      <div class="filters">
        <div class="field"><label for="nu-username">{t('admin.user')}</label><input id="nu-username" autocomplete="off" value={f.username} onInput={set('username')} {...inv('username')} />{fieldErr('username')}</div>
        <div class="field"><label for="nu-role">{t('admin.role')}</label>
          <select id="nu-role" value={f.role} onChange={set('role')}>{ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}` as MessageKey)}</option>)}</select></div>
        {f.role !== 'admin' && f.role !== 'inspector' && <div class="field"><label for="nu-scope">{t('admin.scopeCode')}</label><input id="nu-scope" value={f.scope} onInput={set('scope')} {...inv('scope')} />{fieldErr('scope')}</div>}
        {f.role === 'inspector' && <div class="field"><label for="nu-inspection">{t('admin.inspection')}</label><input id="nu-inspection" inputMode="numeric" value={f.inspection} onInput={set('inspection')} {...inv('inspection')} />{fieldErr('inspection')}</div>}
        {f.role !== 'admin' && <div class="field"><label for="nu-scope-at">{t('admin.scopeAt')}</label><input id="nu-scope-at" type="date" value={f.scope_at} onInput={set('scope_at')} {...inv('scope_at')} />{fieldErr('scope_at')}</div>}
        <div class="field"><label for="nu-password">{t('signin.password')}</label><input id="nu-password" type="password" autocomplete="new-password" value={f.password} onInput={set('password')} {...inv('password')} />{fieldErr('password')}</div>
      </div>
      {err && !['username', 'scope', 'scope_at', 'password', 'inspection'].includes(err.field ?? '') && <p class="msg msg-error" role="alert">{err.text}</p>}
      <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>{busy ? t('appr.working') : t('admin.add')}</button>
    </form>
  );
}
