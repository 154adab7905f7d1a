import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkForm, type FormDefinition } from '../../core/index.ts';
import { readXlsForm, writeXlsForm } from '../packs/xlsformFile.ts';
import { CliError } from './cliError.ts';

const USAGE = `usage: pathfinder form import FILE.xlsx [--out FORM.json] [--id ID]
       pathfinder form export FORM.json --out FILE.xlsx`;

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { out: { type: 'string' }, id: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

/** Languages of a form's question labels, English first. */
function languages(form: FormDefinition): string[] {
  const all = new Set(form.fields.flatMap((f) => Object.keys(f.label)));
  return [...all].sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));
}

async function write(out: string, data: string | Buffer): Promise<string> {
  const target = resolve(out);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, data);
  return target;
}

async function importForm(file: string, out: string | undefined, id: string | undefined) {
  const form = await readXlsForm(file, id ? { id } : {}).catch((error: unknown) => {
    throw new CliError(error instanceof Error ? error.message : String(error), 1);
  });
  const json = `${JSON.stringify(form, null, 2)}\n`;
  const summary = `form ${form.id} ${form.version}: ${form.fields.length} fields, languages ${languages(form).join(', ')}`;
  if (out === undefined) {
    process.stdout.write(json);
    process.stderr.write(`${summary}\n`);
  } else {
    process.stdout.write(`imported ${summary} → ${await write(out, json)}\n`);
  }
  return 0;
}

async function exportForm(file: string, out: string | undefined) {
  if (out === undefined) throw new CliError(`form export needs --out FILE.xlsx\n${USAGE}`);
  let form: FormDefinition;
  try {
    form = JSON.parse(await readFile(file, 'utf8')) as FormDefinition;
  } catch (error) {
    throw new CliError(`${file} is not a JSON form definition (${String(error)})`, 1);
  }
  const problems = checkForm(form);
  if (problems.length)
    throw new CliError(`${file}: the form has problems:\n- ${problems.join('\n- ')}`, 1);
  const target = await write(out, await writeXlsForm(form));
  process.stdout.write(
    `exported form ${form.id} ${form.version}: ${form.fields.length} fields → ${target}\n`,
  );
  return 0;
}

/** `pathfinder form import|export`: country-pack forms between XLSForm (.xlsx) and JSON. */
export async function runForm(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = options(rest);
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0 || (sub !== 'import' && sub !== 'export'))
    throw new CliError(USAGE);
  if (!existsSync(file)) throw new CliError(`no file at ${resolve(file)}`, 1);
  if (sub === 'import') return await importForm(file, values.out, values.id);
  if (values.id !== undefined) throw new CliError(`--id is for form import\n${USAGE}`);
  return await exportForm(file, values.out);
}
