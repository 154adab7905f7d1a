import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOffline } from '../../offline/OfflineContext.tsx';
import { VaultError } from '../../offline/vault.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';
import { Page } from '../../ui/Page.tsx';

/**
 * Opens the device's encrypted store with the password: with no network (after a reload
 * offline), or after a password change elsewhere (`previous`: the one this device last knew).
 */
export function UnlockForm({ previous = false }: { previous?: boolean }) {
  const { t } = useTranslation();
  const offline = useOffline();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) return setError(t('ui.common.fillRequired'));
    setBusy(true);
    setError(null);
    try {
      if (previous) await offline.unlockWithPrevious(password);
      else await offline.unlock(password);
    } catch (e) {
      setError(
        e instanceof VaultError && e.code === 'wrong_password'
          ? t('ui.sync.unlock.wrongPassword')
          : t('ui.sync.unlock.failed'),
      );
    } finally {
      setBusy(false);
      setPassword('');
    }
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate>
      <ErrorAlert error={error} />
      <Field
        id="unlock-password"
        type="password"
        label={previous ? t('ui.sync.unlock.previousPassword') : t('ui.sync.unlock.password')}
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
      />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t('ui.sync.unlock.opening') : t('ui.sync.unlock.open')}
      </button>
    </form>
  );
}

/** The start screen with no network when this browser holds someone's offline data. */
export function UnlockScreen() {
  const { t } = useTranslation();
  const { account } = useOffline();
  return (
    <Page title={t('ui.sync.unlock.title')}>
      <p className="lead">{t('ui.sync.unlock.intro', { username: account?.username ?? '' })}</p>
      <UnlockForm />
    </Page>
  );
}
