import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Area, Page } from '../../api/types.ts';
import type { Location, Organization, ServiceType } from './directoryTypes.ts';

/** Every page of a cursor-paginated list (the directory's lists are short: tens to hundreds). */
async function everything<T>(path: string): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  const joiner = path.includes('?') ? '&' : '?';
  do {
    const more: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: Page<T> = await api<Page<T>>('GET', `${path}${joiner}limit=200${more}`);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** Loads once per `key`; null until it arrives. */
function useLoaded<T>(key: string | null, load: () => Promise<T>): T | null {
  const [value, setValue] = useState<T | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` fetches
  useEffect(() => {
    if (key === null) return;
    let live = true;
    load()
      .then((v) => {
        if (live) setValue(v);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [key]);
  return value;
}

let typesPromise: Promise<ServiceType[]> | null = null;

/** The service types with names in every language (asked once per page load). */
export function useServiceTypes(): ServiceType[] | null {
  return useLoaded('types', () => {
    typesPromise ??= api<{ items: ServiceType[] }>('GET', '/service-types')
      .then((r) => r.items)
      .catch((e: unknown) => {
        typesPromise = null;
        throw e;
      });
    return typesPromise;
  });
}

const areaLists = new Map<string, Promise<Area[]>>();

/** Every area of the node (names in the session's language), for pickers. */
export function useAllAreas(language: string): Area[] | null {
  return useLoaded(`areas-${language}`, () => {
    let list = areaLists.get(language);
    if (!list) {
      list = everything<Area>('/areas').catch((e: unknown) => {
        areaLists.delete(language);
        throw e;
      });
      areaLists.set(language, list);
    }
    return list;
  });
}

/** Every organisation, for the service form. */
export function useOrganizations(version = 0): Organization[] | null {
  return useLoaded(`orgs-${version}`, () => everything<Organization>('/organizations'));
}

/** The locations of one organisation. */
export function useLocations(organizationId: string | null, version = 0): Location[] | null {
  return useLoaded(organizationId === null ? null : `locations-${organizationId}-${version}`, () =>
    everything<Location>(`/locations?organization=${encodeURIComponent(organizationId ?? '')}`),
  );
}
