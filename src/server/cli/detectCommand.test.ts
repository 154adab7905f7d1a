import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from './cliError.ts';
import { runDetect } from './detectCommand.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'tests', 'fixtures', 'aberration');
const dir = mkdtempSync(join(tmpdir(), 'pathfinder-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reference columns (tests/fixtures/aberration/SOURCE.md) for each method's output columns. */
const COLUMNS: Record<string, Partial<Record<'expected' | 'upper' | 'stat' | 'alarm', string>>> = {
  farrington: { expected: 'ff_expected', upper: 'ff_upper', alarm: 'ff_alarm' },
  'farrington-1996': { expected: 'farr_expected', upper: 'farr_upper', alarm: 'farr_alarm' },
  noufaily: { expected: 'nouf_expected', upper: 'nouf_upper', alarm: 'nouf_alarm' },
  'ears-c1': { upper: 'c1_upper', alarm: 'c1_alarm' },
  'ears-c2': { upper: 'c2_upper', alarm: 'c2_alarm' },
  'ears-c3': { stat: 'c3doc_stat', alarm: 'c3doc_alarm' },
  cusum: { stat: 'cusum_stat', upper: 'cusum_upper', alarm: 'cusum_alarm' },
};

function table(path: string): Record<string, string>[] {
  const [head = '', ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i], v])));
}

