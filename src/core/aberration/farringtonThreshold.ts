// The upper thresholds of the Farrington methods, from the prediction for the
// evaluated week (surveillance 1.20.3 `algo.farrington.threshold.farrington`
// and `algo.farrington.threshold.noufaily`; SOURCE.md steps 6–8).
import { negativeBinomialQuantile, normalQuantile, poissonQuantile } from './distributions.ts';

/** The power transform of the `delta` threshold (surveillance `powertrans`). */
export type PowerTransform = '2/3' | '1/2' | 'none';
/** Farrington's normal interval (`delta`) or Noufaily's negative-binomial quantile (`nbPlugin`, `muan`). */
export type ThresholdMethod = 'delta' | 'nbPlugin' | 'muan';

/** The prediction for week t and the model's overdispersion. */
export interface Prediction {
  /** `delta`: μ0 on the count scale; `nbPlugin`/`muan`: η0 = log μ0. */
  fit: number;
  /** Standard error of `fit` on the same scale. */
  se: number;
  /** φ = max(1, dispersion). */
  phi: number;
}

/** Threshold U (NaN when undefined) and the score X = (y − fit)/(U − fit). */
export interface Threshold {
  upper: number;
  score: number;
}

/**
 * Farrington et al. (1996) threshold: a normal interval on the power-transformed
 * scale, τ = φ + se²/μ0, U = (μ0^e + z_{1−α}·sd)^{1/e}, one-sided z (SOURCE.md step 6).
 */
export function deltaThreshold(
  pred: Prediction,
  transform: PowerTransform,
  alpha: number,
  y: number,
): Threshold {
  const mu0 = pred.fit;
  const tau = pred.phi + (pred.se * pred.se) / mu0;
  let sd: number;
  let exponent: number;
  if (transform === 'none') {
    sd = Math.sqrt(mu0 * tau);
    exponent = 1;
  } else if (transform === '1/2') {
    sd = Math.sqrt(tau / 4);
    exponent = 1 / 2;
  } else {
    sd = Math.sqrt((4 / 9) * mu0 ** (1 / 3) * tau);
    exponent = 2 / 3;
  }
  const z = normalQuantile(1 - alpha);
  const centre = mu0 ** exponent;
  // R sorts the two ends (NaN first) and takes the second: the larger end, or the only defined one.
  const low = (centre - z * sd) ** (1 / exponent);
  const high = (centre + z * sd) ** (1 / exponent);
  const upper = Number.isNaN(low) ? high : Number.isNaN(high) ? low : Math.max(low, high);
  return { upper, score: (y - pred.fit) / (upper - pred.fit) };
}

/**
 * Noufaily et al. (2013) threshold: the (1 − α) quantile of a negative binomial
 * with mean μ and variance φμ (Poisson when φ = 1), where μ = exp(η0) for
 * `nbPlugin` and exp(η0 + z_{1−α} se(η0)) for `muan` (SOURCE.md step 7).
 * The score keeps surveillance's use of the link-scale η0.
 */
export function noufailyThreshold(
  pred: Prediction,
  method: 'nbPlugin' | 'muan',
  alpha: number,
  y: number,
): Threshold {
  const eta0 = pred.fit;
  const mu =
    method === 'nbPlugin' ? Math.exp(eta0) : Math.exp(eta0 + pred.se * normalQuantile(1 - alpha));
  let upper = Number.NaN;
  if (Number.isFinite(mu)) {
    upper =
      pred.phi > 1
        ? negativeBinomialQuantile(1 - alpha, mu / (pred.phi - 1), 1 / pred.phi)
        : poissonQuantile(1 - alpha, mu);
  }
  return { upper, score: (y - eta0) / (upper - eta0) };
}
