import { describe, expect, it } from 'vitest';
import {
  fitProjection,
  isGeometry,
  legendSteps,
  rateSteps,
  stepColour,
  stepOf,
  svgPath,
} from './projection.ts';

const square = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [80, 30],
      [81, 30],
      [81, 31],
      [80, 31],
      [80, 30],
    ],
  ],
};

describe('map projection', () => {
  it('fits the outlines to the width, north up, longitudes shortened by the latitude', () => {
    const p = fitProjection([square], 100, 0);
    expect(p.point(80, 31)).toEqual([0, 0]);
    const [x, y] = p.point(81, 30);
    expect(x).toBeCloseTo(100, 9);
    // One degree of latitude is longer than one of longitude at 30.5° N.
    expect(y).toBeCloseTo(100 / Math.cos((30.5 * Math.PI) / 180), 6);
    expect(p.height).toBe(Math.ceil(y));
  });

  it('draws each ring as a closed path and drops repeated points', () => {
    const p = fitProjection([square], 100, 0);
    expect(svgPath(square, p)).toBe('M0.0,116.1L100.0,116.1L100.0,0.0L0.0,0.0L0.0,116.1Z');
    const multi = {
      type: 'MultiPolygon' as const,
      coordinates: [square.coordinates, square.coordinates],
    };
    expect(svgPath(multi, p).match(/M/g)).toHaveLength(2);
    expect(isGeometry(multi)).toBe(true);
    expect(isGeometry({ type: 'Point', coordinates: [1, 2] })).toBe(false);
  });

  it('makes legend steps that rise and puts each value in one', () => {
    const steps = legendSteps([0, 3, 10, 47]);
    expect(steps).toEqual([10, 19, 29, 38, 47]);
    expect([0, 1, 10, 11, 47].map((v) => stepOf(v, steps))).toEqual([0, 1, 1, 2, 5]);
    expect(legendSteps([0, 0])).toEqual([0]);
    expect(legendSteps([2])).toEqual([1, 2]);
    // One alert among none: the darkest colour, not the palest.
    expect(stepColour(stepOf(1, legendSteps([0, 1])), 1)).toBe(5);
    expect([0, 1, 2, 3, 4, 5].map((s) => stepColour(s, 5))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('makes rate steps of two significant digits that reach the largest rate', () => {
    const steps = rateSteps([0, 0.59, 2.4, 17.67]);
    expect(steps).toEqual([3.6, 7.1, 11, 15, 18]);
    expect(steps.at(-1)).toBeGreaterThanOrEqual(17.67);
    expect([0, 0.59, 3.6, 3.61, 17.67].map((v) => stepOf(v, steps))).toEqual([0, 1, 1, 2, 5]);
    expect(rateSteps([0.012, 0.05])).toEqual([0.01, 0.02, 0.03, 0.04, 0.05]);
    expect(rateSteps([0])).toEqual([0]);
    expect(rateSteps([])).toEqual([0]);
  });
});
