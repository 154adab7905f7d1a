// Weighted least squares for the IRLS steps of glm.ts: minimise Σ W_i (z_i − x_iᵀβ)².
// Two solvers with the same answers up to rounding:
//   - QrSolver: Householder QR of √W·X, in the form of LINPACK's dqrdc2/dqrsl that
//     R's `glm.fit` calls (via Cdqrls), without column pivoting;
//   - CentredSolver: for an intercept and at most one other column, the
//     closed form with weighted centring (what the QR computes for two columns)
//     from running sums, several times cheaper; Farrington's default model is this.
// A column whose part not explained by the earlier ones is below 1e-11 of its
// norm (R's tolerance for glm.fit, min(1e-7, epsilon/1000)) makes the design
// rank deficient: `solve` returns false, and the callers report "no model".

const RANK_TOLERANCE = 1e-11;

/** The operations glm.ts needs from a weighted least-squares solver. */
export interface WeightedLeastSquares {
  /** Solves for β (length p) given row-major x (n×p), weights W and responses z. */
  solve(
    x: Float64Array,
    n: number,
    p: number,
    work: Float64Array,
    z: Float64Array,
    coef: Float64Array,
  ): boolean;
  /** vᵀ(XᵀWX)⁻¹v for the p values of v from `offset`, for the last solve. */
  quadratic(v: Float64Array, offset: number): number;
  /** (XᵀWX)⁻¹ (p×p, row-major) into `out`, for the last solve. */
  covariance(out: Float64Array): void;
}

/**
 * Intercept (column 0, all ones) plus at most one more column x, solved from
 * the sums Σw, Σwx, Σwz, Σwx², Σwxz that the caller gathers (glm.ts does it
 * while it updates μ, so an IRLS step needs no extra pass over the data).
 * x is shifted by a constant near its mean before squaring, which keeps the
 * centred sums Σw(x − x̄)² = Σwx² − Σw·x̄² free of cancellation.
 */
export class CentredSolver implements Omit<WeightedLeastSquares, 'solve'> {
  private p = 1;
  private shift = 0;
  private sw = 0;
  private swx = 0;
  private swz = 0;
  private swxx = 0;
  private swxz = 0;
  private mean = 0;
  private sxx = 1;

  /**
   * The sums for a model with p (1 or 2) columns, x taken as x − shift:
   * Σw, Σw·x, Σw·z, Σw·x², Σw·x·z (the x sums 0 when p = 1).
   */
  setSums(
    p: number,
    shift: number,
    sw: number,
    swx: number,
    swz: number,
    swxx: number,
    swxz: number,
  ): void {
    this.p = p;
    this.shift = shift;
    this.sw = sw;
    this.swx = swx;
    this.swz = swz;
    this.swxx = swxx;
    this.swxz = swxz;
  }

  /** β from the sums (β0 at x = 0, unshifted); false when x has no spread (rank deficient). */
  solveSums(coef: Float64Array): boolean {
    const { sw, swz } = this;
    if (!(sw > 0)) return false;
    const zBar = swz / sw;
    if (this.p === 1) {
      coef[0] = zBar;
      return Number.isFinite(zBar);
    }
    const dBar = this.swx / sw;
    const sxx = this.swxx - this.swx * dBar;
    const sxz = this.swxz - this.swx * zBar;
    const xBar = dBar + this.shift;
    // R's QR test: the part of x not explained by the intercept against x's own norm.
    const norm2 = this.swxx + 2 * this.shift * this.swx + this.shift * this.shift * sw;
    if (!(Math.sqrt(Math.max(sxx, 0)) > RANK_TOLERANCE * Math.sqrt(norm2))) return false;
    this.mean = xBar;
    this.sxx = sxx;
    const slope = sxz / sxx;
    coef[0] = zBar - slope * xBar;
    coef[1] = slope;
    return Number.isFinite(coef[0] as number) && Number.isFinite(slope);
  }

  /** The state of an intercept-only solve with Σ W = `sumW`, computed by the caller. */
  setInterceptOnly(sumW: number): void {
    this.p = 1;
    this.sw = sumW;
  }

  quadratic(v: Float64Array, offset: number): number {
    const v0 = v[offset] as number;
    if (this.p === 1) return (v0 * v0) / this.sw;
    const centred = (v[offset + 1] as number) - v0 * this.mean;
    return (v0 * v0) / this.sw + (centred * centred) / this.sxx;
  }

  covariance(out: Float64Array): void {
    if (this.p === 1) {
      out[0] = 1 / this.sw;
      return;
    }
    const { sw, mean, sxx } = this;
    out[0] = 1 / sw + (mean * mean) / sxx;
    out[1] = -mean / sxx;
    out[2] = -mean / sxx;
    out[3] = 1 / sxx;
  }
}

