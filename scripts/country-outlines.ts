// Builds src/web/public/geo/<ALPHA-3>.json, the outlines of the map's
// "country and neighbours" view, from the world file of the shared data
// (Natural Earth 1:50m via world-atlas; see src/web/public/geo/LICENSE-countries.md):
//   npx tsx scripts/country-outlines.ts NPL [../shared/data/geo/world/countries.geojson]
// Keeps the pack country and every country whose box meets its box grown by
// MARGIN degrees, each cut to that box, coordinates to 0.01° (about 1 km).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  COUNTRY_MARGIN,
  type CountryFeature,
  clipToBox,
  neighbourhood,
} from '../src/web/features/map/countries.ts';
import { isGeometry } from '../src/web/features/map/projection.ts';

/** Degrees around the pack country: the web app's own margin. */
const MARGIN = COUNTRY_MARGIN;

const alpha3 = (process.argv[2] ?? '').toUpperCase();
const source = resolve(process.argv[3] ?? '../shared/data/geo/world/countries.geojson');
const iso = JSON.parse(
  readFileSync(resolve(import.meta.dirname, 'country-outlines.iso.json'), 'utf8'),
) as { packCountries: Record<string, string>; alpha2: Record<string, string> };
const focus = iso.packCountries[alpha3];
if (!focus)
  throw new Error(`no ISO numeric code for "${alpha3}" in scripts/country-outlines.iso.json`);

const world = JSON.parse(readFileSync(source, 'utf8')) as {
  features: { properties: { code: string | null; name: string }; geometry: unknown }[];
};
const countries: CountryFeature[] = world.features.flatMap((f) =>
  isGeometry(f.geometry)
    ? [{ code: f.properties.code, name: f.properties.name, geometry: f.geometry }]
    : [],
);
const found = neighbourhood(countries, focus, MARGIN);
if (!found) throw new Error(`country ${focus} is not in ${source}`);

const round = (v: number) => Math.round(v * 100) / 100;
const roundRing = (ring: number[][]) => {
  const out: number[][] = [];
  for (const [lon = 0, lat = 0] of ring) {
    const p = [round(lon), round(lat)];
    const last = out.at(-1);
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
};
const features = [found.country, ...found.neighbours].flatMap((c) => {
  const clipped = clipToBox(c.geometry, found.box);
  if (!clipped) return [];
  const geometry =
    clipped.type === 'Polygon'
      ? { type: 'Polygon', coordinates: clipped.coordinates.map(roundRing) }
      : { type: 'MultiPolygon', coordinates: clipped.coordinates.map((p) => p.map(roundRing)) };
  // The ISO alpha-2 code lets the app name the country in the reader's language (Intl.DisplayNames).
  const region = c.code ? iso.alpha2[c.code] : undefined;
  if (!region) console.warn(`${c.name} (${c.code}): no alpha-2 code, named in English only`);
  return [{ type: 'Feature', properties: { code: c.code, name: c.name, region }, geometry }];
});
const out = resolve(import.meta.dirname, `../src/web/public/geo/${alpha3}.json`);
writeFileSync(
  out,
  `${JSON.stringify({ type: 'FeatureCollection', focus, margin: MARGIN, features })}\n`,
);
console.log(
  `${out}: ${features.length} countries (${features.map((f) => f.properties.name).join(', ')})`,
);
