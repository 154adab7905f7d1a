import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormDefinition } from '../../../../core/index.ts';
import { CheckboxList } from '../../../ui/CheckboxList.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Field } from '../../../ui/Field.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { CountryFormFields } from '../forms/CountryFormFields.tsx';
import { localText } from '../forms/formAnswers.ts';
import { CASE_TOPICS, RISK_LEVELS, SEXES } from '../labels.ts';
import type { IntakeDraft } from './intakeDraft.ts';
import { useAreaOptions } from './useAreaOptions.ts';

interface IntakeFormProps {
  draft: IntakeDraft;
  onChange: (draft: IntakeDraft) => void;
  areaCodes: readonly string[];
  /** Field → message already translated. */
  errors: Record<string, string>;
  busy: boolean;
  error: unknown;
  onSubmit: () => void;
  /** The country pack's intake questions, when it has some. */
  countryForm: FormDefinition | null;
  /** Problems the server found in the country answers, field → message. */
  countryErrors: Record<string, string>;
  /** True once the user tried to submit: every problem of the country questions shows. */
  submitted: boolean;
}

function FieldError({ id, text }: { id: string; text: string | undefined }): ReactNode {
  if (!text) return null;
  return (
    <p id={id} className="field-error">
      {text}
    </p>
  );
}

/** The id of the intake form, for the submit button placed after the country questions. */
export const INTAKE_FORM_ID = 'intake-form';

/**
 * The person (unless one was picked), the case's topics, risk level and area; then
 * the country pack's own intake questions, if any, under their own heading.
 */
export function IntakeForm({
  draft,
  onChange,
  areaCodes,
  errors,
  busy,
  error,
  onSubmit,
  countryForm,
  countryErrors,
  submitted,
}: IntakeFormProps) {
  const { t, i18n } = useTranslation();
  const areas = useAreaOptions(areaCodes, i18n.language);
  const set =
    <K extends keyof IntakeDraft>(key: K) =>
    (value: IntakeDraft[K]) =>
      onChange({ ...draft, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const invalid = (field: string) => (errors[field] ? { 'aria-invalid': true as const } : {});
  const choose = (label: string) => [{ value: '', label }];
  const send = (
    <>
      <ErrorAlert error={error} />
      <button type="submit" form={INTAKE_FORM_ID} className="button primary" disabled={busy}>
        {busy ? t('ui.common.saving') : t('ui.cases.intake.submit')}
      </button>
    </>
  );
  return (
    <>
      <form
        id={INTAKE_FORM_ID}
        className="form"
        onSubmit={submit}
        noValidate
        aria-labelledby="intake-form-title"
      >
        <h2 id="intake-form-title">{t('ui.cases.intake.formTitle')}</h2>
        {draft.personId ? (
          <div className="panel">
            <p>{t('ui.cases.intake.pickedPerson', { name: draft.personLabel })}</p>
            <button
              type="button"
              className="button secondary small"
              onClick={() => onChange({ ...draft, personId: null, personLabel: '' })}
            >
              {t('ui.cases.intake.newPersonInstead')}
            </button>
          </div>
        ) : (
          <fieldset>
            <legend>{t('ui.cases.intake.person')}</legend>
            <Field
              id="intake-given"
              label={t('ui.cases.intake.givenName')}
              value={draft.givenName}
              onChange={set('givenName')}
              hint={
                errors.givenName ? (
                  <span className="field-error">{errors.givenName}</span>
                ) : undefined
              }
              autoComplete="off"
              required
              {...invalid('givenName')}
            />
            <Field
              id="intake-family"
              label={t('ui.cases.intake.familyName')}
              value={draft.familyName}
              onChange={set('familyName')}
              hint={t('ui.common.optional')}
              autoComplete="off"
            />
            <SelectField
              id="intake-sex"
              label={t('ui.cases.intake.sex')}
              value={draft.sex}
              onChange={set('sex')}
              options={[
                ...choose(t('ui.cases.intake.chooseSex')),
                ...SEXES.map((s) => ({ value: s, label: t(`ui.cases.sex.${s}`) })),
              ]}
              required
            />
            <FieldError id="intake-sex-error" text={errors.sex} />
            <p className="hint">{t('ui.cases.intake.ageHint')}</p>
            <Field
              id="intake-birth"
              type="date"
              label={t('ui.cases.intake.birthDate')}
              value={draft.birthDate}
              onChange={set('birthDate')}
              hint={
                errors.birthDate ? (
                  <span className="field-error">{errors.birthDate}</span>
                ) : undefined
              }
              {...invalid('birthDate')}
            />
            <Field
              id="intake-age"
              label={t('ui.cases.intake.estimatedAge')}
              value={draft.estimatedAge}
              onChange={set('estimatedAge')}
              inputMode="numeric"
              hint={errors.age ? <span className="field-error">{errors.age}</span> : undefined}
              {...invalid('age')}
            />
          </fieldset>
        )}
        <SelectField
          id="intake-area"
          label={t('ui.cases.intake.area')}
          value={draft.areaCode}
          onChange={set('areaCode')}
          options={[
            ...choose(t('ui.cases.intake.chooseArea')),
            ...areas.map((a) => ({ value: a.code, label: a.name })),
          ]}
          required
        />
        <FieldError id="intake-area-error" text={errors.areaCode} />
        <CheckboxList
          name="topics"
          legend={t('ui.cases.intake.topics')}
          options={CASE_TOPICS.map((c) => ({ value: c, label: t(`ui.cases.topics.${c}`) }))}
          selected={draft.topics}
          onChange={set('topics')}
        />
        <FieldError id="intake-topics-error" text={errors.topics} />
        <fieldset className="radio-row">
          <legend>{t('ui.cases.intake.risk')}</legend>
          {RISK_LEVELS.map((r) => (
            <label key={r} className="check">
              <input
                type="radio"
                name="risk"
                value={r}
                checked={draft.riskLevel === r}
                onChange={() => set('riskLevel')(r)}
              />
              <span>{t(`ui.cases.riskNames.${r}`)}</span>
            </label>
          ))}
        </fieldset>
        <FieldError id="intake-risk-error" text={errors.riskLevel} />
        {countryForm ? null : send}
      </form>
      {countryForm ? (
        // Outside the case form: the pack's questions are a group of their own, optional as a whole.
        <section className="form country-form" aria-labelledby="intake-country-title">
          <h2 id="intake-country-title">
            {t('ui.countryForms.intakeHeading', {
              title: localText(countryForm.title, i18n.language),
            })}
          </h2>
          <p className="hint">{t('ui.countryForms.intakeHint')}</p>
          <CountryFormFields
            form={countryForm}
            answers={draft.answers}
            onChange={(answers) => onChange({ ...draft, answers })}
            idPrefix="intake-q"
            showAllErrors={submitted}
            externalErrors={countryErrors}
            disabled={busy}
          />
          {send}
        </section>
      ) : null}
    </>
  );
}
