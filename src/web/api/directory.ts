import { useEffect, useState } from 'react';
import { api } from './client.ts';
import type { Agency, Meta, Page, Role } from './types.ts';

let metaPromise: Promise<Meta> | null = null;

/** The node's languages and catalogues (asked once per page load). */
export function getMeta(): Promise<Meta> {
  metaPromise ??= api<Meta>('GET', '/meta').catch((e: unknown) => {
    metaPromise = null;
    throw e;
  });
  return metaPromise;
}

/** Every agency, following the pages (the directory is short: tens, not thousands). */
export async function getAllAgencies(): Promise<Agency[]> {
  const all: Agency[] = [];
  let cursor: string | null = null;
  do {
    const more: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: Page<Agency> = await api<Page<Agency>>('GET', `/agencies?limit=200${more}`);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** Loads with `load` when `enabled`; null until it arrives (and null when it fails). */
function useLoaded<T>(load: () => Promise<T>, enabled = true): T | null {
  const [value, setValue] = useState<T | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: load is a module function
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    load()
      .then((v) => {
        if (live) setValue(v);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [enabled]);
  return value;
}

export function useMeta(): Meta | null {
  return useLoaded(getMeta);
}

export function useAgencies(): Agency[] | null {
  return useLoaded(getAllAgencies);
}

/** The roles, when the user may read them (else null: show role ids). */
export function useRoles(enabled: boolean): Role[] | null {
  return useLoaded(async () => (await api<{ items: Role[] }>('GET', '/roles')).items, enabled);
}
