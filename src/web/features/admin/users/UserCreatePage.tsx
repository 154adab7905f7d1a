import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import type { User } from '../../../api/types.ts';
import { navigate } from '../../../lib/router.tsx';
import { useAction } from '../../../lib/useAction.ts';
import { Page } from '../../../ui/Page.tsx';
import { UserForm } from './UserForm.tsx';
import { EMPTY_DRAFT, profileBody, type UserDraft } from './userDraft.ts';

/** Creates a staff account; by default its first sign-in asks for a new password. */
export function UserCreatePage() {
  const { t, i18n } = useTranslation();
  const { run, busy, error } = useAction(async (draft: UserDraft) => {
    const user = await api<User>('POST', '/users', {
      username: draft.username.trim().toLowerCase(),
      password: draft.password,
      mustChangePassword: draft.mustChangePassword,
      ...profileBody(draft),
    });
    navigate(`/admin/users/${encodeURIComponent(user.id)}?created=1`);
  });
  return (
    <Page title={t('ui.users.createTitle')}>
      <UserForm
        mode="create"
        initial={{ ...EMPTY_DRAFT, language: i18n.language }}
        submitLabel={t('ui.users.create')}
        busy={busy}
        error={error}
        onSubmit={(draft) => void run(draft)}
      />
    </Page>
  );
}
