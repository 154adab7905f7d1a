/**
 * The clkhash linkage schema (Data61 clkhash, `clkhash/schemas/v3.json`, docs
 * `schema.rst`), read into plain typed settings. Version 2 files are accepted
 * and converted the way clkhash converts them (`numBits` → `bitsPerFeature`,
 * `k` → `bitsPerToken`). The JSON is untrusted input: every field is checked.
 */

export type ClkComparison =
  | { type: 'ngram'; n: number; positional: boolean }
  | { type: 'exact' }
  | { type: 'numeric'; thresholdDistance: number; resolution: number; fractionalPrecision: number };

export type ClkStrategy = { bitsPerToken: number } | { bitsPerFeature: number };

export type ClkHash = { type: 'blakeHash' } | { type: 'doubleHash'; preventSingularity: boolean };

export interface ClkFormat {
  type: 'string' | 'integer' | 'date' | 'enum';
  /** strptime format of a date feature, e.g. `%Y-%m-%d`. */
  dateFormat?: string;
}

export interface ClkFeature {
  identifier: string;
  ignored: boolean;
  format: ClkFormat;
  comparison: ClkComparison;
  strategy: ClkStrategy;
  hash: ClkHash;
  missingValue: { sentinel: string; replaceWith: string } | null;
}

export interface ClkSchema {
  /** Bits of the final CLK, after XOR folding. */
  l: number;
  xorFolds: number;
  kdf: { hash: 'SHA256'; salt: Uint8Array | null; info: Uint8Array; keySize: number };
  features: ClkFeature[];
}

export class ClkSchemaError extends Error {}

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function fail(where: string, what: string): never {
  throw new ClkSchemaError(`linkage schema: ${where}: ${what}`);
}

function positiveInt(x: unknown, where: string): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 1)
    fail(where, 'expected a positive integer');
  return x;
}

