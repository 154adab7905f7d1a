import { useTranslation } from 'react-i18next';
import { query } from '../../api/client.ts';
import { Link } from '../../lib/router.tsx';
import { usePagedList } from '../../lib/usePagedList.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { AlertList } from '../alerts/AlertList.tsx';
import type { AlertSummary } from '../alerts/alertTypes.ts';

/** The open alerts of an area (and the areas in it), and the way to all of them. */
export function AreaAlerts({ area }: { area: string }) {
  const { t } = useTranslation();
  const list = usePagedList<AlertSummary>(`/alerts${query({ area, state: 'open', limit: '10' })}`);
  return (
    <>
      <h3>{t('ui.map.openAlerts')}</h3>
      <ErrorAlert error={list.error} />
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">{t('ui.map.noOpenAlerts')}</p>
      ) : null}
      <AlertList alerts={list.items} label={t('ui.map.openAlerts')} />
      <p>
        <Link to={`/alerts${query({ area })}`}>{t('ui.map.allAlerts')}</Link>
      </p>
      <p>
        <Link to={`/dashboard${query({ view: 'area', area })}`}>{t('ui.map.areaDashboard')}</Link>
      </p>
    </>
  );
}
