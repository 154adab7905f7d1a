// A quasi-Poisson GLM with log link, fitted by iteratively reweighted least
// squares exactly as R's `glm.fit` (R 4.2.2) does it, because surveillance's
// Farrington methods call `glm(..., family = quasipoisson(link = "log"))` and
// every later number (dispersion, hat values, standard errors) depends on R's
// iteration path, not only on the maximum-likelihood estimate:
//   - start from μ = y + 0.1 (the Poisson family's `initialize`);
//   - at each step, working weights W = ω μ and working response z = η + (y − μ)/μ
//     from the current μ, then weighted least squares for β (leastSquares.ts);
//   - μ = max(exp(η), ε) (the log link's `linkinv`), Poisson deviance;
//   - stop when |dev − dev_old| / (|dev| + 0.1) < 1e-8, at most 25 iterations;
//   - step halving when the deviance is not finite or μ is out of range.
// As in R, the reported working weights, covariance and hat values come from
// the last iteration's least-squares problem (built from μ before the final
// update), while fitted values and residuals use the final μ.
//
// Speed (Farrington fits thousands of these per series): for an intercept and
// at most one more column, the next step's least-squares sums are gathered
// while μ is updated, so a step is one pass over the data; an intercept-only
// model, whose μ_i are all equal after the first step, needs one exponential
// per step in all.
import { CentredSolver, QrSolver } from './leastSquares.ts';

const EPSILON = 1e-8; // glm.control()$epsilon
const MAX_ITERATIONS = 25; // glm.control()$maxit
const MU_FLOOR = 2.220446049250313e-16; // .Machine$double.eps, the log link's floor on μ

/**
 * The design and response of one fit: `x` is row-major, n rows by p columns.
 * A design passed again as the same array is taken to be unchanged.
 */
export interface GlmProblem {
  n: number;
  p: number;
  x: Float64Array;
  y: Float64Array;
  /** Prior weights ω; all 1 when absent. */
  weights?: Float64Array | undefined;
  /** Optional precomputed y log y (0 for y = 0) and log(y + 0.1), to spare logarithms. */
  yLogY?: Float64Array | undefined;
  logStart?: Float64Array | undefined;
}

type Outcome = 'converged' | 'stopped' | 'failed';

/**
 * Fits quasi-Poisson log-link GLMs. One instance owns its buffers and reuses
 * them from fit to fit (no allocation inside the iterations); read the results
 * before the next `fit`.
 */
export class QuasiPoissonGlm {
  /** Did the iterations converge (R's `model$converged`)? */
  converged = false;
  /**
   * Are the results below meaningful? True after convergence and also after 25
   * iterations without it (R returns that model too); false when a step failed
   * (collinear design, no finite deviance), where R itself stops with an error.
   */
  usable = false;
  /** Residual degrees of freedom: observations with positive prior weight minus p. */
  dfResidual = 0;
  /** Pearson dispersion Σ W r² / df (R's `summary.glm(m)$dispersion`); NaN when df ≤ 0. */
  dispersion = Number.NaN;
  coef = new Float64Array(0);
  eta = new Float64Array(0);
  mu = new Float64Array(0);
  /** Working weights W = ω μ of the last least-squares step. */
  work = new Float64Array(0);
  /** (XᵀWX)⁻¹, p×p, row-major: the unscaled covariance of the coefficients. */
  covUnscaled = new Float64Array(0);

  private n = 0;
  private p = 0;
  private x: Float64Array = new Float64Array(0);
  private y: Float64Array = new Float64Array(0);
  private prior: Float64Array = new Float64Array(0);
  private ones = new Float64Array(0);
  /** y log y (0 for y = 0), fixed for a fit: saves a logarithm per point and step. */
  private yLogY: Float64Array = new Float64Array(0);
  private ownYLogY = new Float64Array(0);
  private z = new Float64Array(0);
  /** The next step's working weights, gathered by `update` (centred path). */
  private nextWork = new Float64Array(0);
  private coefOld = new Float64Array(0);
  private capacity = -1;
  private columns = -1;
  /** The design last analysed (`analyseDesign`), by identity and shape. */
  private designColumns = -1;
  private designRows = -1;
  private readonly qr = new QrSolver();
  /** The sums of the last solved step, and those being gathered for the next. */
  private active = new CentredSolver();
  private pending = new CentredSolver();
  /** Intercept and at most one more column: the one-pass path. */
  private centred = false;
  /** The constant subtracted from the second column before squaring (its mean). */
  private shift = 0;
  /** Intercept plus a column of whole numbers (Farrington's time in weeks). */
  private weeklyTime = false;
  /** Intercept only: after the first step, every μ_i is the same. */
  private interceptOnly = false;
  private scalarMode = false;
  private scalarEta = 0;
  private scalarMu = 0;
  /** μ from which the last step's working weights W_i = ω_i μ were built. */
  private scalarWorkMu = 0;
  private sumPrior = 0;
  private sumPriorY = 0;
  private sumPriorYLogY = 0;

