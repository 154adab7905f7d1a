import { useTranslation } from 'react-i18next';
import { Link, useLocation } from '../lib/router.tsx';
import { useInbox } from '../session/InboxContext.tsx';

/** The bell in the header: opens the inbox; the unread count is shown and read out politely. */
export function InboxBell() {
  const { t } = useTranslation();
  const { unread } = useInbox();
  const { path } = useLocation();
  const count = unread ?? 0;
  const label = count > 0 ? t('ui.inbox.bellUnread', { count }) : t('ui.inbox.bellNone');
  return (
    <>
      <Link
        to="/inbox"
        className="inbox-bell"
        aria-label={label}
        aria-current={path === '/inbox' ? 'page' : undefined}
      >
        <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>
        {count > 0 ? (
          <span className="inbox-count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </Link>
      <span className="sr-only" role="status" aria-live="polite">
        {unread === null ? '' : label}
      </span>
    </>
  );
}
