/**
 * Transliteration to plain Latin letters for matching (not for display): names
 * written in Arabic, Cyrillic, Devanagari, Tamil (and the other ISCII-layout
 * Indic scripts), Sinhala, Khmer, Ethiopic (Ge'ez, used for Amharic and
 * Tigrinya) and Chinese meet their usual romanised spellings closely enough
 * for Jaro–Winkler and phonetic codes to do the rest. Long and short vowels are
 * merged on purpose: romanisations rarely mark length.
 * Sources: ISO 9 / BGN-PCGN (Cyrillic), UNGEGN/ALA-LC (Arabic, Indic, Khmer,
 * Ethiopic) simplified to ASCII; Hanyu Pinyin without tones for Chinese.
 */
import { pinyinOf } from './pinyin.ts';

// biome-ignore format: a transliteration table reads best compact
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi',
  є: 'ye', ґ: 'g', ў: 'u', ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'g', ќ: 'k',
  ѕ: 'dz', қ: 'q', ғ: 'gh', ү: 'u', ұ: 'u', ң: 'ng', һ: 'h', ә: 'a', ө: 'o',
};

// biome-ignore format: a transliteration table reads best compact
const ARABIC: Record<string, string> = {
  ا: 'a', أ: 'a', إ: 'i', آ: 'a', ٱ: 'a', ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd',
  ذ: 'dh', ر: 'r', ز: 'z', س: 's', ش: 'sh', ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: '', غ: 'gh', ف: 'f',
  ق: 'q', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h', ة: 'a', ء: '', ئ: 'y', ؤ: 'w', ى: 'a', پ: 'p',
  چ: 'ch', ژ: 'zh', گ: 'g', ک: 'k', ی: 'y', ے: 'e', ٹ: 't', ڈ: 'd', ڑ: 'r', ں: 'n', ھ: 'h',
  'َ': 'a', 'ُ': 'u', 'ِ': 'i', 'ً': 'an', 'ٌ': 'un', 'ٍ': 'in', 'ْ': '', 'ٰ': 'a', '٠': '0',
  '١': '1', '٢': '2', '٣': '3', '٤': '4', '٥': '5', '٦': '6', '٧': '7', '٨': '8', '٩': '9', ـ: '',
};

/** و and ي are consonants at a word's start or after a vowel, long vowels after a consonant. */
function arabicWord(word: string): string {
  let out = '';
  const chars = Array.from(word);
  chars.forEach((ch, i) => {
    if (ch === 'ّ') {
      out += out.slice(-1); // shadda doubles the consonant
      return;
    }
    if (ch === 'ع' && out === '') {
      out += 'a'; // a word-initial ʿayn carries a vowel: علي → ali, عبد → abd
      return;
    }
    if (ch === 'و' || ch === 'ي' || ch === 'ی') {
      const afterConsonant = i > 0 && out.length > 0 && !/[aeiou]$/.test(out);
      const next = chars[i + 1];
      const beforeVowelMark = next === 'َ' || next === 'ا';
      out += afterConsonant && !beforeVowelMark ? (ch === 'و' ? 'u' : 'i') : ch === 'و' ? 'w' : 'y';
      return;
    }
    out += ARABIC[ch] ?? ch;
  });
  return out;
}

// ISCII-derived Indic blocks share one layout: offset within the block → Latin.
// biome-ignore format: a transliteration table reads best compact
const INDIC_CONSONANTS: Record<number, string> = {
  21: 'k', 22: 'kh', 23: 'g', 24: 'gh', 25: 'ng', 26: 'ch', 27: 'chh', 28: 'j', 29: 'jh', 30: 'ny',
  31: 't', 32: 'th', 33: 'd', 34: 'dh', 35: 'n', 36: 't', 37: 'th', 38: 'd', 39: 'dh', 40: 'n',
  41: 'n', 42: 'p', 43: 'ph', 44: 'b', 45: 'bh', 46: 'm', 47: 'y', 48: 'r', 49: 'r', 50: 'l',
  51: 'l', 52: 'zh', 53: 'v', 54: 'sh', 55: 'sh', 56: 's', 57: 'h', 88: 'q', 89: 'kh', 90: 'gh',
  91: 'z', 92: 'r', 93: 'rh', 94: 'f', 95: 'y',
};
// biome-ignore format: a transliteration table reads best compact
const INDIC_VOWELS: Record<number, string> = {
  5: 'a', 6: 'a', 7: 'i', 8: 'i', 9: 'u', 10: 'u', 11: 'ri', 12: 'li', 13: 'e', 14: 'e', 15: 'e',
  16: 'ai', 17: 'o', 18: 'o', 19: 'o', 20: 'au', 96: 'ri', 97: 'li',
};
// biome-ignore format: a transliteration table reads best compact
const INDIC_SIGNS: Record<number, string> = {
  62: 'a', 63: 'i', 64: 'i', 65: 'u', 66: 'u', 67: 'ri', 68: 'ri', 69: 'e', 70: 'e', 71: 'e',
  72: 'ai', 73: 'o', 74: 'o', 75: 'o', 76: 'au', 98: 'li', 99: 'li', 87: 'au',
};
// biome-ignore format: a transliteration table reads best compact
const NUKTA: Record<string, string> = {
  k: 'q', kh: 'kh', g: 'gh', j: 'z', d: 'r', dh: 'rh', ph: 'f',
};
// Tamil spells ச as s in most personal names (Sivakumar, Selvam).
const TAMIL_OVERRIDES: Record<number, string> = { 26: 's', 28: 'j' };

