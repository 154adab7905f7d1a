import { describe, expect, it } from 'vitest';
import type { Clk } from './clkEncode.ts';
import { dedupClks, diceSimilarity, greedyOneToOne, linkClks } from './clkLink.ts';

function clk(bits: number[], length = 64): Clk {
  const words = new Uint32Array(length / 32);
  for (const b of bits) words[b >>> 5] = (words[b >>> 5] ?? 0) | (1 << (31 - (b & 31)));
  return { bits: length, words, popcount: new Set(bits).size };
}

describe('Dice linking on CLKs', () => {
  it('computes Dice 2|A∩B| / (|A| + |B|)', () => {
    expect(diceSimilarity(clk([1, 2, 3, 4]), clk([3, 4, 5, 6]))).toBe(0.5);
    expect(diceSimilarity(clk([1, 40]), clk([1, 40]))).toBe(1);
    expect(diceSimilarity(clk([]), clk([]))).toBe(0);
  });
  it('solves greedily one-to-one, best pairs first', () => {
    const kept = greedyOneToOne([
      { a: 0, b: 0, score: 0.9 },
      { a: 0, b: 1, score: 0.95 },
      { a: 1, b: 1, score: 0.85 },
      { a: 1, b: 0, score: 0.8 },
    ]);
    expect(kept).toEqual([
      { a: 0, b: 1, score: 0.95 },
      { a: 1, b: 0, score: 0.8 },
    ]);
  });
  it('links above the threshold, keeps a review band below it, and de-duplicates', () => {
    const left = [
      clk([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
      clk([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]),
    ];
    const right = [
      clk([20, 21, 22, 23, 24, 25, 26, 27, 30, 31]),
      clk([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]),
    ];
    const pairs = linkClks(left, right, { threshold: 0.85, reviewThreshold: 0.75 });
    expect(pairs.map((p) => [p.a, p.b, p.decision])).toEqual([
      [0, 1, 'match'],
      [1, 0, 'review'],
    ]);
    expect(
      dedupClks([...left, ...right], { threshold: 0.85 }).map((p) => [p.a, p.b, p.decision]),
    ).toEqual([
      [0, 3, 'match'],
      [1, 2, 'review'],
    ]);
  });
});
