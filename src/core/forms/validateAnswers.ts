import { checkForm } from './checkForm.ts';
import {
  type Expr,
  evaluateBoolean,
  isoDateToDays,
  parseExpression,
  referencedNames,
} from './expression.ts';
import type { FormAnswers, FormDefinition, FormField, LocalText } from './formTypes.ts';

/** A problem with one answer; `messageKey` is in the catalogues' `forms` section. */
export interface FieldError {
  field: string;
  messageKey: string;
  params?: Record<string, string | number>;
  /** The form's own message (a constraint's `constraint_message`), preferred when present. */
  message?: LocalText;
}

/** Clean answers (relevant, typed, non-empty) and the problems found. */
export interface AnswersValidation {
  values: FormAnswers;
  errors: FieldError[];
}

/** What validation needs from the caller. */
export interface FormContext {
  /** Today as 'YYYY-MM-DD' in the user's time zone, for `today()`. */
  today: string;
}

/** Largest magnitude accepted for integer and decimal answers. */
export const MAX_FORM_NUMBER = 1e12;
/** Longest text answer accepted. */
export const MAX_FORM_TEXT = 2000;

interface CompiledField {
  field: FormField;
  relevant?: Expr;
  required?: Expr | true;
  constraint?: Expr;
}

interface CompiledForm {
  /** In form order. */
  fields: CompiledField[];
  /** Each field after the fields its relevance reads. */
  relevanceOrder: CompiledField[];
}

const compiled = new WeakMap<FormDefinition, CompiledForm>();

/** The form's fields with parsed expressions (cached per definition object). */
function compile(form: FormDefinition): CompiledForm {
  const cached = compiled.get(form);
  if (cached) return cached;
  const problems = checkForm(form);
  if (problems.length) throw new Error(`form "${form.id}" is not valid: ${problems.join('; ')}`);
  const byName = new Map(
    form.fields.map((field): [string, CompiledField] => [
      field.name,
      {
        field,
        relevant: field.relevant ? parseExpression(field.relevant) : undefined,
        required:
          typeof field.required === 'string'
            ? parseExpression(field.required)
            : field.required || undefined,
        constraint: field.constraint ? parseExpression(field.constraint) : undefined,
      },
    ]),
  );
  // Depth-first: a field comes after the fields its relevance reads (checkForm rules out cycles).
  const ordered: CompiledField[] = [];
  const placed = new Set<string>();
  const place = (c: CompiledField): void => {
    if (placed.has(c.field.name)) return;
    placed.add(c.field.name);
    for (const ref of c.relevant ? referencedNames(c.relevant) : []) {
      const dep = byName.get(ref);
      if (dep) place(dep);
    }
    ordered.push(c);
  };
  for (const c of byName.values()) place(c);
  const result = { fields: [...byName.values()], relevanceOrder: ordered };
  compiled.set(form, result);
  return result;
}

type Answer = FormAnswers[string];
type Coerced = { value: Answer } | { error: Omit<FieldError, 'field'> };

function isEmpty(value: Answer): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function coerceNumber(raw: Answer, integer: boolean): Coerced {
  const messageKey = integer ? 'forms.not_integer' : 'forms.not_decimal';
  const pattern = integer ? /^[-+]?\d+$/ : /^[-+]?(\d+\.?\d*|\.\d+)$/;
  let n = Number.NaN;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && pattern.test(raw.trim())) n = Number(raw.trim());
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return { error: { messageKey } };
  if (Math.abs(n) > MAX_FORM_NUMBER)
    return { error: { messageKey: 'forms.number_too_large', params: { max: MAX_FORM_NUMBER } } };
  return { value: n === 0 ? 0 : n };
}

function coerceSelectMultiple(raw: Answer, choices: ReadonlySet<string>): Coerced {
  const items = typeof raw === 'string' ? raw.trim().split(/\s+/) : raw;
  if (!Array.isArray(items) || items.some((item) => typeof item !== 'string'))
    return { error: { messageKey: 'forms.not_choice_list' } };
  const seen = new Set<string>();
  for (const item of items) {
    if (!choices.has(item))
      return { error: { messageKey: 'forms.not_a_choice', params: { value: item } } };
    if (seen.has(item))
      return { error: { messageKey: 'forms.duplicate_choice', params: { value: item } } };
    seen.add(item);
  }
  return { value: [...items] };
}