/** Standard base64 to bytes (no Node Buffer: this runs in browsers too). */
export function base64ToBytes(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = text.replace(/[\s=]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const ch of clean) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new ClkSchemaError(`linkage schema: invalid base64 character "${ch}"`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

function parseComparison(hashing: Json, where: string): ClkComparison {
  const comparison = hashing.comparison;
  if (comparison === undefined) {
    // Version 2: "ngram" and "positional" sit directly in the hashing section.
    return {
      type: 'ngram',
      n: positiveInt(hashing.ngram, `${where}.ngram`),
      positional: hashing.positional === true,
    };
  }
  if (!isObject(comparison)) fail(where, 'comparison must be an object');
  switch (comparison.type) {
    case 'ngram': {
      const n = comparison.n;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
        fail(where, 'ngram n must be ≥ 0');
      return { type: 'ngram', n, positional: comparison.positional === true };
    }
    case 'exact':
      return { type: 'exact' };
    case 'numeric': {
      const thresholdDistance = comparison.thresholdDistance;
      if (typeof thresholdDistance !== 'number' || !(thresholdDistance > 0))
        fail(where, 'numeric thresholdDistance must be positive');
      const fractionalPrecision = comparison.fractional_precision ?? 0;
      if (typeof fractionalPrecision !== 'number' || fractionalPrecision < 0)
        fail(where, 'numeric fractional_precision must be ≥ 0');
      return {
        type: 'numeric',
        thresholdDistance,
        resolution: positiveInt(comparison.resolution, `${where}.resolution`),
        fractionalPrecision,
      };
    }
    default:
      return fail(where, `unsupported comparison "${String(comparison.type)}"`);
  }
}

function parseStrategy(hashing: Json, where: string): ClkStrategy {
  const s = hashing.strategy;
  if (!isObject(s)) fail(where, 'strategy is required');
  if (s.bitsPerToken !== undefined) return { bitsPerToken: positiveInt(s.bitsPerToken, where) };
  if (s.bitsPerFeature !== undefined)
    return { bitsPerFeature: positiveInt(s.bitsPerFeature, where) };
  if (s.k !== undefined) return { bitsPerToken: positiveInt(s.k, where) };
  if (s.numBits !== undefined) return { bitsPerFeature: positiveInt(s.numBits, where) };
  return fail(where, 'strategy needs bitsPerToken or bitsPerFeature');
}

function parseHash(hashing: Json, where: string): ClkHash {
  const h = hashing.hash ?? { type: 'blakeHash' };
  if (!isObject(h)) fail(where, 'hash must be an object');
  if (h.type === 'blakeHash') return { type: 'blakeHash' };
  if (h.type === 'doubleHash')
    return { type: 'doubleHash', preventSingularity: h.prevent_singularity === true };
  return fail(where, `unsupported hash "${String(h.type)}"`);
}

function parseFormat(format: unknown, where: string): ClkFormat {
  if (!isObject(format)) fail(where, 'format is required');
  const { type } = format;
  if (type !== 'string' && type !== 'integer' && type !== 'date' && type !== 'enum')
    fail(where, `unsupported format type "${String(type)}"`);
  const encoding = format.encoding ?? 'utf-8';
  if (encoding !== 'utf-8' && encoding !== 'ascii')
    fail(where, `encoding "${String(encoding)}" is not supported (utf-8 or ascii)`);
  if (type === 'date') {
    if (typeof format.format !== 'string') fail(where, 'a date needs a strptime format');
    return { type, dateFormat: format.format };
  }
  return { type };
}

function parseFeature(raw: unknown, index: number): ClkFeature {
  const where = `features[${index}]`;
  if (!isObject(raw) || typeof raw.identifier !== 'string') fail(where, 'needs an identifier');
  if (raw.ignored === true)
    return {
      identifier: raw.identifier,
      ignored: true,
      format: { type: 'string' },
      comparison: { type: 'exact' },
      strategy: { bitsPerToken: 0 },
      hash: { type: 'blakeHash' },
      missingValue: null,
    };
  const hashing = raw.hashing;
  if (!isObject(hashing)) fail(where, 'hashing is required');
  const missing = hashing.missingValue;
  let missingValue: ClkFeature['missingValue'] = null;
  if (missing !== undefined) {
    if (!isObject(missing) || typeof missing.sentinel !== 'string')
      fail(where, 'missingValue needs a sentinel string');
    const replaceWith =
      typeof missing.replaceWith === 'string' ? missing.replaceWith : missing.sentinel;
    missingValue = { sentinel: missing.sentinel, replaceWith };
  }
  return {
    identifier: raw.identifier,
    ignored: false,
    format: parseFormat(raw.format, where),
    comparison: parseComparison(hashing, where),
    strategy: parseStrategy(hashing, where),
    hash: parseHash(hashing, where),
    missingValue,
  };
}

/** Reads a linkage schema (parsed JSON); throws ClkSchemaError on anything unsupported. */
export function parseClkSchema(json: unknown): ClkSchema {
  if (!isObject(json)) fail('root', 'expected an object');
  if (json.version !== 2 && json.version !== 3)
    fail('version', 'only versions 2 and 3 are supported');
  const config = json.clkConfig;
  if (!isObject(config)) fail('clkConfig', 'is required');
  const l = positiveInt(config.l, 'clkConfig.l');
  const xorFolds = config.xorFolds ?? 0;
  if (typeof xorFolds !== 'number' || !Number.isInteger(xorFolds) || xorFolds < 0)
    fail('clkConfig.xorFolds', 'expected an integer ≥ 0');
  const kdf = config.kdf;
  if (!isObject(kdf) || kdf.type !== 'HKDF') fail('clkConfig.kdf', 'only HKDF is supported');
  if ((kdf.hash ?? 'SHA256') !== 'SHA256') fail('clkConfig.kdf.hash', 'only SHA256 is supported');
  const keySize =
    kdf.keySize === undefined ? 64 : positiveInt(kdf.keySize, 'clkConfig.kdf.keySize');
  const salt = typeof kdf.salt === 'string' ? base64ToBytes(kdf.salt) : null;
  const info = typeof kdf.info === 'string' ? base64ToBytes(kdf.info) : new Uint8Array(0);
  if (!Array.isArray(json.features)) fail('features', 'expected an array');
  const features = json.features.map(parseFeature);
  if (
    features.some((f) => !f.ignored && f.hash.type === 'blakeHash') &&
    (l * 2 ** xorFolds) & (l * 2 ** xorFolds - 1)
  )
    fail('clkConfig.l', 'blakeHash needs a power of two');
  return { l, xorFolds, kdf: { hash: 'SHA256', salt, info, keySize }, features };
}
