import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useAction } from '../../lib/useAction.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';
import { TotpEnrolment } from '../auth/TotpEnrolment.tsx';

/** Two-step verification: turn it on (enrolment) or off (with the password). */
export function TwoStepSection() {
  const { t } = useTranslation();
  const { user, refresh } = useSession();
  const [password, setPassword] = useState('');
  const disable = useAction(async () => {
    await api('POST', '/auth/totp/disable', { password });
    setPassword('');
    await refresh();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void disable.run();
  };
  return (
    <section className="panel" aria-labelledby="account-totp">
      <h2 id="account-totp">{t('ui.account.totp')}</h2>
      {user?.totpEnabled ? (
        <>
          <p>
            <span className="tag tag-ok">{t('ui.account.totpOn')}</span>
          </p>
          <form className="form" onSubmit={submit} noValidate>
            <Field
              id="totp-disable-password"
              type="password"
              label={t('ui.account.totpDisablePassword')}
              value={password}
              onChange={setPassword}
              autoComplete="current-password"
            />
            <ErrorAlert error={disable.error} />
            <button type="submit" className="button danger" disabled={disable.busy}>
              {disable.busy ? t('ui.common.working') : t('ui.account.totpDisable')}
            </button>
          </form>
        </>
      ) : (
        <>
          <p>
            <span className="tag tag-warn">{t('ui.account.totpOff')}</span>
          </p>
          <TotpEnrolment onDone={() => void refresh()} />
        </>
      )}
    </section>
  );
}
