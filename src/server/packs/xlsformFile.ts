import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import {
  checkForm,
  type FormDefinition,
  formFromSheets,
  sheetsFromForm,
  type XlsFormRow,
  type XlsFormSheets,
} from '../../core/index.ts';

// Reads and writes XLSForm workbooks (.xlsx) for country-pack forms; the
// conversion itself is core's formFromSheets / sheetsFromForm.

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MAX_ROWS = 5000;
const MAX_COLUMNS = 200;

type Worksheet = ExcelJS.Worksheet;
type WorkbookBuffer = Parameters<ExcelJS.Workbook['xlsx']['load']>[0];

function isoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** The text of a cell as a person sees it: rich text joined, a formula's last result, … */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return isoDate(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    return typeof text === 'string' ? text : cellText(text as ExcelJS.CellValue);
  }
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
  if ('error' in value) return value.error;
  return '';
}

function sheetRows(sheet: Worksheet): XlsFormRow[] {
  const label = `sheet "${sheet.name}"`;
  if (sheet.rowCount > MAX_ROWS) throw new Error(`${label} has more than ${MAX_ROWS} rows`);
  if (sheet.columnCount > MAX_COLUMNS)
    throw new Error(`${label} has more than ${MAX_COLUMNS} columns`);
  const headers = new Map<number, string>();
  const header = sheet.getRow(1);
  for (let c = 1; c <= sheet.columnCount; c += 1) {
    const text = cellText(header.getCell(c).value).trim();
    if (!text) continue;
    if ([...headers.values()].includes(text))
      throw new Error(`${label}: column "${text}" appears twice`);
    headers.set(c, text);
  }
  const rows: XlsFormRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const out: XlsFormRow = {};
    for (const [c, name] of headers) {
      const text = cellText(row.getCell(c).value);
      if (text !== '') out[name] = text;
    }
    rows.push(out);
  }
  return rows;
}

async function loadWorkbook(bytes: Uint8Array, label: string): Promise<ExcelJS.Workbook> {
  if (bytes.length === 0)
    throw new Error(`${label} is empty (0 bytes); expected an .xlsx workbook`);
  if (bytes.length > MAX_FILE_BYTES)
    throw new Error(`${label} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  const magic = Buffer.from(bytes.subarray(0, 4)).toString('hex');
  if (magic === 'd0cf11e0')
    throw new Error(
      `${label} is an old .xls (or password-protected) workbook; save it as Excel Workbook (.xlsx)`,
    );
  if (magic !== '504b0304') throw new Error(`${label} is not an .xlsx workbook`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as WorkbookBuffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${label} cannot be read as an .xlsx workbook (${reason})`);
  }
  return workbook;
}

/**
 * Reads an XLSForm workbook (sheets `survey`, `choices`, `settings`, names in any
 * case) into a checked form definition. Throws an Error naming every problem.
 */
export async function readXlsForm(
  input: string | Uint8Array,
  options: { id?: string } = {},
): Promise<FormDefinition> {
  const label = typeof input === 'string' ? basename(input) : 'the workbook';
  const bytes = typeof input === 'string' ? await readFile(input) : input;
  const workbook = await loadWorkbook(bytes, label);
  const sheet = (name: string) =>
    workbook.worksheets.find((ws) => ws.name.trim().toLowerCase() === name);
  const survey = sheet('survey');
  if (!survey) {
    const found = workbook.worksheets.map((ws) => `"${ws.name}"`).join(', ') || 'none';
    throw new Error(`${label} has no "survey" sheet (sheets found: ${found})`);
  }
  let form: FormDefinition;
  try {
    const choices = sheet('choices');
    const settings = sheet('settings');
    const sheets: XlsFormSheets = {
      survey: sheetRows(survey),
      choices: choices ? sheetRows(choices) : [],
      ...(settings ? { settings: sheetRows(settings) } : {}),
    };
    form = formFromSheets(sheets, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${label}: ${reason}`, { cause: error });
  }
  const problems = checkForm(form);
  if (problems.length)
    throw new Error(`${label}: the form has problems:\n- ${problems.join('\n- ')}`);
  return form;
}

function addSheet(workbook: ExcelJS.Workbook, name: string, rows: XlsFormRow[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? ''));
  headers.forEach((header, i) => {
    const longest = Math.max(header.length, ...rows.map((row) => (row[header] ?? '').length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
  });
}

/** Writes a form definition as an XLSForm workbook (.xlsx bytes). */
export async function writeXlsForm(form: FormDefinition): Promise<Buffer> {
  const sheets = sheetsFromForm(form);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pathfinder';
  addSheet(workbook, 'survey', sheets.survey);
  addSheet(workbook, 'choices', sheets.choices);
  addSheet(workbook, 'settings', sheets.settings);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
