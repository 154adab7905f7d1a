import { describe, expect, it } from 'vitest';
import { farringtonDesign, farringtonLayout } from './farringtonLayout.ts';

describe('Farrington fit layout (surveillance `blocks`)', () => {
  it('takes b windows of 2w + 1 weeks when there is no seasonal factor', () => {
    const layout = farringtonLayout({
      b: 5,
      w: 3,
      period: 52,
      noPeriods: 1,
      pastWeeksNotIncluded: 3,
    });
    expect(layout.offsets).toHaveLength(35);
    expect(layout.offsets[0]).toBe(-263);
    expect(layout.offsets.at(-1)).toBe(-49);
    expect([...layout.offsets].filter((o) => o > -60)).toEqual([-55, -54, -53, -52, -51, -50, -49]);
    expect(layout.presentLevels).toEqual([1]);
  });

  it('labels the gaps between windows as R does', () => {
    // R: blocks(referencetimepoints(30, b = 2, freq = 10), 1:30, "none", 30, b = 2, w = 1, p = 3),
    // then weeks 28..30 left out (g = 2).
    const layout = farringtonLayout({
      b: 2,
      w: 1,
      period: 10,
      noPeriods: 3,
      pastWeeksNotIncluded: 2,
    });
    expect([...layout.offsets]).toEqual([
      -21, -20, -19, -18, -17, -16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3,
    ]);
    expect([...layout.levels]).toEqual([3, 3, 3, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 1, 1, 1, 1, 2, 2]);
  });

  it('builds designs with the window level as baseline and time centred at the evaluated week', () => {
    const layout = farringtonLayout({
      b: 2,
      w: 1,
      period: 10,
      noPeriods: 3,
      pastWeeksNotIncluded: 2,
    });
    const withTrend = farringtonDesign(layout, 3, true);
    expect(withTrend.p).toBe(4); // 1, time, level 1, level 2
    expect([...withTrend.x.slice(0, 4)]).toEqual([1, -21, 0, 0]); // level 3 = baseline
    expect([...withTrend.x.slice(4 * 3, 4 * 4)]).toEqual([1, -18, 1, 0]); // level 1
    const flat = farringtonDesign(layout, 3, false);
    expect(flat.p).toBe(3);
    expect([...flat.x.slice(3 * 7, 3 * 8)]).toEqual([1, 0, 1]); // level 2
  });
});
