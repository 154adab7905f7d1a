/** Text in several languages: language code → text, e.g. `{ en: 'Age', fr: 'Âge' }`. */
export type LocalText = Record<string, string>;

/** One option of a select question (a row of the XLSForm `choices` sheet). */
export interface FormChoice {
  name: string;
  label: LocalText;
}

/** The question types a country pack may add (a subset of XLSForm). */
export const FORM_FIELD_TYPES = [
  'text',
  'integer',
  'decimal',
  'date',
  'select_one',
  'select_multiple',
  'note',
  'acknowledge',
] as const;

/** One of {@link FORM_FIELD_TYPES}. */
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/**
 * One question of a country-specific form, in XLSForm shape. Expressions use the
 * ODK XPath subset of `expression.ts`: `${name}` for another answer, `.` for this one.
 */
export interface FormField {
  type: FormFieldType;
  /** Matches {@link FORM_FIELD_NAME}. */
  name: string;
  label: LocalText;
  hint?: LocalText;
  /** `true`, or an expression: required only when it is true. */
  required?: boolean | string;
  /** Expression; when false the question is skipped and its answer ignored. */
  relevant?: string;
  /** Expression with `.` = this question's answer; checked only when there is an answer. */
  constraint?: string;
  constraintMessage?: LocalText;
  /** The options of `select_one` / `select_multiple`. */
  choices?: FormChoice[];
  readOnly?: boolean;
}

/** A country-specific form: the JSON stored in a country pack. */
export interface FormDefinition {
  id: string;
  version: string;
  title: LocalText;
  fields: FormField[];
}

/**
 * Answers by question name. Numbers may come as numbers or numeric strings,
 * `select_multiple` as an array or a space-separated string, `acknowledge` as `true`.
 */
export type FormAnswers = Record<string, string | number | string[] | boolean | null | undefined>;

/** The pattern of a question name (XLSForm names, limited to ASCII word characters). */
export const FORM_FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The pattern of a choice name (no spaces: `select_multiple` answers are space-separated). */
export const FORM_CHOICE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;
