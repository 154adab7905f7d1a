// The reference data the open store holds (areas, rules, forms, services), for the screens that
// would otherwise ask the server: set while the store is open, cleared when it locks.
import type { OfflineReference } from './OfflineContext.tsx';

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
