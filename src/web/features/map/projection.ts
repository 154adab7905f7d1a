// Area outlines (GeoJSON, lon/lat) to SVG paths without map tiles or a map
// library: an equirectangular projection with the longitude scaled by the
// cosine of the middle latitude — for one country, shapes and areas read true
// enough, and the arithmetic is a few lines that run anywhere.

/** A GeoJSON Polygon or MultiPolygon, as the pack stores an area's outline. */
export type Geometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** The rings of a geometry, each a list of [lon, lat]. */
function rings(g: Geometry): number[][][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/** True for a geometry the map can draw. */
export function isGeometry(value: unknown): value is Geometry {
  const g = value as { type?: unknown; coordinates?: unknown } | null;
  return (
    g !== null &&
    typeof g === 'object' &&
    (g.type === 'Polygon' || g.type === 'MultiPolygon') &&
    Array.isArray(g.coordinates)
  );
}

/** Maps lon/lat into a `width` × `height` box (y down), fitted to every geometry with a margin. */
export interface Projection {
  width: number;
  height: number;
  point(lon: number, lat: number): [number, number];
}

/** The projection that fits these geometries into a box `width` wide (the height follows). */
export function fitProjection(
  geometries: readonly Geometry[],
  width: number,
  margin = 8,
): Projection {
  let [minLon, minLat, maxLon, maxLat] = [180, 90, -180, -90];
  for (const g of geometries)
    for (const ring of rings(g))
      for (const [lon = 0, lat = 0] of ring) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
  if (minLon > maxLon) [minLon, minLat, maxLon, maxLat] = [0, 0, 1, 1];
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = (width - 2 * margin) / spanX;
  const height = Math.ceil(spanY * scale + 2 * margin);
  return {
    width,
    height,
    point: (lon, lat) => [margin + (lon - minLon) * kx * scale, margin + (maxLat - lat) * scale],
  };
}

/** The SVG path of a geometry: one closed sub-path per ring, coordinates to 0.1 unit. */
export function svgPath(g: Geometry, p: Projection): string {
  const parts: string[] = [];
  for (const ring of rings(g)) {
    let last = '';
    const points: string[] = [];
    for (const [lon = 0, lat = 0] of ring) {
      const [x, y] = p.point(lon, lat);
      const here = `${x.toFixed(1)},${y.toFixed(1)}`;
      // Points that fall on the same tenth of a unit add bytes, not shape.
      if (here !== last) points.push(here);
      last = here;
    }
    if (points.length >= 3) parts.push(`M${points.join('L')}Z`);
  }
  return parts.join('');
}

/** Class breaks for a legend: `count` steps from 0 to the largest value, whole numbers, rising. */
export function legendSteps(values: readonly number[], count = 5): number[] {
  const max = Math.max(0, ...values);
  if (max === 0) return [0];
  const steps: number[] = [];
  for (let i = 1; i <= count; i++) {
    const edge = Math.ceil((max * i) / count);
    if (edge > (steps.at(-1) ?? 0)) steps.push(edge);
  }
  return steps;
}

/**
 * Class breaks for rates (cases per 100,000 people, not whole numbers):
 * `count` steps from 0 to the largest value, each rounded up to two
 * significant digits, rising.
 */
export function rateSteps(values: readonly number[], count = 5): number[] {
  const max = Math.max(0, ...values);
  if (max === 0) return [0];
  const steps: number[] = [];
  for (let i = 1; i <= count; i++) {
    const x = (max * i) / count;
    const unit = 10 ** (Math.floor(Math.log10(x)) - 1);
    const edge = Number((Math.ceil(Number((x / unit).toPrecision(12))) * unit).toPrecision(12));
    if (edge > (steps.at(-1) ?? 0)) steps.push(edge);
  }
  return steps;
}

/** The step a value falls in: 0 for zero, then 1… for each break up to and including it. */
export function stepOf(value: number, steps: readonly number[]): number {
  if (value <= 0) return 0;
  const i = steps.findIndex((edge) => value <= edge);
  return i === -1 ? steps.length : i + 1;
}

/** The colour (1–5) of a step among `count` steps: few steps use the darker colours, so one stands out. */
export function stepColour(step: number, count: number): number {
  if (step <= 0 || count <= 0) return 0;
  return Math.min(5, Math.ceil((step * 5) / count));
}
