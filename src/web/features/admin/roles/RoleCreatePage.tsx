import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import type { Role } from '../../../api/types.ts';
import { navigate } from '../../../lib/router.tsx';
import { useAction } from '../../../lib/useAction.ts';
import { Page } from '../../../ui/Page.tsx';
import { type RoleDraft, RoleForm } from './RoleForm.tsx';

/** Creates a role. */
export function RoleCreatePage() {
  const { t } = useTranslation();
  const { run, busy, error } = useAction(async (draft: RoleDraft) => {
    const role = await api<Role>('POST', '/roles', draft);
    navigate(`/admin/roles/${encodeURIComponent(role.id)}`);
  });
  return (
    <Page title={t('ui.roles.createTitle')}>
      <RoleForm
        existing={null}
        readOnly={false}
        submitLabel={t('ui.roles.create')}
        busy={busy}
        error={error}
        onSubmit={(d) => void run(d)}
      />
    </Page>
  );
}
