import { useTranslation } from 'react-i18next';
import { query } from '../../api/client.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { usePagedList } from '../../lib/usePagedList.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { Page } from '../../ui/Page.tsx';
import type { Service } from './directoryTypes.ts';
import { ServiceFilterForm } from './ServiceFilterForm.tsx';
import { ServiceList } from './ServiceList.tsx';
import {
  type ServiceFilters,
  serviceFiltersFromSearch,
  serviceFiltersQuery,
} from './serviceFilters.ts';
import { useAllAreas, useServiceTypes } from './useDirectoryData.ts';

/**
 * The service directory: find where to refer someone (by type, area, age, sex,
 * language). Everyone signed in may search it; directory managers add and
 * change services and organisations, and import or export the directory.
 */
export function DirectoryPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { search } = useLocation();
  const filters = serviceFiltersFromSearch(search);
  const apiQuery = serviceFiltersQuery(filters);
  const list = usePagedList<Service>(`/services${query({ ...apiQuery, limit: '25' })}`);
  const types = useServiceTypes();
  const areas = useAllAreas(i18n.language);
  const apply = (f: ServiceFilters) => navigate(`/directory${query(serviceFiltersQuery(f))}`);

  const actions = can('service:write:all') ? (
    <>
      <Link to="/directory/services/new" className="button primary">
        {t('ui.directory.newService')}
      </Link>
      <Link to="/directory/organizations" className="button secondary">
        {t('ui.directory.organizations.title')}
      </Link>
      <Link to="/directory/transfer" className="button secondary">
        {t('ui.directory.transfer.title')}
      </Link>
    </>
  ) : (
    <Link to="/directory/organizations" className="button secondary">
      {t('ui.directory.organizations.title')}
    </Link>
  );

  return (
    <Page title={t('ui.directory.title')} actions={actions}>
      <p className="lead">{t('ui.directory.intro')}</p>
      <ServiceFilterForm value={filters} types={types} onSearch={apply} />
      <ErrorAlert error={list.error} />
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">{t('ui.directory.noServices')}</p>
      ) : null}
      <ServiceList services={list.items} types={types} areas={areas} />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={() => void list.loadMore()} />
    </Page>
  );
}
