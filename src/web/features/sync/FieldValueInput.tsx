import { useTranslation } from 'react-i18next';
import type { FieldValue } from '../../../core/index.ts';
import { Field } from '../../ui/Field.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { RISK_LEVELS, SEXES } from '../cases/labels.ts';

/** The text a form holds for a field's value ('' for empty). */
export function draftText(value: FieldValue): string {
  return value === null ? '' : String(value);
}

/** The value to send for a field's text: a whole number for the age, null when emptied. */
export function draftValue(field: string, text: string): FieldValue {
  const trimmed = text.trim();
  if (field === 'person.estimatedAge') return trimmed === '' ? null : Number(trimmed);
  if (field === 'person.familyName') return trimmed;
  if (field === 'person.givenName') return trimmed;
  return trimmed === '' ? null : trimmed;
}

/** What is wrong with a field's text before sending it (translated), or null. */
export function draftProblem(t: (key: string) => string, field: string, text: string) {
  const trimmed = text.trim();
  if (field === 'person.givenName' && trimmed === '') return t('ui.cases.intake.errors.givenName');
  if (field === 'person.estimatedAge' && trimmed !== '') {
    const n = Number(trimmed);
    if (!/^\d{1,3}$/.test(trimmed) || n > 120) return t('ui.cases.intake.errors.ageNumber');
  }
  if ((field === 'case.riskLevel' || field === 'person.sex') && trimmed === '')
    return t('ui.sync.conflicts.valueRequired');
  return null;
}

interface FieldValueInputProps {
  field: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  id?: string;
  /** Id of the element saying what is wrong, when something is. */
  errorId?: string | undefined;
}

/**
 * The right control for an offline-editable field: a list for the risk level and
 * the sex, a date for the birth date, a number for the estimated age, else text.
 */
export function FieldValueInput({
  field,
  label,
  value,
  onChange,
  id,
  errorId,
}: FieldValueInputProps) {
  const { t } = useTranslation();
  const invalid = errorId ? { 'aria-invalid': true as const, 'aria-errormessage': errorId } : {};
  if (field === 'case.riskLevel' || field === 'person.sex') {
    const options =
      field === 'case.riskLevel'
        ? RISK_LEVELS.map((r) => ({ value: r, label: t(`ui.cases.riskNames.${r}`) }))
        : SEXES.map((s) => ({ value: s, label: t(`ui.cases.sex.${s}`) }));
    return (
      <SelectField
        label={label}
        value={value}
        onChange={onChange}
        required
        {...(id ? { id } : {})}
        options={[{ value: '', label: t('ui.cases.intake.chooseSex') }, ...options]}
      />
    );
  }
  const type =
    field === 'person.birthDate' ? 'date' : field === 'person.estimatedAge' ? 'number' : 'text';
  return (
    <Field
      label={label}
      value={value}
      onChange={onChange}
      type={type}
      id={id}
      {...(type === 'number' ? { min: 0, max: 120, step: 1, inputMode: 'numeric' as const } : {})}
      {...(type === 'text' ? { maxLength: 200, autoComplete: 'off' } : {})}
      {...(field === 'person.givenName' ? { required: true } : {})}
      {...invalid}
    />
  );
}
