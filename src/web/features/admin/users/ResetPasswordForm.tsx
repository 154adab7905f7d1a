import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN, passwordProblem } from '../../../../core/index.ts';
import { api } from '../../../api/client.ts';
import type { User } from '../../../api/types.ts';
import { useAction } from '../../../lib/useAction.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Field } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Notice.tsx';

/** Sets a temporary password that the user must replace at the next sign-in. */
export function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { run, busy, error, setError } = useAction(async () => {
    await api('POST', `/users/${encodeURIComponent(user.id)}/reset-password`, { password });
    setPassword('');
    setDone(true);
    onDone();
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const problem = passwordProblem(password, user.username);
    if (problem) return setError(t(`errors.${problem}`));
    void run();
  };

  return (
    <form className="form inline-form" onSubmit={submit} noValidate>
      <h3>{t('ui.users.resetPassword.title')}</h3>
      <Field
        id="reset-password"
        type="password"
        label={t('ui.users.resetPassword.label')}
        value={password}
        onChange={setPassword}
        hint={t('ui.password.rules', { min: PASSWORD_MIN })}
        autoComplete="new-password"
      />
      <ErrorAlert error={error} />
      <Notice>{done ? t('ui.users.resetPassword.done') : null}</Notice>
      <button type="submit" className="button secondary" disabled={busy}>
        {busy ? t('ui.common.saving') : t('ui.users.resetPassword.submit')}
      </button>
    </form>
  );
}
