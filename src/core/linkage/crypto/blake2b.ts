/**
 * BLAKE2b (RFC 7693) with key, salt and personalisation, as Python's
 * `hashlib.blake2b(data, key=…, salt=…)` computes it; clkhash's "blakeHash"
 * encoding uses it. 64-bit words are held as (low, high) pairs of 32-bit
 * integers because JavaScript has no fast 64-bit integers.
 */

// RFC 7693 §2.6: the SHA-512 initial values.
const IV = Uint32Array.of(
  0xf3bcc908,
  0x6a09e667,
  0x84caa73b,
  0xbb67ae85,
  0xfe94f82b,
  0x3c6ef372,
  0x5f1d36f1,
  0xa54ff53a,
  0xade682d1,
  0x510e527f,
  0x2b3e6c1f,
  0x9b05688c,
  0xfb41bd6b,
  0x1f83d9ab,
  0x137e2179,
  0x5be0cd19,
);

// RFC 7693 §2.7: message word schedule, 12 rounds (rounds 10 and 11 repeat 0 and 1).
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];
// Each entry doubled: offsets into the (low, high) word array.
const SIGMA2 = Array.from({ length: 12 }, (_, r) =>
  Uint8Array.from((SIGMA[r % 10] ?? []).map((x) => x * 2)),
);

const v = new Uint32Array(32);
const m = new Uint32Array(32);

/** v[a] += v[b] (64-bit). */
function add64(a: number, b: number): void {
  const lo = (v[a] ?? 0) + (v[b] ?? 0);
  let hi = (v[a + 1] ?? 0) + (v[b + 1] ?? 0);
  if (lo >= 0x100000000) hi++;
  v[a] = lo;
  v[a + 1] = hi;
}

/** v[a] += m[k] (64-bit). */
function addMsg(a: number, k: number): void {
  const lo = (v[a] ?? 0) + (m[k] ?? 0);
  let hi = (v[a + 1] ?? 0) + (m[k + 1] ?? 0);
  if (lo >= 0x100000000) hi++;
  v[a] = lo;
  v[a + 1] = hi;
}

/** v[d] = rotr64(v[d] ^ v[a], n). */
function xorRotr(d: number, a: number, n: number): void {
  const lo = (v[d] ?? 0) ^ (v[a] ?? 0);
  const hi = (v[d + 1] ?? 0) ^ (v[a + 1] ?? 0);
  if (n === 32) {
    v[d] = hi;
    v[d + 1] = lo;
  } else if (n < 32) {
    v[d] = (lo >>> n) | (hi << (32 - n));
    v[d + 1] = (hi >>> n) | (lo << (32 - n));
  } else {
    const s = n - 32;
    v[d] = (hi >>> s) | (lo << (32 - s));
    v[d + 1] = (lo >>> s) | (hi << (32 - s));
  }
}

// RFC 7693 §3.1, the mixing function G on word offsets a, b, c, d.
function mix(a: number, b: number, c: number, d: number, x: number, y: number): void {
  add64(a, b);
  addMsg(a, x);
  xorRotr(d, a, 32);
  add64(c, d);
  xorRotr(b, c, 24);
  add64(a, b);
  addMsg(a, y);
  xorRotr(d, a, 16);
  add64(c, d);
  xorRotr(b, c, 63);
}

// RFC 7693 §3.2, compression of one 128-byte block; `t` = bytes so far (< 2^32 here).
function compress(h: Uint32Array, block: Uint8Array, t: number, last: boolean): void {
  for (let i = 0; i < 16; i++) {
    v[i] = h[i] ?? 0;
    v[i + 16] = IV[i] ?? 0;
  }
  v[24] = (v[24] ?? 0) ^ t;
  v[25] = (v[25] ?? 0) ^ Math.floor(t / 0x100000000);
  if (last) {
    v[28] = ~(v[28] ?? 0);
    v[29] = ~(v[29] ?? 0);
  }
  for (let i = 0; i < 32; i++) {
    const j = i * 4;
    m[i] =
      (block[j] ?? 0) |
      ((block[j + 1] ?? 0) << 8) |
      ((block[j + 2] ?? 0) << 16) |
      ((block[j + 3] ?? 0) << 24);
  }
  for (let r = 0; r < 12; r++) {
    const s = SIGMA2[r] ?? new Uint8Array(16);
    mix(0, 8, 16, 24, s[0] ?? 0, s[1] ?? 0);
    mix(2, 10, 18, 26, s[2] ?? 0, s[3] ?? 0);
    mix(4, 12, 20, 28, s[4] ?? 0, s[5] ?? 0);
    mix(6, 14, 22, 30, s[6] ?? 0, s[7] ?? 0);
    mix(0, 10, 20, 30, s[8] ?? 0, s[9] ?? 0);
    mix(2, 12, 22, 24, s[10] ?? 0, s[11] ?? 0);
    mix(4, 14, 16, 26, s[12] ?? 0, s[13] ?? 0);
    mix(6, 8, 18, 28, s[14] ?? 0, s[15] ?? 0);
  }
  for (let i = 0; i < 16; i++) h[i] = (h[i] ?? 0) ^ (v[i] ?? 0) ^ (v[i + 16] ?? 0);
}

/** Options of a BLAKE2b computation (RFC 7693 §2.5 parameter block). */
export interface Blake2bOptions {
  key?: Uint8Array;
  /** Up to 16 bytes, zero-padded (as Python's hashlib pads it). */
  salt?: Uint8Array;
  /** Up to 16 bytes, zero-padded. */
  personal?: Uint8Array;
  /** 1 to 64 bytes; default 64. */
  digestBytes?: number;
}

/** BLAKE2b of `data`. */
export function blake2b(data: Uint8Array, options: Blake2bOptions = {}): Uint8Array {
  const outLen = options.digestBytes ?? 64;
  const key = options.key ?? new Uint8Array(0);
  if (outLen < 1 || outLen > 64 || key.length > 64)
    throw new Error('BLAKE2b: digest 1–64 bytes, key at most 64 bytes');
  const param = new Uint8Array(64);
  param[0] = outLen;
  param[1] = key.length;
  param[2] = 1; // fanout
  param[3] = 1; // depth
  if (options.salt) param.set(options.salt.subarray(0, 16), 32);
  if (options.personal) param.set(options.personal.subarray(0, 16), 48);
  const h = new Uint32Array(16);
  for (let i = 0; i < 16; i++) {
    const j = i * 4;
    const p =
      (param[j] ?? 0) |
      ((param[j + 1] ?? 0) << 8) |
      ((param[j + 2] ?? 0) << 16) |
      ((param[j + 3] ?? 0) << 24);
    h[i] = (IV[i] ?? 0) ^ p;
  }
  const input = new Uint8Array((key.length > 0 ? 128 : 0) + data.length);
  input.set(key, 0);
  input.set(data, key.length > 0 ? 128 : 0);
  const block = new Uint8Array(128);
  let offset = 0;
  // Every block but the last is compressed as it comes; the last is padded with zeros.
  while (input.length - offset > 128) {
    block.set(input.subarray(offset, offset + 128));
    offset += 128;
    compress(h, block, offset, false);
  }
  block.fill(0);
  block.set(input.subarray(offset));
  compress(h, block, input.length, true);
  const out = new Uint8Array(outLen);
  for (let i = 0; i < outLen; i++) out[i] = ((h[i >> 2] ?? 0) >>> (8 * (i & 3))) & 0xff;
  return out;
}
