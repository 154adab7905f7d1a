import { describe, expect, it } from 'vitest';
import type { Area } from '../../api/types.ts';
import { areaChildren, areaOptions, hasSelectedBelow } from './areaTree.ts';

const area = (code: string, name: string, parentCode: string | null, level: number): Area => ({
  code,
  name,
  parentCode,
  level,
  defaultName: name,
  names: {},
  hasGeometry: false,
  version: 1,
});
const AREAS = [
  area('D2', 'Lalitpur', 'P3', 2),
  area('NPL', 'Nepal', null, 0),
  area('P3', 'Bagmati', 'NPL', 1),
  area('D1', 'Kathmandu', 'P3', 2),
  area('P1', 'Koshi', 'NPL', 1),
];

describe('area tree', () => {
  it('orders parents before children, siblings by name, indented', () => {
    expect(areaOptions(AREAS).map((o) => o.label.replaceAll('\u00a0', '.'))).toEqual([
      'Nepal',
      '...Bagmati',
      '......Kathmandu',
      '......Lalitpur',
      '...Koshi',
    ]);
  });

  it('knows when something below an area is selected', () => {
    const children = areaChildren(AREAS);
    expect(hasSelectedBelow('NPL', children, new Set(['D2']))).toBe(true);
    expect(hasSelectedBelow('P1', children, new Set(['D2']))).toBe(false);
  });
});
