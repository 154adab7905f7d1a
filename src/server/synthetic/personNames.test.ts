import { describe, expect, it } from 'vitest';
import { NAME_POOLS, type NamePool } from './names.ts';
import type { DrawnName } from './personNames.ts';
import { drawName, familyNameOf, givenNameOf, pickPool, recordedAgain } from './personNames.ts';
import { SeededRandom } from './random.ts';

const pool = (language: string): NamePool => {
  const found = NAME_POOLS.find((p) => p.language === language);
  if (!found) throw new Error(`no ${language} pool`);
  return found;
};

/** Persons as the generator draws them: language, sex, birth date (ages 5–45, most children), name. */
function persons(n: number, seed: number) {
  const rng = new SeededRandom(seed);
  const names = new SeededRandom(seed + 1);
  return Array.from({ length: n }, () => {
    const p = pickPool(rng);
    const sex = rng.chance(0.5) ? ('female' as const) : ('male' as const);
    const age = rng.chance(0.75) ? rng.int(5, 17) : rng.int(18, 45);
    const birth = `${2025 - age}-${rng.int(1, 12)}-${rng.int(1, 28)}`;
    return { pool: p, sex, birth, name: drawName(rng, names, p, sex) };
  });
}

describe('synthetic person names', () => {
  it('has real-sized lists for each language', () => {
    const sizes = Object.fromEntries(
      NAME_POOLS.map((p) => [p.language, [p.female.length, p.male.length, p.family.length]]),
    );
    const atLeast: Record<string, [number, number, number]> = {
      ne: [40, 40, 60],
      es: [30, 30, 40],
      fr: [30, 30, 40],
      en: [30, 30, 40],
      mg: [20, 20, 60],
      vi: [30, 30, 14],
      ar: [30, 30, 40],
      am: [30, 40, 40],
    };
    for (const [language, [female, male, family]] of Object.entries(atLeast)) {
      const [f = 0, m = 0, fam = 0] = sizes[language] ?? [];
      expect(f, `${language} female`).toBeGreaterThanOrEqual(female);
      expect(m, `${language} male`).toBeGreaterThanOrEqual(male);
      expect(fam, `${language} family`).toBeGreaterThanOrEqual(family);
    }
    for (const p of NAME_POOLS)
      for (const list of [p.female, p.male, p.family])
        expect(new Set(list).size, `${p.language}: a name twice`).toBe(list.length);
  });

  it('keeps strangers apart: few persons share given name, family name and birth date with another', () => {
    const drawn = persons(100_000, 42);
    const key = (d: (typeof drawn)[number]) =>
      `${givenNameOf(d.name)}|${familyNameOf(d.name)}|${d.birth}`;
    const count = new Map<string, number>();
    for (const d of drawn) count.set(key(d), (count.get(key(d)) ?? 0) + 1);
    const shared = drawn.filter((d) => (count.get(key(d)) ?? 0) > 1).length / drawn.length;
    // 0.04% with these lists; the former 12 × 14 Nepali and 4 × 4 Malagasy names gave 1.9%.
    expect(shared).toBeLessThan(0.002);
    const fullNames = new Set(drawn.map((d) => `${givenNameOf(d.name)}|${familyNameOf(d.name)}`));
    expect(fullNames.size).toBeGreaterThan(40_000);
  });

  it('composes names in each culture’s structure', () => {
    const drawn = persons(20_000, 7);
    const of = (language: string) => drawn.filter((d) => d.pool.language === language);
    // Peru: a paternal and a maternal surname, about half with a second given name.
    const peru = of('es');
    for (const d of peru) {
      expect(d.name.maternal).toBeDefined();
      expect(familyNameOf(d.name).split(' ')).toHaveLength(2);
    }
    const twoGiven = peru.filter((d) => d.name.middle !== undefined).length / peru.length;
    expect(twoGiven).toBeGreaterThan(0.4);
    expect(twoGiven).toBeLessThan(0.6);
    // Ethiopia: the family name is the father's given name.
    for (const d of of('am')) expect(pool('am').male).toContain(d.name.family);
    // Viet Nam: family, middle and given syllable; Nguyễn the most frequent family name.
    const vi = of('vi');
    expect(vi.filter((d) => d.name.middle !== undefined).length / vi.length).toBeGreaterThan(0.9);
    const nguyen = vi.filter((d) => d.name.family === 'Nguyễn').length / vi.length;
    expect(nguyen).toBeGreaterThan(0.15);
    expect(givenNameOf({ given: 'Lan', middle: 'Thị', middleFirst: true, family: 'Nguyễn' })).toBe(
      'Thị Lan',
    );
    // Nepal: many carry a middle name by sex (Bahadur for men, Kumari for women).
    const ne = of('ne');
    const middles = ne.filter((d) => d.name.middle !== undefined);
    expect(middles.length / ne.length).toBeGreaterThan(0.3);
    for (const d of middles) expect(pool('ne').middle?.[d.sex]).toContain(d.name.middle);
    // Madagascar: long family names built from their parts.
    expect(pool('mg').family).toEqual(
      expect.arrayContaining(['Rakotomalala', 'Razafindrakoto', 'Randrianarisoa', 'Rakotonirina']),
    );
    // No name repeats its own middle name (María María, Ngọc Ngọc).
    for (const d of drawn) expect(d.name.middle).not.toBe(d.name.given);
  });

  it('records a person again with realistic variations', () => {
    const rng = new SeededRandom(3);
    const peru = pool('es');
    const name: DrawnName = { given: 'Rosa', middle: 'Flor', family: 'Quispe', maternal: 'Mamani' };
    const copies = Array.from({ length: 2000 }, () => recordedAgain(rng, peru, name));
    const share = (f: (c: { given: string; family: string }) => boolean) =>
      copies.filter(f).length / copies.length;
    // The maternal surname and the second given name are often left out, never invented.
    expect(share((c) => c.family.split(' ').length === 1)).toBeGreaterThan(0.25);
    expect(share((c) => c.family.split(' ').length === 1)).toBeLessThan(0.45);
    expect(share((c) => c.given.split(' ').length === 1)).toBeGreaterThan(0.3);
    expect(share((c) => c.family.split(' ').length > 2)).toBe(0);
    expect(
      share((c) => c.family.startsWith('Quispi') || c.family.startsWith('Qispi')),
    ).toBeGreaterThan(0.1);
    expect(share((c) => c.given === 'Rosa Flor' && c.family === 'Quispe Mamani')).toBeGreaterThan(
      0.02,
    );
    const nepal = pool('ne');
    const ram: DrawnName = { given: 'Ram', middle: 'Bahadur', family: 'Thapa' };
    const givens = new Set(Array.from({ length: 500 }, () => recordedAgain(rng, nepal, ram).given));
    expect([...givens]).toEqual(expect.arrayContaining(['Ram', 'Ram Bahadur', 'Ram Bdr.', 'राम']));
    const vi = pool('vi');
    const lan: DrawnName = { given: 'Lan', middle: 'Thị', middleFirst: true, family: 'Nguyễn' };
    const vis = Array.from({ length: 500 }, () => recordedAgain(rng, vi, lan));
    expect(vis.map((c) => c.given)).toEqual(expect.arrayContaining(['Thị Lan', 'Thi Lan', 'Lan']));
    expect(vis.map((c) => c.family)).toEqual(expect.arrayContaining(['Nguyễn', 'Nguyen']));
  });

  it('draws the same names for the same seed', () => {
    const a = persons(1000, 11).map((d) => `${givenNameOf(d.name)} ${familyNameOf(d.name)}`);
    const b = persons(1000, 11).map((d) => `${givenNameOf(d.name)} ${familyNameOf(d.name)}`);
    expect(a).toEqual(b);
    expect(
      persons(1000, 12).map((d) => `${givenNameOf(d.name)} ${familyNameOf(d.name)}`),
    ).not.toEqual(a);
  });
});
