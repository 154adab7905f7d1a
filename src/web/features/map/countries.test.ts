import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  boxesMeet,
  boxOf,
  COUNTRY_MARGIN,
  type CountryFeature,
  clipToBox,
  countryName,
  grow,
  labelPoint,
  neighbourhood,
  readOutlines,
} from './countries.ts';
import type { Geometry } from './projection.ts';

const ring = (w: number, s: number, e: number, n: number) => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const rect = (w: number, s: number, e: number, n: number): Geometry => ({
  type: 'Polygon',
  coordinates: [ring(w, s, e, n)],
});
const country = (code: string, name: string, g: Geometry): CountryFeature => ({
  code,
  name,
  geometry: g,
});

describe('neighbourhood', () => {
  const home = country('1', 'Home', rect(10, 10, 12, 12));
  const touching = country('2', 'Touching', rect(12, 9, 20, 11));
  const near = country('3', 'Near', rect(14, 14, 16, 16)); // 2° away: inside a 3° margin
  const far = country('4', 'Far', rect(30, 30, 31, 31));
  const big = country('5', 'Big', {
    type: 'MultiPolygon',
    coordinates: [[ring(-50, -50, 9, 50)]],
  });

  it('keeps the countries whose box meets the grown box, sorted by name', () => {
    const found = neighbourhood([far, near, home, touching, big], '1', 3);
    expect(found?.country.name).toBe('Home');
    expect(found?.neighbours.map((c) => c.name)).toEqual(['Big', 'Near', 'Touching']);
    expect(found?.box).toEqual([7, 7, 15, 15]);
  });

  it('leaves out a country beyond the margin and says null for an unknown code', () => {
    expect(neighbourhood([home, near], '1', 1)?.neighbours).toEqual([]);
    expect(neighbourhood([home], '999', 3)).toBeNull();
  });

  it('boxes: bounds, growth clamped at the poles, meeting on an edge', () => {
    expect(boxOf(rect(1, 2, 3, 4))).toEqual([1, 2, 3, 4]);
    expect(grow([0, 85, 1, 89], 3)).toEqual([-3, 82, 4, 90]);
    expect(boxesMeet([0, 0, 1, 1], [1, 1, 2, 2])).toBe(true);
    expect(boxesMeet([0, 0, 1, 1], [1.01, 0, 2, 1])).toBe(false);
  });
});

describe('clipToBox and labelPoint', () => {
  it('cuts a large outline to the box and drops what is outside', () => {
    const clipped = clipToBox(rect(-50, -50, 9, 50), [7, 7, 15, 15]);
    expect(clipped && boxOf(clipped)).toEqual([7, 7, 9, 15]);
    expect(clipToBox(rect(30, 30, 31, 31), [7, 7, 15, 15])).toBeNull();
  });

  it('puts a name at the centre of the largest part', () => {
    const g: Geometry = {
      type: 'MultiPolygon',
      coordinates: [[ring(0, 0, 1, 1)], [ring(10, 10, 14, 12)]],
    };
    const [x, y] = labelPoint(g);
    expect(x).toBeCloseTo(12, 9);
    expect(y).toBeCloseTo(11, 9);
  });
});

describe('the shipped outline file of the Nepal pack', () => {
  const file = readOutlines(
    JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/geo/NPL.json'), 'utf8')),
  );

  it('is Nepal (ISO 524) with India and China among its neighbours, small enough to fetch', () => {
    expect(file.focus).toBe('524');
    const found = neighbourhood(file.countries, file.focus, COUNTRY_MARGIN);
    expect(found?.country.name).toBe('Nepal');
    const names = found?.neighbours.map((c) => c.name) ?? [];
    expect(names).toEqual(expect.arrayContaining(['India', 'China', 'Bhutan', 'Bangladesh']));
    // Nepal lies within 80–88.3° E, 26.3–30.5° N.
    const [w, s, e, n] = boxOf(found?.country.geometry ?? rect(0, 0, 0, 0));
    expect(w).toBeGreaterThan(79.9);
    expect(e).toBeLessThan(88.3);
    expect(s).toBeGreaterThan(26.2);
    expect(n).toBeLessThan(30.5);
    expect(
      readFileSync(resolve(import.meta.dirname, '../../public/geo/NPL.json')).length,
    ).toBeLessThan(50_000);
    // Named in the reader's language from the alpha-2 code the file carries.
    const india = found?.neighbours.find((c) => c.name === 'India');
    expect(india?.region).toBe('IN');
    expect(india && countryName(india, 'fr')).toBe('Inde');
    expect(india && countryName(india, 'es')).toBe('India');
    expect(found && countryName(found.country, 'fr')).toBe('Népal');
    expect(countryName({ ...(india as CountryFeature), region: undefined }, 'fr')).toBe('India');
  });
});
