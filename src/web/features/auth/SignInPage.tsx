import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { SessionState } from '../../api/types.ts';
import { useAction } from '../../lib/useAction.ts';
import { rememberSignInPassword } from '../../offline/deviceIndex.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';
import { Page } from '../../ui/Page.tsx';
import { AuthLayout } from './AuthLayout.tsx';

/** Sign-in with user name and password; a second step follows when the account has one. */
export function SignInPage() {
  const { t } = useTranslation();
  const { accept } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { run, busy, error, setError } = useAction(async () => {
    const state = await api<SessionState>('POST', '/auth/login', {
      username: username.trim(),
      password,
    });
    // The same password opens this device's encrypted store for offline work.
    rememberSignInPassword(password);
    await accept(state);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) return setError(t('ui.common.fillRequired'));
    void run();
  };

  return (
    <AuthLayout>
      <Page title={t('ui.signIn.title')}>
        <p className="lead">{t('ui.signIn.intro')}</p>
        <form onSubmit={submit} className="form" noValidate>
          <Field
            id="username"
            label={t('ui.signIn.username')}
            value={username}
            onChange={setUsername}
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            required
          />
          <Field
            id="password"
            type="password"
            label={t('ui.signIn.password')}
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            required
          />
          <ErrorAlert error={error} />
          <button type="submit" className="button primary wide" disabled={busy}>
            {busy ? t('ui.signIn.signingIn') : t('ui.signIn.submit')}
          </button>
        </form>
        <p className="hint">{t('ui.signIn.help')}</p>
      </Page>
    </AuthLayout>
  );
}
