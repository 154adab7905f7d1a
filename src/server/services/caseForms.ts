import {
  CATALOGUES,
  type FieldError,
  type FormAnswers,
  type FormDefinition,
  translate,
  validateAnswers,
} from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { writableCase } from './cases.ts';
import { packRules } from './packRules.ts';
import { recordCaseChange } from './syncMerge.ts';
import { inTransaction } from './trail.ts';

export type FormSlot = 'intake' | 'assessment';

export interface FormAnswersView {
  formId: string;
  formVersion: string;
  answers: FormAnswers;
  updatedAt: string;
}

/** A field problem as the API reports it: the field, a stable code, a message in the user's language. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** The pack's form in a slot, or undefined when the country adds none there. */
export async function packForm(ctx: Ctx, slot: FormSlot): Promise<FormDefinition | undefined> {
  return (await packRules(ctx)).forms?.[slot];
}

function fieldProblems(ctx: Ctx, errors: readonly FieldError[]): FieldProblem[] {
  const languages = ctx.actor ? [ctx.actor.language] : [];
  return errors.map((e) => {
    const own = e.message
      ? (languages.map((l) => e.message?.[l]).find((m) => m !== undefined) ?? e.message.en)
      : undefined;
    return {
      field: e.field,
      code: e.messageKey.replace(/^forms\./, ''),
      message: own ?? translate(CATALOGUES, languages, e.messageKey, e.params ?? {}),
    };
  });
}

/**
 * Checks answers against the pack's form with the same engine the device runs;
 * refuses with every field problem at once (400 `form_invalid`).
 */
export async function checkedAnswers(
  ctx: Ctx,
  slot: FormSlot,
  answers: FormAnswers,
): Promise<{ form: FormDefinition; values: FormAnswers }> {
  const form = await packForm(ctx, slot);
  if (!form) throw new ProblemError(400, 'validation_failed', { detail: `no ${slot} form` });
  const today = ctx.deps.clock.now().toISOString().slice(0, 10);
  const { values, errors } = validateAnswers(form, answers, { today });
  if (errors.length > 0)
    throw new ProblemError(400, 'form_invalid', {}, { fields: fieldProblems(ctx, errors) });
  return { form, values };
}

/** The row that stores a form's answers on a case. */
export function formAnswerRow(
  caseId: string,
  form: FormDefinition,
  values: FormAnswers,
  userId: string,
  at: string,
): Database['case_form_answer'] {
  return {
    case_id: caseId,
    form_id: form.id,
    form_version: form.version,
    answers: JSON.stringify(values),
    updated_by: userId,
    updated_at: at,
  };
}

/** Saves (replaces) the answers to one of the pack's forms on a case. */
export async function saveFormAnswers(
  ctx: Ctx,
  caseId: string,
  slot: FormSlot,
  answers: FormAnswers,
): Promise<FormAnswersView> {
  const { actor } = await writableCase(ctx, caseId);
  if (!(await packForm(ctx, slot))) throw notFound('form');
  const { form, values } = await checkedAnswers(ctx, slot, answers);
  const at = ctx.deps.clock.now().toISOString();
  const row = formAnswerRow(caseId, form, values, actor.userId, at);
  await inTransaction(
    ctx,
    { action: 'case.form.save', entity: 'case', entityIds: [caseId], details: { form: form.id } },
    async (trx) => {
      await trx
        .insertInto('case_form_answer')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['case_id', 'form_id']).doUpdateSet({
            form_version: row.form_version,
            answers: row.answers,
            updated_by: row.updated_by,
            updated_at: row.updated_at,
          }),
        )
        .execute();
      await trx
        .insertInto('case_event')
        .values({
          id: crypto.randomUUID(),
          case_id: caseId,
          at,
          actor_user_id: actor.userId,
          type: 'form_saved',
          details: JSON.stringify({ form: form.id, version: form.version }),
        })
        .execute();
      await recordCaseChange(ctx, trx, caseId);
    },
  );
  return { formId: form.id, formVersion: form.version, answers: values, updatedAt: at };
}
