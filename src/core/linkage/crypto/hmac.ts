import { type MdAlgorithm, MdHash } from './mdHash.ts';

/**
 * HMAC (RFC 2104) with the padded key hashed once: the returned function costs
 * two block compressions per short message, which keeps CLK encoding fast.
 */
export function createHmac(
  algorithm: MdAlgorithm,
  key: Uint8Array,
): (message: Uint8Array) => Uint8Array {
  const blockKey = new Uint8Array(algorithm.blockBytes);
  blockKey.set(
    key.length > algorithm.blockBytes ? new MdHash(algorithm).update(key).digest() : key,
  );
  const inner = new MdHash(algorithm).update(blockKey.map((b) => b ^ 0x36));
  const outer = new MdHash(algorithm).update(blockKey.map((b) => b ^ 0x5c));
  return (message) => outer.clone().update(inner.clone().update(message).digest()).digest();
}

/** HMAC of one message. */
export function hmac(algorithm: MdAlgorithm, key: Uint8Array, message: Uint8Array): Uint8Array {
  return createHmac(algorithm, key)(message);
}
