import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../api/client.ts';
import { Link } from '../../lib/router.tsx';
import { usePagedList } from '../../lib/usePagedList.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { Page } from '../../ui/Page.tsx';
import { CaseFilterForm } from './CaseFilterForm.tsx';
import { CaseList } from './CaseList.tsx';
import { type CaseFilters, caseQuery, NO_CASE_FILTERS } from './caseFilters.ts';
import type { CaseSummary } from './caseTypes.ts';

/** The agency's caseload: filter, browse page by page, open a case; "New case" for caseworkers. */
export function CaseloadPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [filters, setFilters] = useState<CaseFilters>(NO_CASE_FILTERS);
  const list = usePagedList<CaseSummary>(`/cases${query(caseQuery(filters))}`);
  const actions = can('case:write:agency') ? (
    <Link to="/cases/new" className="button primary">
      {t('ui.cases.new')}
    </Link>
  ) : null;
  return (
    <Page title={t('ui.cases.title')} actions={actions}>
      <CaseFilterForm onSearch={setFilters} />
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
