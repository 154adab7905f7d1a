import { useTranslation } from 'react-i18next';
import { Link } from '../lib/router.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { Page } from '../ui/Page.tsx';
import { visibleItems } from './navItems.ts';

/** Welcome, and what this user can do here (only what their permissions open). */
export function HomePage() {
  const { t } = useTranslation();
  const { user, can } = useSession();
  return (
    <Page title={t('ui.home.welcome', { name: user?.displayName ?? '' })}>
      <p className="lead">{t('ui.home.intro')}</p>
      <ul className="cards">
        {visibleItems(can).map((item) => (
          <li key={item.to} className="card">
            <Link to={item.to} className="card-link">
              {t(`${item.key}.title`)}
            </Link>
            <p>{t(`${item.key}.description`)}</p>
          </li>
        ))}
      </ul>
      {user && !user.totpEnabled ? (
        <p className="alert alert-info">
          {t('ui.home.totpAdvice')} <Link to="/account">{t('ui.home.totpLink')}</Link>
        </p>
      ) : null}
    </Page>
  );
}
