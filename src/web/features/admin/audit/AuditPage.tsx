import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../../api/client.ts';
import type { AuditRow } from '../../../api/types.ts';
import { usePagedList } from '../../../lib/usePagedList.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { LoadMore } from '../../../ui/LoadMore.tsx';
import { Page } from '../../../ui/Page.tsx';
import { AuditFilterForm } from './AuditFilterForm.tsx';
import { AuditTable } from './AuditTable.tsx';
import { type AuditFilters, auditParams, NO_FILTERS } from './auditFilters.ts';

/** The audit log, newest first: filter, read, load more. */
export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const list = usePagedList<AuditRow>(`/audit${query({ ...auditParams(filters), limit: '50' })}`);

  return (
    <Page title={t('ui.audit.title')}>
      <p className="lead">{t('ui.audit.intro')}</p>
      <AuditFilterForm
        onSearch={(f) => {
          setFilters(f);
          list.reload();
        }}
      />
      <ErrorAlert error={list.error} />
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">{t('ui.common.noResults')}</p>
      ) : null}
      <AuditTable rows={list.items} />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={() => void list.loadMore()} />
    </Page>
  );
}
