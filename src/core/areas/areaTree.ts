/** A node of the administrative area hierarchy as core sees it. */
export interface AreaNode {
  code: string;
  parentCode: string | null;
}

/**
 * Codes of `code` and all its ancestors, nearest first. Stops on a cycle or a
 * missing parent, so bad reference data cannot loop forever.
 */
export function areaAncestors(code: string, byCode: ReadonlyMap<string, AreaNode>): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  let current: string | null = code;
  while (current !== null && !seen.has(current)) {
    seen.add(current);
    chain.push(current);
    current = byCode.get(current)?.parentCode ?? null;
  }
  return chain;
}

/** True when `code` lies inside (or is) one of `coverage`. */
export function areaWithin(
  code: string,
  coverage: readonly string[],
  byCode: ReadonlyMap<string, AreaNode>,
): boolean {
  const wanted = new Set(coverage);
  return areaAncestors(code, byCode).some((c) => wanted.has(c));
}

/**
 * Checks that a list of areas forms a forest: every parent exists (or is
 * outside the list and named in `externalRoots`) and there is no cycle.
 * Returns the codes that break the rule, empty when the list is sound.
 */
export function areaTreeProblems(
  areas: readonly AreaNode[],
  externalRoots: readonly string[] = [],
): string[] {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const roots = new Set(externalRoots);
  const problems: string[] = [];
  for (const area of areas) {
    if (area.parentCode !== null && !byCode.has(area.parentCode) && !roots.has(area.parentCode)) {
      problems.push(area.code);
      continue;
    }
    const chain = areaAncestors(area.code, byCode);
    const last = chain[chain.length - 1];
    const parentOfLast = last === undefined ? null : (byCode.get(last)?.parentCode ?? null);
    if (parentOfLast !== null && byCode.has(parentOfLast)) problems.push(area.code);
  }
  return problems;
}
