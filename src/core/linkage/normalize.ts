/**
 * Normalisation for matching: Unicode compatibility forms (NFKC/NFKD), any
 * supported script transliterated to Latin, case and diacritics folded
 * (through `nameKey`, the persons search key), letters that have no
 * decomposition spelled out (ß → ss, ø → o, ł → l …), and name particles set
 * aside so that "Van der Berg", "vanderberg" and "Berg" can meet.
 */
import { nameKey } from '../persons/personName.ts';
import { canonicalName } from './nicknames.ts';
import { phoneticCodes, soundex } from './phonetic.ts';
import { transliterate } from './transliterate.ts';

const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ŋ: 'ng',
  ĸ: 'k',
  ʼ: '',
  '’': '',
  "'": '',
  ʻ: '',
};

/** Lower-case ASCII-ish words for matching, from text in any supported script. */
export function linkageKey(text: string, options: { splitHanSurname?: boolean } = {}): string {
  if (!text) return '';
  const nfkc = text.normalize('NFKC');
  const latin = transliterate(nfkc, options);
  const folded = latin.toLowerCase().replace(/[ßæœøđðłıþŋĸʼ’'ʻ]/g, (c) => SPECIAL_LETTERS[c] ?? c);
  return nameKey(folded);
}

/**
 * Words that join or qualify a name rather than identify it: Romance, Dutch and
 * German particles, Arabic and Berber kinship and article words (ben, ould,
 * al …), conjunctions between Spanish surnames, the Vietnamese gender
 * middle names "thi" and "van", and the Nepali and North Indian ones (Bahadur or
 * its abbreviation Bdr., Prasad, Kumar for men; Kumari, Devi for women), which
 * half the people of a district may carry and records keep or drop at will.
 */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'de',
  'del',
  'della',
  'dela',
  'der',
  'den',
  'des',
  'di',
  'da',
  'das',
  'do',
  'dos',
  'du',
  'la',
  'le',
  'lo',
  'las',
  'los',
  'van',
  'von',
  'ter',
  'ten',
  'y',
  'e',
  'i',
  'ben',
  'bin',
  'bint',
  'ibn',
  'ould',
  'ag',
  'al',
  'el',
  'abu',
  'abou',
  'bou',
  'st',
  'saint',
  'thi',
  'bahadur',
  'bdr',
  'prasad',
  'kumar',
  'kumari',
  'devi',
  'mac',
  'ap',
]);

/** A name ready for comparison. */
export interface PreparedName {
  /** A number per prepared name (1, 2, …; 0 for derived names), so comparisons of two names can be cached. */
  id: number;
  /** Identifying words, particles removed, in the written order. */
  tokens: string[];
  /** Tokens joined without spaces ("vanderberg" meets "van der berg"). */
  joined: string;
  /** Tokens sorted and joined, for order-free exact agreement. */
  sorted: string;
  /** Nickname-canonical tokens ("bill" → "william"). */
  canonical: string[];
  /** Per token: American Soundex (French and Spanish codes come from `phoneticCodes` when needed). */
  soundex: string[];
  /** Sorted bigram codes of the padded tokens, for order-free Dice similarity of long values. */
  grams: number[];
  /** Interned ids: of each token, its canonical form, and its Soundex, French and Spanish codes. */
  ids: number[];
  canonicalIds: number[];
  soundIds: number[];
  frenchIds: number[];
  spanishIds: number[];
}

export const EMPTY_NAME: PreparedName = {
  id: 0,
  tokens: [],
  joined: '',
  sorted: '',
  canonical: [],
  soundex: [],
  grams: [],
  ids: [],
  canonicalIds: [],
  soundIds: [],
  frenchIds: [],
  spanishIds: [],
};

const interned = new Map<string, number>();

/** A small integer per distinct string, so comparisons test integers and caches key on them. */
export function internId(text: string): number {
  let id = interned.get(text);
  if (id === undefined) {
    id = interned.size + 1;
    interned.set(text, id);
  }
  return id;
}

/** Bigrams of each token padded with a space on both sides, as sorted 32-bit codes. */
// Plain arrays rather than typed arrays: millions of tiny typed arrays cost V8 dearly to allocate.
function bigramCodes(tokens: readonly string[]): number[] {
  const codes: number[] = [];
  for (const t of tokens) {
    const padded = ` ${t} `;
    for (let i = 0; i + 1 < padded.length; i++)
      codes.push(((padded.charCodeAt(i) & 0xffff) << 16) | (padded.charCodeAt(i + 1) & 0xffff));
  }
  return codes.sort((x, y) => x - y);
}

/** Sørensen–Dice similarity of two sorted bigram multisets. */
export function bigramDice(a: readonly number[], b: readonly number[]): number {
  if (a.length + b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

/**
 * Given and family names as one name, without normalising again: the full
 * name of a record that has parts (used when a list has full names only).
 */
export function mergeNames(a: PreparedName, b: PreparedName): PreparedName {
  if (b.tokens.length === 0) return a;
  if (a.tokens.length === 0) return b;
  const tokens = [...a.tokens, ...b.tokens];
  return {
    id: 0,
    tokens,
    joined: a.joined + b.joined,
    sorted: [...tokens].sort().join(' '),
    canonical: [...a.canonical, ...b.canonical],
    soundex: [...a.soundex, ...b.soundex],
    grams: [...a.grams, ...b.grams].sort((x, y) => x - y),
    ids: [...a.ids, ...b.ids],
    canonicalIds: [...a.canonicalIds, ...b.canonicalIds],
    soundIds: [...a.soundIds, ...b.soundIds],
    frenchIds: [...a.frenchIds, ...b.frenchIds],
    spanishIds: [...a.spanishIds, ...b.spanishIds],
  };
}

const nameCache = new Map<string, PreparedName>();
let preparedNames = 0;

/** Splits, drops particles (unless nothing else is left) and computes the comparison forms (memoised). */
export function prepareName(
  text: string | null | undefined,
  options: { splitHanSurname?: boolean } = {},
): PreparedName {
  if (!text) return EMPTY_NAME;
  const cacheKey = options.splitHanSurname === false ? `\u0001${text}` : text;
  const hit = nameCache.get(cacheKey);
  if (hit) return hit;
  const prepared = computePreparedName(text, options);
  if (nameCache.size > 200_000) nameCache.clear();
  nameCache.set(cacheKey, prepared);
  return prepared;
}

function computePreparedName(text: string, options: { splitHanSurname?: boolean }): PreparedName {
  const words = linkageKey(text ?? '', options)
    .split(' ')
    .filter(Boolean);
  if (words.length === 0) return EMPTY_NAME;
  const identifying = words.filter((w) => !NAME_PARTICLES.has(w));
  const tokens = identifying.length > 0 ? identifying : words;
  return {
    id: ++preparedNames,
    tokens,
    joined: words.join(''),
    sorted: [...tokens].sort().join(' '),
    canonical: tokens.map(canonicalName),
    soundex: tokens.map(soundex),
    grams: bigramCodes(tokens),
    ids: tokens.map(internId),
    canonicalIds: tokens.map((t) => internId(canonicalName(t))),
    soundIds: tokens.map((t) => (t.length > 1 ? internId(`s:${phoneticCodes(t)[0]}`) : -1)),
    frenchIds: tokens.map((t) => (t.length > 1 ? internId(`f:${phoneticCodes(t)[1]}`) : -2)),
    spanishIds: tokens.map((t) => (t.length > 1 ? internId(`e:${phoneticCodes(t)[2]}`) : -3)),
  };
}
