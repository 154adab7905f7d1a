import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/SessionContext.tsx';
import { Page } from '../../ui/Page.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { PasswordChangeForm } from './PasswordChangeForm.tsx';

/** The only screen until a temporary password is replaced. */
export function ForcedPasswordPage() {
  const { t } = useTranslation();
  const { refresh, signOut } = useSession();
  return (
    <AuthLayout>
      <Page title={t('ui.forcedPassword.title')}>
        <p className="lead">{t('ui.forcedPassword.intro')}</p>
        <PasswordChangeForm onDone={() => void refresh()} />
        <div className="stack-actions">
          <button type="button" className="button link" onClick={() => void signOut()}>
            {t('ui.shell.signOut')}
          </button>
        </div>
      </Page>
    </AuthLayout>
  );
}
