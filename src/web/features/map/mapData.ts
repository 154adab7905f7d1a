// The map's data, kept on the device: each answer is stored in the browser's
// Cache Storage, so the map opens without a network from the last figures seen
// (aggregate counts and area outlines only — never a case or a name).
import { useEffect, useState } from 'react';
import { ApiError, api, NETWORK_ERROR } from '../../api/client.ts';

const CACHE = 'pathfinder-map-v1';

export interface MapAreasResponse {
  level: number;
  levels: number[];
  areas: {
    code: string;
    name: string;
    names: Record<string, string>;
    parentCode: string | null;
    geometry: unknown;
  }[];
}

/**
 * GET /map/values. Per area: `cases` null when withheld from an aggregate-only
 * reader (a small count); `population` the area's own figure from the country
 * pack, null without one; `rate` cases per `ratePer` people, null when the count
 * is withheld or there is no population figure. `combinedRate`: all these areas
 * together, null unless every count is shown and every area has a figure.
 */
export interface MapValuesResponse {
  from: string;
  to: string;
  values: {
    code: string;
    cases: number | null;
    population: number | null;
    rate: number | null;
    openAlerts: number;
  }[];
  ratePer: number;
  populationSource: string | null;
  populationYear: number | null;
  combinedRate: number | null;
}

/** One area's figures on the map. */
export type MapValue = MapValuesResponse['values'][number];

/** An answer and, when it came from the device, when it was saved. */
export interface Cached<T> {
  data: T;
  savedAt: string | null;
}

const hasCache = () => typeof caches !== 'undefined';

/** GETs an API path; keeps a copy, and gives the copy back when the network is gone. */
export async function cachedGet<T>(path: string, userId: string): Promise<Cached<T>> {
  // One copy per user: someone else signing in on the phone does not see another's scope.
  const key = `/api/v1${path}${path.includes('?') ? '&' : '?'}for=${encodeURIComponent(userId)}`;
  try {
    const data = await api<T>('GET', path);
    if (hasCache()) {
      const body = JSON.stringify({ data, savedAt: new Date().toISOString() });
      const cache = await caches.open(CACHE);
      await cache.put(key, new Response(body, { headers: { 'content-type': 'application/json' } }));
    }
    return { data, savedAt: null };
  } catch (error) {
    if (!(error instanceof ApiError && error.code === NETWORK_ERROR) || !hasCache()) throw error;
    const hit = await (await caches.open(CACHE)).match(key);
    if (!hit) throw error;
    return (await hit.json()) as Cached<T>;
  }
}

/**
 * GETs a static file of the web app (such as the country outlines); keeps a
 * copy, and gives it back when the network is gone. Null when the file does
 * not exist (a pack country without an outline file).
 */
export async function cachedFile<T>(path: string): Promise<T | null> {
  try {
    const response = await fetch(path);
    // A file the app does not have is answered with the app's page (HTML) or a 404.
    const json = (response.headers.get('content-type') ?? '').includes('json');
    if (response.status === 404 || (response.ok && !json)) return null;
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const data = (await response.json()) as T;
    if (hasCache())
      await (await caches.open(CACHE)).put(
        path,
        new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json' } }),
      );
    return data;
  } catch (error) {
    const hit = hasCache() ? await (await caches.open(CACHE)).match(path) : undefined;
    if (!hit) throw error;
    return (await hit.json()) as T;
  }
}

export interface OutlineFile {
  value: unknown;
  error: unknown;
  done: boolean;
}

/**
 * The pack country's outline file (alpha-3 from GET /meta), kept on the device
 * like the figures. The map page loads it whichever view is shown, so one
 * online visit to the map is enough for the country view to open offline.
 */
export function useOutlines(userId: string): OutlineFile {
  const [state, setState] = useState<OutlineFile>({
    value: null,
    error: null,
    done: false,
  });
  useEffect(() => {
    let live = true;
    cachedGet<{ country: string | null }>('/meta', userId)
      .then(({ data }) =>
        data.country && /^[A-Z]{3}$/.test(data.country)
          ? cachedFile<unknown>(`/geo/${data.country}.json`)
          : null,
      )
      .then((value) => live && setState({ value, error: null, done: true }))
      .catch((error: unknown) => live && setState({ value: null, error, done: true }));
    return () => {
      live = false;
    };
  }, [userId]);
  return state;
}
