import { describe, expect, it } from 'vitest';
import { QuasiPoissonGlm } from './glm.ts';

/** Row-major design [1, x] for x = 1 … n. */
function interceptAndSlope(n: number): Float64Array {
  const x = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    x[i * 2] = 1;
    x[i * 2 + 1] = i + 1;
  }
  return x;
}

describe('quasi-Poisson GLM (IRLS as R glm.fit)', () => {
  it('matches R on a weighted fit: coefficients, dispersion, hat values, covariance', () => {
    // R 4.2.2: m <- glm(y ~ x, family = quasipoisson, weights = w), y and w as below, x = 1:10
    const y = Float64Array.from([2, 3, 6, 7, 8, 9, 10, 12, 15, 0]);
    const weights = Float64Array.from([1, 1, 2, 0.5, 1, 1, 1, 3, 1, 1]);
    const glm = new QuasiPoissonGlm();
    expect(glm.fit({ n: 10, p: 2, x: interceptAndSlope(10), y, weights })).toBe(true);
    const close = (ours: number, r: number) =>
      expect(Math.abs(ours - r) / Math.max(Math.abs(r), 1)).toBeLessThan(1e-12);
    close(glm.coef[0] as number, 1.4217023750805828);
    close(glm.coef[1] as number, 0.10429085035518025);
    close(glm.dispersion, 2.3101370681403508);
    const hats = [
      0.25034963814648342, 0.20373061464827172, 0.32027579945689144, 0.061295954132834271,
      0.094937474886553977, 0.082010254155934284, 0.089832121591071609, 0.37752060660327397,
      0.19915484875306599, 0.3208926876256194,
    ];
    hats.forEach((h, i) => {
      close(glm.hat(i), h);
    });
    close(glm.covUnscaled[0] as number, 0.071825635549199851);
    close(glm.covUnscaled[1] as number, -0.0094183332714828562);
    close(glm.covUnscaled[3] as number, 0.0014383035341103386);
    expect(glm.dfResidual).toBe(8);
  });

  it('matches R with a seasonal factor (the Householder QR path)', () => {
    // R: glm(y ~ x + f, family = quasipoisson, weights = w), f = factor(rep(1:3, 4)), x = 1:12
    const y = Float64Array.from([2, 3, 6, 7, 8, 9, 10, 12, 15, 0, 4, 5]);
    const weights = Float64Array.from([1, 1, 2, 0.5, 1, 1, 1, 3, 1, 1, 2, 1]);
    const x = new Float64Array(12 * 4);
    for (let i = 0; i < 12; i++) x.set([1, i + 1, i % 3 === 1 ? 1 : 0, i % 3 === 2 ? 1 : 0], i * 4);
    const glm = new QuasiPoissonGlm();
    expect(glm.fit({ n: 12, p: 4, x, y, weights })).toBe(true);
    const coef = [
      1.402263194894575, 0.014779499206938832, 0.54630350865608079, 0.60298149869119633,
    ];
    coef.forEach((c, j) => {
      expect(glm.coef[j]).toBeCloseTo(c, 12);
    });
    expect(glm.dispersion).toBeCloseTo(4.275391197487, 11);
    const hats = [
      0.35043130744833562, 0.33154635376870162, 0.56805521732498754, 0.14571045543046438,
      0.18433351865356681, 0.20220194363568961, 0.29546400147857599, 0.43270033144002451,
      0.24248899154759485, 0.37153303964989065, 0.45350646020389895, 0.42202837941826943,
    ];
    hats.forEach((h, i) => {
      expect(glm.hat(i)).toBeCloseTo(h, 12);
    });
  });

  it('matches R for an intercept-only model (the one-exponential-per-step path)', () => {
    // R: glm(y ~ 1, family = quasipoisson, weights = w), y and w as above: 5 iterations
    const y = Float64Array.from([2, 3, 6, 7, 8, 9, 10, 12, 15, 0, 4, 5]);
    const weights = Float64Array.from([1, 1, 2, 0.5, 1, 1, 1, 3, 1, 1, 2, 1]);
    const glm = new QuasiPoissonGlm();
    expect(glm.fit({ n: 12, p: 1, x: new Float64Array(12).fill(1), y, weights })).toBe(true);
    expect(glm.coef[0]).toBeCloseTo(1.9731845669749724, 13);
    expect(glm.dispersion).toBeCloseTo(3.366897705290496, 12);
    [0.064516129032258035, 0.064516129032258063, 0.1290322580645161].forEach((h, i) => {
      expect(glm.hat(i)).toBeCloseTo(h, 14);
    });
    expect(glm.mu[11]).toBeCloseTo(Math.exp(1.9731845669749724), 12);
  });

  it('drives an all-zero response towards −∞ and converges where R does (22 iterations)', () => {
    // R: glm(c(0,0,0,0,0) ~ 1, family = quasipoisson) → converged, intercept −24.3026
    const glm = new QuasiPoissonGlm();
    const x = Float64Array.from([1, 1, 1, 1, 1]);
    expect(glm.fit({ n: 5, p: 1, x, y: new Float64Array(5) })).toBe(true);
    expect(glm.coef[0]).toBeCloseTo(-24.302585092994065, 9);
  });

  it('refuses a collinear design instead of inventing coefficients', () => {
    const x = Float64Array.from([1, 2, 1, 2, 1, 2, 1, 2]); // second column = 2 × first
    const glm = new QuasiPoissonGlm();
    expect(glm.fit({ n: 4, p: 2, x, y: Float64Array.from([1, 2, 3, 4]) })).toBe(false);
    expect(glm.usable).toBe(false);
  });

  it('reuses its buffers across fits of different sizes', () => {
    const glm = new QuasiPoissonGlm();
    glm.fit({
      n: 10,
      p: 2,
      x: interceptAndSlope(10),
      y: Float64Array.from([1, 2, 2, 3, 4, 3, 5, 6, 5, 7]),
    });
    const big = glm.coef[1] as number;
    glm.fit({ n: 3, p: 1, x: Float64Array.from([1, 1, 1]), y: Float64Array.from([2, 4, 6]) });
    // R: m <- glm(c(2, 4, 6) ~ 1, family = quasipoisson). The dispersion is not exactly
    // Σ(y − μ)²/μ / df = 1, because R weights by μ from before the last update; so do we.
    expect(glm.coef[0]).toBe(1.3862943611357854);
    expect(glm.dispersion).toBeCloseTo(1.000005638241912, 14);
    glm.fit({
      n: 10,
      p: 2,
      x: interceptAndSlope(10),
      y: Float64Array.from([1, 2, 2, 3, 4, 3, 5, 6, 5, 7]),
    });
    expect(glm.coef[1]).toBe(big);
  });
});
