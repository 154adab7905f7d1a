import { useTranslation } from 'react-i18next';
import { query } from '../../api/client.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { usePagedList } from '../../lib/usePagedList.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { Page } from '../../ui/Page.tsx';
import { CaseFilterForm } from './CaseFilterForm.tsx';
import { CaseList } from './CaseList.tsx';
import {
  CASE_SCOPES,
  type CaseFilters,
  caseFiltersFromSearch,
  caseFiltersSearch,
  caseQuery,
} from './caseFilters.ts';
import type { CaseSummary } from './caseTypes.ts';

/**
 * The agency's caseload: my cases (for those who work cases), unassigned ones or
 * all; filter, browse page by page, open a case; "New case" for caseworkers.
 * The filters live in the URL, so a filtered list can be bookmarked and Back works.
 */
export function CaseloadPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { search } = useLocation();
  const worker = can('case:write:agency');
  const defaultScope = worker ? 'mine' : 'all';
  const scopes = CASE_SCOPES.filter((s) => worker || s !== 'mine');
  const filters = caseFiltersFromSearch(search, defaultScope);
  const list = usePagedList<CaseSummary>(`/cases${query(caseQuery(filters))}`);
  const apply = (f: CaseFilters) => navigate(`/cases${query(caseFiltersSearch(f, defaultScope))}`);
  const actions = worker ? (
    <Link to="/cases/new" className="button primary">
      {t('ui.cases.new')}
    </Link>
  ) : null;
  return (
    <Page title={t('ui.cases.title')} actions={actions}>
      <CaseFilterForm value={filters} scopes={scopes} onSearch={apply} />
      <ErrorAlert error={list.error} />
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">{t('ui.common.noResults')}</p>
      ) : null}
      <CaseList cases={list.items} />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={() => void list.loadMore()} />
    </Page>
  );
}