/** The typed answer of a non-empty raw answer, or the reason it does not fit the field. */
function coerce(field: FormField, raw: Answer): Coerced {
  const choices = new Set((field.choices ?? []).map((c) => c.name));
  switch (field.type) {
    case 'integer':
    case 'decimal':
      return coerceNumber(raw, field.type === 'integer');
    case 'date': {
      const text = typeof raw === 'string' ? raw.trim() : '';
      return isoDateToDays(text) === undefined
        ? { error: { messageKey: 'forms.not_date' } }
        : { value: text };
    }
    case 'select_one': {
      const text =
        typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
      return choices.has(text)
        ? { value: text }
        : { error: { messageKey: 'forms.not_a_choice', params: { value: String(raw) } } };
    }
    case 'select_multiple':
      return coerceSelectMultiple(raw, choices);
    case 'acknowledge':
      return raw === true || (typeof raw === 'string' && /^(ok|true|yes)$/i.test(raw.trim()))
        ? { value: true }
        : { error: { messageKey: 'forms.invalid_acknowledge' } };
    case 'note':
      return { error: { messageKey: 'forms.not_answerable' } };
    default: {
      if (typeof raw !== 'string') return { error: { messageKey: 'forms.not_text' } };
      const text = raw.trim();
      return text.length > MAX_FORM_TEXT
        ? { error: { messageKey: 'forms.text_too_long', params: { max: MAX_FORM_TEXT } } }
        : { value: text };
    }
  }
}

interface FormState {
  /** Typed answers of relevant fields (invalid and non-relevant ones removed). */
  values: FormAnswers;
  relevant: Set<string>;
  typeErrors: Map<string, Omit<FieldError, 'field'>>;
  form: CompiledForm;
}

function evaluateForm(form: FormDefinition, answers: FormAnswers, ctx: FormContext): FormState {
  if (isoDateToDays(ctx.today) === undefined)
    throw new Error(`today must be a date 'YYYY-MM-DD', not "${ctx.today}"`);
  const compiledForm = compile(form);
  const values: FormAnswers = {};
  const typeErrors = new Map<string, Omit<FieldError, 'field'>>();
  for (const { field } of compiledForm.fields) {
    const raw = Object.hasOwn(answers, field.name) ? answers[field.name] : undefined;
    if (isEmpty(raw)) continue;
    const result = coerce(field, raw);
    if ('error' in result) typeErrors.set(field.name, result.error);
    else values[field.name] = result.value;
  }
  const relevant = new Set<string>();
  for (const { field, relevant: rule } of compiledForm.relevanceOrder) {
    const scope = { today: ctx.today, answers: values, current: values[field.name] };
    if (!rule || evaluateBoolean(rule, scope)) relevant.add(field.name);
    else delete values[field.name];
  }
  return { values, relevant, typeErrors, form: compiledForm };
}

/**
 * Validates answers to a form, the same way on device and server: types, choices,
 * required and constraint rules of relevant fields. Answers to fields that are not
 * relevant are dropped; names the form does not have are errors.
 */
export function validateAnswers(
  form: FormDefinition,
  answers: FormAnswers,
  ctx: FormContext,
): AnswersValidation {
  const state = evaluateForm(form, answers, ctx);
  const { values, relevant, typeErrors } = state;
  const errors: FieldError[] = [];
  const known = new Set(form.fields.map((f) => f.name));
  for (const name of Object.keys(answers)) {
    if (!known.has(name))
      errors.push({ field: name, messageKey: 'forms.unknown_field', params: { name } });
  }
  for (const { field, required, constraint } of state.form.fields) {
    if (!relevant.has(field.name)) continue;
    const typeError = typeErrors.get(field.name);
    if (typeError) {
      errors.push({ field: field.name, ...typeError });
      continue;
    }
    const value = values[field.name];
    const scope = { today: ctx.today, answers: values, current: value };
    if (value === undefined) {
      if (field.type === 'note') continue;
      if (required === true || (required && evaluateBoolean(required, scope)))
        errors.push({ field: field.name, messageKey: 'forms.required' });
    } else if (constraint && !evaluateBoolean(constraint, scope)) {
      const message = field.constraintMessage;
      errors.push({
        field: field.name,
        messageKey: 'forms.constraint',
        ...(message ? { message } : {}),
      });
    }
  }
  for (const { field } of errors) delete values[field];
  return { values, errors };
}

/** Names of the fields currently relevant (to show), in form order. */
export function relevantFields(
  form: FormDefinition,
  answers: FormAnswers,
  ctx: FormContext,
): string[] {
  const { relevant } = evaluateForm(form, answers, ctx);
  return form.fields.map((f) => f.name).filter((name) => relevant.has(name));
}
