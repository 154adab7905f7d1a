/**
 * Field comparators: each turns a pair of prepared values into a level of
 * agreement (0 = agree, higher = weaker, last = disagree, −1 = missing on
 * either side). Levels are what Fellegi–Sunter weighs, so each comparator
 * keeps them few and meaningful (exact / close / partial / different).
 */
import { compareDates, DATE_LEVELS } from './dates.ts';
import { bigramDice, type PreparedName } from './normalize.ts';
import type { PreparedRecord } from './prepareRecord.ts';
import { jaroWinkler, withinOneEdit } from './stringSimilarity.ts';

export type FieldName =
  | 'given_name'
  | 'family_name'
  | 'full_name'
  | 'birth_date'
  | 'sex'
  | 'area'
  | 'address'
  | 'postcode'
  | 'phone'
  | 'id_number';

const NAME_LEVELS = [
  'exact',
  'close (typo, nickname, part of a compound)',
  'similar or sounds alike',
  'different',
] as const;
const CODE_LEVELS = ['exact', 'one character off', 'different'] as const;

/** Levels of each field, in order from agreement to disagreement. */
export const FIELD_LEVELS: Record<FieldName, readonly string[]> = {
  given_name: NAME_LEVELS,
  family_name: NAME_LEVELS,
  full_name: NAME_LEVELS,
  birth_date: DATE_LEVELS,
  sex: ['same', 'different'],
  area: ['same', 'close', 'partly the same', 'different'],
  address: ['same', 'close', 'partly the same', 'different'],
  postcode: CODE_LEVELS,
  phone: CODE_LEVELS,
  id_number: CODE_LEVELS,
};

/** Whether a record has a value for a field. */
export function hasField(r: PreparedRecord, field: FieldName): boolean {
  switch (field) {
    case 'given_name':
      return r.given.tokens.length > 0;
    case 'family_name':
      return r.family.tokens.length > 0;
    case 'full_name':
      return r.full.tokens.length > 0;
    case 'birth_date':
      return r.birth.year > 0;
    case 'sex':
      return r.sex !== '';
    case 'area':
      return r.area.tokens.length > 0;
    case 'address':
      return r.address.tokens.length > 0;
    case 'postcode':
      return r.postcode !== '';
    case 'phone':
      return r.phone !== '';
    case 'id_number':
      return r.idNumber !== '';
  }
}

/** Share of records with a value for `field`, read from about `samples` of them evenly spaced. */
export function fieldShare(
  records: readonly PreparedRecord[],
  field: FieldName,
  samples = Number.POSITIVE_INFINITY,
): number {
  if (records.length === 0) return 0;
  const step = Math.max(1, Math.floor(records.length / samples));
  let n = 0;
  let seen = 0;
  for (let i = 0; i < records.length; i += step, seen++)
    if (hasField(records[i] as PreparedRecord, field)) n++;
  return n / seen;
}

/** Fields worth comparing: present in at least 5% of the records of each side. */
export function activeFields(
  left: readonly PreparedRecord[],
  right: readonly PreparedRecord[],
): FieldName[] {
  const fields = (Object.keys(FIELD_LEVELS) as FieldName[]).filter(
    (f) => fieldShare(left, f, 2000) >= 0.05 && fieldShare(right, f, 2000) >= 0.05,
  );
  // With given and family names, the full name adds nothing but correlation.
  return fields.includes('given_name') || fields.includes('family_name')
    ? fields.filter((f) => f !== 'full_name')
    : fields;
}

/** Consonants after the first letter, doubles collapsed: "mohammed" → "mhmd". */
function skeleton(token: string): string {
  return (token.slice(0, 1) + token.slice(1).replace(/[aeiou]/g, '')).replace(/(.)\1+/g, '$1');
}

const hasInnerVowel = (token: string): boolean => /[aeiou]/.test(token.slice(1));

// A direct-mapped cache of word-pair similarities (2^22 slots, 48 MB): names repeat, so
// most pairs of distinct words are met again; a collision simply recomputes.
const CACHE_BITS = 22;
const cacheKeys = new Int32Array(1 << CACHE_BITS).fill(-1);
const cacheValues = new Float64Array(1 << CACHE_BITS);

