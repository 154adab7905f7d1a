// Compares our results with reference tables computed by the R package
// surveillance (tests/fixtures/aberration/SOURCE.md and extra/make_extra.R).
// Each reference column is named <run>_<field>; the run says which method and
// settings produced it. Used by the parity tests and the benchmark; not part
// of the public API.
import { cusum } from './cusum.ts';
import { earsC1, earsC2, earsC3 } from './ears.ts';
import { farrington1996, farringtonFlexible, noufaily } from './farrington.ts';
import type { AberrationOutcome, WeekResult } from './series.ts';

type Run = (counts: readonly number[], evaluate: number) => AberrationOutcome;

const nouf = { noPeriods: 10, pastWeeksNotIncluded: 26, pThresholdTrend: 1 } as const;
const earsAlt = { alpha: 0.01, minSigma: 0.5, baseline: 5 } as const;

/** The run behind each column prefix of the reference tables. */
export const REFERENCE_RUNS: Readonly<Record<string, Run>> = {
  ff: (counts, evaluate) => farringtonFlexible({ counts, evaluate }),
  farr: (counts, evaluate) => farrington1996({ counts, evaluate }),
  nouf: (counts, evaluate) => noufaily({ counts, evaluate }),
  ff_a01: (counts, evaluate) => farringtonFlexible({ counts, evaluate, alpha: 0.01 }),
  nouf_a01: (counts, evaluate) => noufaily({ counts, evaluate, alpha: 0.01 }),
  muan: (counts, evaluate) =>
    farringtonFlexible({ counts, evaluate, ...nouf, thresholdMethod: 'muan' }),
  half: (counts, evaluate) => farringtonFlexible({ counts, evaluate, powertrans: '1/2' }),
  none: (counts, evaluate) => farringtonFlexible({ counts, evaluate, powertrans: 'none' }),
  noreweight: (counts, evaluate) => farringtonFlexible({ counts, evaluate, reweight: false }),
  notrend: (counts, evaluate) => farringtonFlexible({ counts, evaluate, trend: false }),
  p4: (counts, evaluate) =>
    farringtonFlexible({ counts, evaluate, noPeriods: 4, pastWeeksNotIncluded: 10 }),
  b3w2: (counts, evaluate) => farringtonFlexible({ counts, evaluate, b: 3, w: 2 }),
  limit: (counts, evaluate) => farringtonFlexible({ counts, evaluate, limit54: [10, 3] }),
  c1: (counts, evaluate) => earsC1({ counts, evaluate }),
  c2: (counts, evaluate) => earsC2({ counts, evaluate }),
  c3: (counts, evaluate) => earsC3({ counts, evaluate, c3: 'surveillance' }),
  c1_alt: (counts, evaluate) => earsC1({ counts, evaluate, ...earsAlt }),
  c2_alt: (counts, evaluate) => earsC2({ counts, evaluate, ...earsAlt }),
  c3_alt: (counts, evaluate) => earsC3({ counts, evaluate, ...earsAlt, c3: 'surveillance' }),
  c3doc: (counts, evaluate) => earsC3({ counts, evaluate }),
  c3doc_alt: (counts, evaluate) => earsC3({ counts, evaluate, ...earsAlt }),
  cusum: (counts, evaluate) => cusum({ counts, evaluate }),
  cusum_alt: (counts, evaluate) => cusum({ counts, evaluate, k: 0.5, h: 4 }),
};

const FIELDS = ['expected', 'upper', 'stat', 'alarm'] as const;
type Field = (typeof FIELDS)[number];

/** How one reference column compares. */
export interface ColumnParity {
  column: string;
  /** max |ours − ref| / max(|ref|, 1) over the numeric cells (0 if none). */
  maxRelDiff: number;
  /** Cells that differ in kind: NA against a number, or a different alarm. */
  mismatches: string[];
  /** Set when our method refused the series (the error code) instead of giving numbers. */
  refused?: string;
}

/** Parses a comma-separated table without quoting (as R's write.csv(quote = FALSE) writes). */
export function parseSimpleCsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split(/\r?\n/).filter((line) => line !== '');
  const [head = '', ...body] = lines;
  return { header: head.split(','), rows: body.map((line) => line.split(',')) };
}

/** The counts of a `week,count` series file. */
export function parseSeriesCsv(text: string): number[] {
  return parseSimpleCsv(text).rows.map((row) => Number(row[1]));
}

/** Compares every column of a reference table with our runs on the same counts. */
export function compareWithReference(
  counts: readonly number[],
  referenceCsv: string,
): ColumnParity[] {
  const { header, rows } = parseSimpleCsv(referenceCsv);
  const outcomes = new Map<string, AberrationOutcome>();
  const result: ColumnParity[] = [];
  header.forEach((column, c) => {
    const split = column.lastIndexOf('_');
    const prefix = column.slice(0, split);
    const field = column.slice(split + 1) as Field;
    const run = REFERENCE_RUNS[prefix];
    if (!run || !FIELDS.includes(field)) return;
    let outcome = outcomes.get(prefix);
    if (!outcome) {
      outcome = run(counts, rows.length);
      outcomes.set(prefix, outcome);
    }
    if (!outcome.ok) {
      result.push({ column, maxRelDiff: 0, mismatches: [], refused: outcome.error.code });
      return;
    }
    const alarmColumn = header.indexOf(`${prefix}_alarm`);
    const reference = rows.map((row) => {
      const value = row[c] ?? '';
      // farringtonFlexible leaves `expected` at its initial 0 when no model could be
      // fitted (alarm NA); we report null there rather than a made-up 0.
      const noModel = field === 'expected' && row[alarmColumn] === 'NA' && value === '0';
      return noModel ? 'NA' : value;
    });
    result.push(compareColumn(column, field, outcome.weeks, reference));
  });
  return result;
}

function compareColumn(
  column: string,
  field: Field,
  weeks: readonly WeekResult[],
  reference: readonly string[],
): ColumnParity {
  let maxRelDiff = 0;
  const mismatches: string[] = [];
  reference.forEach((ref, i) => {
    const week = weeks[i];
    const ours = week ? week[field] : undefined;
    const where = `${column} row ${i + 1}: ours ${String(ours)}, R ${ref}`;
    if (field === 'alarm') {
      const text = ours === null ? 'NA' : ours ? '1' : '0';
      if (text !== ref) mismatches.push(where);
      return;
    }
    if (ref === 'NA' || ours === null || typeof ours !== 'number') {
      if (!(ref === 'NA' && ours === null)) mismatches.push(where);
      return;
    }
    const expected = ref === 'Inf' ? Infinity : ref === '-Inf' ? -Infinity : Number(ref);
    if (!Number.isFinite(expected)) {
      if (ours !== expected) mismatches.push(where);
      return;
    }
    const diff = Math.abs(ours - expected) / Math.max(Math.abs(expected), 1);
    if (!(diff <= maxRelDiff)) maxRelDiff = Number.isNaN(diff) ? Infinity : diff;
  });
  return { column, maxRelDiff, mismatches };
}
