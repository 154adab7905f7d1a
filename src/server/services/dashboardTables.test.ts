import { describe, expect, it } from 'vitest';
import { answerKey, emptyTable, protect, referralStanding, topicsOf } from './dashboardTables.ts';

describe('dashboard tables', () => {
  it('adds counts by key and ignores keys outside the table', () => {
    const { table, add } = emptyTable(['a', 'b'], ['x', 'y']);
    add('a', 'y', 3);
    add('a', 'y', 2);
    add('b', 'x', 1);
    add('c', 'x', 9);
    add('a', 'z', 9);
    expect(table.cells).toEqual([
      [0, 5],
      [1, 0],
    ]);
  });

  it('splits a topic set into known topics, once each', () => {
    expect(
      topicsOf('trafficking,forced_labour,trafficking,bogus', ['forced_labour', 'trafficking']),
    ).toEqual(['trafficking', 'forced_labour']);
  });

  it('withholds small cells with partners only for aggregate-only readers', () => {
    const table = {
      rows: ['a', 'b'],
      columns: ['x', 'y', 'z'],
      cells: [
        [2, 10, 12],
        [7, 9, 30],
      ],
    };
    expect(protect(table, false, 5).cells).toEqual(table.cells);
    // 2 is withheld; its row and its column each need a second withheld cell.
    expect(protect(table, true, 5).cells).toEqual([
      [null, null, 12],
      [null, null, 30],
    ]);
  });

  it('places a referral against its acceptance target', () => {
    const due = '2026-05-02T00:00:00.000Z';
    const now = '2026-05-03T00:00:00.000Z';
    const r = (state: string, accepted_at: string | null) => ({
      state,
      accepted_at,
      accept_due_at: due,
    });
    expect(referralStanding(r('accepted', '2026-05-01T10:00:00.000Z'), now)).toBe('withinTarget');
    expect(referralStanding(r('completed', '2026-05-02T10:00:00.000Z'), now)).toBe('overTarget');
    expect(referralStanding(r('sent', null), now)).toBe('overTarget');
    expect(referralStanding(r('info_requested', null), '2026-05-01T00:00:00.000Z')).toBe('pending');
    expect(referralStanding(r('declined', null), now)).toBe('notAccepted');
  });

  it('reads follow-up answers as yes, no or not recorded', () => {
    expect([answerKey(1), answerKey(0), answerKey(null)]).toEqual(['yes', 'no', 'unknown']);
  });
});