/** Latin for one word of an Indic abugida whose block starts at `base`. */
function indicWord(
  word: string,
  base: number,
  overrides: Record<number, string>,
  deleteFinalSchwa: boolean,
): string {
  const parts: string[] = [];
  let pendingSchwa = false;
  let lastConsonant = -1;
  let lastWasVirama = false;
  let finalIsConjunct = false;
  const flush = (): void => {
    if (pendingSchwa) parts.push('a');
    pendingSchwa = false;
  };
  for (const ch of word) {
    const off = (ch.codePointAt(0) ?? 0) - base;
    const consonant = overrides[off] ?? INDIC_CONSONANTS[off];
    if (off === 0x4d) {
      pendingSchwa = false; // virama: no inherent vowel
      lastWasVirama = true;
      continue;
    }
    if (consonant !== undefined) {
      flush();
      parts.push(consonant);
      lastConsonant = parts.length - 1;
      pendingSchwa = true;
      finalIsConjunct = lastWasVirama;
    } else if (off === 0x3c) {
      const last = parts[lastConsonant];
      if (last !== undefined) parts[lastConsonant] = NUKTA[last] ?? last;
    } else if (INDIC_SIGNS[off] !== undefined) {
      pendingSchwa = false;
      parts.push(INDIC_SIGNS[off] ?? '');
    } else {
      flush();
      if (INDIC_VOWELS[off] !== undefined) parts.push(INDIC_VOWELS[off] ?? '');
      else if (off === 0x01 || off === 0x02)
        parts.push('n'); // candrabindu, anusvara
      else if (off === 0x03)
        parts.push('h'); // visarga
      else if (off >= 0x66 && off <= 0x6f) parts.push(String(off - 0x66));
      else parts.push(ch);
    }
    lastWasVirama = false;
  }
  // Hindi and Nepali drop the final inherent vowel (राम → ram), not after a conjunct (कृष्ण → krishna).
  if (pendingSchwa && !(deleteFinalSchwa && parts.length > 1 && !finalIsConjunct)) parts.push('a');
  return parts.join('');
}

// biome-ignore format: a transliteration table reads best compact
const SINHALA_CONSONANTS: Record<string, string> = {
  ක: 'k', ඛ: 'kh', ග: 'g', ඝ: 'gh', ඞ: 'ng', ඟ: 'ng', ච: 'ch', ඡ: 'chh', ජ: 'j', ඣ: 'jh', ඤ: 'ny',
  ඥ: 'gny', ඦ: 'nj', ට: 't', ඨ: 'th', ඩ: 'd', ඪ: 'dh', ණ: 'n', ඬ: 'nd', ත: 't', ථ: 'th', ද: 'd',
  ධ: 'dh', න: 'n', ඳ: 'nd', ප: 'p', ඵ: 'ph', බ: 'b', භ: 'bh', ම: 'm', ඹ: 'mb', ය: 'y', ර: 'r',
  ල: 'l', ව: 'v', ශ: 'sh', ෂ: 'sh', ස: 's', හ: 'h', ළ: 'l', ෆ: 'f',
};
// biome-ignore format: a transliteration table reads best compact
const SINHALA_VOWELS: Record<string, string> = {
  අ: 'a', ආ: 'a', ඇ: 'ae', ඈ: 'ae', ඉ: 'i', ඊ: 'i', උ: 'u', ඌ: 'u', ඍ: 'ri', එ: 'e', ඒ: 'e',
  ඓ: 'ai', ඔ: 'o', ඕ: 'o', ඖ: 'au',
};
// biome-ignore format: a transliteration table reads best compact
const SINHALA_SIGNS: Record<string, string> = {
  'ා': 'a', 'ැ': 'ae', 'ෑ': 'ae', 'ි': 'i', 'ී': 'i', 'ු': 'u', 'ූ': 'u', 'ෘ': 'ri', 'ෙ': 'e',
  'ේ': 'e', 'ෛ': 'ai', 'ො': 'o', 'ෝ': 'o', 'ෞ': 'au', 'ෟ': 'lu', 'ෲ': 'ri',
};

