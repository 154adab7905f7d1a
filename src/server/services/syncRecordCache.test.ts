import { describe, expect, it } from 'vitest';
import { AdjustableClock } from '../clock.ts';
import {
  cachedRecord,
  forgetRecord,
  keepRecord,
  MAX_ENTRIES,
  recordKey,
  TTL_MS,
} from './syncRecordCache.ts';

describe('sync record cache', () => {
  it('keys a record by agency, entity, id and feed row', () => {
    expect(recordKey('a', 'case', 'c1', 7)).not.toBe(recordKey('a', 'case', 'c1', 8));
    expect(recordKey('a', 'case', 'c1', 7)).not.toBe(recordKey('b', 'case', 'c1', 7));
  });

  it('serves a record until it is TTL_MS old, then never again', () => {
    // A stopped clock: the system clock moves on between two lines on a busy machine.
    let at = Date.parse('2026-11-27T08:00:00.000Z');
    const node = { clock: { now: () => new Date(at) } };
    keepRecord(node, 'k', { v: 1 });
    at += TTL_MS - 1;
    expect(cachedRecord(node, 'k')).toEqual({ v: 1 });
    at += 1;
    expect(cachedRecord(node, 'k')).toBeUndefined();
  });

  it('is one cache per node', () => {
    const a = { clock: new AdjustableClock() };
    const b = { clock: new AdjustableClock() };
    keepRecord(a, 'k', 1);
    expect(cachedRecord(b, 'k')).toBeUndefined();
  });

  it('forgets a failed read and drops the oldest entries past its size', () => {
    const node = { clock: new AdjustableClock() };
    keepRecord(node, 'failed', 1);
    forgetRecord(node, 'failed');
    expect(cachedRecord(node, 'failed')).toBeUndefined();
    for (let i = 0; i <= MAX_ENTRIES; i++) keepRecord(node, `k${i}`, i);
    expect(cachedRecord(node, 'k0')).toBeUndefined();
    expect(cachedRecord(node, 'k1')).toBe(1);
    expect(cachedRecord(node, `k${MAX_ENTRIES}`)).toBe(MAX_ENTRIES);
  });
});
