import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../shell/LanguageSwitch.tsx';
import { OfflineBadge } from '../../shell/OfflineBadge.tsx';

/** The frame of the screens before the app opens: sign-in and the required first steps. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth-layout">
      <a className="skip-link" href="#main">
        {t('ui.shell.skipToContent')}
      </a>
      <header className="auth-header">
        <span className="brand">
          <img src="/icons/icon.svg" alt="" width="32" height="32" />
          <span>{t('ui.app.name')}</span>
        </span>
        <OfflineBadge />
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1} className="auth-main">
        <div className="auth-card">{children}</div>
      </main>
    </div>
  );
}
