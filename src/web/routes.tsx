import type { ReactNode } from 'react';
import { AccountPage } from './features/account/AccountPage.tsx';
import { AgenciesPage } from './features/admin/agencies/AgenciesPage.tsx';
import { AgencyCreatePage } from './features/admin/agencies/AgencyCreatePage.tsx';
import { AgencyDetailPage } from './features/admin/agencies/AgencyDetailPage.tsx';
import { AreasPage } from './features/admin/areas/AreasPage.tsx';
import { AuditPage } from './features/admin/audit/AuditPage.tsx';
import { RoleCreatePage } from './features/admin/roles/RoleCreatePage.tsx';
import { RoleDetailPage } from './features/admin/roles/RoleDetailPage.tsx';
import { RolesPage } from './features/admin/roles/RolesPage.tsx';
import { UserCreatePage } from './features/admin/users/UserCreatePage.tsx';
import { UserDetailPage } from './features/admin/users/UserDetailPage.tsx';
import { UsersPage } from './features/admin/users/UsersPage.tsx';
import { AlertPage } from './features/alerts/AlertPage.tsx';
import { AlertsPage } from './features/alerts/AlertsPage.tsx';
import { RiskPage } from './features/alerts/RiskPage.tsx';
import { CaseloadPage } from './features/cases/CaseloadPage.tsx';
import { CasePage } from './features/cases/CasePage.tsx';
import { CaseCreatePage } from './features/cases/intake/CaseCreatePage.tsx';
import { TasksPage } from './features/cases/TasksPage.tsx';
import { DashboardPage } from './features/dashboard/DashboardPage.tsx';
import { DirectoryPage } from './features/directory/DirectoryPage.tsx';
import { DirectoryTransferPage } from './features/directory/DirectoryTransferPage.tsx';
import { OrganizationCreatePage } from './features/directory/OrganizationCreatePage.tsx';
import { OrganizationDetailPage } from './features/directory/OrganizationDetailPage.tsx';
import { OrganizationsPage } from './features/directory/OrganizationsPage.tsx';
import { ServiceCreatePage } from './features/directory/ServiceCreatePage.tsx';
import { ServiceDetailPage } from './features/directory/ServiceDetailPage.tsx';
import { DuplicatesPage } from './features/duplicates/DuplicatesPage.tsx';
import { InboxPage } from './features/inbox/InboxPage.tsx';
import { MapPage } from './features/map/MapPage.tsx';
import { SyncPage } from './features/offline/SyncPage.tsx';
import { ReferralPage } from './features/referrals/ReferralPage.tsx';
import { ReferralsPage } from './features/referrals/ReferralsPage.tsx';
import { ConflictsPage } from './features/sync/ConflictsPage.tsx';
import { matchPath } from './lib/router.tsx';
import { HomePage } from './shell/HomePage.tsx';
import { NotFoundPage } from './shell/NotFoundPage.tsx';

interface Route {
  pattern: string;
  /** Any one of these permissions opens the page; none listed means everyone signed in. */
  anyOf?: string[];
  render: (params: Record<string, string>) => ReactNode;
}

const USER_READ = ['user:read:all', 'user:read:agency'];
/** Focal points read their areas' alerts; aggregate readers read every area's. */
const ALERT_READ = ['alert:read:area', 'stats:read:aggregate'];

