// Sign-in: user name and password, the server's wrong-password and lock-out answers in the
// user's language.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { t, lang } from '../i18n';
import type { Session } from '../types';
import type { MessageKey } from '../messages';
import { formatDateTime } from '../format';
import { errorText } from '../components/ui';

/** The sign-in error in the user's language: lock-out with its end time, wrong password, or
 *  the server's message as given. */
export function signInErrorText(e: unknown): string {
  if (e instanceof ApiError) {
    const until = /blocked until (\d{4}-\d{2}-\d{2}T[\d:]+Z)/.exec(e.message);
    if (until) return t('signin.locked', { time: formatDateTime(lang(), until[1]) });
    if (e.status === 401) return t('signin.wrong');
    if (e.status === 400 && (e.field === 'username' || e.field === 'password')) return t('signin.required');
  }
  return errorText(e);
}

export function SignIn({ notice, onSignedIn, langSwitch }: { notice?: MessageKey; onSignedIn: (s: Session) => void; langSwitch: ComponentChildren }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // Kept as the failure itself so the message follows a language switch.
  const [failure, setFailure] = useState<{ e?: unknown; key?: MessageKey } | null>(null);
  const error = failure ? (failure.key ? t(failure.key) : signInErrorText(failure.e)) : null;
  const pwRef = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setFailure({ key: 'signin.required' });
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const s = await api.signIn(username.trim(), password);
      onSignedIn(s);
    } catch (err) {
      setFailure({ e: err });
      setPassword('');
      pwRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="signin" id="main">
      <div class="signin-card">
        <div class="signin-top">
          <span class="signin-brand"><span class="logo" aria-hidden="true">★</span> <strong>{t('app.name')}</strong></span>
          {langSwitch}
        </div>
        <h1>{t('signin.title')}</h1>
        <p class="muted">{t('signin.intro')}</p>
        {notice && !error && <p class="msg msg-info" role="status">{t(notice)}</p>}
        {error && <p class="msg msg-error" role="alert" id="signin-error">{error}</p>}
        <form onSubmit={submit} noValidate>
          <div class="field">
            <label for="username">{t('signin.username')}</label>
            <input id="username" name="username" autocomplete="username" autoFocus value={username}
              aria-describedby={error ? 'signin-error' : undefined}
              onInput={(e) => setUsername((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="password">{t('signin.password')}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" ref={pwRef} value={password}
              aria-describedby={error ? 'signin-error' : undefined}
              onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <button type="submit" class="btn btn-primary btn-block" aria-busy={busy}>{busy ? t('signin.busy') : t('signin.submit')}</button>
        </form>
      </div>
    </main>
  );
}
