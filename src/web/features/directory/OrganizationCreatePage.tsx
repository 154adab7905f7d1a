import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { useAction } from '../../lib/useAction.ts';
import { Page } from '../../ui/Page.tsx';
import type { Organization } from './directoryTypes.ts';
import { type OrganizationDraft, OrganizationForm } from './OrganizationForm.tsx';

/** Adds an organisation to the directory. */
export function OrganizationCreatePage() {
  const { t } = useTranslation();
  const { run, busy, error } = useAction(async (d: OrganizationDraft) => {
    const org = await api<Organization>('POST', '/organizations', d);
    navigate(`/directory/organizations/${encodeURIComponent(org.id)}`);
  });
  return (
    <Page title={t('ui.directory.organizations.createTitle')}>
      <p>
        <Link to="/directory/organizations">{t('ui.directory.organizations.back')}</Link>
      </p>
      <OrganizationForm
        organization={null}
        submitLabel={t('ui.directory.organizations.create')}
        busy={busy}
        error={error}
        onSubmit={(d) => void run(d)}
      />
    </Page>
  );
}