/** Householder QR (LINPACK dqrdc2/dqrsl without pivoting), column-major buffers. */
export class QrSolver implements WeightedLeastSquares {
  private n = 0;
  private p = 0;
  private capacity = 0;
  private columns = 0;
  private qr = new Float64Array(0);
  private qraux = new Float64Array(0);
  private effects = new Float64Array(0);
  private rInverse = new Float64Array(0);
  private inverted = false;

  solve(
    x: Float64Array,
    n: number,
    p: number,
    work: Float64Array,
    z: Float64Array,
    coef: Float64Array,
  ): boolean {
    if (n > this.capacity || p > this.columns) this.allocate(n, p);
    this.n = n;
    this.p = p;
    this.inverted = false;
    const { qr, effects } = this;
    for (let i = 0; i < n; i++) {
      const w = Math.sqrt(work[i] as number);
      effects[i] = w * (z[i] as number);
      for (let j = 0; j < p; j++) qr[j * n + i] = w * (x[i * p + j] as number);
    }
    if (!this.factorise()) return false;
    this.applyQTranspose();
    for (let i = p - 1; i >= 0; i--) {
      let s = effects[i] as number;
      for (let k = i + 1; k < p; k++) s -= (qr[k * n + i] as number) * (coef[k] as number);
      coef[i] = s / (qr[i * n + i] as number);
    }
    for (let j = 0; j < p; j++) if (!Number.isFinite(coef[j] as number)) return false;
    return true;
  }

  quadratic(v: Float64Array, offset: number): number {
    this.invert();
    const { p, rInverse } = this;
    let sum = 0;
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k <= j; k++) s += (v[offset + k] as number) * (rInverse[k * p + j] as number);
      sum += s * s;
    }
    return sum;
  }

  covariance(out: Float64Array): void {
    this.invert();
    const { p, rInverse } = this;
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) {
        let s = 0;
        for (let k = Math.max(a, b); k < p; k++)
          s += (rInverse[a * p + k] as number) * (rInverse[b * p + k] as number);
        out[a * p + b] = s;
      }
    }
  }

  private allocate(n: number, p: number): void {
    this.capacity = Math.max(n, this.capacity);
    this.columns = Math.max(p, this.columns);
    this.qr = new Float64Array(this.capacity * this.columns);
    this.qraux = new Float64Array(this.columns);
    this.effects = new Float64Array(this.capacity);
    this.rInverse = new Float64Array(this.columns * this.columns);
  }

  /** dqrdc2: Householder vectors below the diagonal (with qraux), R on and above it. */
  private factorise(): boolean {
    const { n, p, qr: a, qraux } = this;
    for (let j = 0; j < p; j++) {
      const col = j * n;
      let original = 0;
      let norm = 0;
      for (let i = 0; i < n; i++) {
        const v = a[col + i] as number;
        original += v * v;
        if (i >= j) norm += v * v;
      }
      norm = Math.sqrt(norm);
      if (!(norm > RANK_TOLERANCE * Math.sqrt(original))) return false;
      if ((a[col + j] as number) < 0) norm = -norm;
      const scale = 1 / norm; // dscal by the reciprocal, as LINPACK does
      for (let i = j; i < n; i++) a[col + i] = (a[col + i] as number) * scale;
      a[col + j] = (a[col + j] as number) + 1;
      const pivot = a[col + j] as number;
      for (let k = j + 1; k < p; k++) {
        const other = k * n;
        let dot = 0;
        for (let i = j; i < n; i++) dot += (a[col + i] as number) * (a[other + i] as number);
        const t = -dot / pivot;
        for (let i = j; i < n; i++)
          a[other + i] = (a[other + i] as number) + t * (a[col + i] as number);
      }
      qraux[j] = pivot;
      a[col + j] = -norm;
    }
    return true;
  }

  /** dqrsl: effects ← Qᵀ effects. */
  private applyQTranspose(): void {
    const { n, p, qr: a, qraux, effects: y } = this;
    for (let j = 0; j < p; j++) {
      const col = j * n;
      const pivot = qraux[j] as number;
      if (pivot === 0) continue;
      let dot = pivot * (y[j] as number);
      for (let i = j + 1; i < n; i++) dot += (a[col + i] as number) * (y[i] as number);
      const t = -dot / pivot;
      y[j] = (y[j] as number) + t * pivot;
      for (let i = j + 1; i < n; i++) y[i] = (y[i] as number) + t * (a[col + i] as number);
    }
  }

  /** R⁻¹ (p×p, row-major, upper triangular), once per solve. */
  private invert(): void {
    if (this.inverted) return;
    const { n, p, qr: a, rInverse: out } = this;
    out.fill(0);
    for (let j = p - 1; j >= 0; j--) {
      out[j * p + j] = 1 / (a[j * n + j] as number);
      for (let i = j - 1; i >= 0; i--) {
        let s = 0;
        for (let k = i + 1; k <= j; k++) s += (a[k * n + i] as number) * (out[k * p + j] as number);
        out[i * p + j] = -s / (a[i * n + i] as number);
      }
    }
    this.inverted = true;
  }
}
