// The country-outline view: the pack's country and the countries around it,
// for cross-border work. Pure functions over GeoJSON in lon/lat degrees: which
// countries are neighbours (their outline's box meets the country's box grown
// by a margin), and the box a map of them is fitted to.
import type { Geometry } from './projection.ts';

/** Degrees around the pack country that count as "neighbouring" (also scripts/country-outlines.ts). */
export const COUNTRY_MARGIN = 3;

/** A box in degrees: [west, south, east, north]. */
export type Box = [number, number, number, number];

/** One country of the outline file: ISO 3166-1 numeric code (as text), English name, outline. */
export interface CountryFeature {
  code: string | null;
  name: string;
  /** ISO 3166-1 alpha-2, to name the country in the reader's language; absent when unknown. */
  region?: string;
  geometry: Geometry;
}

/** The outline file (public/geo/<alpha-3>.json): the pack country's numeric code and the countries. */
export interface CountryOutlines {
  focus: string;
  countries: CountryFeature[];
}

/** Reads an outline file (a GeoJSON FeatureCollection with `focus`); features that are not outlines are left out. */
export function readOutlines(json: unknown): CountryOutlines {
  const file = json as {
    focus?: unknown;
    features?: {
      properties?: { code?: unknown; name?: unknown; region?: unknown };
      geometry?: unknown;
    }[];
  } | null;
  const countries: CountryFeature[] = [];
  for (const f of Array.isArray(file?.features) ? file.features : []) {
    const g = f.geometry as Geometry;
    if (
      g &&
      (g.type === 'Polygon' || g.type === 'MultiPolygon') &&
      Array.isArray(g.coordinates) &&
      typeof f.properties?.name === 'string'
    )
      countries.push({
        code: typeof f.properties.code === 'string' ? f.properties.code : null,
        name: f.properties.name,
        ...(typeof f.properties.region === 'string' ? { region: f.properties.region } : {}),
        geometry: g,
      });
  }
  return { focus: typeof file?.focus === 'string' ? file.focus : '', countries };
}

/** The smallest box around a geometry's points. */
export function boxOf(g: Geometry): Box {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  const box: Box = [180, 90, -180, -90];
  for (const ring of rings)
    for (const [lon = 0, lat = 0] of ring) {
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
    }
  return box;
}

/** A box grown by `margin` degrees on every side (latitudes kept within ±90). */
export function grow(box: Box, margin: number): Box {
  return [
    box[0] - margin,
    Math.max(-90, box[1] - margin),
    box[2] + margin,
    Math.min(90, box[3] + margin),
  ];
}

/** True when two boxes share at least a point. */
export function boxesMeet(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/**
 * The country whose numeric code is `focus`, its neighbours — every other
 * country whose outline box meets the focus box grown by `margin` degrees —
 * sorted by name, and that grown box (the part of the world to draw).
 * Null when the focus country is not in the list.
 */
export function neighbourhood(
  countries: readonly CountryFeature[],
  focus: string,
  margin: number,
): { country: CountryFeature; neighbours: CountryFeature[]; box: Box } | null {
  const country = countries.find((c) => c.code === focus);
  if (!country) return null;
  const box = grow(boxOf(country.geometry), margin);
  const neighbours = countries
    .filter((c) => c !== country && boxesMeet(boxOf(c.geometry), box))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return { country, neighbours, box };
}

/** A country's name in the reader's language (from its alpha-2 code), else the file's English name. */
export function countryName(c: CountryFeature, language: string): string {
  if (!c.region) return c.name;
  try {
    return (
      new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }).of(c.region) ?? c.name
    );
  } catch {
    return c.name;
  }
}

/** The box as a geometry (a rectangle), so the map's projection can be fitted to it. */
export function boxGeometry(box: Box): Geometry {
  const [w, s, e, n] = box;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

/**
 * A geometry cut to a box (Sutherland–Hodgman on each ring), so a large
 * neighbour such as China is drawn only where the map shows it and its name
 * sits on the part in view. Rings left with fewer than 3 points are dropped;
 * null when nothing is left.
 */
export function clipToBox(g: Geometry, box: Box): Geometry | null {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const kept: number[][][][] = [];
  for (const polygon of polygons) {
    const outer = polygon[0] ? clipRing(polygon[0], box) : [];
    if (outer.length < 3) continue;
    const holes = polygon
      .slice(1)
      .map((r) => clipRing(r, box))
      .filter((r) => r.length >= 3);
    kept.push([outer, ...holes]);
  }
  if (kept.length === 0) return null;
  return kept.length === 1 && kept[0]
    ? { type: 'Polygon', coordinates: kept[0] }
    : { type: 'MultiPolygon', coordinates: kept };
}

type Edge = { inside: (p: number[]) => boolean; cut: (a: number[], b: number[]) => number[] };

function clipRing(ring: readonly number[][], [w, s, e, n]: Box): number[][] {
  const x = (p: number[]) => p[0] ?? 0;
  const y = (p: number[]) => p[1] ?? 0;
  // Where segment a→b crosses a vertical (x = v) or horizontal (y = v) edge, exactly on it.
  const atX = (a: number[], b: number[], v: number) => [
    v,
    y(a) + ((y(b) - y(a)) * (v - x(a))) / (x(b) - x(a)),
  ];
  const atY = (a: number[], b: number[], v: number) => [
    x(a) + ((x(b) - x(a)) * (v - y(a))) / (y(b) - y(a)),
    v,
  ];
  const edges: Edge[] = [
    { inside: (p) => x(p) >= w, cut: (a, b) => atX(a, b, w) },
    { inside: (p) => x(p) <= e, cut: (a, b) => atX(a, b, e) },
    { inside: (p) => y(p) >= s, cut: (a, b) => atY(a, b, s) },
    { inside: (p) => y(p) <= n, cut: (a, b) => atY(a, b, n) },
  ];
  let points = ring.slice();
  for (const edge of edges) {
    const input = points;
    points = [];
    input.forEach((current, i) => {
      const previous = input[(i + input.length - 1) % input.length] ?? current;
      if (edge.inside(current)) {
        if (!edge.inside(previous)) points.push(edge.cut(previous, current));
        points.push(current);
      } else if (edge.inside(previous)) points.push(edge.cut(previous, current));
    });
    if (points.length === 0) break;
  }
  return points;
}

/** Where a name goes: the area-weighted centre of the geometry's largest outer ring. */
export function labelPoint(g: Geometry): [number, number] {
  const outers =
    g.type === 'Polygon' ? [g.coordinates[0] ?? []] : g.coordinates.map((p) => p[0] ?? []);
  let best: [number, number] = [0, 0];
  let bestArea = -1;
  for (const ring of outers) {
    let a = 0;
    let cx = 0;
    let cy = 0;
    ring.forEach((p, i) => {
      const q = ring[(i + 1) % ring.length] ?? p;
      const cross = (p[0] ?? 0) * (q[1] ?? 0) - (q[0] ?? 0) * (p[1] ?? 0);
      a += cross;
      cx += ((p[0] ?? 0) + (q[0] ?? 0)) * cross;
      cy += ((p[1] ?? 0) + (q[1] ?? 0)) * cross;
    });
    if (Math.abs(a) > bestArea && a !== 0) {
      bestArea = Math.abs(a);
      best = [cx / (3 * a), cy / (3 * a)];
    }
  }
  return best;
}
