import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import type { User } from '../../../api/types.ts';
import { useAction } from '../../../lib/useAction.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ConflictNotice } from '../../../ui/ConflictNotice.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { ResetPasswordForm } from './ResetPasswordForm.tsx';
import { isLocked } from './UserStatusTags.tsx';

type Pending = 'disable' | 'resetMfa' | null;

/** Disable/enable, unlock and reset two-step; the destructive ones ask first. */
export function UserActions(props: {
  user: User;
  onChanged: (user: User) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { user } = props;
  const [pending, setPending] = useState<Pending>(null);
  const [done, setDone] = useState<string | null>(null);
  const path = `/users/${encodeURIComponent(user.id)}`;
  const act = useAction(async (kind: 'disable' | 'enable' | 'unlock' | 'resetMfa') => {
    setDone(null);
    if (kind === 'disable' || kind === 'enable') {
      const body = { version: user.version, disabled: kind === 'disable' };
      props.onChanged(await api<User>('PATCH', path, body));
    } else {
      await api('POST', `${path}/${kind === 'unlock' ? 'unlock' : 'reset-mfa'}`);
      props.onReload();
    }
    setPending(null);
    setDone(t(`ui.users.actions.done.${kind}`));
  });
  const locked = isLocked(user);

  return (
    <section className="panel" aria-labelledby="user-actions-title">
      <h2 id="user-actions-title">{t('ui.users.actions.title')}</h2>
      <Notice>{done}</Notice>
      {pending === null ? <ErrorAlert error={act.error} /> : null}
      <ConflictNotice error={act.error} onReload={props.onReload} />
      <div className="row-actions">
        {user.disabled ? (
          <button type="button" className="button secondary" onClick={() => void act.run('enable')}>
            {t('ui.users.actions.enable')}
          </button>
        ) : (
          <button type="button" className="button danger" onClick={() => setPending('disable')}>
            {t('ui.users.actions.disable')}
          </button>
        )}
        {locked ? (
          <button type="button" className="button secondary" onClick={() => void act.run('unlock')}>
            {t('ui.users.actions.unlock')}
          </button>
        ) : null}
        {user.totpEnabled ? (
          <button type="button" className="button danger" onClick={() => setPending('resetMfa')}>
            {t('ui.users.actions.resetMfa')}
          </button>
        ) : null}
      </div>
      <ResetPasswordForm user={user} onDone={props.onReload} />
      <ConfirmDialog
        open={pending !== null}
        title={t(`ui.users.actions.confirm.${pending ?? 'disable'}.title`, {
          name: user.displayName,
        })}
        message={<p>{t(`ui.users.actions.confirm.${pending ?? 'disable'}.text`)}</p>}
        confirmLabel={t(`ui.users.actions.confirm.${pending ?? 'disable'}.button`)}
        busy={act.busy}
        error={pending ? act.error : null}
        onConfirm={() => pending && void act.run(pending)}
        onCancel={() => {
          setPending(null);
          act.setError(null);
        }}
      />
    </section>
  );
}
