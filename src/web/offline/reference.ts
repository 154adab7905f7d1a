// The reference data the device keeps (areas, rules, forms, services): fetched after each sync and
// stored sealed like any record; held here, for the screens that would otherwise ask the server,
// while the store is open, and cleared when it locks.
import type { ScreeningRuleSets } from '../../core/index.ts';
import type { Page } from '../api/types.ts';
import type { OfflineStore } from './store.ts';
import { LOCAL_ENTITY } from './syncClient.ts';
import type { SyncTransport } from './syncTransport.ts';
import type { Vault } from './vault.ts';

export interface OfflineReference {
  areas: {
    code: string;
    level: number;
    parentCode: string | null;
    name: string;
    names: Record<string, string>;
  }[];
  rules: ScreeningRuleSets & { forms?: unknown };
  services: {
    id: string;
    name: string;
    serviceTypeCode?: string;
    typeCode?: string;
    /** The answering agency and its type (absent in references kept before it was sent). */
    agency?: { type?: string } | null;
  }[];
  /** What a file attached offline may be (the server checks again). */
  attachments?: { maxBytes: number; types: string[] };
}

let current: OfflineReference | null = null;
const listeners = new Set<() => void>();

export function setOfflineReference(value: OfflineReference | null): void {
  current = value;
  for (const listener of listeners) listener();
}

export function offlineReference(): OfflineReference | null {
  return current;
}

export function subscribeOfflineReference(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reference data for working offline: areas, rules, forms and the active services. */
export async function refreshReference(
  transport: SyncTransport,
  store: OfflineStore,
  vault: Vault,
  deviceId: string,
): Promise<void> {
  const ref = await transport.request<Omit<OfflineReference, 'services'>>(
    'GET',
    `/sync/reference?deviceId=${encodeURIComponent(deviceId)}`,
  );
  const services: OfflineReference['services'] = [];
  let cursor: string | null = '';
  for (let page = 0; page < 20 && cursor !== null; page += 1) {
    const got: Page<OfflineReference['services'][number]> = await transport.request(
      'GET',
      `/services?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    services.push(...got.items);
    cursor = got.nextCursor;
  }
  await store.putRecords(vault, [
    { entity: LOCAL_ENTITY, id: 'reference', version: 0, value: { ...ref, services } },
  ]);
}
