import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/SessionContext.tsx';
import { Page } from '../../ui/Page.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { TotpEnrolment } from './TotpEnrolment.tsx';

/** The only screen until a user whose role requires it has set up two-step verification. */
export function ForcedTotpPage() {
  const { t } = useTranslation();
  const { refresh, signOut } = useSession();
  return (
    <AuthLayout>
      <Page title={t('ui.forcedTotp.title')}>
        <p className="lead">{t('ui.forcedTotp.intro')}</p>
        <TotpEnrolment onDone={() => void refresh()} />
        <div className="stack-actions">
          <button type="button" className="button link" onClick={() => void signOut()}>
            {t('ui.shell.signOut')}
          </button>
        </div>
      </Page>
    </AuthLayout>
  );
}
