/**
 * Merkle–Damgård hashes (SHA-1, SHA-256, MD5) written out in TypeScript, so CLK
 * encoding runs synchronously in Node and in the browser (WebCrypto is async
 * only). Specifications: FIPS 180-4 (SHA-1, SHA-256) and RFC 1321 (MD5).
 * A hash object can be cloned mid-stream; HMAC uses that to hash the padded
 * key once per key instead of once per message.
 */

/** One hash algorithm: block compression over a state of 32-bit words. */
export interface MdAlgorithm {
  readonly name: string;
  readonly blockBytes: 64;
  readonly digestBytes: number;
  readonly bigEndian: boolean;
  initialState(): Int32Array;
  compress(state: Int32Array, block: Uint8Array, offset: number, w: Int32Array): void;
}

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

export const SHA1: MdAlgorithm = {
  name: 'SHA1',
  blockBytes: 64,
  digestBytes: 20,
  bigEndian: true,
  initialState: () =>
    Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0),
  compress(s, block, off, w) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] =
        ((block[j] ?? 0) << 24) |
        ((block[j + 1] ?? 0) << 16) |
        ((block[j + 2] ?? 0) << 8) |
        (block[j + 3] ?? 0);
    }
    for (let i = 16; i < 80; i++)
      w[i] = rotl((w[i - 3] ?? 0) ^ (w[i - 8] ?? 0) ^ (w[i - 14] ?? 0) ^ (w[i - 16] ?? 0), 1);
    let a = s[0] ?? 0;
    let b = s[1] ?? 0;
    let c = s[2] ?? 0;
    let d = s[3] ?? 0;
    let e = s[4] ?? 0;
    for (let i = 0; i < 80; i++) {
      let f: number;
      let k: number;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc | 0;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6 | 0;
      }
      const t = (rotl(a, 5) + f + e + k + (w[i] ?? 0)) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = t;
    }
    s[0] = ((s[0] ?? 0) + a) | 0;
    s[1] = ((s[1] ?? 0) + b) | 0;
    s[2] = ((s[2] ?? 0) + c) | 0;
    s[3] = ((s[3] ?? 0) + d) | 0;
    s[4] = ((s[4] ?? 0) + e) | 0;
  },
};

// FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const K256 = Int32Array.from(
  [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ].map((x) => x | 0),
);

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

export const SHA256: MdAlgorithm = {
  name: 'SHA256',
  blockBytes: 64,
  digestBytes: 32,
  bigEndian: true,
  initialState: () =>
    Int32Array.from(
      [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
      ].map((x) => x | 0),
    ),
  compress(s, block, off, w) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] =
        ((block[j] ?? 0) << 24) |
        ((block[j + 1] ?? 0) << 16) |
        ((block[j + 2] ?? 0) << 8) |
        (block[j + 3] ?? 0);
    }
    for (let i = 16; i < 64; i++) {
      const w15 = w[i - 15] ?? 0;
      const w2 = w[i - 2] ?? 0;
      const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
      const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
      w[i] = ((w[i - 16] ?? 0) + s0 + (w[i - 7] ?? 0) + s1) | 0;
    }
    let a = s[0] ?? 0;
    let b = s[1] ?? 0;
    let c = s[2] ?? 0;
    let d = s[3] ?? 0;
    let e = s[4] ?? 0;
    let f = s[5] ?? 0;
    let g = s[6] ?? 0;
    let h = s[7] ?? 0;
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + (K256[i] ?? 0) + (w[i] ?? 0)) | 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    const add = [a, b, c, d, e, f, g, h];
    for (let i = 0; i < 8; i++) s[i] = ((s[i] ?? 0) + (add[i] ?? 0)) | 0;
  },
};

// RFC 1321 §3.4: per-round shifts and T[i] = floor(2^32 · |sin(i + 1)|).
const MD5_SHIFT = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_T = Int32Array.from({ length: 64 }, (_, i) =>
  Math.floor(2 ** 32 * Math.abs(Math.sin(i + 1))),
);

