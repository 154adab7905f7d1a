import { describe, expect, it } from 'vitest';
import { retryDeadlocks } from './generate.ts';

const failing = (codes: (string | null)[]) => {
  let calls = 0;
  return {
    calls: () => calls,
    write: async () => {
      const code = codes[calls++];
      if (code === undefined) return 'written';
      throw Object.assign(new Error(code ?? 'other'), code ? { code } : {});
    },
  };
};

describe('retryDeadlocks (generate)', () => {
  it('runs a batch again after a deadlock or a serialisation failure', async () => {
    const batch = failing(['40P01', '40001']);
    await expect(retryDeadlocks(batch.write)).resolves.toBe('written');
    expect(batch.calls()).toBe(3);
  });

  it('gives up after the third deadlock, and never retries another error', async () => {
    const stuck = failing(['40P01', '40P01', '40P01']);
    await expect(retryDeadlocks(stuck.write)).rejects.toMatchObject({ code: '40P01' });
    expect(stuck.calls()).toBe(3);
    const other = failing(['23505']);
    await expect(retryDeadlocks(other.write)).rejects.toMatchObject({ code: '23505' });
    expect(other.calls()).toBe(1);
  });
});
