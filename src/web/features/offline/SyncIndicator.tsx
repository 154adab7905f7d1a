import { useTranslation } from 'react-i18next';
import { Link } from '../../lib/router.tsx';
import { useOffline } from '../../offline/OfflineContext.tsx';

/** A thin strip under the header: how many changes wait, or a warning when sync needs the user. */
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
    <p className={attention ? 'sync-strip sync-attention' : 'sync-strip'} role="status">
      <Link to="/sync">{label}</Link>
    </p>
  );
}
