import { useTranslation } from 'react-i18next';
import type { User } from '../../../api/types.ts';

/** True while a sign-in lock is in force. */
export function isLocked(user: User): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil) > new Date();
}

/** Small status tags: disabled, locked, must change password, two-step on (or active). */
export function UserStatusTags({ user }: { user: User }) {
  const { t } = useTranslation();
  const locked = isLocked(user);
  return (
    <p className="tags">
      {user.disabled ? <span className="tag tag-bad">{t('ui.users.status.disabled')}</span> : null}
      {!user.disabled && !locked ? (
        <span className="tag">{t('ui.users.status.active')}</span>
      ) : null}
      {locked ? <span className="tag tag-warn">{t('ui.users.status.locked')}</span> : null}
      {user.mustChangePassword ? (
        <span className="tag">{t('ui.users.status.mustChangePassword')}</span>
      ) : null}
      {user.totpEnabled ? <span className="tag tag-ok">{t('ui.users.status.totp')}</span> : null}
    </p>
  );
}
