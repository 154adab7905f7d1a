import type { TFunction } from 'i18next';
import type { FieldValue } from '../../../core/index.ts';

/** The label of each offline-editable field, reusing the case screens' words. */
const FIELD_LABELS: Record<string, string> = {
  'person.givenName': 'ui.cases.intake.givenName',
  'person.familyName': 'ui.cases.intake.familyName',
  'person.sex': 'ui.cases.sexLabel',
  'person.birthDate': 'ui.cases.intake.birthDate',
  'person.estimatedAge': 'ui.cases.intake.estimatedAge',
  'person.areaCode': 'ui.cases.intake.area',
  'case.riskLevel': 'ui.cases.riskLabel',
};

/** "Risk level" for `case.riskLevel`; the raw name for a field we do not know. */
export function fieldLabel(t: TFunction, field: string): string {
  const key = FIELD_LABELS[field];
  return key ? t(key) : field;
}

/** A calendar date (YYYY-MM-DD) in the interface language, without a time-zone shift. */
export function formatDay(day: string, language: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A field's value for people: translated choices, dates in the language, "(empty)". */
export function valueText(t: TFunction, field: string, value: FieldValue, language: string) {
  if (value === null || value === '') return t('ui.sync.conflicts.empty');
  if (field === 'case.riskLevel')
    return t(`ui.cases.riskNames.${value}`, { defaultValue: String(value) });
  if (field === 'person.sex') return t(`ui.cases.sex.${value}`, { defaultValue: String(value) });
  if (field === 'person.birthDate') return formatDay(String(value), language);
  return String(value);
}
