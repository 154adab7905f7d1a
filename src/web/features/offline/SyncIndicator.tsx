import { useTranslation } from 'react-i18next';
import { Link } from '../../lib/router.tsx';
import { useOffline } from '../../offline/OfflineContext.tsx';

/** A small header badge: how many changes wait, or a warning when sync needs the user. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const { status, phase } = useOffline();
  if (phase !== 'open') return null;
  const attention =
    status.rejected > 0 || status.stopped === 'signin' || status.stopped === 'error';
  if (!attention && status.pending === 0 && !status.running) return null;
  const label = attention
    ? t('ui.sync.status.attention')
    : status.running
      ? t('ui.sync.status.running')
      : t('ui.sync.status.pending', { count: status.pending });
  return (
    <Link
      to="/sync"
      className={attention ? 'sync-indicator sync-attention' : 'sync-indicator'}
      aria-label={label}
      title={label}
    >
      {/* A phone's header has room for a small badge only; the label is for screen readers. */}
      <span aria-hidden="true">{attention ? '!' : status.running ? '⟳' : status.pending}</span>
    </Link>
  );
}
