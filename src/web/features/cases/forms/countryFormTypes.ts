import type { FormAnswers, FormDefinition } from '../../../../core/index.ts';

/** Where a country form is asked: at intake, or during the assessment of a case. */
export type FormSlot = 'intake' | 'assessment';

/** The country pack's own questions (GET /screening-rules `forms`); null where it adds none. */
export type PackForms = Record<FormSlot, FormDefinition | null>;

/** Saved answers to one form on a case (GET /cases/:id `forms`, PUT /cases/:id/forms/:slot). */
export interface CaseFormAnswers {
  formId: string;
  formVersion: string;
  answers: FormAnswers;
  updatedAt: string;
}

/**
 * Answers as the worker types them: the raw text of numbers and dates, choice
 * names, a list for `select_multiple`, `true` for a ticked `acknowledge`.
 * Empty answers are left out.
 */
export type DraftAnswers = Record<string, string | string[] | boolean>;
