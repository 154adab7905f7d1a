/**
 * Blocking: which pairs are compared at all. Every record gets several keys
 * (a name word's Soundex with the birth year or the place, two name words
 * together, the full birth date, identifiers, postcode with initials, the street), and two
 * records become candidates when they share any key, so recall never depends
 * on one exact field (Christen 2012, "A survey of indexing techniques for
 * scalable record linkage"). A block too large to compare in full is read
 * as a sorted neighbourhood (Hernández & Stolfo 1995): sorted by name, each
 * record meets only its `window` nearest neighbours, which bounds the work
 * for a million records.
 */

import { soundex } from './phonetic.ts';
import type { PreparedRecord } from './prepareRecord.ts';

export interface BlockingOptions {
  /** Largest number of pairs compared in full within one block; default 2,000. */
  maxBlockPairs?: number;
  /** Neighbours each record meets in an over-large block; default 6. */
  window?: number;
  /**
   * Most pairs emitted over all blocks, before duplicates merge; default
   * max(250,000, 10 per record). Past it, the largest blocks are read as
   * sorted neighbourhoods (then with smaller windows), so the work grows
   * linearly with the number of records.
   */
  pairBudget?: number;
}

/** The blocking keys of a record; the first letter names the kind of key. */
export function blockingKeys(r: PreparedRecord): string[] {
  const keys: string[] = [];
  const words = [
    ...new Set([
      ...r.given.tokens,
      ...r.family.tokens,
      ...(r.given.tokens.length + r.family.tokens.length === 0 ? r.full.tokens : []),
    ]),
  ]
    .filter((w) => w.length > 1)
    .slice(0, 4);
  const sounds = [...new Set(words.map(soundex))].sort();
  const { year, month, day } = r.birth;
  for (const s of sounds) if (year > 0) keys.push(`N${s}${year}`);
  for (let i = 0; i < sounds.length; i++)
    for (let j = i + 1; j < sounds.length; j++) keys.push(`P${sounds[i]}${sounds[j]}`);
  const firstLetters = [...new Set(words.map((w) => w[0] ?? ''))];
  // The full birth date alone finds people whose names were all changed; in a big population
  // its blocks (strangers born the same day) are the first the pair budget windows.
  if (year > 0 && month > 0 && day > 0) keys.push(`D${year}-${month}-${day}`);
  if (r.idNumber.length >= 4) keys.push(`I${r.idNumber}`);
  if (r.phone.length >= 6) keys.push(`T${r.phone}`);
  const initials = words
    .map((w) => w[0])
    .sort()
    .join('');
  if (r.postcode && initials) keys.push(`Z${r.postcode}${initials}`);
  // A name word with the place: catches a changed given name or a wrong birth date.
  for (const s of sounds) {
    if (r.postcode) keys.push(`L${s}${r.postcode}`);
    if (r.area.joined) keys.push(`M${s}${r.area.joined}`);
  }
  const streetWords = r.address.tokens.filter((t) => !/\d/.test(t) && t.length >= 4);
  const longest = [...streetWords].sort((x, y) => y.length - x.length || (x < y ? -1 : 1))[0];
  const number = r.address.tokens.find((t) => /\d/.test(t)) ?? '';
  if (longest) keys.push(`A${longest.slice(0, 5)}${number}`);
  if (streetWords[0] && (r.postcode || r.area.joined))
    keys.push(`B${streetWords[0].slice(0, 5)}${r.postcode || r.area.joined}`);
  if (r.area.joined && year > 0)
    for (const l of firstLetters) keys.push(`R${r.area.joined}${year}${l}`);
  return keys;
}

/** FNV-1a, folded to 31 bits so that hash · 2^22 + index stays an exact double. */
function hash31(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 1) + 1;
}

const INDEX_SPACE = 2 ** 22;

/**
 * A growable list of pair codes. Sized up front where the size is known roughly: every
 * doubling of a large typed array is an allocation outside the heap, and V8 answers those
 * with full collections of a heap that holds a million prepared records (seconds each).
 */