  /** Fits the model; returns `converged`. */
  fit(problem: GlmProblem): boolean {
    this.load(problem);
    const outcome = this.iterate(problem.logStart);
    this.converged = outcome === 'converged';
    this.usable = outcome !== 'failed';
    if (this.usable) this.summarise();
    return this.converged;
  }

  /** Hat value of observation i, W_i x_iᵀ(XᵀWX)⁻¹x_i, set to 1 within 10ε of 1 as `lm.influence` does. */
  hat(i: number): number {
    const solver = this.centred ? this.active : this.qr;
    const h = (this.work[i] as number) * solver.quadratic(this.x, i * this.p);
    return h > 1 - 10 * MU_FLOOR ? 1 : h;
  }

  private load(problem: GlmProblem): void {
    const { n, p, x, y, weights, yLogY: given } = problem;
    if (n > this.capacity || p > this.columns) this.allocate(n, p);
    this.n = n;
    this.p = p;
    this.y = y;
    if (x !== this.x || p !== this.designColumns || n !== this.designRows)
      this.analyseDesign(x, n, p);
    // The caller's arrays are used as they are (no copy); ones and y log y otherwise.
    this.prior = weights ?? this.ones;
    if (given) this.yLogY = given;
    else {
      const own = this.ownYLogY;
      for (let i = 0; i < n; i++) {
        const yi = y[i] as number;
        own[i] = yi > 0 ? yi * Math.log(yi) : 0;
      }
      this.yLogY = own;
    }
    this.scalarMode = false;
    this.scalarWorkMu = 0;
    if (this.interceptOnly) this.sumForScalarSteps();
  }

  /** Σω, Σωy and Σω y log y, which the intercept-only steps work from. */
  private sumForScalarSteps(): void {
    const { n, y, prior, yLogY } = this;
    let sumPrior = 0;
    let sumPriorY = 0;
    let sumPriorYLogY = 0;
    for (let i = 0; i < n; i++) {
      const w = prior[i] as number;
      sumPrior += w;
      sumPriorY += w * (y[i] as number);
      sumPriorYLogY += w * (yLogY[i] as number);
    }
    this.sumPrior = sumPrior;
    this.sumPriorY = sumPriorY;
    this.sumPriorYLogY = sumPriorYLogY;
  }

  /** Which path the design allows; callers reuse one design across many fits, so once per design. */
  private analyseDesign(x: Float64Array, n: number, p: number): void {
    let interceptFirst = true;
    let wholeTime = true;
    let sumX = 0;
    for (let i = 0; i < n; i++) {
      if (x[i * p] !== 1) interceptFirst = false;
      if (p === 2) {
        const xi = x[i * 2 + 1] as number;
        sumX += xi;
        if (!Number.isInteger(xi)) wholeTime = false;
      }
    }
    this.x = x;
    this.designColumns = p;
    this.designRows = n;
    this.centred = p <= 2 && interceptFirst;
    this.shift = p === 2 ? sumX / n : 0;
    this.weeklyTime = this.centred && p === 2 && wholeTime;
    this.interceptOnly = this.centred && p === 1;
  }

  /** Buffers for up to n rows and p columns; kept when a later fit is smaller. */
  private allocate(n: number, p: number): void {
    const rows = Math.max(n, this.capacity);
    const cols = Math.max(p, this.columns);
    this.capacity = rows;
    this.columns = cols;
    this.ones = new Float64Array(rows).fill(1);
    this.ownYLogY = new Float64Array(rows);
    this.z = new Float64Array(rows);
    this.eta = new Float64Array(rows);
    this.mu = new Float64Array(rows);
    this.work = new Float64Array(rows);
    this.nextWork = new Float64Array(rows);
    this.coef = new Float64Array(cols);
    this.coefOld = new Float64Array(cols);
    this.covUnscaled = new Float64Array(cols * cols);
  }

