import {
  type FieldError,
  type FormAnswers,
  type FormDefinition,
  type FormField,
  type LocalText,
  relevantFields,
  validateAnswers,
} from '../../../../core/index.ts';
import type { DraftAnswers } from './countryFormTypes.ts';

/** Today on this device as 'YYYY-MM-DD' (the server checks again with its own date). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A pack text in `language`, else English, else the first language it has. */
export function localText(text: LocalText | undefined, language: string): string {
  if (!text) return '';
  const primary = language.toLowerCase().split('-')[0] ?? 'en';
  return text[primary] || text.en || Object.values(text).find(Boolean) || '';
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** The answers with one answer set, or removed when it is empty. */
export function withAnswer(
  answers: DraftAnswers,
  name: string,
  value: string | string[] | boolean,
): DraftAnswers {
  const next = { ...answers };
  if (isEmpty(value)) delete next[name];
  else next[name] = value;
  return next;
}

/** Only the answers this form has, in a shape it can take (a draft may be old or edited by hand). */
export function draftAnswersOf(form: FormDefinition, value: unknown): DraftAnswers {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const source = value as Record<string, unknown>;
  const out: DraftAnswers = {};
  for (const field of form.fields) {
    if (!Object.hasOwn(source, field.name)) continue;
    const raw = source[field.name];
    if (field.type === 'select_multiple') {
      const list = typeof raw === 'string' ? raw.split(/\s+/) : raw;
      if (Array.isArray(list)) {
        const items = list.filter((item): item is string => typeof item === 'string' && !!item);
        if (items.length) out[field.name] = items;
      }
    } else if (field.type === 'acknowledge') {
      if (raw === true) out[field.name] = true;
    } else if (typeof raw === 'string' || typeof raw === 'number') {
      if (String(raw).trim() !== '') out[field.name] = String(raw);
    }
  }
  return out;
}

/** Keeps a stored draft's answers as plain values, whatever form they were for. */
export function plainDraftAnswers(value: unknown): DraftAnswers {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: DraftAnswers = {};
  for (const [name, raw] of Object.entries(value)) {
    if (typeof raw === 'string' || typeof raw === 'boolean') out[name] = raw;
    else if (Array.isArray(raw)) out[name] = raw.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** What the device finds in the answers: clean values to send, problems, and whether any was given. */
export interface CheckedAnswers {
  /** Typed answers of the relevant questions (what the server is sent). */
  values: FormAnswers;
  errors: FieldError[];
  /** True when the worker answered at least one question that is shown. */
  answered: boolean;
}

/** Validates draft answers with the shared engine, as the server will. */
export function checkAnswers(
  form: FormDefinition,
  answers: DraftAnswers,
  today: string,
): CheckedAnswers {
  const own = draftAnswersOf(form, answers);
  const { values, errors } = validateAnswers(form, own, { today });
  const shown = relevantFields(form, own, { today });
  return { values, errors, answered: shown.some((name) => !isEmpty(own[name])) };
}

/** Words for a field problem: the form's own message in the language, else the catalogue's. */
export function fieldErrorText(
  error: FieldError,
  language: string,
  t: (key: string, params?: Record<string, unknown>) => string,
): string {
  if (error.message) return localText(error.message, language);
  return t(error.messageKey, error.params ?? {});
}

/** The `fields` of a server `form_invalid` problem as field → message (already translated). */
export function serverFieldErrors(problem: Record<string, unknown> | null): Record<string, string> {
  const fields = problem?.fields;
  if (!Array.isArray(fields)) return {};
  const out: Record<string, string> = {};
  for (const f of fields as { field?: unknown; message?: unknown }[]) {
    if (typeof f?.field === 'string' && typeof f.message === 'string' && !(f.field in out))
      out[f.field] = f.message;
  }
  return out;
}

/** The element that takes the focus for a field: its input, or the first of its options. */
export function fieldControlId(prefix: string, name: string): string {
  return `${prefix}-${name}`;
}

/** Puts the focus on the first of `names` shown in the form, in form order. */
export function focusFirstField(prefix: string, form: FormDefinition, names: Iterable<string>) {
  const wanted = new Set(names);
  for (const field of form.fields) {
    if (!wanted.has(field.name)) continue;
    const element = document.getElementById(fieldControlId(prefix, field.name));
    if (element) {
      element.focus();
      return;
    }
  }
}

/** How a saved answer reads: choice labels, numbers and dates in the language, text as written. */
export function answerText(
  field: FormField,
  value: FormAnswers[string],
  language: string,
  yes: string,
): string {
  if (isEmpty(value)) return '';
  const choice = (name: string) =>
    localText(field.choices?.find((c) => c.name === name)?.label, language) || name;
  switch (field.type) {
    case 'select_one':
      return choice(String(value));
    case 'select_multiple': {
      const items = Array.isArray(value) ? value : String(value).trim().split(/\s+/);
      return items.map(choice).join(', ');
    }
    case 'acknowledge':
      return yes;
    case 'integer':
    case 'decimal': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? new Intl.NumberFormat(language).format(n) : String(value);
    }
    case 'date': {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
      if (!match) return String(value);
      const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
      return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        date,
      );
    }
    default:
      return String(value);
  }
}
