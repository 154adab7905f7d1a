import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { Link } from '../../lib/router.tsx';
import { useAction } from '../../lib/useAction.ts';
import { useApiGet } from '../../lib/useApiGet.ts';
import { usePagedList } from '../../lib/usePagedList.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ConflictNotice } from '../../ui/ConflictNotice.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import type { Organization, Service } from './directoryTypes.ts';
import { LocationsSection } from './LocationsSection.tsx';
import { type OrganizationDraft, OrganizationForm } from './OrganizationForm.tsx';
import { ServiceList } from './ServiceList.tsx';
import { useAllAreas, useServiceTypes } from './useDirectoryData.ts';

/** One organisation: its facts, services and locations; for directory managers, the edit forms. */
export function OrganizationDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const path = `/organizations/${encodeURIComponent(id)}`;
  const { data: org, setData, error, loading, reload } = useApiGet<Organization>(path);
  const services = usePagedList<Service>(
    `/services?status=any&limit=100&organization=${encodeURIComponent(id)}`,
  );
  const types = useServiceTypes();
  const areas = useAllAreas(i18n.language);
  const [saved, setSaved] = useState(false);
  const save = useAction(async (d: OrganizationDraft) => {
    if (!org) return;
    setSaved(false);
    setData(await api<Organization>('PATCH', path, { version: org.version, ...d }));
    setSaved(true);
  });

  if (!org) {
    return (
      <Page title={t('ui.directory.organizations.detailTitle')}>
        {loading ? <Loading /> : <ErrorAlert error={error} />}
      </Page>
    );
  }
  const manager = can('service:write:all');
  return (
    <Page title={org.name}>
      <p>
        <Link to="/directory/organizations">{t('ui.directory.organizations.back')}</Link>
      </p>
      <dl className="facts">
        <dt>{t('ui.directory.organizations.agency')}</dt>
        <dd>
          {org.agency ? (
            <Link to={`/agencies/${encodeURIComponent(org.agency.id)}`}>{org.agency.name}</Link>
          ) : (
            t('ui.directory.facts.noAgency')
          )}
        </dd>
        {org.email ? (
          <>
            <dt>{t('ui.directory.organizations.email')}</dt>
            <dd>
              <a href={`mailto:${org.email}`}>{org.email}</a>
            </dd>
          </>
        ) : null}
        {org.website ? (
          <>
            <dt>{t('ui.directory.organizations.website')}</dt>
            <dd>
              <a href={org.website} rel="noopener noreferrer" target="_blank">
                {org.website}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {org.description ? <p>{org.description}</p> : null}
      <h2>{t('ui.directory.organizations.servicesTitle')}</h2>
      {manager ? (
        <p>
          <Link
            to={`/directory/services/new?organization=${encodeURIComponent(org.id)}`}
            className="button secondary"
          >
            {t('ui.directory.newService')}
          </Link>
        </p>
      ) : null}
      <ErrorAlert error={services.error} />
      {!services.loading && services.items.length === 0 ? (
        <p className="empty">{t('ui.directory.noServices')}</p>
      ) : null}
      <ServiceList services={services.items} types={types} areas={areas} />
      <LocationsSection organizationId={org.id} canEdit={manager} />
      {manager ? (
        <>
          <h2>{t('ui.directory.organizations.editTitle')}</h2>
          <Notice>{saved ? t('ui.common.saved') : null}</Notice>
          <OrganizationForm
            key={org.version}
            organization={org}
            submitLabel={t('ui.common.save')}
            busy={save.busy}
            error={save.error}
            onSubmit={(d) => void save.run(d)}
          />
          <ConflictNotice error={save.error} onReload={reload} />
        </>
      ) : null}
    </Page>
  );
}