function tokenSimilarity(a: PreparedName, i: number, b: PreparedName, j: number): number {
  const ia = a.ids[i] as number;
  const ib = b.ids[j] as number;
  if (ia === ib) return 1;
  if (a.canonicalIds[i] === b.canonicalIds[j]) return 0.95;
  if (ia >= 0x8000 || ib >= 0x8000) return wordSimilarity(a.tokens[i] ?? '', b.tokens[j] ?? '');
  const key = ia < ib ? ia * 0x8000 + ib : ib * 0x8000 + ia;
  const slot = Math.imul(key, 0x9e3779b1) >>> (32 - CACHE_BITS);
  if (cacheKeys[slot] === key) return cacheValues[slot] as number;
  const sim = wordSimilarity(a.tokens[i] ?? '', b.tokens[j] ?? '');
  cacheKeys[slot] = key;
  cacheValues[slot] = sim;
  return sim;
}

function wordSimilarity(x: string, y: string): number {
  // An initial stands for any name it begins: "j" and "john".
  if ((x.length === 1 || y.length === 1) && x[0] === y[0]) return 0.86;
  // Scripts that omit short vowels (Arabic, Hebrew) transliterate to consonants: "mhmd" and "mohammed".
  if (
    x.length >= 3 &&
    y.length >= 3 &&
    (!hasInnerVowel(x) || !hasInnerVowel(y)) &&
    skeleton(x) === skeleton(y)
  )
    return 0.93;
  return jaroWinkler(x, y);
}

function soundsAlike(a: PreparedName, i: number, b: PreparedName, j: number): boolean {
  return (
    a.soundIds[i] === b.soundIds[j] ||
    a.frenchIds[i] === b.frenchIds[j] ||
    a.spanishIds[i] === b.spanishIds[j]
  );
}

/**
 * A direct-mapped cache of a comparison of two prepared names, keyed by their ids: names
 * repeat across records, so most pairs of names are met many times. Allocated on first use.
 */
class NamePairCache {
  private left: Float64Array | null = null;
  private right = new Float64Array(0);
  private levels = new Int8Array(0);
  constructor(private readonly bits: number) {}
  /** The cached level of (a, b), or −2 when not cached. */
  get(a: number, b: number): number {
    if (!this.left) {
      this.left = new Float64Array(1 << this.bits).fill(-1);
      this.right = new Float64Array(1 << this.bits);
      this.levels = new Int8Array(1 << this.bits);
    }
    const slot = this.slot(a, b);
    return this.left[slot] === a && this.right[slot] === b ? (this.levels[slot] as number) : -2;
  }
  set(a: number, b: number, level: number): number {
    const slot = this.slot(a, b);
    (this.left as Float64Array)[slot] = a;
    this.right[slot] = b;
    this.levels[slot] = level;
    return level;
  }
  private slot(a: number, b: number): number {
    return (Math.imul(a | 0, 0x9e3779b1) ^ Math.imul(b | 0, 0x85ebca6b)) >>> (32 - this.bits);
  }
}

const namePairs = new NamePairCache(20);
const placePairs = new NamePairCache(18);

/** Names as sets of words, order-free: 0 exact, 1 close, 2 similar, 3 different, −1 missing. */
export function compareNames(a: PreparedName, b: PreparedName): number {
  if (a.tokens.length === 0 || b.tokens.length === 0) return -1;
  if (a === b) return 0;
  if (a.id === 0 || b.id === 0) return compareNameWords(a, b);
  const cached = namePairs.get(a.id, b.id);
  return cached > -2 ? cached : namePairs.set(a.id, b.id, compareNameWords(a, b));
}

function compareNameWords(a: PreparedName, b: PreparedName): number {
  if (a.sorted === b.sorted || a.joined === b.joined) return 0;
  const small = a.tokens.length <= b.tokens.length ? a : b;
  const large = small === a ? b : a;
  let worstBest = 1;
  let bestAny = 0;
  for (let i = 0; i < small.tokens.length; i++) {
    let best = 0;
    for (let j = 0; j < large.tokens.length && best < 1; j++) {
      const s = tokenSimilarity(small, i, large, j);
      if (s > best) best = s;
    }
    if (best < worstBest) worstBest = best;
    if (best > bestAny) bestAny = best;
  }
  if (worstBest >= 0.92) return 1;
  // Words split or joined differently ("van der berg", "vanderberg"): compare the joined strings.
  if (a.tokens.length !== b.tokens.length && jaroWinkler(a.joined, b.joined) >= 0.94) return 1;
  if (bestAny >= 0.85) return 2;
  for (let i = 0; i < small.tokens.length; i++)
    for (let j = 0; j < large.tokens.length; j++) if (soundsAlike(small, i, large, j)) return 2;
  return 3;
}

