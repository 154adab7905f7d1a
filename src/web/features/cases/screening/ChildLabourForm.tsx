import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ChildLabourRules,
  classifyChildLabour,
  R190_CONDITIONS,
  type R190Condition,
  WORST_FORMS,
  type WorstForm,
} from '../../../../core/index.ts';
import { CheckboxList } from '../../../ui/CheckboxList.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Field } from '../../../ui/Field.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import type { CaseDetail } from '../caseTypes.ts';
import { ScreeningResult } from './ScreeningResult.tsx';

/** A short list of ISIC Rev.4 codes met most in the field; any code can be typed. */
const COMMON_INDUSTRIES = ['2392', '1393', '0111', '0899', '4100', '1410', '5610', '9700'];

const hours = (text: string) => {
  const n = Number(text.replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 168 ? n : null;
};

interface Props {
  person: CaseDetail['person'];
  rules: ChildLabourRules | null;
  busy: boolean;
  error: unknown;
  onSave: (inputs: Record<string, unknown>) => void;
}

/** Hours, industry, occupation, hazardous conditions and worst forms; a live preview on the device. */
export function ChildLabourForm({ person, rules, busy, error, onSave }: Props) {
  const { t } = useTranslation();
  const [econ, setEcon] = useState('');
  const [chores, setChores] = useState('0');
  const [industry, setIndustry] = useState('');
  const [occupation, setOccupation] = useState('');
  const [conditions, setConditions] = useState<string[]>([]);
  const [worst, setWorst] = useState<string[]>([]);
  const [invalid, setInvalid] = useState(false);
  const e = hours(econ);
  const c = hours(chores);
  const inputs = {
    economicActivityHours: e ?? 0,
    householdChoresHours: c ?? 0,
    ...(industry.trim() ? { industry: industry.trim().toUpperCase() } : {}),
    ...(occupation.trim() ? { occupation: occupation.trim() } : {}),
    conditions: conditions as R190Condition[],
    worstForms: worst as WorstForm[],
  };
  const preview =
    rules && person.age !== null && e !== null && c !== null
      ? classifyChildLabour(
          { ...inputs, age: person.age, ageEstimated: person.ageEstimated },
          rules,
        )
      : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setInvalid(e === null || c === null);
    if (e !== null && c !== null) onSave(inputs);
  };
  const picker = [
    { value: '', label: t('ui.cases.screening.pickIndustry') },
    ...COMMON_INDUSTRIES.map((code) => ({
      value: code,
      label: `${code} — ${t(`ui.cases.screening.industries.i${code}`)}`,
    })),
  ];
  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field
        id="cl-econ"
        label={t('ui.cases.screening.economicHours')}
        hint={t('ui.cases.screening.hoursHint')}
        value={econ}
        onChange={setEcon}
        inputMode="decimal"
        required
      />
      <Field
        id="cl-chores"
        label={t('ui.cases.screening.choresHours')}
        value={chores}
        onChange={setChores}
        inputMode="decimal"
      />
      <SelectField
        id="cl-industry-pick"
        label={t('ui.cases.screening.commonIndustries')}
        value={COMMON_INDUSTRIES.includes(industry) ? industry : ''}
        onChange={setIndustry}
        options={picker}
      />
      <Field
        id="cl-industry"
        label={t('ui.cases.screening.industry')}
        hint={t('ui.cases.screening.industryHint')}
        value={industry}
        onChange={(v) => setIndustry(v.replace(/[^A-Za-z0-9]/g, ''))}
        maxLength={10}
        autoCapitalize="characters"
        spellCheck={false}
      />
      <Field
        id="cl-occupation"
        label={t('ui.cases.screening.occupation')}
        hint={t('ui.cases.screening.occupationHint')}
        value={occupation}
        onChange={(v) => setOccupation(v.replace(/\D/g, ''))}
        maxLength={10}
        inputMode="numeric"
      />
      <CheckboxList
        name="conditions"
        legend={t('ui.cases.screening.conditions')}
        options={R190_CONDITIONS.map((k) => ({
          value: k,
          label: t(`screening.reasons.condition_${k}`),
        }))}
        selected={conditions}
        onChange={setConditions}
      />
      <CheckboxList
        name="worstForms"
        legend={t('ui.cases.screening.worstForms')}
        options={WORST_FORMS.map((k) => ({
          value: k,
          label: t(`screening.reasons.worst_form_${k}`),
        }))}
        selected={worst}
        onChange={setWorst}
      />
      {preview ? (
        <section className="preview" aria-labelledby="cl-preview" aria-live="polite">
          <h3 id="cl-preview">{t('ui.cases.screening.preview')}</h3>
          <ScreeningResult kind="child_labour" result={preview} />
        </section>
      ) : null}
      <ErrorAlert error={invalid ? t('ui.cases.screening.hoursInvalid') : error} />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t('ui.common.saving') : t('ui.cases.screening.save')}
      </button>
    </form>
  );
}
