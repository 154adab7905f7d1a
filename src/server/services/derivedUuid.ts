import { createHash } from 'node:crypto';

/**
 * A stable UUID (version 5 layout, SHA-1) for a record that has no id of its
 * own in the database but needs one in HSDS (a service area, an address, an
 * attribute): the same parts always give the same id, so exports and the HSDS
 * API agree from one call to the next.
 */
export function derivedUuid(...parts: readonly string[]): string {
  const hash = createHash('sha1')
    .update(`pathfinder:${parts.join('\u0000')}`)
    .digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
