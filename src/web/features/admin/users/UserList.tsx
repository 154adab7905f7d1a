import { useTranslation } from 'react-i18next';
import type { Agency, Role, User } from '../../../api/types.ts';
import { Link } from '../../../lib/router.tsx';
import { UserStatusTags } from './UserStatusTags.tsx';

interface UserListProps {
  users: User[];
  agencies: Agency[] | null;
  roles: Role[] | null;
}

/** Users as cards (readable on a phone): name, user name, agency, roles and status tags. */
export function UserList({ users, agencies, roles }: UserListProps) {
  const { t } = useTranslation();
  const agencyName = (id: string) => agencies?.find((a) => a.id === id)?.name ?? id;
  const roleName = (id: string) => roles?.find((r) => r.id === id)?.name ?? id;
  if (users.length === 0) return null;
  return (
    <ul className="item-list" aria-label={t('ui.users.listLabel')}>
      {users.map((u) => (
        <li key={u.id} className="item">
          <div className="item-main">
            <Link to={`/admin/users/${encodeURIComponent(u.id)}`} className="item-title">
              {u.displayName}
            </Link>
            <span className="item-sub">{u.username}</span>
          </div>
          <p className="item-meta">{agencyName(u.agencyId)}</p>
          <p className="item-meta">{u.roleIds.map(roleName).join(', ')}</p>
          <UserStatusTags user={u} />
        </li>
      ))}
    </ul>
  );
}
