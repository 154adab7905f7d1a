import { NAME_POOLS, type NamePool } from './names.ts';
import type { SeededRandom } from './random.ts';

/** A person's name as drawn, in parts, so that later records can leave a part out. */
export interface DrawnName {
  given: string;
  /** Nepali middle name (Bahadur, Kumari), Peruvian second given name, Vietnamese middle name. */
  middle?: string | undefined;
  /** Written before the given name (Vietnamese). */
  middleFirst?: boolean;
  family: string;
  /** Peru: the maternal surname, after the paternal one. */
  maternal?: string | undefined;
}

/** Nepali is the first pack's language: nearly half the persons; the other languages share the rest. */
const POOL_WEIGHTS: [NamePool, number][] = NAME_POOLS.map((p) => [
  p,
  p.language === 'ne' ? 0.45 : 0.55 / (NAME_POOLS.length - 1),
]);

/** One draw from `rng`. */
export function pickPool(rng: SeededRandom): NamePool {
  return rng.weighted(POOL_WEIGHTS);
}

/** One draw: index ⌊n·u^skew⌋, so the first names of the list are the most frequent. */
function pickSkewed(rng: SeededRandom, items: readonly string[], skew = 1): string {
  const u = rng.next();
  const item = items[Math.floor(items.length * (skew === 1 ? u : u ** skew))];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** The next name of the list when the draw repeats `not` (no María María, no Ngọc Ngọc). */
function other(items: readonly string[], drawn: string, not: string): string {
  if (drawn !== not) return drawn;
  return items[(items.indexOf(drawn) + 1) % items.length] ?? drawn;
}

/**
 * A person's name in its culture's structure. The given name and the (paternal)
 * family name take one draw each from `rng`, the generator's main sequence; the
 * other parts come from `names`, so richer name lists never move the places,
 * dates and steps the main sequence draws for the same seed.
 */
export function drawName(
  rng: SeededRandom,
  names: SeededRandom,
  pool: NamePool,
  sex: 'female' | 'male',
): DrawnName {
  const given = rng.pick(sex === 'female' ? pool.female : pool.male);
  const family = pickSkewed(rng, pool.family, pool.familySkew);
  const name: DrawnName = { given, family };
  const middle = pool.middle;
  if (middle && names.chance(middle.share)) {
    const list = sex === 'female' ? middle.female : middle.male;
    name.middle = other(list, pickSkewed(names, list, middle.skew), given);
    if (middle.before) name.middleFirst = true;
  }
  if (pool.twoSurnames) name.maternal = pickSkewed(names, pool.family, pool.familySkew);
  return name;
}

function join(first: string, second: string | undefined): string {
  return second === undefined ? first : `${first} ${second}`;
}

/** The given name as written in full: Ram Bahadur, María Rosa, Thị Lan. */
export function givenNameOf(name: DrawnName): string {
  if (name.middle === undefined) return name.given;
  return name.middleFirst ? `${name.middle} ${name.given}` : `${name.given} ${name.middle}`;
}

/** The family name as written in full: Quispe Mamani (paternal, maternal). */
export function familyNameOf(name: DrawnName): string {
  return join(name.family, name.maternal);
}

/** A recording error of the kind people make: a dropped, doubled, swapped or wrong letter. */
export function typo(rng: SeededRandom, text: string): string {
  const chars = [...text];
  if (chars.length < 4) return text;
  const i = rng.int(1, chars.length - 2);
  switch (rng.int(0, 3)) {
    case 0:
      chars.splice(i, 1);
      break;
    case 1:
      chars.splice(i, 0, chars[i] ?? '');
      break;
    case 2:
      [chars[i], chars[i + 1]] = [chars[i + 1] ?? '', chars[i] ?? ''];
      break;
    default:
      chars[i] = rng.pick(['a', 'e', 'i', 'o', 'u', 'h', 'y']);
  }
  return chars.join('');
}

/** Another agency's spelling: a known variant or transliteration, else sometimes a typo. */
export function variantOf(rng: SeededRandom, pool: NamePool, name: string): string {
  const variants = pool.variants[name];
  if (variants && rng.chance(0.6)) return rng.pick(variants);
  return rng.chance(0.5) ? typo(rng, name) : name;
}

/** A known variant only (middle names, maternal surnames: abbreviated, not misspelt). */
function knownVariant(rng: SeededRandom, pool: NamePool, name: string): string {
  const variants = pool.variants[name];
  return variants && rng.chance(0.3) ? rng.pick(variants) : name;
}

/** Latin letters without their accents, as systems without them record names: Nguyễn → Nguyen. */
function withoutAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * The same person recorded again by another agency: a middle or second given name
 * kept or left out, the maternal surname often left out (Peru), spelling variants,
 * transliterations and typos, sometimes no accents. Draws from `rng` only.
 */
export function recordedAgain(
  rng: SeededRandom,
  pool: NamePool,
  name: DrawnName,
): { given: string; family: string } {
  const middle =
    name.middle !== undefined && !rng.chance(pool.middle?.dropped ?? 0)
      ? knownVariant(rng, pool, name.middle)
      : undefined;
  let given: string;
  // A variant of the whole given name ('Thị Lan' → 'Thi Lan') when the table has one.
  const full = givenNameOf(name);
  if (middle === name.middle && pool.variants[full]) given = variantOf(rng, pool, full);
  else {
    const first = variantOf(rng, pool, name.given);
    given = givenNameOf({ ...name, given: first, middle });
  }
  const maternal =
    name.maternal !== undefined && !rng.chance(pool.twoSurnames?.dropped ?? 0)
      ? knownVariant(rng, pool, name.maternal)
      : undefined;
  let family = join(variantOf(rng, pool, name.family), maternal);
  if (rng.chance(0.15)) {
    given = withoutAccents(given);
    family = withoutAccents(family);
  }
  return { given, family };
}
