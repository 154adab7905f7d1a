// The Farrington model for one series: the GLM fit with reweighting and the
// trend test, the prediction for each evaluated week and its threshold
// (SOURCE.md "Farrington flexible", steps 2–8; surveillance 1.20.3
// `algo.farrington.glm`, `algo.farrington.fitGLM.flexible`).
import { studentTCdf } from './distributions.ts';
import { farringtonDesign, farringtonLayout } from './farringtonLayout.ts';
import type { FarringtonSettings } from './farringtonSettings.ts';
import {
  deltaThreshold,
  noufailyThreshold,
  type Prediction,
  type Threshold,
} from './farringtonThreshold.ts';
import { type GlmProblem, QuasiPoissonGlm } from './glm.ts';
import type { WeekResult } from './series.ts';

/** One fitted model's numbers that the later steps need (the GLM's buffers are reused). */
interface FittedModel {
  hasTrend: boolean;
  /** φ = max(1, dispersion). */
  phi: number;
  /** The dispersion `summary.glm` reports (unbounded; scales the t test and se(η0)). */
  dispersion: number;
  /** η0, the linear predictor at week t (the intercept: time is centred at t). */
  eta0: number;
  /** Var(η0) / dispersion. */
  eta0VarUnscaled: number;
  /** Two-sided p-value of the time coefficient (t test), when the model has one. */
  trendP: number;
}

/** A design for one formula: with or without the time column. */
interface Design {
  x: Float64Array;
  p: number;
}

/** The per-run state: layout, designs and buffers shared by all evaluated weeks. */
export class FarringtonModel {
  readonly usable: boolean;
  private readonly s: FarringtonSettings;
  private readonly offsets: Int32Array;
  private readonly withTrend: Design;
  private readonly withoutTrend: Design;
  private readonly glm = new QuasiPoissonGlm();
  private readonly counts: Float64Array;
  /** Per-count constants, computed once per series: y^(2/3), y log y, log(y + 0.1). */
  private readonly countsTwoThirds: Float64Array;
  private readonly countsLogCounts: Float64Array;
  private readonly countsLogStart: Float64Array;
  private readonly y: Float64Array;
  private readonly yTwoThirds: Float64Array;
  private readonly yLogY: Float64Array;
  private readonly logStart: Float64Array;
  private readonly omega: Float64Array;
  private readonly residuals: Float64Array;
  private readonly problems: (GlmProblem | undefined)[] = [];

  constructor(settings: FarringtonSettings, counts: Float64Array) {
    this.s = settings;
    this.counts = counts;
    this.countsTwoThirds = perCount(counts, (c) => c ** (2 / 3));
    this.countsLogCounts = perCount(counts, (c) => (c > 0 ? c * Math.log(c) : 0));
    this.countsLogStart = perCount(counts, (c) => Math.log(c + 0.1));
    const layout = farringtonLayout(settings);
    this.offsets = layout.offsets;
    this.withTrend = farringtonDesign(layout, settings.noPeriods, true);
    this.withoutTrend = farringtonDesign(layout, settings.noPeriods, false);
    const n = layout.offsets.length;
    const hasWindowLevel = layout.presentLevels.includes(settings.noPeriods);
    this.usable = hasWindowLevel && n > this.withTrend.p;
    this.y = new Float64Array(n);
    this.yTwoThirds = new Float64Array(n);
    this.yLogY = new Float64Array(n);
    this.logStart = new Float64Array(n);
    this.omega = new Float64Array(n);
    this.residuals = new Float64Array(n);
  }