class PairCodes {
  codes: Float64Array;
  length = 0;
  constructor(capacity = 1 << 16) {
    this.codes = new Float64Array(Math.max(1 << 16, Math.ceil(capacity)));
  }
  push(code: number): void {
    if (this.length === this.codes.length) {
      const next = new Float64Array(this.codes.length * 2);
      next.set(this.codes);
      this.codes = next;
    }
    this.codes[this.length++] = code;
  }
  /** Sorted distinct codes. */
  unique(): Float64Array {
    const sorted = this.codes.subarray(0, this.length).sort();
    let n = 0;
    for (let i = 0; i < sorted.length; i++)
      if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i] as number;
    // A view, not a copy (see above): the caller drops the list with its codes.
    return sorted.subarray(0, n);
  }
}

/** Candidate pairs: `a[k]` indexes the left (or only) list, `b[k]` the right list (or the same list, a < b). */
export interface CandidatePairs {
  a: Int32Array;
  b: Int32Array;
}

/**
 * Candidate pairs between `left` and `right`, or within `left` when `right` is
 * null (de-duplication). At most 4,194,304 records in all.
 */
export function candidatePairs(
  left: readonly PreparedRecord[],
  right: readonly PreparedRecord[] | null,
  options: BlockingOptions = {},
): CandidatePairs {
  const maxPairs = options.maxBlockPairs ?? 2000;
  const all = right ? [...left, ...right] : [...left];
  if (all.length > INDEX_SPACE)
    throw new Error(`blocking handles at most ${INDEX_SPACE} records per call`);
  const nLeft = left.length;
  const nRight = right ? right.length : left.length;
  // Records are numbered in name order (`rank`), so that the members of every block come out
  // of the sorted entries already in the order a sorted neighbourhood reads them.
  const { rank, byRank } = nameOrder(all);
  const entries = new PairCodes(all.length * 24);
  all.forEach((r, i) => {
    for (const key of new Set(blockingKeys(r)))
      entries.push(hash31(key) * INDEX_SPACE + (rank[i] as number));
  });
  const sorted = entries.unique();
  const blocks = blockRuns(sorted, right ? nLeft : -1, byRank);
  const budget = options.pairBudget ?? Math.max(250_000, 10 * all.length);
  const { fullUpTo, window } = fitBudget(
    blocks,
    Math.min(maxPairs, budget),
    options.window ?? 6,
    budget,
  );
  const pairs = new PairCodes(budget * 1.25);
  const pairCode = (i: number, j: number): number => {
    if (right) return i < nLeft ? i * nRight + (j - nLeft) : j * nRight + (i - nLeft);
    return i < j ? i * nRight + j : j * nRight + i;
  };
  const crosses = (i: number, j: number): boolean => (right ? i < nLeft !== j < nLeft : i !== j);
  for (let k = 0; k < blocks.start.length; k++) {
    const cost = blocks.fullPairs[k] as number;
    if (cost === 0) continue;
    // In name order (see `rank`).
    const members: number[] = [];
    for (let e = blocks.start[k] as number; e < (blocks.end[k] as number); e++)
      members.push(byRank[(sorted[e] as number) % INDEX_SPACE] as number);
    if (cost <= fullUpTo) {
      for (let x = 0; x < members.length; x++)
        for (let y = x + 1; y < members.length; y++) {
          const i = members[x] as number;
          const j = members[y] as number;
          if (crosses(i, j)) pairs.push(pairCode(i, j));
        }
      continue;
    }
    // Sorted neighbourhood inside an over-large block (members are in name order).
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y <= x + window && y < members.length; y++) {
        const i = members[x] as number;
        const j = members[y] as number;
        if (crosses(i, j)) pairs.push(pairCode(i, j));
      }
  }
  const codes = pairs.unique();
  const a = new Int32Array(codes.length);
  const b = new Int32Array(codes.length);
  codes.forEach((code, k) => {
    a[k] = Math.floor(code / nRight);
    b[k] = code % nRight;
  });
  return { a, b };
}

