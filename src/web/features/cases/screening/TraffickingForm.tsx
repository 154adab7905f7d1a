import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  screenTrafficking,
  TRAFFICKING_ACTS,
  TRAFFICKING_MEANS,
  TRAFFICKING_PURPOSES,
  type TraffickingAct,
  type TraffickingMeans,
  type TraffickingPurpose,
  type TraffickingRules,
} from '../../../../core/index.ts';
import { CheckboxList } from '../../../ui/CheckboxList.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { ScreeningResult } from './ScreeningResult.tsx';

interface Props {
  age: number | null;
  rules: TraffickingRules | null;
  busy: boolean;
  error: unknown;
  onSave: (inputs: Record<string, unknown>) => void;
}

/** The act, means and purpose elements of the Palermo Protocol, as reported. */
export function TraffickingForm({ age, rules, busy, error, onSave }: Props) {
  const { t } = useTranslation();
  const [acts, setActs] = useState<string[]>([]);
  const [means, setMeans] = useState<string[]>([]);
  const [purposes, setPurposes] = useState<string[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({ acts, means, purposes });
  };
  const preview = rules
    ? screenTrafficking(
        {
          acts: acts as TraffickingAct[],
          means: means as TraffickingMeans[],
          purposes: purposes as TraffickingPurpose[],
          age,
        },
        rules,
      )
    : null;
  const options = (prefix: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: t(`screening.reasons.${prefix}_${v}`) }));
  return (
    <form className="form" onSubmit={submit} noValidate>
      <CheckboxList
        name="acts"
        legend={t('ui.cases.screening.acts')}
        options={options('act', TRAFFICKING_ACTS)}
        selected={acts}
        onChange={setActs}
      />
      <CheckboxList
        name="means"
        legend={t('ui.cases.screening.means')}
        options={options('means', TRAFFICKING_MEANS)}
        selected={means}
        onChange={setMeans}
      />
      <CheckboxList
        name="purposes"
        legend={t('ui.cases.screening.purposes')}
        options={options('purpose', TRAFFICKING_PURPOSES)}
        selected={purposes}
        onChange={setPurposes}
      />
      {preview ? (
        <section className="preview" aria-labelledby="tr-preview" aria-live="polite">
          <h3 id="tr-preview">{t('ui.cases.screening.preview')}</h3>
          <ScreeningResult kind="trafficking" result={preview} />
        </section>
      ) : null}
      <ErrorAlert error={error} />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t('ui.common.saving') : t('ui.cases.screening.save')}
      </button>
    </form>
  );
}
