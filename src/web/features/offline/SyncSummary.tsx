import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n.ts';
import { Link } from '../../lib/router.tsx';
import { useOffline } from '../../offline/OfflineContext.tsx';

/** One line on the state of sync: last synced, what waits, what went wrong. */
export function SyncSummary() {
  const { t, i18n } = useTranslation();
  const { status, phase } = useOffline();
  if (phase !== 'open') return null;
  const parts = [
    status.running
      ? t('ui.sync.status.running')
      : status.lastSyncedAt
        ? t('ui.sync.status.lastSynced', {
            at: formatDateTime(new Date(status.lastSyncedAt).toISOString(), i18n.language),
          })
        : t('ui.sync.status.never'),
    t('ui.sync.status.pending', { count: status.pending }),
  ];
  const problem =
    status.rejected > 0
      ? t('ui.sync.status.rejected', { count: status.rejected })
      : status.stopped === 'signin'
        ? t('ui.sync.status.signin')
        : status.stopped === 'error'
          ? t('ui.sync.status.error')
          : null;
  return (
    <p className="sync-summary" role="status">
      {parts.join(' · ')}
      {problem ? <strong className="sync-problem"> · {problem}</strong> : null}{' '}
      <Link to="/sync">{t('ui.sync.status.details')}</Link>
    </p>
  );
}
