import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import type { User } from '../../../api/types.ts';
import { Link, useLocation } from '../../../lib/router.tsx';
import { useAction } from '../../../lib/useAction.ts';
import { useApiGet } from '../../../lib/useApiGet.ts';
import { useSession } from '../../../session/SessionContext.tsx';
import { ConflictNotice } from '../../../ui/ConflictNotice.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Page } from '../../../ui/Page.tsx';
import { DevicesSection } from '../../sync/DevicesSection.tsx';
import { UserActions } from './UserActions.tsx';
import { UserFacts } from './UserFacts.tsx';
import { UserForm } from './UserForm.tsx';
import { draftOf, profileBody, type UserDraft } from './userDraft.ts';

/** One staff account: its facts, the edit form and the account actions (for administrators). */
export function UserDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { search } = useLocation();
  const path = `/users/${encodeURIComponent(id)}`;
  const { data: user, setData, error, loading, reload } = useApiGet<User>(path);
  const save = useAction(async (draft: UserDraft) => {
    if (!user) return;
    setData(await api<User>('PATCH', path, { version: user.version, ...profileBody(draft) }));
  });
  const writable = can('user:write:all');

  if (!user) {
    return (
      <Page title={t('ui.users.detailTitle')}>
        {loading ? <Loading /> : <ErrorAlert error={error} />}
      </Page>
    );
  }

  return (
    <Page title={user.displayName}>
      <p>
        <Link to="/admin/users">{t('ui.users.back')}</Link>
      </p>
      <Notice>{search.get('created') ? t('ui.users.created') : null}</Notice>
      <UserFacts user={user} />
      {writable ? (
        <>
          <h2>{t('ui.users.editTitle')}</h2>
          <UserForm
            key={user.version}
            mode="edit"
            initial={draftOf(user)}
            submitLabel={t('ui.common.save')}
            busy={save.busy}
            error={save.error}
            onSubmit={(draft) => void save.run(draft)}
          />
          <ConflictNotice error={save.error} onReload={reload} />
          <UserActions user={user} onChanged={setData} onReload={reload} />
          <DevicesSection userId={user.id} />
        </>
      ) : null}
    </Page>
  );
}
