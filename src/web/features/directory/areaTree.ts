import type { Area } from '../../api/types.ts';

/** Areas by parent code (roots under ''), each group in name order. */
export function areaChildren(areas: readonly Area[]): Map<string, Area[]> {
  const known = new Set(areas.map((a) => a.code));
  const children = new Map<string, Area[]>();
  for (const area of areas) {
    const parent = area.parentCode && known.has(area.parentCode) ? area.parentCode : '';
    children.set(parent, [...(children.get(parent) ?? []), area]);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return children;
}

/** The areas in tree order (each parent before its children), with their depth. */
export function areasInTreeOrder(areas: readonly Area[]): { area: Area; depth: number }[] {
  const children = areaChildren(areas);
  const out: { area: Area; depth: number }[] = [];
  const walk = (parent: string, depth: number) => {
    for (const area of children.get(parent) ?? []) {
      out.push({ area, depth });
      walk(area.code, depth + 1);
    }
  };
  walk('', 0);
  return out;
}

/** Drop-down options for the areas, indented by depth. */
export function areaOptions(areas: readonly Area[]): { value: string; label: string }[] {
  return areasInTreeOrder(areas).map(({ area, depth }) => ({
    value: area.code,
    label: `${'\u00a0\u00a0\u00a0'.repeat(depth)}${area.name}`,
  }));
}

/** True when a code below `code` is among `selected` (to open that branch of the tree). */
export function hasSelectedBelow(
  code: string,
  children: ReadonlyMap<string, readonly Area[]>,
  selected: ReadonlySet<string>,
): boolean {
  return (children.get(code) ?? []).some(
    (c) => selected.has(c.code) || hasSelectedBelow(c.code, children, selected),
  );
}
