import { useTranslation } from 'react-i18next';
import { Link } from '../lib/router.tsx';
import { Page } from '../ui/Page.tsx';

/** An address the app does not know (or a page this user may not open). */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('ui.notFound.title')}>
      <p>{t('ui.notFound.text')}</p>
      <p>
        <Link to="/">{t('ui.notFound.home')}</Link>
      </p>
    </Page>
  );
}
