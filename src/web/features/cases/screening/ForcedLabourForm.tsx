import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, type ForcedLabourRules, screenForcedLabour } from '../../../../core/index.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { ScreeningResult } from './ScreeningResult.tsx';

const ANSWERS: Answer[] = ['yes', 'no', 'unknown'];

interface Props {
  rules: ForcedLabourRules | null;
  busy: boolean;
  error: unknown;
  onSave: (inputs: Record<string, unknown>) => void;
}

/** The pack's questionnaire, yes / no / don't know for each item; unanswered stays unanswered. */
export function ForcedLabourForm({ rules, busy, error, onSave }: Props) {
  const { t, i18n } = useTranslation();
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  if (!rules) return <p className="alert alert-info">{t('ui.cases.screening.rulesUnavailable')}</p>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({ answers });
  };
  const preview = screenForcedLabour(answers, rules);
  return (
    <form className="form" onSubmit={submit} noValidate>
      {rules.items.map((item, n) => (
        <fieldset key={item.id} className="radio-row question">
          <legend>
            {n + 1}. {item.text[i18n.language] ?? item.text.en ?? item.id}
          </legend>
          {ANSWERS.map((a) => (
            <label key={a} className="check">
              <input
                type="radio"
                name={`fl-${item.id}`}
                value={a}
                checked={answers[item.id] === a}
                onChange={() => setAnswers((old) => ({ ...old, [item.id]: a }))}
              />
              <span>{t(`ui.cases.screening.answers.${a}`)}</span>
            </label>
          ))}
        </fieldset>
      ))}
      <section className="preview" aria-labelledby="fl-preview" aria-live="polite">
        <h3 id="fl-preview">{t('ui.cases.screening.preview')}</h3>
        <ScreeningResult kind="forced_labour" result={preview} />
      </section>
      <ErrorAlert error={error} />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t('ui.common.saving') : t('ui.cases.screening.save')}
      </button>
    </form>
  );
}
