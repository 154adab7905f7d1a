import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { SessionState } from '../../api/types.ts';
import { useAction } from '../../lib/useAction.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';
import { Page } from '../../ui/Page.tsx';
import { AuthLayout } from './AuthLayout.tsx';

/** Second sign-in step: the authenticator code, or one of the recovery codes. */
export function MfaPage() {
  const { t } = useTranslation();
  const { accept, signOut } = useSession();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const { run, busy, error, setError } = useAction(async () => {
    const body = useRecovery ? { recoveryCode: code.trim() } : { code: code.replace(/\s/g, '') };
    await accept(await api<SessionState>('POST', '/auth/login/mfa', body));
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return setError(t('ui.common.fillRequired'));
    void run();
  };

  const switchMode = () => {
    setUseRecovery(!useRecovery);
    setCode('');
    setError(null);
  };

  return (
    <AuthLayout>
      <Page title={t('ui.mfa.title')}>
        <p className="lead">{useRecovery ? t('ui.mfa.recoveryIntro') : t('ui.mfa.intro')}</p>
        <form onSubmit={submit} className="form" noValidate>
          {useRecovery ? (
            <Field
              id="recovery-code"
              label={t('ui.mfa.recoveryCode')}
              value={code}
              onChange={setCode}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
            />
          ) : (
            <Field
              id="mfa-code"
              label={t('ui.mfa.code')}
              value={code}
              onChange={setCode}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]*"
              maxLength={7}
              required
            />
          )}
          <ErrorAlert error={error} />
          <button type="submit" className="button primary wide" disabled={busy}>
            {busy ? t('ui.common.working') : t('ui.mfa.submit')}
          </button>
        </form>
        <div className="stack-actions">
          <button type="button" className="button link" onClick={switchMode}>
            {useRecovery ? t('ui.mfa.useApp') : t('ui.mfa.useRecovery')}
          </button>
          <button type="button" className="button link" onClick={() => void signOut()}>
            {t('ui.mfa.cancel')}
          </button>
        </div>
      </Page>
    </AuthLayout>
  );
}
