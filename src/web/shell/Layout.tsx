import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SyncIndicator } from '../features/offline/SyncIndicator.tsx';
import { Link } from '../lib/router.tsx';
import { InboxProvider } from '../session/InboxContext.tsx';
import { InboxBell } from './InboxBell.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NavMenu } from './NavMenu.tsx';
import { OfflineBadge } from './OfflineBadge.tsx';
import { UserMenu } from './UserMenu.tsx';
import '../styles/referrals.css';

/** The signed-in frame: skip link, header (with the live inbox bell), navigation and the page. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  return (
    <InboxProvider>
      <div className="layout">
        <a className="skip-link" href="#main">
          {t('ui.shell.skipToContent')}
        </a>
        <header className="app-header">
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <span className="menu-icon" aria-hidden="true" />
            <span className="menu-label">{t('ui.shell.menu')}</span>
          </button>
          <Link to="/" className="brand">
            <img src="/icons/icon.svg" alt="" width="32" height="32" />
            <span>{t('ui.app.name')}</span>
          </Link>
          <OfflineBadge />
          <div className="header-tools">
            <LanguageSwitch />
            <InboxBell />
            <UserMenu />
          </div>
        </header>
        <NavMenu id={navId} open={menuOpen} onNavigate={() => setMenuOpen(false)} />
        {/* Below the header, not in it: a phone's header has no room to spare. */}
        <SyncIndicator />
        <main id="main" tabIndex={-1} className="app-main">
          {children}
        </main>
      </div>
    </InboxProvider>
  );
}
