import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { useAction } from '../../lib/useAction.ts';
import { Page } from '../../ui/Page.tsx';
import type { Service } from './directoryTypes.ts';
import { ServiceForm } from './ServiceForm.tsx';
import { type ServiceDraft, serviceBody } from './serviceDraft.ts';

/** Adds a service to the directory (from an organisation's page, that organisation is chosen). */
export function ServiceCreatePage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const { run, busy, error } = useAction(async (d: ServiceDraft) => {
    const service = await api<Service>('POST', '/services', serviceBody(d));
    navigate(`/directory/services/${encodeURIComponent(service.id)}`);
  });
  return (
    <Page title={t('ui.directory.createTitle')}>
      <p>
        <Link to="/directory">{t('ui.directory.back')}</Link>
      </p>
      <ServiceForm
        service={null}
        organizationId={search.get('organization') ?? ''}
        submitLabel={t('ui.directory.create')}
        busy={busy}
        error={error}
        onSubmit={(d) => void run(d)}
      />
    </Page>
  );
}