  /** Steps 2–8 of SOURCE.md for week t. */
  evaluateWeek(t: number): WeekResult {
    const { s, counts } = this;
    const observed = counts[t] as number;
    const none: WeekResult = {
      week: t,
      observed,
      expected: null,
      upper: null,
      stat: null,
      alarm: null,
    };
    const { offsets, y, yTwoThirds, yLogY, logStart } = this;
    let maxResponse = 0;
    for (let i = 0; i < offsets.length; i++) {
      const row = t + (offsets[i] as number);
      const v = counts[row] as number;
      y[i] = v;
      yTwoThirds[i] = this.countsTwoThirds[row] as number;
      yLogY[i] = this.countsLogCounts[row] as number;
      logStart[i] = this.countsLogStart[row] as number;
      if (v > maxResponse) maxResponse = v;
    }
    let recent = 0;
    for (let i = t - s.limit54[1] + 1; i <= t; i++) recent += counts[i] as number;
    const enoughCases = recent >= s.limit54[0];
    if (!enoughCases) {
      // limit54: no threshold and no alarm. Only whether a model exists matters
      // (no model → NA alarm), and that is decided by the first, unweighted fit.
      return this.initialFit(s.trend) === null ? none : { ...none, alarm: false };
    }
    const model = this.finalModel(maxResponse);
    if (model === null) return none;
    const threshold = this.threshold(model, observed);
    const defined = !Number.isNaN(threshold.upper);
    return {
      ...none,
      expected: defined ? this.expected(model) : null,
      upper: defined ? threshold.upper : null,
      alarm: defined && threshold.score > 1 && observed !== 0,
    };
  }

  /** `algo.farrington.glm`: fit, then keep the trend only if b ≥ 3, p < threshold and μ0 ≤ max y. */
  private finalModel(maxResponse: number): FittedModel | null {
    const s = this.s;
    const first = this.flexibleFit(s.trend);
    if (first === null || !first.hasTrend) return first;
    const mu0 = linkInverse(first.eta0);
    const keep = s.b >= 3 && first.trendP < s.pThresholdTrend && mu0 <= maxResponse;
    return keep ? first : this.flexibleFit(false);
  }

  /** The first, unweighted fit: with the trend if asked, else (or if that fails) without. */
  private initialFit(trend: boolean): Design | null {
    if (trend && this.glm.fit(this.problem(this.withTrend))) return this.withTrend;
    return this.glm.fit(this.problem(this.withoutTrend)) ? this.withoutTrend : null;
  }

  /** `algo.farrington.fitGLM.flexible`: initial fit, φ, optional reweighting and refit. */
  private flexibleFit(trend: boolean): FittedModel | null {
    const design = this.initialFit(trend);
    if (design === null) return null;
    const glm = this.glm;
    if (this.s.reweight) {
      const phi = boundedPhi(glm.dispersion);
      if (!this.assignWeights(phi)) return null;
      // R does not check convergence of the reweighted fit; it only fails on an error.
      glm.fit(this.problem(design, this.omega));
      if (!glm.usable) return null;
    }
    if (Number.isNaN(glm.dispersion)) return null;
    const hasTrend = design === this.withTrend;
    const p = design.p;
    const dispersion = this.s.reweight ? this.summaryDispersion() : glm.dispersion;
    let trendP = Number.NaN;
    if (hasTrend) {
      const se = Math.sqrt(dispersion * (glm.covUnscaled[1 * p + 1] as number));
      trendP = 2 * studentTCdf(-Math.abs((glm.coef[1] as number) / se), glm.dfResidual);
    }
    return {
      hasTrend,
      phi: boundedPhi(glm.dispersion),
      dispersion,
      eta0: glm.coef[0] as number,
      eta0VarUnscaled: glm.covUnscaled[0] as number,
      trendP,
    };
  }

