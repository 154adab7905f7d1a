/**
 * Bloom-filter CLKs as clkhash computes them (Data61 clkhash ≥ 0.16, files
 * `bloomfilter.py`, `comparators.py`, `field_formats.py`, `key_derivation.py`),
 * so that a partner using clkhash and a Pathfinder office produce the same bits
 * from the same data, schema and secret. Schnell, Bachteler & Reiher (2011)
 * describe the construction; the schema decides every parameter.
 */
import { blake2b } from '../crypto/blake2b.ts';
import { hkdf } from '../crypto/hkdf.ts';
import { createHmac } from '../crypto/hmac.ts';
import { MD5, SHA1, SHA256 } from '../crypto/mdHash.ts';
import type { ClkFeature, ClkSchema } from './clkSchema.ts';

/** A CLK: `bits` long, bit i at word i>>>5, mask 1 << (31 − (i & 31)) (bitarray's big-endian order). */
export interface Clk {
  bits: number;
  words: Uint32Array;
  popcount: number;
}

/** An error in a value that the schema cannot format (an invalid integer or date). */
export class ClkValueError extends Error {}

const utf8 = new TextEncoder();

/** HKDF keys: two per feature, ignored ones included, in feature order (`generate_key_lists`). */
export function deriveFeatureKeys(schema: ClkSchema, secret: Uint8Array): Uint8Array[][] {
  const { keySize, salt, info } = schema.kdf;
  const count = schema.features.length * 2;
  const block = hkdf(SHA256, secret, salt, info, count * keySize);
  return schema.features.map((_, i) => [
    block.slice(2 * i * keySize, (2 * i + 1) * keySize),
    block.slice((2 * i + 1) * keySize, (2 * i + 2) * keySize),
  ]);
}

/** Python's `int(s)` then `str()`: "+013" → "13", "-0" → "0". */
function formatInteger(value: string): string {
  const t = value.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new ClkValueError(`invalid integer "${value}"`);
  return BigInt(t).toString();
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A small strptime (%Y %y %m %d %b %B %%) that renders the date as %Y%m%d, as clkhash hashes dates. */
export function formatDate(value: string, format: string): string {
  let pos = 0;
  let year: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  const take = (re: RegExp): string => {
    const m = re.exec(value.slice(pos));
    if (!m) throw new ClkValueError(`date "${value}" does not match "${format}"`);
    pos += m[0].length;
    return m[0];
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== '%') {
      if (value[pos] !== ch) throw new ClkValueError(`date "${value}" does not match "${format}"`);
      pos++;
      continue;
    }
    const d = format[++i];
    if (d === 'Y') year = Number(take(/^\d{4}/));
    else if (d === 'y') {
      const y = Number(take(/^\d{1,2}/));
      year = y < 69 ? 2000 + y : 1900 + y; // POSIX strptime pivot, as Python uses
    } else if (d === 'm') month = Number(take(/^\d{1,2}/));
    else if (d === 'd') day = Number(take(/^\d{1,2}/));
    else if (d === 'b' || d === 'B') {
      const name = take(/^[A-Za-z]+/).toLowerCase();
      month = MONTHS.indexOf(name.slice(0, 3)) + 1;
      if (month === 0) throw new ClkValueError(`unknown month "${name}"`);
    } else if (d === '%') take(/^%/);
    else throw new ClkValueError(`unsupported date directive %${d}`);
  }
  if (pos !== value.length) throw new ClkValueError(`date "${value}" has extra text`);
  const y = year ?? 1900;
  const m = month ?? 1;
  const dd = day ?? 1;
  const date = new Date(Date.UTC(y, m - 1, dd));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== dd)
    throw new ClkValueError(`invalid date "${value}"`);
  return `${String(y).padStart(4, '0')}${String(m).padStart(2, '0')}${String(dd).padStart(2, '0')}`;
}

/** `FieldSpec.format_value`: the missing-value sentinel is replaced, other values normalised. */
export function formatClkValue(feature: ClkFeature, value: string): string {
  if (feature.missingValue && value === feature.missingValue.sentinel)
    return feature.missingValue.replaceWith;
  if (value === '') return '';
  if (feature.format.type === 'integer') return formatInteger(value);
  if (feature.format.type === 'date')
    return formatDate(value, feature.format.dateFormat ?? '%Y-%m-%d');
  return value;
}

