import type { ReactNode } from 'react';
import { matchPath } from '../../lib/matchPath.ts';
import { CaseCreatePage } from '../cases/intake/CaseCreatePage.tsx';
import { MapPage } from '../map/MapPage.tsx';
import { NeedsNetworkPage } from './NeedsNetworkPage.tsx';
import { OfflineCaseloadPage } from './OfflineCaseloadPage.tsx';
import { OfflineCasePage } from './OfflineCasePage.tsx';
import { SyncPage } from './SyncPage.tsx';

/** The pages that work from the device store; every other page says it needs the network. */
export function renderOfflineRoute(path: string, can: (permission: string) => boolean): ReactNode {
  if (path === '/sync') return <SyncPage />;
  // The map draws from the figures last saved on the device.
  if (path === '/map' && (can('alert:read:area') || can('stats:read:aggregate')))
    return <MapPage />;
  if (!can('case:read:agency')) return <NeedsNetworkPage />;
  if (path === '/' || path === '/cases') return <OfflineCaseloadPage />;
  if (path === '/cases/new' && can('case:write:agency')) return <CaseCreatePage />;
  const params = matchPath('/cases/:id', path);
  if (params?.id && params.id !== 'new') return <OfflineCasePage id={params.id} />;
  return <NeedsNetworkPage />;
}
