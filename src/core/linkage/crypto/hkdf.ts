import { createHmac } from './hmac.ts';
import type { MdAlgorithm } from './mdHash.ts';

/**
 * HKDF extract-and-expand (RFC 5869). An absent salt is a string of zeros as
 * long as the digest, as the RFC (and Python `cryptography`) specify.
 */
export function hkdf(
  algorithm: MdAlgorithm,
  inputKey: Uint8Array,
  salt: Uint8Array | null,
  info: Uint8Array,
  length: number,
): Uint8Array {
  const hashLen = algorithm.digestBytes;
  if (length > 255 * hashLen) throw new Error(`HKDF cannot produce ${length} bytes`);
  const prk = createHmac(
    algorithm,
    salt && salt.length > 0 ? salt : new Uint8Array(hashLen),
  )(inputKey);
  const expand = createHmac(algorithm, prk);
  const out = new Uint8Array(length);
  let previous = new Uint8Array(0);
  for (let i = 1, offset = 0; offset < length; i++) {
    const input = new Uint8Array(previous.length + info.length + 1);
    input.set(previous, 0);
    input.set(info, previous.length);
    input[input.length - 1] = i;
    previous = new Uint8Array(expand(input));
    out.set(previous.subarray(0, Math.min(hashLen, length - offset)), offset);
    offset += hashLen;
  }
  return out;
}