async function detect(args: string[]): Promise<Record<string, string>[]> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.csv`);
  expect(await runDetect([...args, '--out', out])).toBe(0);
  return table(out);
}

function writeSeries(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('pathfinder detect', () => {
  for (const series of ['seasonal_outbreak', 'flat_low', 'trending']) {
    it.each(Object.keys(COLUMNS))(`%s on ${series} matches R`, async (method) => {
      const input = join(FIXTURES, 'series', `${series}.csv`);
      const rows = await detect(['--input', input, '--method', method]);
      const reference = table(join(FIXTURES, 'outputs', `${series}.reference.csv`));
      expect(rows).toHaveLength(20);
      rows.forEach((row, i) => {
        const ref = reference[i] ?? {};
        expect(row.week).toBe(ref.week);
        expect(row.count).toBe(ref.count);
        for (const [field, column] of Object.entries(COLUMNS[method] ?? {})) {
          const ours = row[field] ?? '';
          const theirs = ref[column] ?? '';
          if (field === 'alarm' || theirs === 'NA' || ours === 'NA') {
            expect(ours, `${method} ${field} row ${i + 1}`).toBe(theirs);
            continue;
          }
          // Both sides are printed to 6 decimals; allow that rounding on top of 1e-6.
          const tolerance = 1e-6 * Math.max(Math.abs(Number(theirs)), 1) + 1e-9;
          expect(
            Math.abs(Number(ours) - Number(theirs)),
            `${method} ${field} row ${i + 1}`,
          ).toBeLessThanOrEqual(tolerance);
        }
        if (!('stat' in (COLUMNS[method] ?? {}))) expect(row.stat).toBe('NA');
      });
    });
  }

  it('writes the header and the last --weeks weeks, with alpha for Farrington', async () => {
    const input = join(FIXTURES, 'series', 'seasonal_outbreak.csv');
    const out = join(dir, 'alpha.csv');
    await runDetect([
      '--input',
      input,
      '--method',
      'farrington',
      '--weeks',
      '3',
      '--alpha',
      '0.01',
      '--out',
      out,
    ]);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('week,count,expected,upper,stat,alarm');
    const rows = table(out);
    expect(rows.map((r) => r.week)).toEqual(['2024-12-02', '2024-12-09', '2024-12-16']);
    const at05 = (await detect(['--input', input, '--method', 'farrington', '--weeks', '3'])).map(
      (r) => Number(r.upper),
    );
    rows.forEach((r, i) => {
      expect(Number(r.upper)).toBeGreaterThan(at05[i] as number);
    });
  });

  const refusals: [string, () => string[], RegExp][] = [
    [
      'a missing file',
      () => ['--input', join(dir, 'nope.csv'), '--method', 'cusum'],
      /cannot read .*nope\.csv: no such file/,
    ],
    [
      'a bad header',
      () => ['--input', writeSeries('h.csv', 'date,cases\n2024-01-01,1\n'), '--method', 'cusum'],
      /header week,count \(found "date,cases"\)/,
    ],
    [
      'a missing week',
      () => [
        '--input',
        writeSeries('g.csv', 'week,count\n2024-01-01,1\n2024-01-08,2\n2024-01-22,3\n'),
        '--method',
        'cusum',
        '--weeks',
        '1',
      ],
      /, line 4 — Week 2024-01-22: weeks 2024-01-08 and 2024-01-22 are not consecutive/,
    ],
    [
      'an empty count',
      () => [
        '--input',
        writeSeries('e.csv', 'week,count\n1,1\n2,\n3,3\n'),
        '--method',
        'cusum',
        '--weeks',
        '1',
      ],
      /, line 3 — Week 2: the count is missing/,
    ],
    [
      'a negative count',
      () => [
        '--input',
        writeSeries('n.csv', 'week,count\n1,1\n2,-2\n3,3\n'),
        '--method',
        'cusum',
        '--weeks',
        '1',
      ],
      /, line 3 — Week 2: the count -2 is negative/,
    ],
    [
      'a fractional count',
      () => [
        '--input',
        writeSeries('f.csv', 'week,count\n1,1\n2,2.5\n3,3\n'),
        '--method',
        'cusum',
        '--weeks',
        '1',
      ],
      /the count 2.5 is not a whole number/,
    ],
    [
      'a count that is not a number',
      () => [
        '--input',
        writeSeries('x.csv', 'week,count\n1,1\n2,two\n'),
        '--method',
        'cusum',
        '--weeks',
        '1',
      ],
      /line 3: the count "two" is not a number/,
    ],
    [
      'too little history',
      () => [
        '--input',
        join(FIXTURES, 'series', 'trending.csv'),
        '--method',
        'farrington',
        '--weeks',
        '110',
      ],
      /farrington needs 263 weeks of history before the first evaluated week; .* has 254/,
    ],
    [
      'more weeks than the file has',
      () => [
        '--input',
        join(FIXTURES, 'series', 'trending.csv'),
        '--method',
        'cusum',
        '--weeks',
        '400',
      ],
      /400 weeks to evaluate is more than the series has \(364\)/,
    ],
    [
      'an unknown method',
      () => ['--input', 'x.csv', '--method', 'shewhart'],
      /unknown method "shewhart" \(one of: farrington, /,
    ],
    [
      '--alpha with EARS',
      () => ['--input', 'x.csv', '--method', 'ears-c1', '--alpha', '0.01'],
      /--alpha applies to the Farrington methods only, not to ears-c1/,
    ],
    [
      'a bad --alpha',
      () => ['--input', 'x.csv', '--method', 'noufaily', '--alpha', '5%'],
      /--alpha must be a number above 0 and below 0.5/,
    ],
    [
      'a bad --weeks',
      () => ['--input', 'x.csv', '--method', 'cusum', '--weeks', 'ten'],
      /--weeks must be a whole number/,
    ],
    [
      'an unknown option',
      () => ['--input', 'x.csv', '--method', 'cusum', '--window', '3'],
      /Unknown option '--window'/,
    ],
    ['no input', () => ['--method', 'cusum'], /--input and --method are required/],
  ];
  it.each(refusals)('refuses %s with one clear line', async (_what, args, message) => {
    const error = await runDetect(args()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(message);
    expect((error as CliError).message).not.toContain('\n');
  });
});

describe('pathfinder detect in the terminal language', () => {
  it('words a refusal in French under LANG=fr_FR.UTF-8', async () => {
    const saved = { LC_ALL: process.env.LC_ALL, LANG: process.env.LANG };
    process.env.LC_ALL = '';
    process.env.LANG = 'fr_FR.UTF-8';
    try {
      const input = writeSeries('fr.csv', 'week,count\n1,1\n2,\n3,4\n');
      const error = await runDetect(['--input', input, '--method', 'cusum', '--weeks', '1']).catch(
        (e: unknown) => e,
      );
      expect((error as CliError).message).toMatch(
        /fr\.csv, ligne 3 — Semaine 2 : le nombre manque/,
      );
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  });
});
