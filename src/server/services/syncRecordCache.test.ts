import { describe, expect, it } from 'vitest';
import { AdjustableClock } from '../clock.ts';
import {
  cachedRecord,
  forgetRecord,
  keepRecord,
  MAX_ENTRIES,
  recordKey,
  sharedRecords,
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

  describe('sharedRecords', () => {
    const note = (agencyId: string) => ({
      agencyId,
      entity: 'note',
      seqs: new Map([
        ['n1', '7'],
        ['n2', '8'],
      ]),
    });
    /** A read that answers `records` and counts the ids it was asked for. */
    const reader = (records: Record<string, { text: string }>) => {
      const asked: string[][] = [];
      const read = async (ids: string[]) => {
        asked.push(ids);
        return new Map(ids.flatMap((id) => (records[id] ? [[id, records[id]] as const] : [])));
      };
      return { asked, read };
    };

    it('reads a record once for every device of the agency, even while the first read is under way', async () => {
      const node = { clock: new AdjustableClock() };
      const { asked, read } = reader({ n1: { text: 'one' }, n2: { text: 'two' } });
      const [first, second] = await Promise.all([
        sharedRecords(node, note('a'), ['n1', 'n2'], read),
        sharedRecords(node, note('a'), ['n2', 'n1'], read),
      ]);
      const third = await sharedRecords(node, note('a'), ['n1'], read);
      expect(asked).toEqual([['n1', 'n2']]);
      expect([...first.keys()]).toEqual(['n1', 'n2']);
      expect([...second.keys()]).toEqual(['n2', 'n1']);
      expect(third.get('n1')).toBe(first.get('n1'));
    });

    it('keeps a record for the agency that read it, and an absent one as absent', async () => {
      const node = { clock: new AdjustableClock() };
      const ours = reader({ n1: { text: 'ours' } });
      expect((await sharedRecords(node, note('a'), ['n1', 'n2'], ours.read)).size).toBe(1);
      // Another agency, the same note and feed row: its own read, never the first agency's record.
      const theirs = reader({});
      expect((await sharedRecords(node, note('b'), ['n1'], theirs.read)).size).toBe(0);
      expect(theirs.asked).toEqual([['n1']]);
      expect(
        (await sharedRecords(node, note('a'), ['n2'], reader({ n2: { text: 'late' } }).read)).size,
      ).toBe(0);
    });

    it('reads again after a failed read, or past TTL_MS', async () => {
      const node = { clock: new AdjustableClock() };
      const failing = async () => Promise.reject(new Error('database gone'));
      await expect(sharedRecords(node, note('a'), ['n1'], failing)).rejects.toThrow(
        'database gone',
      );
      const { asked, read } = reader({ n1: { text: 'one' } });
      await sharedRecords(node, note('a'), ['n1'], read);
      node.clock.advance(TTL_MS);
      await sharedRecords(node, note('a'), ['n1'], read);
      expect(asked).toEqual([['n1'], ['n1']]);
    });
  });
});
