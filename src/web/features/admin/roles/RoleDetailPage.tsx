import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import type { Role } from '../../../api/types.ts';
import { Link, navigate } from '../../../lib/router.tsx';
import { useAction } from '../../../lib/useAction.ts';
import { useApiGet } from '../../../lib/useApiGet.ts';
import { useSession } from '../../../session/SessionContext.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ConflictNotice } from '../../../ui/ConflictNotice.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Page } from '../../../ui/Page.tsx';
import { type RoleDraft, RoleForm } from './RoleForm.tsx';

/** One role: edit it, or delete it (after confirming) when nobody holds it. */
export function RoleDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { data, error, loading, reload } = useApiGet<{ items: Role[] }>('/roles');
  const [saved, setSaved] = useState<Role | null>(null);
  const [confirming, setConfirming] = useState(false);
  const role = saved?.id === id ? saved : (data?.items.find((r) => r.id === id) ?? null);
  const path = `/roles/${encodeURIComponent(id)}`;
  const save = useAction(async ({ name, description, permissions, requireMfa }: RoleDraft) => {
    if (!role) return;
    const body = { version: role.version, name, description, permissions, requireMfa };
    setSaved(await api<Role>('PATCH', path, body));
  });
  const remove = useAction(async () => {
    await api('DELETE', path);
    navigate('/admin/roles', { replace: true });
  });
  const writable = can('role:write:all');

  if (!role) {
    const missing = data ? t('ui.roles.notFound') : error;
    return (
      <Page title={t('ui.roles.detailTitle')}>
        {loading ? <Loading /> : <ErrorAlert error={missing} />}
      </Page>
    );
  }
  return (
    <Page title={role.name}>
      <p>
        <Link to="/admin/roles">{t('ui.roles.back')}</Link>
      </p>
      <p>{t('ui.roles.userCount', { count: role.userCount })}</p>
      <Notice>{saved ? t('ui.common.saved') : null}</Notice>
      <RoleForm
        key={role.version}
        existing={role}
        readOnly={!writable}
        submitLabel={t('ui.common.save')}
        busy={save.busy}
        error={save.error}
        onSubmit={(d) => void save.run(d)}
      />
      <ConflictNotice
        error={save.error}
        onReload={() => {
          setSaved(null);
          reload();
        }}
      />
      {writable ? (
        <section className="panel danger-zone">
          <h2>{t('ui.roles.deleteTitle')}</h2>
          <p>{t('ui.roles.deleteText')}</p>
          <button type="button" className="button danger" onClick={() => setConfirming(true)}>
            {t('ui.roles.delete')}
          </button>
        </section>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={t('ui.roles.confirmDelete.title', { name: role.name })}
        message={<p>{t('ui.roles.confirmDelete.text')}</p>}
        confirmLabel={t('ui.roles.confirmDelete.button')}
        busy={remove.busy}
        error={remove.error}
        onConfirm={() => void remove.run()}
        onCancel={() => {
          setConfirming(false);
          remove.setError(null);
        }}
      />
    </Page>
  );
}
