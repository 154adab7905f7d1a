import { describe, expect, it } from 'vitest';
import { type AreaNode, areaAncestors, areaTreeProblems, areaWithin } from './areaTree.ts';

const areas: AreaNode[] = [
  { code: 'NPL', parentCode: null },
  { code: 'P3', parentCode: 'NPL' },
  { code: 'KTM', parentCode: 'P3' },
  { code: 'P1', parentCode: 'NPL' },
];
const byCode = new Map(areas.map((a) => [a.code, a]));

describe('area hierarchy', () => {
  it('lists ancestors nearest first', () => {
    expect(areaAncestors('KTM', byCode)).toEqual(['KTM', 'P3', 'NPL']);
    expect(areaAncestors('unknown', byCode)).toEqual(['unknown']);
  });

  it('tells whether an area lies within a coverage', () => {
    expect(areaWithin('KTM', ['P3'], byCode)).toBe(true);
    expect(areaWithin('KTM', ['NPL'], byCode)).toBe(true);
    expect(areaWithin('KTM', ['P1'], byCode)).toBe(false);
    expect(areaWithin('P3', ['KTM'], byCode)).toBe(false);
  });

  it('stops on a cycle instead of looping', () => {
    const cyclic = new Map<string, AreaNode>([
      ['A', { code: 'A', parentCode: 'B' }],
      ['B', { code: 'B', parentCode: 'A' }],
    ]);
    expect(areaAncestors('A', cyclic)).toEqual(['A', 'B']);
    expect(areaTreeProblems([...cyclic.values()])).toEqual(['A', 'B']);
  });

  it('reports missing parents unless they are declared roots', () => {
    expect(areaTreeProblems(areas)).toEqual([]);
    expect(areaTreeProblems([{ code: 'X', parentCode: 'NOPE' }])).toEqual(['X']);
    expect(areaTreeProblems([{ code: 'X', parentCode: 'NPL' }], ['NPL'])).toEqual([]);
  });
});