/** Every page of the signed-in app. More specific patterns come first. */
const ROUTES: Route[] = [
  { pattern: '/', render: () => <HomePage /> },
  { pattern: '/account', render: () => <AccountPage /> },
  { pattern: '/cases', anyOf: ['case:read:agency'], render: () => <CaseloadPage /> },
  { pattern: '/cases/new', anyOf: ['case:write:agency'], render: () => <CaseCreatePage /> },
  {
    pattern: '/cases/:id',
    anyOf: ['case:read:agency'],
    render: (p) => <CasePage id={p.id ?? ''} />,
  },
  { pattern: '/tasks', anyOf: ['case:read:agency'], render: () => <TasksPage /> },
  { pattern: '/referrals', anyOf: ['case:read:agency'], render: () => <ReferralsPage /> },
  {
    pattern: '/referrals/:id',
    anyOf: ['case:read:agency'],
    render: (p) => <ReferralPage id={p.id ?? ''} />,
  },
  { pattern: '/inbox', render: () => <InboxPage /> },
  { pattern: '/sync', render: () => <SyncPage /> },
  { pattern: '/sync/conflicts', anyOf: ['case:read:agency'], render: () => <ConflictsPage /> },
  {
    pattern: '/dashboard',
    anyOf: ['case:read:agency', 'stats:read:aggregate', 'alert:read:area'],
    render: () => <DashboardPage />,
  },
  { pattern: '/alerts', anyOf: ALERT_READ, render: () => <AlertsPage /> },
  {
    pattern: '/alerts/:id',
    anyOf: ALERT_READ,
    render: (p) => <AlertPage id={p.id ?? ''} />,
  },
  { pattern: '/map', anyOf: ALERT_READ, render: () => <MapPage /> },
  { pattern: '/risk', anyOf: ALERT_READ, render: () => <RiskPage /> },
  { pattern: '/directory', render: () => <DirectoryPage /> },
  { pattern: '/duplicates', anyOf: ['person:merge:node'], render: () => <DuplicatesPage /> },
  {
    pattern: '/directory/services/new',
    anyOf: ['service:write:all'],
    render: () => <ServiceCreatePage />,
  },
  {
    pattern: '/directory/services/:id',
    render: (p) => <ServiceDetailPage id={p.id ?? ''} />,
  },
  { pattern: '/directory/organizations', render: () => <OrganizationsPage /> },
  {
    pattern: '/directory/organizations/new',
    anyOf: ['service:write:all'],
    render: () => <OrganizationCreatePage />,
  },
  {
    pattern: '/directory/organizations/:id',
    render: (p) => <OrganizationDetailPage id={p.id ?? ''} />,
  },
  {
    pattern: '/directory/transfer',
    anyOf: ['service:write:all'],
    render: () => <DirectoryTransferPage />,
  },
  { pattern: '/admin/users', anyOf: USER_READ, render: () => <UsersPage /> },
  { pattern: '/admin/users/new', anyOf: ['user:write:all'], render: () => <UserCreatePage /> },
  {
    pattern: '/admin/users/:id',
    anyOf: USER_READ,
    render: (p) => <UserDetailPage id={p.id ?? ''} />,
  },
  { pattern: '/agencies', render: () => <AgenciesPage /> },
  { pattern: '/agencies/new', anyOf: ['agency:write:all'], render: () => <AgencyCreatePage /> },
  { pattern: '/agencies/:id', render: (p) => <AgencyDetailPage id={p.id ?? ''} /> },
  { pattern: '/admin/roles', anyOf: ['role:read:all'], render: () => <RolesPage /> },
  { pattern: '/admin/roles/new', anyOf: ['role:write:all'], render: () => <RoleCreatePage /> },
  {
    pattern: '/admin/roles/:id',
    anyOf: ['role:read:all'],
    render: (p) => <RoleDetailPage id={p.id ?? ''} />,
  },
  { pattern: '/areas', render: () => <AreasPage code={null} /> },
  { pattern: '/areas/:code', render: (p) => <AreasPage code={p.code ?? null} /> },
  { pattern: '/admin/audit', anyOf: ['audit:read:all'], render: () => <AuditPage /> },
];

/** The page for `path`, or "not found" (also for pages the user may not open). */
export function renderRoute(path: string, can: (permission: string) => boolean): ReactNode {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    if (route.anyOf && !route.anyOf.some(can)) break;
    return route.render(params);
  }
  return <NotFoundPage />;
}
