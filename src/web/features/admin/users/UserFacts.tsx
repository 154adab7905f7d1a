import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies, useRoles } from '../../../api/directory.ts';
import type { User } from '../../../api/types.ts';
import { formatDateTime } from '../../../i18n.ts';
import { useSession } from '../../../session/SessionContext.tsx';
import { UserStatusTags } from './UserStatusTags.tsx';

/** What there is to know about a staff account, readable by anyone who may see it. */
export function UserFacts({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const agencies = useAgencies();
  const roles = useRoles(can('role:read:all'));
  const agency = agencies?.find((a) => a.id === user.agencyId)?.name ?? user.agencyId;
  const roleNames = user.roleIds.map((id) => roles?.find((r) => r.id === id)?.name ?? id);
  const rows: [string, ReactNode][] = [
    [t('ui.users.form.username'), user.username],
    [t('ui.users.statusLabel'), <UserStatusTags key="s" user={user} />],
    [t('ui.users.form.agency'), agency],
    [t('ui.users.form.roles'), roleNames.join(', ') || '—'],
    [t('ui.users.form.areas'), user.areaCodes.join(', ') || '—'],
    [t('ui.users.form.email'), user.email ?? '—'],
    [
      t('ui.users.form.language'),
      t(`ui.languageNames.${user.language}`, { defaultValue: user.language }),
    ],
    [t('ui.users.createdAt'), formatDateTime(user.createdAt, i18n.language)],
    [t('ui.users.updatedAt'), formatDateTime(user.updatedAt, i18n.language)],
  ];
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
