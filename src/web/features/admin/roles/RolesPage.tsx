import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/types.ts';
import { Link } from '../../../lib/router.tsx';
import { useApiGet } from '../../../lib/useApiGet.ts';
import { useSession } from '../../../session/SessionContext.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { Page } from '../../../ui/Page.tsx';

/** Roles: named sets of permissions, with how many users hold each. */
export function RolesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { data, error, loading } = useApiGet<{ items: Role[] }>('/roles');
  const actions = can('role:write:all') ? (
    <Link to="/admin/roles/new" className="button primary">
      {t('ui.roles.new')}
    </Link>
  ) : null;
  return (
    <Page title={t('ui.roles.title')} actions={actions}>
      <ErrorAlert error={error} />
      {loading && !data ? <Loading /> : null}
      <ul className="item-list" aria-label={t('ui.roles.listLabel')}>
        {(data?.items ?? []).map((r) => (
          <li key={r.id} className="item">
            <div className="item-main">
              <Link to={`/admin/roles/${encodeURIComponent(r.id)}`} className="item-title">
                {r.name}
              </Link>
              <span className="item-sub">{r.id}</span>
            </div>
            {r.description ? <p className="item-meta">{r.description}</p> : null}
            <p className="tags">
              <span className="tag">
                {t('ui.roles.permissionCount', { count: r.permissions.length })}
              </span>
              <span className="tag">{t('ui.roles.userCount', { count: r.userCount })}</span>
              {r.requireMfa ? (
                <span className="tag tag-ok">{t('ui.roles.mfaRequired')}</span>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
