import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError } from './cliError.ts';
import { parseDateWithFormat, parseLinkMap, runDedup, runLink } from './linkCommands.ts';

const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/linkage');
const LEFT = join(FIXTURES, 'febrl_dataset4a_slice.csv');
const RIGHT = join(FIXTURES, 'febrl_dataset4b_slice.csv');
const SCHEMA = join(FIXTURES, 'clkhash_febrl4_schema_v3_final.json');
let dir = '';
let map = '';

/** Runs a command, returning its exit code and what it printed on stdout. */
async function run(
  command: (args: string[]) => Promise<number>,
  args: string[],
): Promise<{ code: number; out: string }> {
  let out = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await command(args), out };
  } finally {
    stdout.mockRestore();
  }
}

beforeAll(() => {
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true); // progress lines
  dir = mkdtempSync(join(tmpdir(), 'pf-link-'));
  map = join(dir, 'map.json');
  writeFileSync(
    map,
    JSON.stringify({
      id: 'rec_id',
      fields: {
        given_name: 'given_name',
        family_name: 'surname',
        birth_date: { column: 'date_of_birth', format: 'YYYYMMDD' },
        address: ['street_number', 'address_1', 'address_2'],
        area: 'suburb',
        postcode: 'postcode',
      },
    }),
  );
});
afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('pathfinder link / dedup', () => {
  it('links two CSV files and reports precision, recall and F1 against a truth column', async () => {
    const out = join(dir, 'pairs.csv');
    const r = await run(runLink, [
      '--left',
      LEFT,
      '--right',
      RIGHT,
      '--map',
      map,
      '--out',
      out,
      '--truth',
      'rec_id',
      '--truth-pattern',
      'rec-(\\d+)',
    ]);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('left_id,right_id,score,decision');
    expect(lines[1]).toMatch(/^rec-\d+-org,rec-\d+-dup-0,[01]\.\d{4},(match|review)$/);
    const f1 = Number(/F1 (\d\.\d+)/.exec(r.out)?.[1]);
    expect(f1).toBeGreaterThanOrEqual(0.99);
  }, 30_000);
  it('de-duplicates one file', async () => {
    const out = join(dir, 'dedup.csv');
    const r = await run(runDedup, [
      '--input',
      join(FIXTURES, 'febrl_dataset1.csv'),
      '--map',
      map,
      '--out',
      out,
      '--truth',
      'rec_id',
      '--truth-pattern',
      'rec-(\\d+)',
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('id_a,id_b,score,decision');
    expect(Number(/F1 (\d\.\d+)/.exec(r.out)?.[1])).toBeGreaterThanOrEqual(0.98);
  }, 30_000);
  it('links on CLK encodings only, with the secret from a file, writing no clear identifier', async () => {
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'secret\n');
    const out = join(dir, 'clk.csv');
    const r = await run(runLink, [
      '--left',
      LEFT,
      '--right',
      RIGHT,
      '--map',
      map,
      '--out',
      out,
      '--clk',
      SCHEMA,
      '--secret-file',
      secret,
      '--truth',
      'rec_id',
      '--truth-pattern',
      'rec-(\\d+)',
    ]);
    expect(r.code).toBe(0);
    expect(Number(/F1 (\d\.\d+)/.exec(r.out)?.[1])).toBeGreaterThanOrEqual(0.98);
    const written = readFileSync(out, 'utf8');
    expect(written).not.toMatch(/michaela|neumann|stanley/);
  }, 60_000);
  it('refuses a CLK run without a secret, and a secret on the command line', async () => {
    const saved = process.env.PATHFINDER_CLK_SECRET;
    delete process.env.PATHFINDER_CLK_SECRET;
    try {
      await expect(
        runLink([
          '--left',
          LEFT,
          '--right',
          RIGHT,
          '--map',
          map,
          '--out',
          join(dir, 'x.csv'),
          '--clk',
          SCHEMA,
        ]),
      ).rejects.toThrow(/secret/);
      await expect(
        runLink([
          '--left',
          LEFT,
          '--right',
          RIGHT,
          '--map',
          map,
          '--out',
          join(dir, 'x.csv'),
          '--secret',
          's',
        ]),
      ).rejects.toThrow(CliError);
    } finally {
      if (saved !== undefined) process.env.PATHFINDER_CLK_SECRET = saved;
    }
  });
  it('says clearly what is wrong with a map, a file or a column', async () => {
    const bad = (json: unknown): string => {
      const p = join(dir, `bad-${Math.random()}.json`);
      writeFileSync(p, typeof json === 'string' ? json : JSON.stringify(json));
      return p;
    };
    const args = (m: string, left = LEFT) => [
      '--left',
      left,
      '--right',
      RIGHT,
      '--map',
      m,
      '--out',
      join(dir, 'x.csv'),
    ];
    await expect(runLink(args(bad({ id: 'rec_id', fields: { shoe_size: 'x' } })))).rejects.toThrow(
      /unknown role "shoe_size"/,
    );
    await expect(runLink(args(bad('{not json')))).rejects.toThrow(/not valid JSON/);
    await expect(
      runLink(args(bad({ id: 'rec_id', fields: { given_name: 'first_name' } }))),
    ).rejects.toThrow(/no column "first_name"/);
    await expect(runLink(args(map, join(dir, 'missing.csv')))).rejects.toThrow(
      /cannot read .*missing\.csv: ENOENT/,
    );
    await expect(
      runLink(
        args(
          bad({
            id: 'rec_id',
            fields: { birth_date: { column: 'date_of_birth', format: 'dd.mm.yy' } },
          }),
        ),
      ),
    ).rejects.toThrow(/unsupported format/);
  });
  it('parses date formats and map shapes', () => {
    expect(parseDateWithFormat('19151111', 'YYYYMMDD')).toBe('1915-11-11');
    expect(parseDateWithFormat('11/3/1915', 'DD/MM/YYYY')).toBe('1915-03-11');
    expect(parseDateWithFormat('3/11/1915', 'MM/DD/YYYY')).toBe('1915-03-11');
    expect(parseDateWithFormat('1915', 'YYYY-MM-DD')).toBe('1915');
    expect(parseDateWithFormat('garbage', 'YYYY-MM-DD')).toBe('');
    expect(
      parseLinkMap({ id: 'id', fields: { family_name: ['a', 'b'] } }).roles.family_name?.columns,
    ).toEqual(['a', 'b']);
  });
});
