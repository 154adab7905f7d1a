import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN, passwordProblem } from '../../../core/index.ts';
import { api } from '../../api/client.ts';
import { useAction } from '../../lib/useAction.ts';
import { useOffline } from '../../offline/OfflineContext.tsx';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';

/** Changes one's own password; checks the rules here first so nobody waits for the network. */
export function PasswordChangeForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const offline = useOffline();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const { run, busy, error, setError } = useAction(async () => {
    await api('POST', '/auth/password', { currentPassword: current, newPassword: next });
    // The device store follows: its key is re-wrapped with the new password (or, before the
    // store exists, e.g. at a forced first change, the new password is what will create it).
    await offline.passwordChanged(next);
    setCurrent('');
    setNext('');
    setRepeat('');
    onDone();
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = passwordProblem(next, user?.username ?? '');
    if (problem) return setError(t(`errors.${problem}`));
    if (next !== repeat) return setError(t('ui.password.mismatch'));
    void run();
  };

  return (
    <form onSubmit={submit} className="form" noValidate>
      <Field
        id="current-password"
        type="password"
        label={t('ui.password.current')}
        value={current}
        onChange={setCurrent}
        autoComplete="current-password"
        required
      />
      <Field
        id="new-password"
        type="password"
        label={t('ui.password.new')}
        value={next}
        onChange={setNext}
        autoComplete="new-password"
        hint={t('ui.password.rules', { min: PASSWORD_MIN })}
        required
      />
      <Field
        id="repeat-password"
        type="password"
        label={t('ui.password.repeat')}
        value={repeat}
        onChange={setRepeat}
        autoComplete="new-password"
        required
      />
      <ErrorAlert error={error} />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t('ui.common.saving') : t('ui.password.submit')}
      </button>
    </form>
  );
}
