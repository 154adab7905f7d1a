import { useTranslation } from 'react-i18next';
import { Link } from '../../lib/router.tsx';
import { Page } from '../../ui/Page.tsx';

/** A page that only works with the server, opened while offline. */
export function NeedsNetworkPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('ui.sync.offline.needsNetworkTitle')}>
      <p className="lead">{t('ui.sync.offline.needsNetwork')}</p>
      <Link to="/cases" className="button primary">
        {t('ui.sync.offline.toCaseload')}
      </Link>
    </Page>
  );
}
