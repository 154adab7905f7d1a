import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Field } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { TextAreaField } from '../../../ui/TextAreaField.tsx';
import type { Goal } from '../caseTypes.ts';
import { usePlanPost } from './usePlanPost.ts';

/** The case plan's goals and a form to add one. */
export function GoalsSection(props: {
  caseId: string;
  goals: Goal[];
  writable: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [description, setDescription] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [missing, setMissing] = useState(false);
  const post = usePlanPost(props.caseId, 'goals', () => {
    setDescription('');
    setDueDate('');
    props.onSaved();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!description.trim());
    if (description.trim())
      void post.run({ description: description.trim(), ...(dueDate ? { dueDate } : {}) });
  };
  return (
    <section className="panel" aria-labelledby="case-goals">
      <h2 id="case-goals">{t('ui.cases.plan.goals')}</h2>
      {props.goals.length === 0 ? <p className="empty">{t('ui.cases.plan.noGoals')}</p> : null}
      <ul className="item-list compact">
        {props.goals.map((g) => (
          <li key={g.id} className="item">
            <span className="item-title">{g.description}</span>
            {g.dueDate ? (
              <p className="item-meta">{t('ui.cases.plan.dueDate', { date: g.dueDate })}</p>
            ) : null}
          </li>
        ))}
      </ul>
      {props.writable ? (
        <form className="form" onSubmit={submit} noValidate aria-label={t('ui.cases.plan.addGoal')}>
          <Notice>{post.saved > 0 ? t('ui.common.saved') : null}</Notice>
          <TextAreaField
            id="goal-description"
            label={t('ui.cases.plan.goalDescription')}
            value={description}
            onChange={(v) => setDescription(v.slice(0, 500))}
          />
          <Field
            id="goal-due"
            type="date"
            label={t('ui.cases.plan.goalDue')}
            hint={t('ui.common.optional')}
            value={dueDate}
            onChange={setDueDate}
          />
          <ErrorAlert error={missing ? t('ui.common.fillRequired') : post.error} />
          <button type="submit" className="button secondary" disabled={post.busy}>
            {post.busy ? t('ui.common.saving') : t('ui.cases.plan.addGoal')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
