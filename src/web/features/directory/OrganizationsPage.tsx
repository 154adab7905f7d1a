import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../api/client.ts';
import { Link } from '../../lib/router.tsx';
import { usePagedList } from '../../lib/usePagedList.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { Page } from '../../ui/Page.tsx';
import type { Organization } from './directoryTypes.ts';

/** The organisations that provide services, and the agency that receives each one's referrals. */
export function OrganizationsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const list = usePagedList<Organization>(`/organizations${query({ q, limit: '50' })}`);
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(text.trim());
  };
  const actions = can('service:write:all') ? (
    <Link to="/directory/organizations/new" className="button primary">
      {t('ui.directory.organizations.new')}
    </Link>
  ) : null;
  return (
    <Page title={t('ui.directory.organizations.title')} actions={actions}>
      <p>
        <Link to="/directory">{t('ui.directory.back')}</Link>
      </p>
      <search>
        <form className="search-form" onSubmit={search}>
          <Field
            id="org-search"
            type="search"
            label={t('ui.directory.organizations.search')}
            value={text}
            onChange={setText}
          />
          <button type="submit" className="button secondary">
            {t('ui.common.search')}
          </button>
        </form>
      </search>
      <ErrorAlert error={list.error} />
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">{t('ui.common.noResults')}</p>
      ) : null}
      <ul className="item-list" aria-label={t('ui.directory.organizations.listLabel')}>
        {list.items.map((o) => (
          <li key={o.id} className="item">
            <div className="item-main">
              <Link
                to={`/directory/organizations/${encodeURIComponent(o.id)}`}
                className="item-title"
              >
                {o.name}
              </Link>
            </div>
            <p className="item-meta">
              {o.agency
                ? t('ui.directory.organizations.receivedBy', { agency: o.agency.name })
                : t('ui.directory.outsidePathfinder')}
            </p>
            <p className="item-meta">
              {t('ui.directory.organizations.services', { count: o.serviceCount })}
            </p>
          </li>
        ))}
      </ul>
      <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={() => void list.loadMore()} />
    </Page>
  );
}
