import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignOutDialog } from '../features/offline/SignOutDialog.tsx';
import { Link } from '../lib/router.tsx';
import { useOffline } from '../offline/OfflineContext.tsx';
import { useSession } from '../session/SessionContext.tsx';

/** The signed-in user's name; opens a small menu: account and sign out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const offline = useOffline();
  const [ask, setAsk] = useState(false);
  // This browser holds the user's offline data (open or locked): ask whether to keep it.
  const keepsData = offline.phase === 'open' || offline.account?.userId === user?.id;
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event instanceof MouseEvent && root.current?.contains(event.target as Node)) return;
      setOpen(false);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('click', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('click', close);
    };
  }, [open]);

  if (!user) return null;
  return (
    <div className="user-menu" ref={root}>
      <button
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={t('ui.shell.userMenu', { name: user.displayName })}
        onClick={() => setOpen(!open)}
      >
        <span className="avatar" aria-hidden="true">
          {user.displayName.slice(0, 1).toUpperCase()}
        </span>
        <span className="user-name">{user.displayName}</span>
      </button>
      <ul id={menuId} className="user-menu-list" hidden={!open}>
        <li>
          <Link to="/account" onClick={() => setOpen(false)}>
            {t('ui.nav.account.title')}
          </Link>
        </li>
        <li>
          <button type="button" onClick={() => (keepsData ? setAsk(true) : void signOut())}>
            {t('ui.shell.signOut')}
          </button>
        </li>
      </ul>
      <SignOutDialog
        open={ask}
        pending={offline.status.pending}
        onKeep={() => {
          setAsk(false);
          offline.lock();
          void signOut();
        }}
        onWipe={() => {
          setAsk(false);
          void offline.wipe().then(() => signOut());
        }}
        onCancel={() => setAsk(false)}
      />
    </div>
  );
}