  /**
   * Step 3: Anscombe residuals s_i = 1.5 (y^{2/3} μ^{−1/6} − μ^{1/2}) / √(φ(1 − h_ii)),
   * weights ω_i = γ s_i⁻² above c, else γ, with Σ ω = n.
   */
  private assignWeights(phi: number): boolean {
    const { glm, y, yTwoThirds, omega, residuals } = this;
    const n = y.length;
    const c = this.s.weightsThreshold;
    let denominator = 0;
    for (let i = 0; i < n; i++) {
      const m = glm.mu[i] as number;
      const root = Math.sqrt(m);
      // μ^(−1/6) as 1/∛√μ: the same value to an ulp, much cheaper than a power.
      const raw = 1.5 * ((yTwoThirds[i] as number) / Math.cbrt(root) - root);
      const r = raw / Math.sqrt(phi * (1 - glm.hat(i)));
      if (Number.isNaN(r)) return false; // R stops: NA in a subscripted assignment
      residuals[i] = r;
      denominator += r > c ? 1 / (r * r) : 1;
    }
    const gamma = n / denominator;
    for (let i = 0; i < n; i++) {
      const r = residuals[i] as number;
      omega[i] = r > c ? gamma / (r * r) : gamma;
    }
    return true;
  }

  /**
   * The dispersion that `summary.glm` reports for the reweighted model, which
   * then scales the trend's t test and se(η0). surveillance stores the prior
   * weights ω in the model's `weights` slot (where R keeps the working weights
   * ωμ) after computing φ, so summary.glm computes Σ ω r² / df with the
   * working residuals r = (y − μ)/μ, not the Pearson Σ ωμ r² / df. It can be
   * well below 1 (found by reading the package; SOURCE.md does not mention it).
   */
  private summaryDispersion(): number {
    const { glm, y, omega } = this;
    let sum = 0;
    for (let i = 0; i < y.length; i++) {
      const w = omega[i] as number;
      if (!(w > 0)) continue;
      const m = glm.mu[i] as number;
      const r = ((y[i] as number) - m) / m;
      sum += w * r * r;
    }
    return glm.dfResidual > 0 ? sum / glm.dfResidual : Number.NaN;
  }

  /** Step 5: prediction for week t (response scale for `delta`, link scale otherwise). */
  private threshold(model: FittedModel, y: number): Threshold {
    const s = this.s;
    const seEta = Math.sqrt(model.eta0VarUnscaled * model.dispersion);
    if (s.thresholdMethod === 'delta') {
      const mu0 = linkInverse(model.eta0);
      const pred: Prediction = { fit: mu0, se: seEta * mu0, phi: model.phi };
      return deltaThreshold(pred, s.powertrans, s.alpha, y);
    }
    const pred: Prediction = { fit: model.eta0, se: seEta, phi: model.phi };
    return noufailyThreshold(pred, s.thresholdMethod, s.alpha, y);
  }

  /** surveillance's `expected`: μ0 (from η0 by exp for the link-scale methods). */
  private expected(model: FittedModel): number {
    return this.s.thresholdMethod === 'delta' ? linkInverse(model.eta0) : Math.exp(model.eta0);
  }

  /** The GLM problem for a design, unweighted or with the weights ω (made once: the arrays are reused). */
  private problem(design: Design, weights?: Float64Array): GlmProblem {
    const index = (design === this.withTrend ? 0 : 2) + (weights ? 1 : 0);
    let problem = this.problems[index];
    if (!problem) {
      const { y, yLogY, logStart } = this;
      problem = { n: y.length, p: design.p, x: design.x, y, weights, yLogY, logStart };
      this.problems[index] = problem;
    }
    return problem;
  }
}

/** R's `max(dispersion, 1)`, NaN staying NaN. */
function boundedPhi(dispersion: number): number {
  return Number.isNaN(dispersion) ? Number.NaN : Math.max(dispersion, 1);
}

/** The log link's inverse with R's floor at machine epsilon. */
function linkInverse(eta: number): number {
  return Math.max(Math.exp(eta), 2.220446049250313e-16);
}

/** f of every count, computing f once per distinct value when the counts are small. */
function perCount(counts: Float64Array, f: (count: number) => number): Float64Array {
  let max = 0;
  for (const c of counts) if (c > max) max = c;
  if (max >= counts.length) return counts.map(f);
  const table = new Float64Array(max + 1);
  for (let c = 0; c <= max; c++) table[c] = f(c);
  return counts.map((c) => table[c] as number);
}
