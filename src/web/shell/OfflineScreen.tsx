import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../features/auth/AuthLayout.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { Page } from '../ui/Page.tsx';

/** Shown when the app opens without a network: the shell works, the server is out of reach. */
export function OfflineScreen() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  return (
    <AuthLayout>
      <Page title={t('ui.offline.title')}>
        <p className="lead">{t('ui.offline.text')}</p>
        <button type="button" className="button primary" onClick={() => void refresh()}>
          {t('ui.offline.retry')}
        </button>
      </Page>
    </AuthLayout>
  );
}
