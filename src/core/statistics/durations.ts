/**
 * Summaries of delays (time to referral, to acceptance, to first service):
 * count, median and 90th percentile, and the share within a target.
 */
export interface DurationSummary {
  n: number;
  medianHours: number | null;
  p90Hours: number | null;
  /** Percent of the measured items within their target; null when none has a target. */
  withinTargetPct: number | null;
}

/**
 * The q-quantile of sorted values by linear interpolation between order
 * statistics (Hyndman & Fan type 7, R's default): h = (n − 1)q.
 */
export function quantile(sorted: readonly number[], q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/** One delay in hours and, when the item has one, its target in hours. */
export interface Delay {
  hours: number;
  targetHours?: number | null | undefined;
}

/**
 * Summarises delays. Items still waiting past their target count as missed:
 * pass them with `hours` = time waited so far and `open: true`; they enter
 * the target share but not the median (their end is not known yet).
 */
export function summariseDelays(
  delays: readonly (Delay & { open?: boolean | undefined })[],
): DurationSummary {
  const done = delays.filter((d) => !d.open).map((d) => d.hours);
  const sorted = [...done].sort((x, y) => x - y);
  const targeted = delays.filter(
    (d) =>
      d.targetHours !== null &&
      d.targetHours !== undefined &&
      (!d.open || d.hours > (d.targetHours ?? 0)),
  );
  const within = targeted.filter((d) => !d.open && d.hours <= (d.targetHours ?? 0)).length;
  const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    n: sorted.length,
    medianHours: round(quantile(sorted, 0.5)),
    p90Hours: round(quantile(sorted, 0.9)),
    withinTargetPct:
      targeted.length === 0 ? null : Math.round((1000 * within) / targeted.length) / 10,
  };
}

/** Hours between two ISO times. */
export function hoursBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 3_600_000;
}