/**
 * Each record's position when all are sorted by family then given name (ties by input order),
 * and the record at each position. The distinct names are sorted, not the records: names repeat.
 */
function nameOrder(all: readonly PreparedRecord[]): { rank: Int32Array; byRank: Int32Array } {
  const keys = all.map(neighbourhoodKey);
  const distinct = [...new Set(keys)].sort();
  const position = new Map<string, number>();
  distinct.forEach((k, i) => {
    position.set(k, i);
  });
  const nameIds = Int32Array.from(keys, (k) => position.get(k) ?? 0);
  // A counting sort by name id, stable: ties stay in input order.
  const next = new Int32Array(distinct.length + 1);
  for (const id of nameIds) next[id + 1] = (next[id + 1] as number) + 1;
  for (let id = 1; id <= distinct.length; id++)
    next[id] = (next[id] as number) + (next[id - 1] as number);
  const rank = new Int32Array(all.length);
  const byRank = new Int32Array(all.length);
  nameIds.forEach((id, i) => {
    const r = next[id] as number;
    next[id] = r + 1;
    rank[i] = r;
    byRank[r] = i;
  });
  return { rank, byRank };
}

/** Runs of equal key in the sorted entries, with the pairs each would cost in full. */
function blockRuns(
  sorted: Float64Array,
  nLeft: number,
  byRank: Int32Array,
): { start: Int32Array; end: Int32Array; fullPairs: Float64Array; sizes: Int32Array } {
  const start: number[] = [];
  const end: number[] = [];
  const fullPairs: number[] = [];
  let s = 0;
  while (s < sorted.length) {
    const key = Math.floor((sorted[s] as number) / INDEX_SPACE);
    let e = s + 1;
    const isLeft = (e: number) => (byRank[(sorted[e] as number) % INDEX_SPACE] as number) < nLeft;
    let left = isLeft(s) ? 1 : 0;
    while (e < sorted.length && Math.floor((sorted[e] as number) / INDEX_SPACE) === key) {
      if (isLeft(e)) left++;
      e++;
    }
    const size = e - s;
    start.push(s);
    end.push(e);
    fullPairs.push(nLeft >= 0 ? left * (size - left) : (size * (size - 1)) / 2);
    s = e;
  }
  return {
    start: Int32Array.from(start),
    end: Int32Array.from(end),
    fullPairs: Float64Array.from(fullPairs),
    sizes: Int32Array.from(start.map((x, k) => (end[k] as number) - x)),
  };
}

/**
 * The largest full-block cost and the window that keep the emitted pairs
 * within `budget`: blocks costing more than `fullUpTo` pairs are windowed.
 */
function fitBudget(
  blocks: { fullPairs: Float64Array; sizes: Int32Array },
  maxFull: number,
  window: number,
  budget: number,
): { fullUpTo: number; window: number } {
  const order = Int32Array.from(blocks.fullPairs.keys()).sort(
    (x, y) => (blocks.fullPairs[x] as number) - (blocks.fullPairs[y] as number),
  );
  // cost(T, w) = Σ full pairs of blocks costing ≤ T + Σ size·w of the others.
  const cost = (limit: number, w: number): number => {
    let total = 0;
    for (const k of order) {
      const full = blocks.fullPairs[k] as number;
      total += full <= limit ? full : Math.min(full, (blocks.sizes[k] as number) * w);
    }
    return total;
  };
  for (let w = window; w >= 1; w--) {
    if (cost(0, w) > budget) continue;
    let lo = 0;
    let hi = maxFull;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (cost(mid, w) <= budget) lo = mid;
      else hi = mid - 1;
    }
    return { fullUpTo: lo, window: w };
  }
  return { fullUpTo: 0, window: 1 };
}

function neighbourhoodKey(r: PreparedRecord | undefined): string {
  if (!r) return '';
  if (r.family.tokens.length + r.given.tokens.length === 0) return r.full.sorted;
  return `${r.family.joined} ${r.given.joined}`;
}