/** Identifiers and codes: 0 exact, 1 one edit or transposition, 2 different, −1 missing. */
export function compareCodes(a: string, b: string): number {
  if (!a || !b) return -1;
  if (a === b) return 0;
  return withinOneEdit(a, b) ? 1 : 2;
}

/**
 * Addresses and places: order-free Dice similarity of word bigrams, so that
 * swapped lines, split or joined words and typos all degrade the score gradually.
 */
export function compareAddresses(a: PreparedName, b: PreparedName): number {
  if (a.tokens.length === 0 || b.tokens.length === 0) return -1;
  if (a === b) return 0;
  if (a.id === 0 || b.id === 0) return compareWordBigrams(a, b);
  const cached = placePairs.get(a.id, b.id);
  return cached > -2 ? cached : placePairs.set(a.id, b.id, compareWordBigrams(a, b));
}

function compareWordBigrams(a: PreparedName, b: PreparedName): number {
  if (a.sorted === b.sorted || a.joined === b.joined) return 0;
  const score = bigramDice(a.grams, b.grams);
  if (score >= 0.8) return 1;
  if (score >= 0.5) return 2;
  return 3;
}

/** Whether some word of `a` has the same Soundex as some word of `b`. */
function sharesSound(a: PreparedName, b: PreparedName): boolean {
  for (const x of a.soundIds) for (const y of b.soundIds) if (x === y) return true;
  return false;
}

/** Whether a list of fields compares given or family names (asked once per list, not per pair). */
const comparesNames = new WeakMap<readonly FieldName[], boolean>();

/** Level of a missing-aware sum, for choosing between name orientations. */
const rank = (level: number): number => (level < 0 ? 2.5 : level);

/**
 * Compares a pair on `fields`, writing levels into `out` (same order). Given
 * and family names are also compared crossed, and the better orientation kept,
 * since registers swap them. Returns whether the crossed orientation won.
 */
export function comparePair(
  a: PreparedRecord,
  b: PreparedRecord,
  fields: readonly FieldName[],
  out: Int8Array,
): boolean {
  let swapped = false;
  let given = -1;
  let family = -1;
  let names = comparesNames.get(fields);
  if (names === undefined) {
    names = fields.includes('given_name') || fields.includes('family_name');
    comparesNames.set(fields, names);
  }
  if (names) {
    given = compareNames(a.given, b.given);
    family = compareNames(a.family, b.family);
    // Crossing can only help when the straight comparison is poor, and when a crossed pair
    // of words sounds alike (a swap with typos still keeps one of the two sounds).
    if (
      rank(given) + rank(family) >= 3 &&
      (sharesSound(a.given, b.family) || sharesSound(a.family, b.given))
    ) {
      const g2 = compareNames(a.given, b.family);
      const f2 = compareNames(a.family, b.given);
      if (g2 >= 0 && f2 >= 0 && rank(g2) + rank(f2) < rank(given) + rank(family)) {
        given = g2;
        family = f2;
        swapped = true;
      }
    }
  }
  for (let k = 0; k < fields.length; k++)
    out[k] = compareField(a, b, fields[k] as FieldName, given, family);
  return swapped;
}

function compareField(
  a: PreparedRecord,
  b: PreparedRecord,
  field: FieldName,
  given: number,
  family: number,
): number {
  switch (field) {
    case 'given_name':
      return given;
    case 'family_name':
      return family;
    case 'full_name':
      return compareNames(a.full, b.full);
    case 'birth_date':
      return compareDates(a.birth, b.birth);
    case 'sex':
      return a.sex && b.sex ? (a.sex === b.sex ? 0 : 1) : -1;
    case 'area':
      return compareAddresses(a.area, b.area);
    case 'address':
      return compareAddresses(a.address, b.address);
    case 'postcode':
      return compareCodes(a.postcode, b.postcode);
    case 'phone':
      return compareCodes(a.phone, b.phone);
    case 'id_number':
      return compareCodes(a.idNumber, b.idNumber);
  }
}
