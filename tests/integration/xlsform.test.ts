// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to fields as ${name}
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { type FormDefinition, validateAnswers } from '../../src/core/index.ts';
import { runForm } from '../../src/server/cli/formCommands.ts';
import { readXlsForm, writeXlsForm } from '../../src/server/packs/xlsformFile.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'xlsform', 'nepal-intake.xlsx');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as FormDefinition;
const INTAKE = readJson(join(ROOT, 'packs', 'npl', 'forms', 'intake.json'));
const ASSESSMENT = readJson(join(ROOT, 'packs', 'npl', 'forms', 'assessment.json'));
const tmp = mkdtempSync(join(tmpdir(), 'pf-xlsform-'));
const run = promisify(execFile);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
});

/** A workbook built cell by cell, for the malformed cases. */
async function workbook(sheets: Record<string, ExcelJS.CellValue[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const SETTINGS = [['form_id'], ['tiny']];

describe('XLSForm workbooks', () => {
  it('reads the committed Nepal workbook into exactly the pack’s intake form', async () => {
    const form = await readXlsForm(FIXTURE);
    expect(form).toEqual(INTAKE);
    expect(form.fields.map((f) => f.name)).toEqual([
      'intro_npl',
      'school_enrolled',
      'school_grade',
      'kamaiya_family',
      'workplace_type',
      'workplace_other',
      'date_started_work',
      'hazards_seen',
      'debt_owed_npr',
      'migrated_from_district',
      'guardian_phone',
    ]);
    // The rich-text label and the boolean TRUE `required` cell read as text.
    expect(form.fields[1]).toMatchObject({
      label: { en: 'Is the child enrolled in school?' },
      required: true,
    });
  });

  it('validates answers against the imported form', () => {
    const ctx = { today: '2026-03-15' };
    const ok = validateAnswers(
      INTAKE,
      {
        school_enrolled: 'yes',
        school_grade: '7',
        workplace_type: 'brick_kiln',
        hazards_seen: 'kiln_heat dust_fumes',
        debt_owed_npr: '25000.50',
        guardian_phone: '+977 9841234567',
        date_started_work: '2025-11-20',
      },
      ctx,
    );
    expect(ok.errors).toEqual([]);
    const bad = validateAnswers(
      INTAKE,
      {
        school_enrolled: 'no',
        school_grade: 14,
        workplace_type: 'other',
        hazards_seen: ['none', 'night_work'],
        guardian_phone: '12',
        date_started_work: '2026-03-16',
      },
      ctx,
    );
    expect(bad.errors.map((e) => `${e.field}:${e.messageKey}`)).toEqual([
      'workplace_other:forms.required',
      'date_started_work:forms.constraint',
      'hazards_seen:forms.constraint',
      'guardian_phone:forms.constraint',
    ]);
    expect(bad.errors[1]?.message?.fr).toBe('La date ne peut pas être dans le futur.');
    expect(bad.values).not.toHaveProperty('school_grade');
  });

  it.each([
    ['intake', INTAKE],
    ['assessment', ASSESSMENT],
  ])('round-trips the %s form through writeXlsForm and readXlsForm', async (_, form) => {
    const bytes = await writeXlsForm(form);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(await readXlsForm(bytes)).toEqual(form);
  });

  it('converts numbers, booleans, formulas and hyperlinks in cells to text', async () => {
    const bytes = await workbook({
      SURVEY: [
        ['type', 'name', 'label', 'required', 'constraint'],
        [
          'select_one levels',
          'level',
          { formula: 'CONCAT("Lev","el")', result: 'Level' },
          true,
          null,
        ],
        [
          'text',
          'site',
          { text: 'Site', hyperlink: 'https://example.org' },
          false,
          'string-length(.) < 20',
        ],
      ],
      Choices: [
        ['list_name', 'name', 'label'],
        ['levels', 1, 'One'],
        ['levels', 2.5, 'Two and a half'],
      ],
      Settings: [
        ['form_id', 'version'],
        ['levels', 3],
      ],
    });
    expect(await readXlsForm(bytes)).toEqual({
      id: 'levels',
      version: '3',
      title: { en: 'levels' },
      fields: [
        {
          type: 'select_one',
          name: 'level',
          label: { en: 'Level' },
          required: true,
          choices: [
            { name: '1', label: { en: 'One' } },
            { name: '2.5', label: { en: 'Two and a half' } },
          ],
        },
        { type: 'text', name: 'site', label: { en: 'Site' }, constraint: 'string-length(.) < 20' },
      ],
    });
  });
});

describe('malformed workbooks give a clear error, not a crash', () => {
  it('names the row, field and column of a bad expression', async () => {
    const bytes = await workbook({
      survey: [
        ['type', 'name', 'label', 'relevant', 'constraint'],
        ['integer', 'age', 'Age', '', '. >= 0 and'],
        ['text', 'school', 'School', '${agee} < 18', ''],
      ],
      settings: SETTINGS,
    });
    await expect(readXlsForm(bytes)).rejects.toThrow(
      'the workbook: the XLSForm has 2 problem(s):\n' +
        '- survey row 2: field "age", column "constraint": expected a value, found end of expression at character 11 of ". >= 0 and"\n' +
        '- survey row 3: field "school", column "relevant": ${agee} is not a field of this form',
    );
  });

  it('names an unsupported type with its row', async () => {
    const bytes = await workbook({
      survey: [
        ['type', 'name', 'label'],
        ['text', 'a', 'A'],
        ['geopoint', 'where', 'Where'],
      ],
      settings: SETTINGS,
    });
    await expect(readXlsForm(bytes)).rejects.toThrow(
      /survey row 3: type "geopoint" is not supported/,
    );
  });

  it('says which sheets it found when there is no survey sheet', async () => {
    const bytes = await workbook({ Sheet1: [['type', 'name']], choices: [['list_name']] });
    await expect(readXlsForm(bytes)).rejects.toThrow(
      'the workbook has no "survey" sheet (sheets found: "Sheet1", "choices")',
    );
  });

  it('refuses a file that is not a workbook, an empty file and an old .xls', async () => {
    const text = join(tmp, 'notes.xlsx');
    writeFileSync(text, 'type,name,label\ntext,a,A\n');
    await expect(readXlsForm(text)).rejects.toThrow('notes.xlsx is not an .xlsx workbook');
    const empty = join(tmp, 'empty.xlsx');
    writeFileSync(empty, '');
    await expect(readXlsForm(empty)).rejects.toThrow(
      'empty.xlsx is empty (0 bytes); expected an .xlsx workbook',
    );
    const xls = Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex');
    await expect(readXlsForm(xls)).rejects.toThrow(
      /old \.xls .*save it as Excel Workbook \(\.xlsx\)/,
    );
    const zipNotXlsx = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(60)]);
    await expect(readXlsForm(zipNotXlsx)).rejects.toThrow(/cannot be read as an \.xlsx workbook/);
  });

  it('reports the problem as one clear line from the CLI, with a non-zero exit', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const empty = join(tmp, 'zero.xlsx');
    writeFileSync(empty, '');
    const { main } = await import('../../src/server/cli.ts');
    expect(await main(['form', 'import', empty, '--out', join(tmp, 'x.json')])).toBe(1);
    expect(String(stderr.mock.calls[0]?.[0])).toBe(
      'pathfinder: zero.xlsx is empty (0 bytes); expected an .xlsx workbook\n',
    );
    expect(await main(['form', 'import', join(tmp, 'missing.xlsx')])).toBe(1);
    expect(await main(['form', 'convert', FIXTURE])).toBe(2);
    expect(await main(['form', 'export', join(ROOT, 'packs', 'npl', 'forms', 'intake.json')])).toBe(
      2,
    );
    expect(await main(['form', 'import', FIXTURE, '--bogus'])).toBe(2);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).not.toMatch(/\n\s+at /);
  });
});

