/** A place in the app, shown in the menu and on the home page to those who may use it. */
export interface NavItem {
  to: string;
  /** Catalogue key prefix: `<key>.title` and `<key>.description`. */
  key: string;
  /** Any one of these permissions opens it; none listed means everyone signed in. */
  anyOf?: string[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/cases', key: 'ui.nav.cases', anyOf: ['case:read:agency'] },
  { to: '/tasks', key: 'ui.nav.tasks', anyOf: ['case:read:agency'] },
  { to: '/referrals', key: 'ui.nav.referrals', anyOf: ['case:read:agency'] },
  { to: '/sync', key: 'ui.nav.sync', anyOf: ['case:read:agency'] },
  {
    to: '/dashboard',
    key: 'ui.nav.dashboard',
    anyOf: ['case:read:agency', 'stats:read:aggregate', 'alert:read:area'],
  },
  { to: '/alerts', key: 'ui.nav.alerts', anyOf: ['alert:read:area', 'stats:read:aggregate'] },
  { to: '/map', key: 'ui.nav.map', anyOf: ['alert:read:area', 'stats:read:aggregate'] },
  { to: '/risk', key: 'ui.nav.risk', anyOf: ['alert:read:area', 'stats:read:aggregate'] },
  { to: '/directory', key: 'ui.nav.directory' },
  { to: '/duplicates', key: 'ui.nav.duplicates', anyOf: ['person:merge:node'] },
  { to: '/admin/users', key: 'ui.nav.users', anyOf: ['user:read:all', 'user:read:agency'] },
  { to: '/agencies', key: 'ui.nav.agencies' },
  { to: '/admin/roles', key: 'ui.nav.roles', anyOf: ['role:read:all'] },
  { to: '/areas', key: 'ui.nav.areas' },
  { to: '/admin/audit', key: 'ui.nav.audit', anyOf: ['audit:read:all'] },
  { to: '/account', key: 'ui.nav.account' },
];

/** The items a user with these permissions may open. */
export function visibleItems(can: (permission: string) => boolean): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.anyOf || item.anyOf.some(can));
}

/** True when `path` is the item's page or one below it. */
export function isActive(item: NavItem, path: string): boolean {
  return path === item.to || path.startsWith(`${item.to}/`);
}
