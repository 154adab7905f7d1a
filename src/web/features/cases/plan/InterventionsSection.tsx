import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Field } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import type { Intervention } from '../caseTypes.ts';
import { INTERVENTION_TYPES, todayText } from '../labels.ts';
import { usePlanPost } from './usePlanPost.ts';

/** Services given or arranged (school, training, care…) and a form to record one. */
export function InterventionsSection(props: {
  caseId: string;
  interventions: Intervention[];
  writable: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [type, setType] = useState('');
  const [startedOn, setStartedOn] = useState(todayText);
  const [provider, setProvider] = useState('');
  const [missing, setMissing] = useState(false);
  const post = usePlanPost(props.caseId, 'interventions', () => {
    setType('');
    setProvider('');
    props.onSaved();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!type || !startedOn);
    if (type && startedOn)
      void post.run({ type, startedOn, ...(provider.trim() ? { provider: provider.trim() } : {}) });
  };
  const types = [
    { value: '', label: t('ui.cases.plan.chooseType') },
    ...INTERVENTION_TYPES.map((v) => ({ value: v, label: t(`ui.cases.interventionTypes.${v}`) })),
  ];
  return (
    <section className="panel" aria-labelledby="case-interventions">
      <h2 id="case-interventions">{t('ui.cases.plan.interventions')}</h2>
      {props.interventions.length === 0 ? (
        <p className="empty">{t('ui.cases.plan.noInterventions')}</p>
      ) : null}
      <ul className="item-list compact">
        {props.interventions.map((i) => (
          <li key={i.id} className="item">
            <span className="item-title">
              {t(`ui.cases.interventionTypes.${i.type}`, { defaultValue: i.type })}
            </span>
            <p className="item-meta">
              {t('ui.cases.plan.startedOn', { date: i.startedOn })}
              {i.provider ? ` · ${i.provider}` : ''}
            </p>
          </li>
        ))}
      </ul>
      {props.writable ? (
        <form
          className="form"
          onSubmit={submit}
          noValidate
          aria-label={t('ui.cases.plan.addIntervention')}
        >
          <Notice>{post.saved > 0 ? t('ui.common.saved') : null}</Notice>
          <SelectField
            id="intervention-type"
            label={t('ui.cases.plan.type')}
            value={type}
            onChange={setType}
            options={types}
          />
          <Field
            id="intervention-start"
            type="date"
            label={t('ui.cases.plan.start')}
            value={startedOn}
            onChange={setStartedOn}
          />
          <Field
            id="intervention-provider"
            label={t('ui.cases.plan.provider')}
            hint={t('ui.common.optional')}
            value={provider}
            onChange={(v) => setProvider(v.slice(0, 200))}
          />
          <ErrorAlert error={missing ? t('ui.common.fillRequired') : post.error} />
          <button type="submit" className="button secondary" disabled={post.busy}>
            {post.busy ? t('ui.common.saving') : t('ui.cases.plan.addIntervention')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
