import { describe, expect, it } from 'vitest';
import {
  negativeBinomialQuantile,
  normalQuantile,
  poissonQuantile,
  studentTCdf,
} from './distributions.ts';

// R 4.2.2 values written by tests/fixtures/aberration/extra/make_distributions.R.
const table = import.meta.glob<string>(
  '../../../tests/fixtures/aberration/extra/distributions.csv',
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);
const rows = (Object.values(table)[0] ?? '')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [fn = '', a, b, c, value] = line.split(',');
    return { fn, a: Number(a), b: Number(b), c: Number(c), value: Number(value) };
  });

describe('distribution functions agree with R', () => {
  it('has the reference table', () => expect(rows.length).toBeGreaterThan(400));

  it('qnorm to a few ulps (AS 241, as R; the logarithms of V8 and glibc may differ by an ulp)', () => {
    for (const r of rows.filter((x) => x.fn === 'qnorm'))
      expect(Math.abs(normalQuantile(r.a) - r.value), `qnorm(${r.a})`).toBeLessThanOrEqual(
        4 * Number.EPSILON * Math.abs(r.value),
      );
    expect(normalQuantile(0.95)).toBe(1.6448536269514715); // R: sprintf("%.17g", qnorm(0.95))
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });

  it('pt to 1e-12', () => {
    for (const r of rows.filter((x) => x.fn === 'pt'))
      expect(Math.abs(studentTCdf(r.a, r.b) - r.value), `pt(${r.a}, ${r.b})`).toBeLessThan(1e-12);
    expect(studentTCdf(-Infinity, 5)).toBe(0);
    expect(studentTCdf(Number.NaN, 5)).toBeNaN();
  });

  it('qpois and qnbinom exactly, from tiny to large means and near-Poisson dispersion', () => {
    for (const r of rows.filter((x) => x.fn === 'qpois'))
      expect(poissonQuantile(r.a, r.b), `qpois(${r.a}, ${r.b})`).toBe(Math.abs(r.value));
    for (const r of rows.filter((x) => x.fn === 'qnbinom'))
      expect(negativeBinomialQuantile(r.a, r.b, r.c), `qnbinom(${r.a}, ${r.b}, ${r.c})`).toBe(
        Math.abs(r.value), // R prints some zeros as -0
      );
  });

  it('gives NaN rather than a number for impossible parameters', () => {
    expect(poissonQuantile(0.95, -1)).toBeNaN();
    expect(poissonQuantile(1, 3)).toBeNaN();
    expect(poissonQuantile(0.95, 0)).toBe(0);
    expect(negativeBinomialQuantile(0.95, 0, 0.5)).toBeNaN();
    expect(negativeBinomialQuantile(0.95, 2, 1)).toBe(0);
  });
});