function sinhalaWord(word: string): string {
  let out = '';
  let pending = false;
  for (const ch of word) {
    if (SINHALA_CONSONANTS[ch] !== undefined) {
      if (pending) out += 'a';
      out += SINHALA_CONSONANTS[ch];
      pending = true;
    } else if (ch === '්') pending = false;
    else if (SINHALA_SIGNS[ch] !== undefined) {
      pending = false;
      out += SINHALA_SIGNS[ch];
    } else {
      if (pending) out += 'a';
      pending = false;
      out += SINHALA_VOWELS[ch] ?? (ch === 'ං' ? 'n' : ch === 'ඃ' ? 'h' : ch);
    }
  }
  return pending ? `${out}a` : out;
}

// biome-ignore format: a transliteration table reads best compact
const KHMER_CONSONANTS: Record<string, string> = {
  ក: 'k', ខ: 'kh', គ: 'k', ឃ: 'kh', ង: 'ng', ច: 'ch', ឆ: 'chh', ជ: 'ch', ឈ: 'chh', ញ: 'nh', ដ: 'd',
  ឋ: 'th', ឌ: 'd', ឍ: 'th', ណ: 'n', ត: 't', ថ: 'th', ទ: 't', ធ: 'th', ន: 'n', ប: 'b', ផ: 'ph',
  ព: 'p', ភ: 'ph', ម: 'm', យ: 'y', រ: 'r', ល: 'l', វ: 'v', ឝ: 'sh', ឞ: 'ss', ស: 's', ហ: 'h',
  ឡ: 'l', អ: '',
};
// biome-ignore format: a transliteration table reads best compact
const KHMER_VOWELS: Record<string, string> = {
  'ា': 'a', 'ិ': 'e', 'ី': 'ei', 'ឹ': 'oe', 'ឺ': 'eu', 'ុ': 'o', 'ូ': 'ou', 'ួ': 'uo', 'ើ': 'aeu',
  'ឿ': 'oea', 'ៀ': 'ie', 'េ': 'e', 'ែ': 'ae', 'ៃ': 'ai', 'ោ': 'ao', 'ៅ': 'au', 'ំ': 'm', 'ះ': 'h',
  'ៈ': 'a', ឥ: 'e', ឦ: 'ei', ឧ: 'o', ឩ: 'ou', ឪ: 'ov', ឫ: 'rue', ឬ: 'rue', ឭ: 'lue', ឮ: 'lue',
  ឯ: 'ae', ឰ: 'ai', ឱ: 'ao', ឲ: 'ao', ឳ: 'au',
};

/** Khmer: consonants and vowel signs as UNGEGN spells them; a lone consonant word gets "a". */
function khmerWord(word: string): string {
  let out = '';
  let vowels = 0;
  for (const ch of word) {
    if (KHMER_CONSONANTS[ch] !== undefined) out += KHMER_CONSONANTS[ch];
    else if (KHMER_VOWELS[ch] !== undefined) {
      out += KHMER_VOWELS[ch];
      vowels++;
    } else if (!/[\u17c9-\u17d3\u17d2]/u.test(ch)) out += ch; // coeng, register and tone marks are silent
  }
  return vowels === 0 && out.length > 0 ? `${out.slice(0, 1)}a${out.slice(1)}` : out;
}

