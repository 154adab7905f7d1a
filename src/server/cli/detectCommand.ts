/**
 * `pathfinder detect`: aberration detection on one weekly series (docs/alerts.md).
 * Reads `week,count` (oldest first), runs one method over the last N weeks and
 * writes `week,count,expected,upper,stat,alarm`, NA where a value is undefined.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  ABERRATION_METHODS,
  type AberrationError,
  type AberrationMethod,
  CATALOGUES,
  checkWeekLabels,
  detectAberrations,
  translate,
  type WeekResult,
} from '../../core/index.ts';
import { aberrationMessage } from '../services/alertsErrors.ts';
import { CliError } from './cliError.ts';

const USAGE =
  'usage: pathfinder detect --input SERIES.csv --method METHOD [--weeks 20] [--alpha 0.05] [--out FILE]';
const FARRINGTON: readonly AberrationMethod[] = ['farrington', 'farrington-1996', 'noufaily'];
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const MISSING = new Set(['', 'NA', 'na', 'N/A', 'NaN']);

/** A parsed input file: labels and counts (null = missing), with each row's line number. */
interface WeeklySeries {
  labels: string[];
  counts: (number | null)[];
  lines: number[];
}

/** Runs `pathfinder detect`; returns the exit code. */
export async function runDetect(args: string[]): Promise<number> {
  const options = readOptions(args);
  const series = await readSeries(options.input);
  const say = (error: AberrationError) => explain(error, series, options);
  const labelProblem = checkWeekLabels(series.labels);
  if (labelProblem) throw new CliError(say(labelProblem));
  const outcome = detectAberrations(options.method, {
    counts: series.counts,
    evaluate: options.weeks,
    ...(options.alpha === undefined ? {} : { alpha: options.alpha }),
  });
  if (!outcome.ok) throw new CliError(say(outcome.error));
  const csv = toCsv(outcome.weeks, series.labels, options.method);
  if (options.out === undefined) process.stdout.write(csv);
  else {
    try {
      await writeFile(options.out, csv);
    } catch (error) {
      throw new CliError(`cannot write ${options.out}: ${reason(error)}`);
    }
  }
  return 0;
}

interface DetectOptions {
  input: string;
  method: AberrationMethod;
  weeks: number;
  alpha: number | undefined;
  out: string | undefined;
}

function readOptions(args: string[]): DetectOptions {
  let values: { [key: string]: string | undefined };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        input: { type: 'string' },
        method: { type: 'string' },
        weeks: { type: 'string' },
        alpha: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new CliError(`${reason(error)} (${USAGE})`);
  }
  const { input, method } = values;
  if (input === undefined || method === undefined)
    throw new CliError(`--input and --method are required (${USAGE})`);
  if (!(ABERRATION_METHODS as readonly string[]).includes(method))
    throw new CliError(`unknown method "${method}" (one of: ${ABERRATION_METHODS.join(', ')})`);
  const known = method as AberrationMethod;
  const weeks = values.weeks === undefined ? 20 : Number(values.weeks);
  if (!Number.isInteger(weeks) || weeks < 1)
    throw new CliError(
      `--weeks must be a whole number of weeks, at least 1 (got "${values.weeks}")`,
    );
  let alpha: number | undefined;
  if (values.alpha !== undefined) {
    if (!FARRINGTON.includes(known))
      throw new CliError(`--alpha applies to the Farrington methods only, not to ${known}`);
    alpha = NUMBER.test(values.alpha) ? Number(values.alpha) : Number.NaN;
    if (!(alpha > 0 && alpha < 0.5))
      throw new CliError(`--alpha must be a number above 0 and below 0.5 (got "${values.alpha}")`);
  }
  return { input, method: known, weeks, alpha, out: values.out };
}

async function readSeries(file: string): Promise<WeeklySeries> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CliError(`cannot read ${file}: ${missing ? 'no such file' : reason(error)}`);
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, csv-parse returns { record, info } per row; its typings do not say so.
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw new CliError(`${file} is not a readable CSV file: ${reason(error)}`);
  }
  const [head, ...rows] = records;
  const header = (head?.record ?? []).map((h) => h.toLowerCase());
  if (header.length !== 2 || header[0] !== 'week' || header[1] !== 'count')
    throw new CliError(
      `${file}: the first line must be the header week,count (found "${(head?.record ?? []).join(',')}")`,
    );
  if (rows.length === 0) throw new CliError(`${file} has a header but no weeks`);
  const series: WeeklySeries = { labels: [], counts: [], lines: [] };
  for (const { record, info } of rows) {
    if (record.length !== 2)
      throw new CliError(
        `${file} line ${info.lines}: expected 2 fields (week,count), found ${record.length}`,
      );
    const [label = '', count = ''] = record;
    if (!MISSING.has(count) && !NUMBER.test(count))
      throw new CliError(`${file} line ${info.lines}: the count "${count}" is not a number`);
    series.labels.push(label);
    series.counts.push(MISSING.has(count) ? null : Number(count));
    series.lines.push(info.lines);
  }
  return series;
}

/** One line for a core error in the reader's language, naming the file line of a week. */
function explain(error: AberrationError, series: WeeklySeries, options: DetectOptions): string {
  const languages = cliLanguages();
  const message = aberrationMessage(error, series.labels, languages);
  const week = 'week' in error ? error.week : undefined;
  if (week === undefined) return message;
  const line = series.lines[week] ?? '?';
  const at = translate(CATALOGUES, languages, 'errors.aberration.at_line', {
    file: options.input,
    line,
  });
  return `${at} — ${message}`;
}

/** The language of the terminal (LC_ALL, LC_MESSAGES, LANG: `fr_FR.UTF-8` → fr), then English. */
function cliLanguages(): string[] {
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  const lang = /^([a-z]{2,3})(?:[_.@-]|$)/i.exec(env)?.[1]?.toLowerCase();
  return lang && lang !== 'c' ? [lang, 'en'] : ['en'];
}

function toCsv(
  weeks: readonly WeekResult[],
  labels: readonly string[],
  method: AberrationMethod,
): string {
  const showStat = method === 'ears-c3' || method === 'cusum';
  const rows = weeks.map((w) => [
    labels[w.week] ?? String(w.week + 1),
    String(w.observed),
    number(w.expected),
    number(w.upper),
    showStat ? number(w.stat) : 'NA',
    w.alarm === null ? 'NA' : w.alarm ? '1' : '0',
  ]);
  return stringify([['week', 'count', 'expected', 'upper', 'stat', 'alarm'], ...rows]);
}

/** Six decimals, as the R reference script prints; Inf for an infinite EARS C3 sum. */
function number(value: number | null): string {
  if (value === null || Number.isNaN(value)) return 'NA';
  if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
  return value.toFixed(6);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
