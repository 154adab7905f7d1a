import { useTranslation } from 'react-i18next';
import { Link, useLocation } from '../lib/router.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { isActive, visibleItems } from './navItems.ts';

/** The main navigation: a bar on wide screens, a panel opened by "Menu" on phones. */
export function NavMenu({
  id,
  open,
  onNavigate,
}: {
  id: string;
  open: boolean;
  onNavigate: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { path } = useLocation();
  const items = [{ to: '/', key: 'ui.nav.home' }, ...visibleItems(can)];
  return (
    <nav
      id={id}
      className={open ? 'main-nav open' : 'main-nav'}
      aria-label={t('ui.shell.mainMenu')}
    >
      <ul>
        {items.map((item) => {
          const active = item.to === '/' ? path === '/' : isActive(item, path);
          return (
            <li key={item.to}>
              <Link to={item.to} aria-current={active ? 'page' : undefined} onClick={onNavigate}>
                {t(`${item.key}.title`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
