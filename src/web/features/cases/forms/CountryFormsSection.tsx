import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FormDefinition, relevantFields } from '../../../../core/index.ts';
import { ApiError, api } from '../../../api/client.ts';
import { formatDateTime } from '../../../i18n.ts';
import { useAction } from '../../../lib/useAction.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { usePackForms } from '../screening/useScreeningRules.ts';
import { CountryFormFields } from './CountryFormFields.tsx';
import type { CaseFormAnswers, DraftAnswers, FormSlot } from './countryFormTypes.ts';
import {
  answerText,
  checkAnswers,
  draftAnswersOf,
  focusFirstField,
  localText,
  localToday,
  serverFieldErrors,
} from './formAnswers.ts';

const SLOTS: readonly FormSlot[] = ['intake', 'assessment'];

/**
 * The country pack's intake and assessment questions on a case: the saved
 * answers, and (when the case can be changed) an editor for each form.
 */
export function CountryFormsSection({
  caseId,
  forms,
  writable,
  onSaved,
}: {
  caseId: string;
  /** The case's saved answers (GET /cases/:id `forms`). */
  forms: readonly CaseFormAnswers[];
  writable: boolean;
  onSaved: () => void;
}) {
  const pack = usePackForms();
  if (!pack) return null;
  return (
    <>
      {SLOTS.map((slot) => {
        const form = pack[slot];
        if (!form) return null;
        return (
          <CountryFormPanel
            key={slot}
            caseId={caseId}
            slot={slot}
            form={form}
            saved={forms.find((f) => f.formId === form.id) ?? null}
            writable={writable}
            onSaved={onSaved}
          />
        );
      })}
    </>
  );
}

interface PanelProps {
  caseId: string;
  slot: FormSlot;
  form: FormDefinition;
  saved: CaseFormAnswers | null;
  writable: boolean;
  onSaved: () => void;
}

/** One form: what was answered, and Edit → the questions → Save or Cancel. */
function CountryFormPanel({ caseId, slot, form, saved, writable, onSaved }: PanelProps) {
  const { t, i18n } = useTranslation();
  const [latest, setLatest] = useState<CaseFormAnswers | null>(null);
  const [editing, setEditing] = useState<DraftAnswers | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const prefix = `case-form-${slot}`;
  const headingId = `${prefix}-title`;
  // The answer just saved until the case is read again.
  const current = latest && (!saved || latest.updatedAt > saved.updatedAt) ? latest : saved;

  const save = useAction(async (answers: DraftAnswers) => {
    try {
      const { values } = checkAnswers(form, answers, localToday());
      const view = await api<CaseFormAnswers>(
        'PUT',
        `/cases/${encodeURIComponent(caseId)}/forms/${slot}`,
        { answers: values },
      );
      setLatest(view);
      setEditing(null);
      setDone(true);
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'form_invalid') {
        const found = serverFieldErrors(e.problem);
        setServerErrors(found);
        focusFirstField(prefix, form, Object.keys(found));
      }
      throw e;
    }
  });

  // Opening the editor puts the focus on its first question; closing it, back on Edit.
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing && !wasEditing.current) {
      document
        .querySelector<HTMLElement>(`#${prefix}-editor input, #${prefix}-editor select`)
        ?.focus();
    }
    if (!editing && wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing !== null;
  }, [editing, prefix]);

  const open = () => {
    setEditing(draftAnswersOf(form, current?.answers ?? {}));
    setSubmitted(false);
    setServerErrors({});
    setDone(false);
    save.setError(null);
  };
  const cancel = () => {
    setEditing(null);
    save.setError(null);
  };
  const change = (answers: DraftAnswers, field: string) => {
    setEditing(answers);
    setServerErrors((old) =>
      field in old ? Object.fromEntries(Object.entries(old).filter(([f]) => f !== field)) : old,
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    setSubmitted(true);
    const { errors } = checkAnswers(form, editing, localToday());
    if (errors.length > 0) {
      save.setError(t('ui.countryForms.fixAnswers'));
      focusFirstField(
        prefix,
        form,
        errors.map((e) => e.field),
      );
      return;
    }
    void save.run(editing);
  };

  const title = localText(form.title, i18n.language);
  return (
    <section className="panel country-form" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <Notice>{done ? t('ui.countryForms.saved') : null}</Notice>
      {editing ? (
        <form
          id={`${prefix}-editor`}
          className="form"
          onSubmit={submit}
          noValidate
          aria-label={t('ui.countryForms.editorLabel', { title })}
        >
          <CountryFormFields
            form={form}
            answers={editing}
            onChange={change}
            idPrefix={prefix}
            showAllErrors={submitted}
            externalErrors={serverErrors}
            disabled={save.busy}
          />
          <ErrorAlert error={save.error} />
          <div className="row-actions">
            <button type="submit" className="button primary" disabled={save.busy}>
              {save.busy ? t('ui.common.saving') : t('ui.countryForms.save')}
            </button>
            <button type="button" className="button secondary" onClick={cancel}>
              {t('ui.common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <SavedAnswers form={form} saved={current} />
          {writable ? (
            <button
              ref={editButton}
              type="button"
              className="button secondary"
              onClick={open}
              aria-describedby={headingId}
            >
              {current ? t('ui.countryForms.edit') : t('ui.countryForms.answer')}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

/** The questions shown for the saved answers, each with its answer or "Not answered yet". */
function SavedAnswers({ form, saved }: { form: FormDefinition; saved: CaseFormAnswers | null }) {
  const { t, i18n } = useTranslation();
  if (!saved) return <p className="empty">{t('ui.countryForms.notAnswered')}</p>;
  const shown = new Set(relevantFields(form, saved.answers, { today: localToday() }));
  const questions = form.fields.filter((f) => f.type !== 'note' && shown.has(f.name));
  const yes = t('ui.countryForms.acknowledged');
  return (
    <>
      <p className="item-meta">
        {t('ui.countryForms.savedMeta', {
          at: formatDateTime(saved.updatedAt, i18n.language),
          version: saved.formVersion,
        })}
      </p>
      <dl className="country-answers">
        {questions.map((field) => {
          const text = answerText(field, saved.answers[field.name], i18n.language, yes);
          return (
            <div key={field.name}>
              <dt>{localText(field.label, i18n.language)}</dt>
              <dd className={text ? undefined : 'empty'}>
                {text || t('ui.countryForms.notAnswered')}
              </dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}
