// The few probability functions the aberration methods need, written to agree
// with R (4.2.2) to double precision where R's own answer is exact, and to
// about 1e-13 elsewhere: the normal quantile (R's qnorm), the t distribution's
// lower tail (R's pt) and the Poisson / negative-binomial quantiles (R's qpois,
// qnbinom) used by the Noufaily thresholds.

/** Machine epsilon, R's `.Machine$double.eps`. */
export const DOUBLE_EPS = 2.220446049250313e-16;

/**
 * The standard normal quantile, Wichura's algorithm AS 241 (PPND16), the one R's
 * `qnorm` uses; accurate to about 1e-16. `p` must lie in (0, 1). The published
 * coefficients are written here to the 17 digits a double holds (same values).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r +
          45921.95393154987) *
          r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852854 + 28729.085735721943) * r + 39307.89580009271) * r +
        21213.794301586597) *
        r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  // R computes the upper tail as 0.5 − p + 0.5 (R_D_Cval), which rounds differently from 1 − p.
  let r = Math.sqrt(-Math.log(q < 0 ? p : 0.5 - p + 0.5));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.0103343992922881e-7 + 0.000027115555687434876) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 0.000018463183175100548) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += (LANCZOS[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for the incomplete beta (modified Lentz; Numerical Recipes §6.4). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b), a, b > 0, 0 ≤ x ≤ 1. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront =
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The fraction converges fast on this side of the mean; use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (R's `pt`). */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return t < 0 ? 0 : 1;
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t < 0 ? tail : 1 - tail;
}

/**
 * The smallest count y with P(Y ≤ y) ≥ p for a count distribution given by
 * log P(Y = 0) and the ratio P(Y = y + 1) / P(Y = y). Sums the probabilities
 * from 0, rescaling so that neither an underflowing P(Y = 0) nor a long sum
 * loses precision. R's quantile search leaves out 64 ulps of p ("fuzz to
 * ensure left continuity", qpois.c/qnbinom.c); so do we.
 */
function countQuantile(p: number, logP0: number, ratio: (y: number) => number): number {
  const target = p * (1 - 64 * DOUBLE_EPS);
  // P(Y ≤ y) = sum · exp(logScale); the running term and sum stay in a safe range.
  let logScale = logP0;
  let term = 1;
  let sum = 1;
  let bound = target * Math.exp(-logScale);
  for (let y = 0; ; y++) {
    if (sum >= bound) return y;
    term *= ratio(y);
    sum += term;
    if (sum > 1e280) {
      sum *= 1e-280;
      term *= 1e-280;
      logScale += 280 * Math.LN10;
      bound = target * Math.exp(-logScale);
    }
    if (term === 0 && y > 0) return y + 1; // no mass left: numerically the top of the support
  }
}

/** R's `qpois(p, lambda)`: the smallest y with P(Y ≤ y) ≥ p. */
export function poissonQuantile(p: number, lambda: number): number {
  if (!(lambda >= 0) || !(p >= 0 && p < 1)) return Number.NaN;
  if (lambda === 0) return 0;
  return countQuantile(p, -lambda, (y) => lambda / (y + 1));
}

/**
 * R's `qnbinom(p, size, prob)`: negative binomial with P(Y = y) =
 * Γ(y + size) / (Γ(size) y!) prob^size (1 − prob)^y.
 */
export function negativeBinomialQuantile(p: number, size: number, prob: number): number {
  if (!(size > 0) || !(prob > 0 && prob <= 1) || !(p >= 0 && p < 1)) return Number.NaN;
  if (prob === 1) return 0;
  const q = 1 - prob;
  return countQuantile(p, size * Math.log(prob), (y) => ((size + y) / (y + 1)) * q);
}
