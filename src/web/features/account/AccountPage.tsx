import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '../../api/directory.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { PasswordChangeForm } from '../auth/PasswordChangeForm.tsx';
import { PinSection } from '../offline/PinSection.tsx';
import { DevicesSection } from '../sync/DevicesSection.tsx';
import { LanguageSection } from './LanguageSection.tsx';
import { NotificationsSection } from './NotificationsSection.tsx';
import { TokensSection } from './TokensSection.tsx';
import { TwoStepSection } from './TwoStepSection.tsx';

/** Your own account: who you are, language, notifications, password, two-step verification, API tokens, offline devices. */
export function AccountPage() {
  const { t } = useTranslation();
  const { user, can } = useSession();
  const agencies = useAgencies();
  const [passwordChanged, setPasswordChanged] = useState(false);
  if (!user) return null;
  const agency = agencies?.find((a) => a.id === user.agencyId)?.name ?? '';
  return (
    <Page title={t('ui.account.title')}>
      <section className="panel" aria-labelledby="account-profile">
        <h2 id="account-profile">{t('ui.account.profile')}</h2>
        <dl className="facts">
          <dt>{t('ui.account.name')}</dt>
          <dd>{user.displayName}</dd>
          <dt>{t('ui.account.username')}</dt>
          <dd>{user.username}</dd>
          <dt>{t('ui.account.agency')}</dt>
          <dd>{agency}</dd>
          <dt>{t('ui.account.areas')}</dt>
          <dd>{user.areaCodes.join(', ') || '—'}</dd>
        </dl>
      </section>
      <LanguageSection />
      <NotificationsSection />
      <section className="panel" aria-labelledby="account-password">
        <h2 id="account-password">{t('ui.account.password')}</h2>
        <Notice>{passwordChanged ? t('ui.account.passwordChanged') : null}</Notice>
        <PasswordChangeForm onDone={() => setPasswordChanged(true)} />
      </section>
      <TwoStepSection />
      {can('token:write:own') ? <TokensSection /> : null}
      <DevicesSection />
      <PinSection />
    </Page>
  );
}
