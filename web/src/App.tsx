// The app shell: restores the session, loads the catalogue, shows the sign-in screen or the
// layout (header, navigation, sample marker, language switch) around the current screen.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError } from './api';
import { t, useLang, setLang } from './i18n';
import { navigate, useRoute } from './router';
import { AppContext, areaOf, canApprove, canEnter, type AppState } from './store';
import type { Catalog, Session } from './types';
import { ErrorBox, Link, Loading, SampleBadge } from './components/ui';
import { SignIn } from './screens/SignIn';
import { Dashboard } from './screens/Dashboard';
import { DataEntry } from './screens/DataEntry';
import { Approval } from './screens/Approval';
import { Units } from './screens/Units';
import { Registers } from './screens/Registers';
import { Evaluations } from './screens/Evaluations';
import { Inspections } from './screens/Inspections';
import { Admin } from './screens/Admin';
import { Documents } from './screens/Documents';
import { Analysis } from './screens/Analysis';
import type { MessageKey } from './messages';
import { addMonths, monthOf } from './format';

type Boot = { kind: 'loading' } | { kind: 'signed-out'; notice?: MessageKey } | { kind: 'ready'; session: Session; catalog: Catalog; defaultMonth: string } | { kind: 'error'; error: unknown };

/** The month to open on: the month of the scope's date, else the last month with figures in
 *  the last three years, else last month. */
async function findDefaultMonth(s: Session): Promise<string> {
  const { code, asOf } = areaOf(s);
  if (asOf) return monthOf(asOf);
  const d = new Date();
  const now = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}`;
  try {
    const r = await api.analytics({ measure: ['tips.received'], under: code, period: `${addMonths(now, -35)}..${now}`, by: 'monthly' });
    const withData = r.rows.filter((x) => x.values[0] !== null).map((x) => x.period).sort();
    if (withData.length) return withData[withData.length - 1];
  } catch {
    /* fall back to last month */
  }
  return addMonths(now, -1);
}

async function start(session: Session): Promise<Boot> {
  const [catalog, defaultMonth] = await Promise.all([api.catalog(), findDefaultMonth(session)]);
  return { kind: 'ready', session, catalog, defaultMonth };
}

export function App() {
  const lang = useLang();
  const route = useRoute();
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' });

  useEffect(() => {
    api.onUnauthenticated = () => setBoot({ kind: 'signed-out', notice: 'signin.expired' });
    api.whoAmI().then(start).then(setBoot, (e) => {
      if (e instanceof ApiError && e.status === 401) setBoot({ kind: 'signed-out' });
      else setBoot({ kind: 'error', error: e });
    });
  }, []);

  useEffect(() => {
    document.title = `ANTQ — ${t('app.title')}`;
  }, [lang]);

  // Moving to another screen puts the keyboard focus at the start of its content.
  const firstPath = useRef(true);
  useEffect(() => {
    if (firstPath.current) {
      firstPath.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [route.path]);

  const state = useMemo<AppState | null>(() => {
    if (boot.kind !== 'ready') return null;
    const { code, asOf } = areaOf(boot.session);
    return {
      session: boot.session,
      catalog: boot.catalog,
      elements: new Map(boot.catalog.elements.map((e) => [e.code, e])),
      area: code,
      areaAsOf: asOf,
      defaultMonth: boot.defaultMonth,
      signOut: () => {
        api.signOut().catch(() => undefined).finally(() => {
          setBoot({ kind: 'signed-out', notice: 'signin.signedOut' });
          navigate('/', { replace: true, force: true });
        });
      },
    };
  }, [boot]);

  const langSwitch = (
    <button type="button" class="btn btn-lang" lang={lang === 'vi' ? 'en' : 'vi'} aria-label={t('lang.switchLabel')} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
      {t('lang.switch')}
    </button>
  );

  if (boot.kind === 'loading') return <main class="boot"><Loading /></main>;
  if (boot.kind === 'error') return <main class="boot"><ErrorBox error={boot.error} onRetry={() => location.reload()} /></main>;
  if (boot.kind === 'signed-out' || !state) {
    return (
      <SignIn
        notice={boot.kind === 'signed-out' ? boot.notice : undefined}
        langSwitch={langSwitch}
        onSignedIn={(s) => start(s).then(setBoot, (e) => setBoot({ kind: 'error', error: e }))}
      />
    );
  }

  const role = state.session.role;
  const nav: { path: string; key: MessageKey; show: boolean }[] = [
    { path: '/dashboard', key: 'nav.dashboard', show: true },
    { path: '/entry', key: 'nav.entry', show: canEnter(role) },
    { path: '/approval', key: canApprove(role) ? 'nav.approval' : 'nav.reports', show: role !== 'commune-officer' },
    { path: '/analysis', key: 'nav.analysis', show: true },
    { path: '/units', key: 'nav.units', show: true },
    { path: '/registers', key: 'nav.registers', show: true },
    { path: '/evaluations', key: 'nav.evaluations', show: true },
    { path: '/inspections', key: 'nav.inspections', show: true },
    { path: '/documents', key: 'nav.documents', show: true },
    { path: '/admin', key: 'nav.admin', show: role === 'admin' },
  ];
  const path = route.path === '/' ? '/dashboard' : route.path;
  let screen;
  switch (path) {
    case '/dashboard': screen = <Dashboard key={`d-${lang}`} />; break;
    case '/entry': screen = <DataEntry key={`e-${lang}`} />; break;
    case '/approval': screen = <Approval key={`a-${lang}`} />; break;
    case '/analysis': screen = <Analysis key={`n-${lang}`} />; break;
    case '/units': screen = <Units key={`u-${lang}`} />; break;
    case '/registers': screen = <Registers key={`r-${lang}`} />; break;
    case '/evaluations': screen = <Evaluations key={`v-${lang}`} />; break;
    case '/inspections': screen = <Inspections key={`i-${lang}`} />; break;
    case '/documents': screen = <Documents key={`o-${lang}`} />; break;
    case '/admin': screen = <Admin key={`m-${lang}`} />; break;
    default:
      screen = (
        <section>
          <h1>{t('notfound.title')}</h1>
          <p><Link href="/dashboard">{t('notfound.back')}</Link></p>
        </section>
      );
  }

  return (
    <AppContext.Provider value={state}>
      <a class="skip" href="#main">{t('app.skip')}</a>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">★</span>
          <span><strong>{t('app.name')}</strong><span class="brand-sub">{t('app.title')}</span></span>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul>
            {nav.filter((n) => n.show).map((n) => (
              <li key={n.path}>
                <Link href={n.path} aria-current={path === n.path ? 'page' : undefined}>{t(n.key)}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="user">
          <span class="who"><span class="sr-only">{t('user.signedIn')} </span><strong>{state.session.username}</strong>{t(`role.${role}` as MessageKey)}</span>
          {langSwitch}
          <button type="button" class="btn btn-quiet" onClick={state.signOut}>{t('user.signOut')}</button>
        </div>
      </header>
      <SampleBadge sample={state.catalog.sample} />
      <main id="main" tabIndex={-1}>{screen}</main>
    </AppContext.Provider>
  );
}