/** Python floor division and modulo semantics for the numeric comparison. */
const pyMod = (a: bigint, b: bigint): bigint => ((a % b) + b) % b;

/** The comparison's tokens (`comparators.py`): n-grams padded with n−1 spaces, exact, or numeric neighbourhoods. */
export function clkTokens(feature: ClkFeature, text: string): string[] {
  if (text.length === 0) return [];
  const c = feature.comparison;
  if (c.type === 'exact') return [text];
  if (c.type === 'numeric') {
    // Vatsalan & Christen (2015) neighbourhoods, quantised as clkhash does it.
    const scale = 10n ** BigInt(c.fractionalPrecision);
    const interval = BigInt(Math.round(c.thresholdDistance * Number(scale)));
    const asInt = /^[+-]?\d+$/.test(text.trim())
      ? BigInt(text.trim()) * (c.fractionalPrecision > 0 ? scale : 1n)
      : BigInt(
          c.fractionalPrecision > 0
            ? Math.round(Number(text) * Number(scale))
            : Math.trunc(Number(text)),
        );
    let v = asInt * 2n * BigInt(c.resolution);
    const residue = pyMod(v, interval);
    if (residue !== 0n) v = residue * 2n < interval ? v - residue : v + (interval - residue);
    const out: string[] = [];
    for (let i = -c.resolution; i <= c.resolution; i++)
      out.push((v + BigInt(i) * interval).toString());
    return out;
  }
  const chars = Array.from(c.n > 1 ? `${' '.repeat(c.n - 1)}${text}${' '.repeat(c.n - 1)}` : text);
  const tokens: string[] = [];
  for (let i = 0; i + c.n <= chars.length; i++) {
    const gram = chars.slice(i, i + c.n).join('');
    tokens.push(c.positional ? `${i + 1} ${gram}` : gram);
  }
  return tokens;
}

/** Bits per token (`StrategySpec.bits_per_token`): the first `residue` tokens get one more. */
export function bitsPerToken(feature: ClkFeature, tokenCount: number): number[] {
  const s = feature.strategy;
  if ('bitsPerToken' in s) return new Array<number>(tokenCount).fill(s.bitsPerToken);
  if (tokenCount === 0) return [];
  const k = Math.floor(s.bitsPerFeature / tokenCount);
  const residue = s.bitsPerFeature % tokenCount;
  return Array.from({ length: tokenCount }, (_, i) => (i < residue ? k + 1 : k));
}

/** A big-endian byte string modulo l, as Python's `int.from_bytes(…, 'big') % l`. */
function bytesMod(bytes: Uint8Array, l: number): number {
  let r = 0;
  for (const b of bytes) r = (r * 256 + b) % l;
  return r;
}

/** Encodes one feature's tokens into bit positions; cached, since n-grams repeat a lot. */
class FeatureEncoder {
  private readonly cache = new Map<string, Uint32Array>();
  private readonly hmacSha1: (m: Uint8Array) => Uint8Array;
  private readonly hmacMd5: (m: Uint8Array) => Uint8Array;
  private readonly md5Key: Uint8Array;

  constructor(
    readonly feature: ClkFeature,
    private readonly keys: Uint8Array[],
    private readonly l: number,
  ) {
    const [k1 = new Uint8Array(0), k2 = new Uint8Array(0)] = keys;
    this.hmacSha1 = createHmac(SHA1, k1);
    this.hmacMd5 = createHmac(MD5, k2);
    this.md5Key = k2;
  }

