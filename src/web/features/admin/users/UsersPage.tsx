import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../../api/client.ts';
import { useAgencies, useRoles } from '../../../api/directory.ts';
import type { User } from '../../../api/types.ts';
import { Link } from '../../../lib/router.tsx';
import { usePagedList } from '../../../lib/usePagedList.ts';
import { useSession } from '../../../session/SessionContext.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Field } from '../../../ui/Field.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { LoadMore } from '../../../ui/LoadMore.tsx';
import { Page } from '../../../ui/Page.tsx';
import { UserList } from './UserList.tsx';

/** Staff accounts: search, browse page by page, open one; "New user" for administrators. */
export function UsersPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const list = usePagedList<User>(`/users${query({ q, limit: '50' })}`);
  const agencies = useAgencies();
  const roles = useRoles(can('role:read:all'));

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(text.trim());
  };

  const actions = can('user:write:all') ? (
    <Link to="/admin/users/new" className="button primary">
      {t('ui.users.new')}
    </Link>
  ) : null;

  return (
    <Page title={t('ui.users.title')} actions={actions}>
      <search>
        <form className="search-form" onSubmit={search}>
          <Field
            id="user-search"
            label={t('ui.users.search')}
            value={text}
            onChange={setText}
            type="search"
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
      <UserList users={list.items} agencies={agencies} roles={roles} />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={() => void list.loadMore()} />
    </Page>
  );
}
