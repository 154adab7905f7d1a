import { formatProblem, formProblems } from './checkForm.ts';
import type {
  FormChoice,
  FormDefinition,
  FormField,
  FormFieldType,
  LocalText,
} from './formTypes.ts';

/*
 * XLSForm sheets (https://xlsform.org/en/) to and from a FormDefinition. Pure: the
 * caller reads the workbook; a sheet is a list of rows keyed by header text, in
 * sheet order from row 2 (the header is row 1), blank rows included as `{}`.
 */

/** One sheet row, keyed by the header cell text. */
export type XlsFormRow = Record<string, string>;

/** The sheets of an XLSForm workbook. */
export interface XlsFormSheets {
  survey: XlsFormRow[];
  choices: XlsFormRow[];
  settings?: XlsFormRow[];
}

/** An XLSForm that cannot become a form; one line per problem, with sheet and row. */
export class XlsFormError extends Error {
  constructor(readonly problems: string[]) {
    super(`the XLSForm has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'XlsFormError';
  }
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  english: 'en',
  french: 'fr',
  français: 'fr',
  francais: 'fr',
  spanish: 'es',
  español: 'es',
  espanol: 'es',
  nepali: 'ne',
  नेपाली: 'ne',
};
const COLUMN_NAMES: Readonly<Record<string, string>> = {
  en: 'English (en)',
  fr: 'Français (fr)',
  es: 'Español (es)',
  ne: 'Nepali (ne)',
};
const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  'jr:constraintmsg': 'constraint_message',
  readonly: 'read_only',
  value: 'name',
};
const SIMPLE_TYPES: Readonly<Record<string, FormFieldType>> = {
  text: 'text',
  string: 'text',
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  date: 'date',
  note: 'note',
  acknowledge: 'acknowledge',
};
/** Metadata ODK collects by itself: nothing to ask, so skipped. */
const METADATA_TYPES = new Set([
  'start',
  'end',
  'today',
  'deviceid',
  'subscriberid',
  'simserial',
  'phonenumber',
  'username',
  'email',
  'audit',
]);
const SUPPORTED =
  'text, integer, decimal, date, select_one, select_multiple, note, acknowledge, begin/end group';

/** The language code of a column suffix: `English (en)`, `fr`, `Español` → en, fr, es. */
export function languageOfColumn(suffix: string): string | undefined {
  const text = suffix.trim();
  const code = /\(\s*([A-Za-z]{2,3})\s*\)$/.exec(text)?.[1] ?? /^[A-Za-z]{2,3}$/.exec(text)?.[0];
  return code?.toLowerCase() ?? LANGUAGE_NAMES[text.normalize('NFC').toLowerCase()];
}

interface Column {
  base: string;
  /** Undefined for a column without `::language`. */
  language?: string;
  badLanguage?: boolean;
}

function parseColumn(header: string): Column {
  const [head = '', ...rest] = header.split('::');
  const lowered = head.trim().toLowerCase().replace(/\s+/g, '_');
  const base = COLUMN_ALIASES[lowered] ?? lowered;
  if (rest.length === 0) return { base };
  const language = languageOfColumn(rest.join('::'));
  return language ? { base, language } : { base, badLanguage: true };
}

/** Reads the cells of one sheet through parsed headers, noting headers it cannot place. */
class Sheet {
  private readonly columns = new Map<string, Column>();
  constructor(
    readonly name: string,
    readonly rows: XlsFormRow[],
    public defaultLanguage: string,
    problems: string[],
  ) {
    const headers = new Set(rows.flatMap((row) => Object.keys(row)));
    for (const header of headers) {
      const column = parseColumn(header);
      if (column.badLanguage)
        problems.push(
          `${name}: column "${header}": cannot tell the language; write it like "label::English (en)"`,
        );
      else this.columns.set(header, column);
    }
  }

  /** The trimmed text of a plain column. */
  cell(row: XlsFormRow, base: string): string {
    for (const [header, value] of Object.entries(row)) {
      const column = this.columns.get(header);
      if (column?.base === base && column.language === undefined && value.trim())
        return value.trim();
    }
    return '';
  }

  /** The texts of `base`, `base::Language (xx)`…; a plain column is the default language. */
  text(row: XlsFormRow, base: string): LocalText | undefined {
    const plain: LocalText = {};
    const explicit: LocalText = {};
    for (const [header, value] of Object.entries(row)) {
      const column = this.columns.get(header);
      if (column?.base !== base || !value.trim()) continue;
      if (column.language === undefined) plain[this.defaultLanguage] = value.trim();
      else explicit[column.language] = value.trim();
    }
    const text = { ...plain, ...explicit };
    return Object.keys(text).length ? text : undefined;
  }

  isBlank(row: XlsFormRow): boolean {
    return Object.values(row).every((value) => value.trim() === '');
  }
}

function requiredValue(cell: string): boolean | string | undefined {
  if (/^(yes|true|true\(\)|1)$/i.test(cell)) return true;
  if (cell === '' || /^(no|false|false\(\)|0)$/i.test(cell)) return undefined;
  return cell;
}

function readChoices(sheet: Sheet, problems: string[]): Map<string, FormChoice[]> {
  const lists = new Map<string, FormChoice[]>();
  sheet.rows.forEach((row, i) => {
    if (sheet.isBlank(row)) return;
    const at = `choices row ${i + 2}`;
    const list = sheet.cell(row, 'list_name');
    const name = sheet.cell(row, 'name');
    if (!list || !name) {
      problems.push(`${at}: needs both list_name and name`);
      return;
    }
    const choices = lists.get(list) ?? [];
    if (choices.some((c) => c.name === name))
      problems.push(`${at}: choice "${name}" appears twice in list "${list}"`);
    choices.push({ name, label: sheet.text(row, 'label') ?? {} });
    lists.set(list, choices);
  });
  return lists;
}

type SurveyType =
  | { kind: 'field'; type: FormFieldType; list?: string }
  | { kind: 'begin' | 'end' | 'skip' }
  | { kind: 'error'; message: string };

function surveyType(cell: string): SurveyType {
  const words = cell.split(/\s+/);
  const first = words[0]?.toLowerCase() ?? '';
  const joined = words.slice(0, 2).join('_').toLowerCase();
  if (first === 'begin_group' || joined === 'begin_group') return { kind: 'begin' };
  if (first === 'end_group' || joined === 'end_group') return { kind: 'end' };
  const select = ['select_one', 'select_multiple'].find((s) => s === first || s === joined);
  if (select) {
    const rest = words.slice(select === first ? 1 : 2);
    if (rest.length === 0) return { kind: 'error', message: `"${cell}" needs a choice list name` };
    if (rest.length > 1)
      return { kind: 'error', message: `"${cell}": "${rest.slice(1).join(' ')}" is not supported` };
    return { kind: 'field', type: select as FormFieldType, list: rest[0] };
  }
  const simple = words.length === 1 ? SIMPLE_TYPES[first] : undefined;
  if (simple) return { kind: 'field', type: simple };
  if (words.length === 1 && METADATA_TYPES.has(first)) return { kind: 'skip' };
  return { kind: 'error', message: `type "${cell}" is not supported (supported: ${SUPPORTED})` };
}

function andAll(expressions: readonly string[]): string | undefined {
  if (expressions.length <= 1) return expressions[0];
  return expressions.map((e) => `(${e})`).join(' and ');
}

/**
 * Converts XLSForm sheets into a form definition, then checks it. Throws an
 * {@link XlsFormError} listing every problem with its sheet and row number.
 * Groups are flattened, their `relevant` ANDed onto their questions.
 */
export function formFromSheets(
  sheets: XlsFormSheets,
  options: { id?: string } = {},
): FormDefinition {
  const problems: string[] = [];
  const settingsRows = (sheets.settings ?? []).slice(0, 1);
  const settings = new Sheet('settings', settingsRows, 'en', problems);
  const firstSetting = settingsRows[0] ?? {};
  const languageCell = settings.cell(firstSetting, 'default_language');
  const defaultLanguage = (languageCell ? languageOfColumn(languageCell) : 'en') ?? 'en';
  if (languageCell && !languageOfColumn(languageCell))
    problems.push(
      `settings: default_language "${languageCell}" is not a language like "English (en)"`,
    );
  settings.defaultLanguage = defaultLanguage;
  const survey = new Sheet('survey', sheets.survey, defaultLanguage, problems);
  const lists = readChoices(
    new Sheet('choices', sheets.choices, defaultLanguage, problems),
    problems,
  );

  const fields: FormField[] = [];
  const fieldRows: number[] = [];
  const groups: { row: number; relevant?: string }[] = [];
  sheets.survey.forEach((row, i) => {
    if (survey.isBlank(row)) return;
    const rowNumber = i + 2;
    const at = `survey row ${rowNumber}`;
    const typeCell = survey.cell(row, 'type');
    if (!typeCell) {
      problems.push(`${at}: missing type`);
      return;
    }
    const type = surveyType(typeCell);
    const relevant = survey.cell(row, 'relevant') || undefined;
    if (type.kind === 'error') problems.push(`${at}: ${type.message}`);
    if (type.kind === 'begin') groups.push({ row: rowNumber, relevant });
    if (type.kind === 'end' && !groups.pop())
      problems.push(`${at}: "end group" without "begin group"`);
    if (type.kind !== 'field') return;
    const name = survey.cell(row, 'name');
    if (!name) {
      problems.push(`${at}: missing name`);
      return;
    }
    if (survey.cell(row, 'choice_filter'))
      problems.push(`${at} (${name}): choice_filter is not supported`);
    const field: FormField = { type: type.type, name, label: survey.text(row, 'label') ?? {} };
    const hint = survey.text(row, 'hint');
    if (hint) field.hint = hint;
    const required = requiredValue(survey.cell(row, 'required'));
    if (required !== undefined) field.required = required;
    const allRelevant = andAll(
      [...groups.map((g) => g.relevant), relevant].filter((r): r is string => r !== undefined),
    );
    if (allRelevant) field.relevant = allRelevant;
    const constraint = survey.cell(row, 'constraint');
    if (constraint) field.constraint = constraint;
    const message = survey.text(row, 'constraint_message');
    if (message) field.constraintMessage = message;
    if (type.list !== undefined) {
      const choices = lists.get(type.list);
      if (choices) field.choices = choices;
      else problems.push(`${at} (${name}): choice list "${type.list}" is not in the choices sheet`);
    }
    if (requiredValue(survey.cell(row, 'read_only')) === true) field.readOnly = true;
    fields.push(field);
    fieldRows.push(rowNumber);
  });
  for (const group of groups)
    problems.push(`survey row ${group.row}: "begin group" without "end group"`);

  const id = options.id ?? settings.cell(firstSetting, 'form_id');
  if (!id) problems.push('settings: form_id is missing');
  const form: FormDefinition = {
    id,
    version: settings.cell(firstSetting, 'version') || '1',
    title: settings.text(firstSetting, 'form_title') ?? { en: id },
    fields,
  };
  if (problems.length === 0) {
    const located = formProblems(form).map((problem) => {
      const row = problem.index === undefined ? undefined : fieldRows[problem.index];
      return {
        row: row ?? 0,
        text: `${row ? `survey row ${row}` : 'form'}: ${formatProblem(problem)}`,
      };
    });
    problems.push(...located.sort((a, b) => a.row - b.row).map((p) => p.text));
  }
  if (problems.length) throw new XlsFormError(problems);
  return form;
}

function languagesOf(texts: readonly (LocalText | undefined)[]): string[] {
  const found = new Set(texts.flatMap((t) => Object.keys(t ?? {})));
  const known = Object.keys(COLUMN_NAMES).filter((lang) => found.has(lang));
  return [...known, ...[...found].filter((lang) => !known.includes(lang)).sort()];
}

function textColumns(base: string, texts: readonly (LocalText | undefined)[]) {
  const languages = languagesOf(texts);
  return (text: LocalText | undefined): XlsFormRow =>
    Object.fromEntries(
      languages.map((lang) => [`${base}::${COLUMN_NAMES[lang] ?? lang}`, text?.[lang] ?? '']),
    );
}

/** Names the choice lists of a form: identical lists share a name (`yes_no`). */
function choiceLists(fields: readonly FormField[]): Map<FormField, string> {
  const byContent = new Map<string, string>();
  const taken = new Set<string>();
  const names = new Map<FormField, string>();
  for (const field of fields) {
    if (!field.choices) continue;
    const key = JSON.stringify(field.choices.map((c) => [c.name, Object.entries(c.label).sort()]));
    let name = byContent.get(key);
    if (name === undefined) {
      const joined = field.choices.map((c) => c.name).join('_');
      const base = field.choices.length <= 3 && joined.length <= 24 ? joined : field.name;
      name = base;
      for (let n = 2; taken.has(name); n += 1) name = `${base}_${n}`;
      taken.add(name);
      byContent.set(key, name);
    }
    names.set(field, name);
  }
  return names;
}

/** Keeps only the columns some row fills in, so the sheet has no empty columns. */
function withoutEmptyColumns(rows: XlsFormRow[]): XlsFormRow[] {
  const used = new Set(rows.flatMap((row) => Object.keys(row).filter((k) => row[k] !== '')));
  return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => used.has(k))));
}

/** The XLSForm sheets of a form definition (the inverse of {@link formFromSheets}). */
export function sheetsFromForm(form: FormDefinition): Required<XlsFormSheets> {
  const lists = choiceLists(form.fields);
  const label = textColumns(
    'label',
    form.fields.map((f) => f.label),
  );
  const hint = textColumns(
    'hint',
    form.fields.map((f) => f.hint),
  );
  const message = textColumns(
    'constraint_message',
    form.fields.map((f) => f.constraintMessage),
  );
  const survey = form.fields.map(
    (f): XlsFormRow => ({
      type: lists.has(f) ? `${f.type} ${lists.get(f)}` : f.type,
      name: f.name,
      ...label(f.label),
      ...hint(f.hint),
      required: f.required === true ? 'yes' : typeof f.required === 'string' ? f.required : '',
      relevant: f.relevant ?? '',
      constraint: f.constraint ?? '',
      ...message(f.constraintMessage),
      read_only: f.readOnly ? 'yes' : '',
    }),
  );
  const written = new Set<string>();
  const choiceFields = form.fields.filter((f) => f.choices);
  const choiceLabel = textColumns(
    'label',
    choiceFields.flatMap((f) => f.choices ?? []).map((c) => c.label),
  );
  const choices: XlsFormRow[] = [];
  for (const field of choiceFields) {
    const list = lists.get(field) ?? field.name;
    if (written.has(list)) continue;
    written.add(list);
    for (const choice of field.choices ?? [])
      choices.push({ list_name: list, name: choice.name, ...choiceLabel(choice.label) });
  }
  const { en, ...otherTitles } = form.title;
  const title = textColumns('form_title', [otherTitles]);
  const settings: XlsFormRow[] = [
    {
      form_id: form.id,
      version: form.version,
      form_title: en ?? '',
      ...title(otherTitles),
      default_language: COLUMN_NAMES.en ?? 'en',
    },
  ];
  return { survey: withoutEmptyColumns(survey), choices, settings };
}
