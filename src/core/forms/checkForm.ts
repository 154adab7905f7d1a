import { FormExpressionError, parseExpression, referencedNames } from './expression.ts';
import {
  FORM_CHOICE_NAME,
  FORM_FIELD_NAME,
  FORM_FIELD_TYPES,
  type FormDefinition,
  type FormField,
} from './formTypes.ts';

/** One thing wrong with a form definition; `column` is the XLSForm column. */
export interface FormProblem {
  field?: string;
  /** Position of the field in `fields` (names may repeat or be missing). */
  index?: number;
  column?: string;
  message: string;
}

const FORM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const LANGUAGE = /^[a-z]{2,3}$/;
const SELECTS: readonly string[] = ['select_one', 'select_multiple'];

/** One line for a problem: `field "age", column "constraint": …`. */
export function formatProblem(problem: FormProblem): string {
  const where = [
    problem.field === undefined ? undefined : `field "${problem.field}"`,
    problem.column === undefined ? undefined : `column "${problem.column}"`,
  ].filter(Boolean);
  return where.length ? `${where.join(', ')}: ${problem.message}` : problem.message;
}

function localTextProblem(value: unknown, needEnglish: boolean): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'must be text by language, e.g. { "en": "…" }';
  for (const [lang, text] of Object.entries(value)) {
    if (!LANGUAGE.test(lang)) return `"${lang}" is not a language code like en, fr or es`;
    if (typeof text !== 'string' || text.length > 2000)
      return `the ${lang} text must be a string of at most 2000 characters`;
  }
  const english: unknown = (value as Record<string, unknown>).en;
  if (needEnglish && (typeof english !== 'string' || english.trim() === ''))
    return 'needs at least an English (en) text';
  return undefined;
}

function expressionProblems(
  field: FormField,
  index: number,
  names: ReadonlySet<string>,
): FormProblem[] {
  const problems: FormProblem[] = [];
  const columns = [
    ['relevant', field.relevant],
    ['required', field.required],
    ['constraint', field.constraint],
  ] as const;
  for (const [column, source] of columns) {
    if (source === undefined || typeof source === 'boolean') continue;
    const at = { field: field.name, index, column };
    if (typeof source !== 'string') {
      problems.push({ ...at, message: 'must be an expression (text)' });
      continue;
    }
    try {
      for (const ref of referencedNames(parseExpression(source))) {
        if (!names.has(ref))
          problems.push({ ...at, message: `\${${ref}} is not a field of this form` });
      }
    } catch (error) {
      if (!(error instanceof FormExpressionError)) throw error;
      problems.push({ ...at, message: error.message });
    }
  }
  return problems;
}

function choiceProblems(field: FormField, index: number): FormProblem[] {
  const at = { field: field.name, index, column: 'choices' };
  if (!SELECTS.includes(field.type))
    return field.choices === undefined
      ? []
      : [{ ...at, message: `a ${field.type} has no choices` }];
  if (!Array.isArray(field.choices) || field.choices.length === 0)
    return [{ ...at, message: `a ${field.type} needs at least one choice` }];
  const problems: FormProblem[] = [];
  const seen = new Set<string>();
  for (const choice of field.choices) {
    const name: unknown = choice?.name;
    if (typeof name !== 'string' || !FORM_CHOICE_NAME.test(name)) {
      problems.push({
        ...at,
        message: `choice name "${String(name)}" must be letters, digits, _ . -`,
      });
      continue;
    }
    if (seen.has(name)) problems.push({ ...at, message: `choice "${name}" appears twice` });
    seen.add(name);
    const label = localTextProblem(choice.label, true);
    if (label) problems.push({ ...at, message: `choice "${name}" label ${label}` });
  }
  return problems;
}

/** Chains of fields whose `relevant` depend on each other in a circle. */
function relevanceCycles(fields: readonly FormField[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const field of fields) {
    try {
      const refs = field.relevant ? referencedNames(parseExpression(field.relevant)) : [];
      edges.set(field.name, refs);
    } catch {
      edges.set(field.name, []);
    }
  }
  const state = new Map<string, 'active' | 'done'>();
  const cycles: string[][] = [];
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'active') {
      cycles.push([...path.slice(path.indexOf(name)), name]);
      return;
    }
    state.set(name, 'active');
    for (const next of edges.get(name) ?? []) visit(next, [...path, name]);
    state.set(name, 'done');
  };
  for (const field of fields) visit(field.name, []);
  return cycles;
}

/** Everything wrong with a form definition, as structured problems (empty when sound). */
export function formProblems(form: FormDefinition): FormProblem[] {
  if (typeof form !== 'object' || form === null) return [{ message: 'not a form definition' }];
  const problems: FormProblem[] = [];
  if (typeof form.id !== 'string' || !FORM_ID.test(form.id))
    problems.push({ message: `form id "${String(form.id)}" must be letters, digits, . _ -` });
  if (typeof form.version !== 'string' || form.version.trim() === '')
    problems.push({ message: 'the form needs a version' });
  const title = localTextProblem(form.title, true);
  if (title) problems.push({ message: `the form title ${title}` });
  if (!Array.isArray(form.fields) || form.fields.length === 0)
    return [...problems, { message: 'the form has no fields' }];

  const fields = form.fields.filter((f) => typeof f === 'object' && f !== null);
  const names = new Set<string>();
  for (const [i, field] of fields.entries()) {
    const at = { field: typeof field.name === 'string' ? field.name : `#${i + 1}`, index: i };
    if (field.name === '__proto__')
      problems.push({ ...at, column: 'name', message: 'is a reserved name' });
    else if (typeof field.name !== 'string' || !FORM_FIELD_NAME.test(field.name))
      problems.push({
        ...at,
        column: 'name',
        message: 'must start with a letter or _ and use only letters, digits and _ (at most 64)',
      });
    else if (names.has(field.name))
      problems.push({ ...at, column: 'name', message: 'appears twice' });
    names.add(field.name);
    if (!(FORM_FIELD_TYPES as readonly string[]).includes(field.type))
      problems.push({ ...at, column: 'type', message: `unsupported type "${String(field.type)}"` });
    const label = localTextProblem(field.label, true);
    if (label) problems.push({ ...at, column: 'label', message: label });
    for (const column of ['hint', 'constraintMessage'] as const) {
      const text = field[column] === undefined ? undefined : localTextProblem(field[column], false);
      if (text)
        problems.push({
          ...at,
          column: column === 'hint' ? 'hint' : 'constraint_message',
          message: text,
        });
    }
    if (field.readOnly !== undefined && typeof field.readOnly !== 'boolean')
      problems.push({ ...at, column: 'read_only', message: 'must be true or false' });
  }
  if (fields.length !== form.fields.length)
    problems.push({ message: 'every field must be an object' });
  for (const [i, field] of fields.entries()) {
    problems.push(...choiceProblems(field, i), ...expressionProblems(field, i, names));
  }
  for (const cycle of relevanceCycles(fields)) {
    problems.push({
      field: cycle[0],
      index: fields.findIndex((f) => f.name === cycle[0]),
      column: 'relevant',
      message: `relevance depends on itself: ${cycle.join(' → ')}`,
    });
  }
  return problems;
}

/**
 * Checks a form definition before use (pack loading, import): well-formed unique
 * names, known types, English labels, choices for selects, expressions that parse
 * and refer to existing fields, no circular relevance. One line per problem.
 */
export function checkForm(form: FormDefinition): string[] {
  return formProblems(form).map(formatProblem);
}
