import { useEffect, useState } from 'react';
import { api } from '../../../api/client.ts';
import type { Area, AreaDetail, Page } from '../../../api/types.ts';
import { offlineReference } from '../../../offline/reference.ts';

/**
 * Areas a worker registers cases in: their own areas and the areas directly
 * below them, with names in the interface language. Empty until loaded.
 */
export function useAreaOptions(codes: readonly string[], language: string): Area[] {
  const [areas, setAreas] = useState<Area[]>([]);
  const wanted = codes.join(',');
  useEffect(() => {
    let live = true;
    const list = wanted ? wanted.split(',') : [];
    Promise.all(
      list.map(async (code) => {
        const own = await api<AreaDetail>(
          'GET',
          `/areas/${encodeURIComponent(code)}?geometry=false`,
        );
        const below = await api<Page<Area>>(
          'GET',
          `/areas?parent=${encodeURIComponent(code)}&limit=200`,
        ).catch(() => ({ items: [] as Area[], nextCursor: null }));
        return [own, ...below.items];
      }),
    )
      .then((groups) => {
        if (!live) return;
        const seen = new Map<string, Area>();
        for (const a of groups.flat()) seen.set(a.code, a);
        setAreas([...seen.values()]);
      })
      .catch(() => {
        // Offline: the areas the device store holds.
        const ref = offlineReference();
        if (!live || !ref) return;
        const wantedCodes = new Set(list);
        setAreas(
          ref.areas
            .filter(
              (a) => wantedCodes.has(a.code) || (a.parentCode && wantedCodes.has(a.parentCode)),
            )
            .map(
              (a): Area => ({
                ...a,
                name: a.names[language] ?? a.name,
                defaultName: a.name,
                hasGeometry: false,
                version: 0,
              }),
            ),
        );
      });
    return () => {
      live = false;
    };
  }, [wanted, language]);
  return areas;
}

/** The areas as drop-down options, each sub-area indented under its parent. */
export function areaChoices(areas: readonly Area[]): { value: string; label: string }[] {
  const top = Math.min(...areas.map((a) => a.level));
  return areas.map((a) => ({
    value: a.code,
    label: `${'\u00a0\u00a0\u00a0'.repeat(Math.max(0, a.level - top))}${a.name}`,
  }));
}