  private iterate(logStart: Float64Array | undefined): Outcome {
    let devOld = this.start(logStart);
    let haveOld = false;
    const coef = this.coef;
    for (let iter = 1; iter <= MAX_ITERATIONS; iter++) {
      let dev: number;
      if (this.scalarMode) dev = this.scalarStep();
      else if (this.centred) {
        this.swapToPending();
        if (!this.active.solveSums(coef)) return 'failed';
        dev = this.update();
        if (this.interceptOnly) this.enterScalarMode();
      } else {
        this.workingProblem();
        const { x, n, p, work, z } = this;
        if (!this.qr.solve(x, n, p, work, z, coef)) return 'failed';
        dev = this.update();
      }
      if (!Number.isFinite(dev)) {
        // R halves the step towards the previous coefficients; with none yet it gives up.
        if (!haveOld) return 'failed';
        dev = this.halveStep();
        if (!Number.isFinite(dev)) return 'failed';
      }
      if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < EPSILON) return this.finish('converged');
      devOld = dev;
      this.coefOld.set(coef);
      haveOld = true;
    }
    return this.finish('stopped');
  }

  /** μ = y + 0.1, η = log μ, and their deviance; gathers the first step's sums. */
  private start(logStart: Float64Array | undefined): number {
    const { n, y, mu, eta, prior, yLogY } = this;
    let dev = 0;
    for (let i = 0; i < n; i++) {
      // R computes μ back as exp(η); y + 0.1 is the same to an ulp.
      const yi = y[i] as number;
      const m = yi + 0.1;
      const e = logStart ? (logStart[i] as number) : Math.log(m);
      eta[i] = e;
      mu[i] = m;
      const w = prior[i] as number;
      dev += w * (yi > 0 ? (yLogY[i] as number) - yi * e - (yi - m) : m);
    }
    if (this.centred) this.gatherAll();
    return 2 * dev;
  }

  /**
   * The next step's weights W_i = ω_i μ_i and the centred solver's sums, from
   * the current η and μ. The sums stay in local variables: accumulating into
   * object fields point by point is several times slower.
   */
  private gatherAll(): void {
    const { n, p, x, y, mu, eta, prior, nextWork, shift } = this;
    let sw = 0;
    let swx = 0;
    let swz = 0;
    let swxx = 0;
    let swxz = 0;
    for (let i = 0; i < n; i++) {
      const m = mu[i] as number;
      const w = (prior[i] as number) * m;
      const z = (eta[i] as number) + ((y[i] as number) - m) / m;
      nextWork[i] = w;
      sw += w;
      swz += w * z;
      if (p === 2) {
        const d = (x[i * 2 + 1] as number) - shift;
        const wd = w * d;
        swx += wd;
        swxx += wd * d;
        swxz += wd * z;
      }
    }
    this.pending.setSums(p, shift, sw, swx, swz, swxx, swxz);
  }

  /** The gathered step becomes the current one: its weights and its sums. */
  private swapToPending(): void {
    const work = this.work;
    this.work = this.nextWork;
    this.nextWork = work;
    const active = this.active;
    this.active = this.pending;
    this.pending = active;
  }

  /**
   * W = ω μ_η²/V(μ) and z = η + (y − μ)/μ_η from the current η, for the QR path;
   * for the log link μ_η = max(exp(η), ε) is μ itself and V(μ) = μ. Observations
   * with ω = 0 get W = 0, which leaves them out as R's `good` does.
   */
  private workingProblem(): void {
    const { n, y, mu, eta, prior, work, z } = this;
    for (let i = 0; i < n; i++) {
      const m = mu[i] as number;
      work[i] = (prior[i] as number) * m;
      z[i] = (eta[i] as number) + ((y[i] as number) - m) / m;
    }
  }

  /**
   * η = Xβ, μ = max(exp(η), ε), and the Poisson deviance 2 Σ ω (y log(y/μ) − (y − μ))
   * (y = 0 terms 2ωμ), with y log(y/μ) taken as y log y − y η (log μ = η unless μ
   * sits on its floor); infinite when some μ overflows (R's `validmu` fails).
   * On the centred path it also gathers the next step's sums.
   */
  private update(): number {
    const { n, p, x, y, coef, eta, mu, prior, yLogY, weeklyTime, centred, nextWork, shift } = this;
    // With a time column of whole weeks, exp(β0 + β1 t) for consecutive weeks is
    // the previous value times exp(β1): one multiplication instead of an
    // exponential (a few ulps from exp(η), far below anything the results show).
    const b0 = coef[0] as number;
    const b1 = weeklyTime ? (coef[1] as number) : 0;
    const e0 = Math.exp(b0);
    const step = Math.exp(b1);
    let previous = Number.NaN;
    let power = 0;
    let dev = 0;
    // The next step's sums (centred path), in locals for speed (see gatherAll).
    let sw = 0;
    let swx = 0;
    let swz = 0;
    let swxx = 0;
    let swxz = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      let m = 0;
      if (weeklyTime) {
        const t = x[i * 2 + 1] as number;
        s = b0 + t * b1;
        power = t === previous + 1 ? power * step : Math.exp(t * b1);
        previous = t;
        m = e0 * power;
        // Far from 1, a factor may have lost precision (subnormal) or overflowed.
        if (!(power > 1e-280 && power < 1e280 && e0 > 1e-280 && e0 < 1e280)) m = Math.exp(s);
      } else {
        const row = i * p;
        for (let j = 0; j < p; j++) s += (x[row + j] as number) * (coef[j] as number);
        m = Math.exp(s);
      }
      if (!(m > MU_FLOOR)) m = MU_FLOOR;
      eta[i] = s;
      mu[i] = m;
      const yi = y[i] as number;
      const w = prior[i] as number;
      let term = m;
      if (yi > 0) term = (yLogY[i] as number) - yi * (m === MU_FLOOR ? Math.log(m) : s) - (yi - m);
      dev += w * term;
      if (centred) {
        const wm = w * m;
        const z = s + (yi - m) / m;
        nextWork[i] = wm;
        sw += wm;
        swz += wm * z;
        if (p === 2) {
          const d = (x[i * 2 + 1] as number) - shift;
          const wd = wm * d;
          swx += wd;
          swxx += wd * d;
          swxz += wd * z;
        }
      }
    }
    if (centred) this.pending.setSums(p, shift, sw, swx, swz, swxx, swxz);
    return 2 * dev;
  }

  /** Halves the step towards the previous coefficients until the deviance is finite. */
  private halveStep(): number {
    const { coef, coefOld, p } = this;
    for (let attempt = 0; attempt < MAX_ITERATIONS; attempt++) {
      for (let j = 0; j < p; j++) coef[j] = ((coef[j] as number) + (coefOld[j] as number)) / 2;
      const dev = this.scalarMode ? this.scalarUpdate() : this.update();
      if (Number.isFinite(dev)) return dev;
    }
    return Number.NaN;
  }

  /** After a full step of an intercept-only model: all μ_i equal exp(β0). */
  private enterScalarMode(): void {
    this.scalarMode = true;
    this.scalarEta = this.eta[0] as number;
    this.scalarMu = this.mu[0] as number;
  }

  /**
   * One IRLS step of an intercept-only model with all μ_i = μ: W_i = ω_i μ,
   * z_i = η + (y_i − μ)/μ, so β0 = Σ W z / Σ W = η + (ȳ_ω − μ)/μ.
   */
  private scalarStep(): number {
    const m = this.scalarMu;
    this.scalarWorkMu = m;
    this.coef[0] = this.scalarEta + (this.sumPriorY / this.sumPrior - m) / m;
    return this.scalarUpdate();
  }

  /** μ = max(exp(β0), ε) and the deviance from the sums (see `update`). */
  private scalarUpdate(): number {
    const b = this.coef[0] as number;
    let m = Math.exp(b);
    if (!(m > MU_FLOOR)) m = MU_FLOOR;
    this.scalarEta = b;
    this.scalarMu = m;
    const logMu = m === MU_FLOOR ? Math.log(m) : b;
    const { sumPrior, sumPriorY, sumPriorYLogY } = this;
    return 2 * (sumPriorYLogY - logMu * sumPriorY - sumPriorY + m * sumPrior);
  }

  /** Writes the per-observation results of scalar steps back (η, μ, W) for the summary. */
  private finish<T extends Outcome>(outcome: T): T {
    if (!this.scalarMode || this.scalarWorkMu === 0) return outcome;
    const { n, eta, mu, work, prior, scalarEta, scalarMu, scalarWorkMu } = this;
    for (let i = 0; i < n; i++) {
      eta[i] = scalarEta;
      mu[i] = scalarMu;
      work[i] = (prior[i] as number) * scalarWorkMu;
    }
    this.active.setInterceptOnly(scalarWorkMu * this.sumPrior);
    return outcome;
  }

  /** (XᵀWX)⁻¹ from the last step, and the Pearson dispersion. */
  private summarise(): void {
    const { n, p, y, mu, work, prior } = this;
    (this.centred ? this.active : this.qr).covariance(this.covUnscaled);
    let used = 0;
    let pearson = 0;
    for (let i = 0; i < n; i++) {
      if ((prior[i] as number) !== 0) used++;
      const w = work[i] as number;
      if (w > 0) {
        const r = ((y[i] as number) - (mu[i] as number)) / (mu[i] as number);
        pearson += w * r * r;
      }
    }
    this.dfResidual = used - p;
    this.dispersion = this.dfResidual > 0 ? pearson / this.dfResidual : Number.NaN;
  }
}
