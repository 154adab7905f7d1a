import { useEffect, useState } from 'react';
import { api } from '../../../api/client.ts';
import type { Area, AreaDetail } from '../../../api/types.ts';

/**
 * Areas seen in lists, by code. Browsing down the tree fills it, so the
 * breadcrumb costs no request; only a cold deep link fetches (without outlines).
 */
const cache = new Map<string, Area>();

export function rememberAreas(areas: readonly Area[]): void {
  for (const area of areas) cache.set(area.code, area);
}

async function areaOf(code: string): Promise<Area> {
  const known = cache.get(code);
  if (known) return known;
  const { ancestors: _up, ...area } = await api<AreaDetail>(
    'GET',
    `/areas/${encodeURIComponent(code)}?geometry=false`,
  );
  cache.set(code, area);
  return area;
}

/** The chain root → … → `code` (empty for the roots page). */
export function useAreaTrail(code: string | null, version = 0) {
  const [trail, setTrail] = useState<Area[]>([]);
  const [error, setError] = useState<unknown>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version re-reads after an edit
  useEffect(() => {
    let live = true;
    setError(null);
    if (code === null) {
      setTrail([]);
      return;
    }
    (async () => {
      const chain: Area[] = [];
      const seen = new Set<string>();
      let next: string | null = code;
      while (next !== null && !seen.has(next)) {
        seen.add(next);
        const area: Area = await areaOf(next);
        chain.unshift(area);
        next = area.parentCode;
      }
      return chain;
    })()
      .then((chain) => {
        if (live) setTrail(chain);
      })
      .catch((e: unknown) => {
        if (live) setError(e);
      });
    return () => {
      live = false;
    };
  }, [code, version]);

  return { trail, error };
}

/** The area's name in `language`, else the name the server chose when it was fetched. */
export function areaName(area: Area, language: string): string {
  return area.names[language] ?? area.name;
}
