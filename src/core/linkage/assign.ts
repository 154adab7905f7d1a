/**
 * From scored pairs to decisions. Linking two lists: a greedy one-to-one
 * assignment (best pair first, each record used once), the usual
 * approximation of the optimal assignment in record linkage (Christen 2012,
 * §6.4). De-duplicating one list: union–find clustering of matched pairs,
 * best first, refusing a merge that would put two records into one cluster
 * when the engine is confident they are different people (a cannot-link
 * constraint), or that would exceed a maximum cluster size.
 */

/** The smallest shape of a scored pair. */
export interface IndexedScore {
  a: number;
  b: number;
  weight: number;
}

/**
 * Greedy one-to-one: pairs sorted by score (the weight unless told), a pair kept only if both
 * records are still free. Also anonlink's greedy solver for CLK pairs (scored by Dice).
 */
export function assignOneToOne<T extends { a: number; b: number }>(
  pairs: readonly T[],
  score: (pair: T) => number = (pair) => (pair as unknown as IndexedScore).weight,
): T[] {
  const sorted = [...pairs].sort((x, y) => score(y) - score(x) || x.a - y.a || x.b - y.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const kept: T[] = [];
  for (const p of sorted) {
    if (usedA.has(p.a) || usedB.has(p.b)) continue;
    usedA.add(p.a);
    usedB.add(p.b);
    kept.push(p);
  }
  return kept;
}

export interface ClusterOptions {
  /** Largest cluster allowed; default 50. */
  maxClusterSize?: number;
  /** Largest number of cross pairs checked against `cannotLink` per merge; default 400. */
  maxChecks?: number;
}

/**
 * Clusters `n` records from matched pairs. `cannotLink(i, j)` says that i and j
 * are certainly different people. Returns a cluster id per record (records
 * alone keep their own index as id).
 */
export function clusterMatches(
  n: number,
  matches: readonly IndexedScore[],
  cannotLink: (i: number, j: number) => boolean,
  options: ClusterOptions = {},
): Int32Array {
  const maxSize = options.maxClusterSize ?? 50;
  const maxChecks = options.maxChecks ?? 400;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const members = new Map<number, number[]>();
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    let x = i;
    while (parent[x] !== r) {
      const next = parent[x] as number;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  const membersOf = (root: number): number[] => members.get(root) ?? [root];
  const sorted = [...matches].sort((x, y) => y.weight - x.weight || x.a - y.a || x.b - y.b);
  for (const { a, b } of sorted) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    const ma = membersOf(ra);
    const mb = membersOf(rb);
    if (ma.length + mb.length > maxSize) continue;
    let conflict = false;
    let checks = 0;
    for (const x of ma) {
      for (const y of mb) {
        if (checks++ >= maxChecks || conflict) break;
        if (cannotLink(x, y)) conflict = true;
      }
      if (conflict || checks >= maxChecks) break;
    }
    if (conflict) continue;
    parent[rb] = ra;
    members.set(ra, [...ma, ...mb]);
    members.delete(rb);
  }
  return Int32Array.from({ length: n }, (_, i) => find(i));
}
