import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOffline } from '../../offline/OfflineContext.tsx';
import { VaultError } from '../../offline/vault.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';
import { Page } from '../../ui/Page.tsx';
import { AuthLayout } from '../auth/AuthLayout.tsx';

/** After a quiet spell the device data locks: the PIN (a few tries) or the password opens it. */
export function IdleLockScreen() {
  const { t } = useTranslation();
  const offline = useOffline();
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const withPin = offline.hasPin;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!secret) return setError(t('ui.common.fillRequired'));
    setBusy(true);
    setError(null);
    try {
      await offline.unlockIdle(withPin ? { pin: secret } : { password: secret });
    } catch (e) {
      const code = e instanceof VaultError ? e.code : null;
      setError(
        code === 'wrong_pin'
          ? t('ui.sync.idle.wrongPin', {
              count: e instanceof VaultError ? (e.attemptsLeft ?? 0) : 0,
            })
          : code === 'pin_exhausted'
            ? t('ui.sync.idle.pinExhausted')
            : code === 'wrong_password'
              ? t('ui.sync.unlock.wrongPassword')
              : t('ui.sync.unlock.failed'),
      );
    } finally {
      setBusy(false);
      setSecret('');
    }
  };
  return (
    <AuthLayout>
      <Page title={t('ui.sync.idle.title')}>
        <p className="lead">
          {withPin ? t('ui.sync.idle.introPin') : t('ui.sync.idle.introPassword')}
        </p>
        <form className="form" onSubmit={(e) => void submit(e)} noValidate>
          <ErrorAlert error={error} />
          <Field
            id="idle-secret"
            type="password"
            inputMode={withPin ? 'numeric' : undefined}
            label={withPin ? t('ui.sync.idle.pin') : t('ui.sync.unlock.password')}
            value={secret}
            onChange={setSecret}
            autoComplete={withPin ? 'off' : 'current-password'}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('ui.sync.unlock.opening') : t('ui.sync.unlock.open')}
          </button>
        </form>
      </Page>
    </AuthLayout>
  );
}