  positions(token: string, k: number): Uint32Array {
    const cacheKey = `${k}\u0000${token}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const bytes = utf8.encode(token);
    const out =
      this.feature.hash.type === 'blakeHash' ? this.blake(bytes, k) : this.double(bytes, k);
    if (this.cache.size > 200_000) this.cache.clear();
    this.cache.set(cacheKey, out);
    return out;
  }

  // `double_hash_encode_ngrams(_non_singular)`: g_i = (HMAC-SHA1 + i · HMAC-MD5) mod l.
  private double(bytes: Uint8Array, k: number): Uint32Array {
    const l = this.l;
    const h1 = bytesMod(this.hmacSha1(bytes), l);
    let h2 = bytesMod(this.hmacMd5(bytes), l);
    if (this.feature.hash.type === 'doubleHash' && this.feature.hash.preventSingularity) {
      const md5 = createHmac(MD5, this.md5Key);
      for (let i = 0; h2 === 0; i++) {
        const suffix = utf8.encode(String.fromCodePoint(i));
        const m = new Uint8Array(bytes.length + suffix.length);
        m.set(bytes);
        m.set(suffix, bytes.length);
        h2 = bytesMod(md5(m), l);
      }
    }
    const out = new Uint32Array(k);
    for (let i = 0; i < k; i++) out[i] = (h1 + i * h2) % l;
    return out;
  }

  // `blake_encode_ngrams`: BLAKE2b keyed with the feature key, salt str(i), read as 32 little-endian shorts.
  private blake(bytes: Uint8Array, k: number): Uint32Array {
    const out = new Uint32Array(k);
    const key = this.keys[0] ?? new Uint8Array(0);
    for (let mac = 0; mac * 32 < k; mac++) {
      const digest = blake2b(bytes, { key, salt: utf8.encode(String(mac)) });
      for (let j = 0; j < 32 && mac * 32 + j < k; j++)
        out[mac * 32 + j] = ((digest[2 * j] ?? 0) | ((digest[2 * j + 1] ?? 0) << 8)) % this.l;
    }
    return out;
  }
}

/** Counts set bits (Hamming weight) of one 32-bit word. */
export function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** A reusable encoder for one schema and secret. */
export interface ClkEncoder {
  schema: ClkSchema;
  /** Encodes a record given as one string per schema feature (ignored ones included). */
  encode(values: readonly string[]): Clk;
}

/** Prepares keys and caches once; then `encode` is synchronous and fast. */
export function createClkEncoder(schema: ClkSchema, secret: string | Uint8Array): ClkEncoder {
  const secretBytes = typeof secret === 'string' ? utf8.encode(secret) : secret;
  const hashL = schema.l * 2 ** schema.xorFolds;
  const keys = deriveFeatureKeys(schema, secretBytes);
  const encoders = schema.features.map((f, i) =>
    f.ignored ? null : new FeatureEncoder(f, keys[i] ?? [], hashL),
  );
  return {
    schema,
    encode(values) {
      const full = new Uint32Array(Math.ceil(hashL / 32));
      encoders.forEach((encoder, i) => {
        if (!encoder) return;
        const tokens = clkTokens(encoder.feature, formatClkValue(encoder.feature, values[i] ?? ''));
        const ks = bitsPerToken(encoder.feature, tokens.length);
        tokens.forEach((token, t) => {
          for (const p of encoder.positions(token, ks[t] ?? 0))
            full[p >>> 5] = (full[p >>> 5] ?? 0) | (1 << (31 - (p & 31)));
        });
      });
      return foldClk(full, hashL, schema.xorFolds);
    },
  };
}

/** XOR folding (Schnell & Borgs 2016; clkhash `fold_xor`): halves XORed, `folds` times. */
function foldClk(words: Uint32Array, bits: number, folds: number): Clk {
  let current = words;
  let length = bits;
  for (let f = 0; f < folds; f++) {
    const half = length / 2;
    const next = new Uint32Array(Math.ceil(half / 32));
    for (let i = 0; i < half; i++) {
      const a = ((current[i >>> 5] ?? 0) >>> (31 - (i & 31))) & 1;
      const j = i + half;
      const b = ((current[j >>> 5] ?? 0) >>> (31 - (j & 31))) & 1;
      if (a ^ b) next[i >>> 5] = (next[i >>> 5] ?? 0) | (1 << (31 - (i & 31)));
    }
    current = next;
    length = half;
  }
  let popcount = 0;
  for (const w of current) popcount += popcount32(w);
  return { bits: length, words: current, popcount };
}

/** The CLK as bytes in clkhash's order (bitarray `tobytes()`), e.g. for base64 serialisation. */
export function clkToBytes(clk: Clk): Uint8Array {
  const out = new Uint8Array(Math.ceil(clk.bits / 8));
  for (let b = 0; b < out.length; b++)
    out[b] = ((clk.words[b >> 2] ?? 0) >>> (8 * (3 - (b & 3)))) & 0xff;
  return out;
}

/** Base64 of `clkToBytes`, the format clkhash writes into its JSON output. */
export function clkToBase64(clk: Clk): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bytes = clkToBytes(clk);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = [18, 12, 6, 0].map((s) => alphabet[(n >>> s) & 63] ?? '');
    const keep = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    out += chars.slice(0, keep).join('') + '='.repeat(4 - keep);
  }
  return out;
}