// Ethiopic: 8 forms per consonant row starting at U+1200 (ä, u, i, a, e, ə, o, wa).
// biome-ignore format: a transliteration table reads best compact
const ETHIOPIC_ROWS: Record<number, string> = {
  4608: 'h', 4616: 'l', 4624: 'h', 4632: 'm', 4640: 's', 4648: 'r', 4656: 's', 4664: 'sh',
  4672: 'q', 4680: 'qw', 4688: 'q', 4696: 'qw', 4704: 'b', 4712: 'v', 4720: 't', 4728: 'ch',
  4736: 'h', 4744: 'hw', 4752: 'n', 4760: 'ny', 4768: '', 4776: 'k', 4784: 'kw', 4792: 'kh',
  4800: 'kw', 4808: 'w', 4816: '', 4824: 'z', 4832: 'zh', 4840: 'y', 4848: 'd', 4856: 'd',
  4864: 'j', 4872: 'g', 4880: 'gw', 4888: 'ng', 4896: 't', 4904: 'ch', 4912: 'p', 4920: 'ts',
  4928: 'ts', 4936: 'f', 4944: 'p',
};
const ETHIOPIC_ORDERS = ['e', 'u', 'i', 'a', 'e', '', 'o', 'wa'];

function ethiopicChar(cp: number): string | null {
  if (cp < 0x1200 || cp > 0x1357) return null;
  const row = cp - ((cp - 0x1200) % 8);
  const consonant = ETHIOPIC_ROWS[row];
  if (consonant === undefined) return null;
  const order = (cp - 0x1200) % 8;
  // The glottal and pharyngeal rows (አ, ዐ) and the h rows carry "a" in first order: አበበ → abebe.
  if (order === 0 && (consonant === '' || consonant === 'h')) return `${consonant}a`;
  return consonant + (ETHIOPIC_ORDERS[order] ?? '');
}

type ScriptName =
  | 'latin'
  | 'cyrillic'
  | 'arabic'
  | 'indic'
  | 'sinhala'
  | 'khmer'
  | 'ethiopic'
  | 'han'
  | 'other';

function scriptOf(cp: number): ScriptName {
  if (cp < 0x250) return 'latin';
  if (cp >= 0x400 && cp <= 0x52f) return 'cyrillic';
  if (
    (cp >= 0x600 && cp <= 0x6ff) ||
    (cp >= 0x750 && cp <= 0x77f) ||
    (cp >= 0xfb50 && cp <= 0xfeff)
  )
    return 'arabic';
  if (cp >= 0x900 && cp <= 0xd7f) return 'indic';
  if (cp >= 0xd80 && cp <= 0xdff) return 'sinhala';
  if (cp >= 0x1780 && cp <= 0x17ff) return 'khmer';
  if (cp >= 0x1200 && cp <= 0x139f) return 'ethiopic';
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf)) return 'han';
  return 'other';
}

/** Splits text into runs of one script so each run gets its own rules. */
function scriptRuns(text: string): { script: ScriptName; text: string }[] {
  const runs: { script: ScriptName; text: string }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    // Combining marks and spaces stay with the run they follow.
    const script =
      /[\s\p{M}]/u.test(ch) && runs.length > 0
        ? (runs[runs.length - 1]?.script ?? 'other')
        : scriptOf(cp);
    const last = runs[runs.length - 1];
    if (last && last.script === script) last.text += ch;
    else runs.push({ script, text: ch });
  }
  return runs;
}

function perWord(text: string, fn: (w: string) => string): string {
  return text.replace(/[^\s]+/gu, (w) => fn(w));
}

/** Latin letters for any supported script; Latin and unknown scripts pass through unchanged. */
export function transliterate(text: string, options: { splitHanSurname?: boolean } = {}): string {
  if (!/[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(text)) return text;
  return scriptRuns(text)
    .map(({ script, text: run }) => {
      switch (script) {
        case 'cyrillic':
          return Array.from(run.toLowerCase(), (c) => CYRILLIC[c] ?? c).join('');
        case 'arabic':
          return perWord(run, arabicWord);
        case 'indic':
          return perWord(run, (w) => {
            const cp = w.codePointAt(0) ?? 0x900;
            const base = cp - ((cp - 0x900) % 0x80);
            if (base === 0xb80) return indicWord(w, base, TAMIL_OVERRIDES, false);
            return indicWord(w, base, {}, base === 0x900);
          });
        case 'sinhala':
          return perWord(run, sinhalaWord);
        case 'khmer':
          return perWord(run, khmerWord);
        case 'ethiopic':
          return Array.from(
            run,
            (c) => ethiopicChar(c.codePointAt(0) ?? 0) ?? (c === '፡' ? ' ' : c),
          ).join('');
        case 'han':
          return ` ${pinyinOf(run, options.splitHanSurname ?? true)} `;
        default:
          return run;
      }
    })
    .join('');
}
