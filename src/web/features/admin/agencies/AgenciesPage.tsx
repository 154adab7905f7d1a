import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../../api/client.ts';
import { useMeta } from '../../../api/directory.ts';
import type { Agency } from '../../../api/types.ts';
import { Link } from '../../../lib/router.tsx';
import { usePagedList } from '../../../lib/usePagedList.ts';
import { useSession } from '../../../session/SessionContext.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Field } from '../../../ui/Field.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { LoadMore } from '../../../ui/LoadMore.tsx';
import { Page } from '../../../ui/Page.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';

/** The agency directory: everyone may browse it; administrators add and change agencies. */
export function AgenciesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const meta = useMeta();
  const [text, setText] = useState('');
  const [type, setType] = useState('');
  const [filters, setFilters] = useState({ q: '', type: '' });
  const list = usePagedList<Agency>(`/agencies${query({ ...filters, limit: '50' })}`);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ q: text.trim(), type });
  };
  const typeOptions = [
    { value: '', label: t('ui.agencies.anyType') },
    ...(meta?.agencyTypes ?? []).map((v) => ({ value: v, label: t(`ui.agencyTypes.${v}`) })),
  ];
  const actions = can('agency:write:all') ? (
    <Link to="/agencies/new" className="button primary">
      {t('ui.agencies.new')}
    </Link>
  ) : null;

  return (
    <Page title={t('ui.agencies.title')} actions={actions}>
      <search>
        <form className="search-form" onSubmit={search}>
          <Field
            id="agency-search"
            label={t('ui.agencies.search')}
            value={text}
            onChange={setText}
            type="search"
          />
          <SelectField
            id="agency-type-filter"
            label={t('ui.agencies.type')}
            value={type}
            onChange={setType}
            options={typeOptions}
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
      <ul className="item-list" aria-label={t('ui.agencies.listLabel')}>
        {list.items.map((a) => (
          <li key={a.id} className="item">
            <div className="item-main">
              <Link to={`/agencies/${encodeURIComponent(a.id)}`} className="item-title">
                {a.name}
              </Link>
              <span className="item-sub">{a.code}</span>
            </div>
            <p className="item-meta">{t(`ui.agencyTypes.${a.type}`, { defaultValue: a.type })}</p>
            <p className="item-meta">{a.areaCodes.join(', ')}</p>
            {a.disabled ? (
              <p className="tags">
                <span className="tag tag-bad">{t('ui.agencies.disabled')}</span>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={() => void list.loadMore()} />
    </Page>
  );
}
