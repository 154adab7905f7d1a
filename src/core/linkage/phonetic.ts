/**
 * Phonetic codes for names in English, French and Spanish. Two spellings that
 * sound alike get the same code; the comparison counts any one code in common.
 * - `soundex`: American Soundex as the US National Archives define it (1880–
 *   1920 census indexes), the usual baseline for English names.
 * - `frenchPhonetic`: rewrite rules after Phonex (F. Brouard, 1999) and the
 *   French Soundex variants, simplified: nasal vowels, silent endings,
 *   ph/qu/ch and soft c/g.
 * - `spanishPhonetic`: the letters that Spanish pronounces alike (b/v, ll/y,
 *   c/z/s before e/i, silent h, g/j before e/i, qu/k), as Spanish phonetic keys
 *   for Latin American registers do.
 * Input: a lower-case Latin token without diacritics (see `linkageKey`).
 */

const SOUNDEX_CODES: Record<string, string> = {
  b: '1',
  f: '1',
  p: '1',
  v: '1',
  c: '2',
  g: '2',
  j: '2',
  k: '2',
  q: '2',
  s: '2',
  x: '2',
  z: '2',
  d: '3',
  t: '3',
  l: '4',
  m: '5',
  n: '5',
  r: '6',
};

/** American Soundex: first letter and three digits ("robert" → "r163"). */
export function soundex(token: string): string {
  const letters = token.replace(/[^a-z]/g, '');
  if (!letters) return '';
  let code = letters[0] ?? '';
  let last = SOUNDEX_CODES[code] ?? '';
  for (const ch of letters.slice(1)) {
    const digit = SOUNDEX_CODES[ch];
    if (digit) {
      if (digit !== last) code += digit;
      if (code.length === 4) break;
      last = digit;
    } else if (ch !== 'h' && ch !== 'w') last = ''; // vowels separate equal codes, h and w do not
  }
  return code.padEnd(4, '0');
}

type Rule = [RegExp, string];

function applyRules(token: string, rules: readonly Rule[]): string {
  let s = token;
  for (const [pattern, replacement] of rules) s = s.replace(pattern, replacement);
  return s.replace(/(.)\1+/g, '$1');
}

const FRENCH_RULES: readonly Rule[] = [
  [/[^a-z]/g, ''],
  [/y/g, 'i'],
  [/ph/g, 'f'],
  [/(?<![cs])h/g, ''],
  [/sch|sh|ch/g, 'x'],
  [/qu|q|ck/g, 'k'],
  [/c(?=[eiy])/g, 's'],
  [/c/g, 'k'],
  [/gu(?=[eiy])/g, 'g'],
  [/g(?=[eiy])/g, 'j'],
  [/gn/g, 'ni'],
  [/eaux?|aux?/g, 'o'],
  [/ou/g, 'u'],
  [/oi|oy/g, 'wa'],
  [/(ai|ei)(?![mn])/g, 'e'],
  [/(ain|ein|aim|eim|in|im|un|um)(?![aeiou])/g, '1'],
  [/(an|am|en|em)(?![aeiou])/g, '2'],
  [/(on|om)(?![aeiou])/g, '3'],
  [/(?<=[aeiou])s(?=[aeiou])/g, 'z'],
  [/z/g, 's'],
  [/w/g, 'v'],
  [/th/g, 't'],
  [/(er|et|ez)$/g, 'e'],
  [/(?<=.)[stdxe]+$/g, ''],
];

/** A French phonetic key ("dupont" and "dupond" → "dup3"). */
export function frenchPhonetic(token: string): string {
  return applyRules(token, FRENCH_RULES);
}

const SPANISH_RULES: readonly Rule[] = [
  [/[^a-z]/g, ''],
  [/^x/g, 'j'],
  [/ch/g, 'x'],
  [/ll/g, 'y'],
  [/qu|k/g, 'k'],
  [/c(?=[ei])/g, 's'],
  [/z/g, 's'],
  [/c/g, 'k'],
  [/gu(?=[ei])/g, 'g'],
  [/g(?=[ei])/g, 'j'],
  [/h/g, ''],
  [/[vw]/g, 'b'],
  [/y(?![aeiou])/g, 'i'],
  [/x/g, 'ks'],
];

/** A Spanish phonetic key ("vásquez" and "basques" → "baskes"). */
export function spanishPhonetic(token: string): string {
  return applyRules(token, SPANISH_RULES);
}

const codeCache = new Map<string, [string, string, string]>();

/** All three codes of a token, for "sounds alike in some language" (memoised: names repeat). */
export function phoneticCodes(token: string): [string, string, string] {
  const hit = codeCache.get(token);
  if (hit) return hit;
  const codes: [string, string, string] = [
    soundex(token),
    frenchPhonetic(token),
    spanishPhonetic(token),
  ];
  if (codeCache.size > 100_000) codeCache.clear();
  codeCache.set(token, codes);
  return codes;
}