describe('pathfinder form import / export', () => {
  it('imports the workbook with the real CLI and prints a one-line summary', async () => {
    const out = join(tmp, 'packs', 'xyz', 'forms', 'intake.json');
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, 'bin', 'pathfinder.mjs'), 'form', 'import', FIXTURE, '--out', out],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(stdout).toBe(
      `imported form npl_intake 2026.11.0: 11 fields, languages en, es, fr → ${out}\n`,
    );
    expect(readJson(out)).toEqual(INTAKE);
    // Byte for byte what is committed, so re-importing leaves no diff.
    expect(readFileSync(out, 'utf8')).toBe(
      readFileSync(join(ROOT, 'packs', 'npl', 'forms', 'intake.json'), 'utf8'),
    );
  });

  it('exports a pack form to a workbook that imports back to the same form', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const xlsx = join(tmp, 'assessment.xlsx');
    const json = join(tmp, 'assessment.json');
    const source = join(ROOT, 'packs', 'npl', 'forms', 'assessment.json');
    expect(await runForm(['export', source, '--out', xlsx])).toBe(0);
    expect(await runForm(['import', xlsx, '--out', json, '--id', 'npl_assessment'])).toBe(0);
    expect(readJson(json)).toEqual(ASSESSMENT);
    expect(stdout.mock.calls.map((c) => String(c[0]))).toEqual([
      `exported form npl_assessment 2026.11.0: 4 fields → ${xlsx}\n`,
      `imported form npl_assessment 2026.11.0: 4 fields, languages en, es, fr → ${json}\n`,
    ]);
  });

  it('refuses to export a JSON form with problems', async () => {
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...ASSESSMENT, fields: [{ type: 'text', name: 'a' }] }));
    await expect(runForm(['export', broken, '--out', join(tmp, 'b.xlsx')])).rejects.toThrow(
      /field "a", column "label": must be text by language/,
    );
    const notJson = join(tmp, 'not.json');
    writeFileSync(notJson, '{');
    await expect(runForm(['export', notJson, '--out', join(tmp, 'c.xlsx')])).rejects.toThrow(
      /is not a JSON form definition/,
    );
  });
});