export const MD5: MdAlgorithm = {
  name: 'MD5',
  blockBytes: 64,
  digestBytes: 16,
  bigEndian: false,
  initialState: () => Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476),
  compress(s, block, off, w) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] =
        (block[j] ?? 0) |
        ((block[j + 1] ?? 0) << 8) |
        ((block[j + 2] ?? 0) << 16) |
        ((block[j + 3] ?? 0) << 24);
    }
    let a = s[0] ?? 0;
    let b = s[1] ?? 0;
    let c = s[2] ?? 0;
    let d = s[3] ?? 0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      const round = i >> 4;
      if (round === 0) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (round === 1) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (round === 2) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const shift = MD5_SHIFT[(round << 2) | (i & 3)] ?? 0;
      const t = d;
      d = c;
      c = b;
      b = (b + rotl((a + f + (MD5_T[i] ?? 0) + (w[g] ?? 0)) | 0, shift)) | 0;
      a = t;
    }
    s[0] = ((s[0] ?? 0) + a) | 0;
    s[1] = ((s[1] ?? 0) + b) | 0;
    s[2] = ((s[2] ?? 0) + c) | 0;
    s[3] = ((s[3] ?? 0) + d) | 0;
  },
};

/** An incremental hash computation that can be cloned part-way. */
export class MdHash {
  private readonly state: Int32Array;
  private readonly buffer = new Uint8Array(64);
  private buffered = 0;
  private length = 0;
  private static readonly scratch = new Int32Array(80);

  constructor(
    readonly algorithm: MdAlgorithm,
    state?: Int32Array,
  ) {
    this.state = state ?? algorithm.initialState();
  }

  clone(): MdHash {
    const copy = new MdHash(this.algorithm, this.state.slice());
    copy.buffer.set(this.buffer);
    copy.buffered = this.buffered;
    copy.length = this.length;
    return copy;
  }

  update(data: Uint8Array): this {
    let i = 0;
    this.length += data.length;
    if (this.buffered > 0) {
      const take = Math.min(64 - this.buffered, data.length);
      this.buffer.set(data.subarray(0, take), this.buffered);
      this.buffered += take;
      i = take;
      if (this.buffered < 64) return this;
      this.algorithm.compress(this.state, this.buffer, 0, MdHash.scratch);
      this.buffered = 0;
    }
    for (; i + 64 <= data.length; i += 64)
      this.algorithm.compress(this.state, data, i, MdHash.scratch);
    if (i < data.length) {
      this.buffer.set(data.subarray(i), 0);
      this.buffered = data.length - i;
    }
    return this;
  }

  digest(): Uint8Array {
    const { algorithm } = this;
    const bitLength = this.length * 8;
    const pad = new Uint8Array(this.buffered < 56 ? 64 - this.buffered : 128 - this.buffered);
    pad[0] = 0x80;
    const lo = bitLength >>> 0;
    const hi = Math.floor(bitLength / 2 ** 32) >>> 0;
    const n = pad.length;
    for (let i = 0; i < 4; i++) {
      if (algorithm.bigEndian) {
        pad[n - 1 - i] = (lo >>> (8 * i)) & 0xff;
        pad[n - 5 - i] = (hi >>> (8 * i)) & 0xff;
      } else {
        pad[n - 8 + i] = (lo >>> (8 * i)) & 0xff;
        pad[n - 4 + i] = (hi >>> (8 * i)) & 0xff;
      }
    }
    const saved = this.length;
    this.update(pad);
    this.length = saved;
    const out = new Uint8Array(algorithm.digestBytes);
    for (let i = 0; i < algorithm.digestBytes; i++) {
      const word = this.state[i >> 2] ?? 0;
      const byteInWord = algorithm.bigEndian ? 3 - (i & 3) : i & 3;
      out[i] = (word >>> (8 * byteInWord)) & 0xff;
    }
    return out;
  }
}

/** The digest of `data` in one call. */
export function hashBytes(algorithm: MdAlgorithm, data: Uint8Array): Uint8Array {
  return new MdHash(algorithm).update(data).digest();
}
