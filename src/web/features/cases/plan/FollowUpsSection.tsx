import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Field } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import type { FollowUp } from '../caseTypes.ts';
import { todayText } from '../labels.ts';
import { usePlanPost } from './usePlanPost.ts';

const QUESTIONS = ['stillWorking', 'inSchool', 'safe', 'withFamily'] as const;
type Question = (typeof QUESTIONS)[number];
type Tri = 'yes' | 'no' | 'unknown';

const toBool = (v: Tri) => (v === 'yes' ? true : v === 'no' ? false : null);
const fromBool = (v: boolean | null): Tri => (v === true ? 'yes' : v === false ? 'no' : 'unknown');

/** Follow-up visits: is the child still working, in school, safe, with family? */
export function FollowUpsSection(props: {
  caseId: string;
  followUps: FollowUp[];
  writable: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [visitedOn, setVisitedOn] = useState(todayText);
  const [answers, setAnswers] = useState<Record<Question, Tri>>({
    stillWorking: 'unknown',
    inSchool: 'unknown',
    safe: 'unknown',
    withFamily: 'unknown',
  });
  const post = usePlanPost(props.caseId, 'follow-ups', props.onSaved);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!visitedOn) return;
    const body: Record<string, unknown> = { visitedOn };
    for (const q of QUESTIONS) body[q] = toBool(answers[q]);
    void post.run(body);
  };
  const answerText = (v: boolean | null) => t(`ui.cases.screening.answers.${fromBool(v)}`);
  return (
    <section className="panel" aria-labelledby="case-follow-ups">
      <h2 id="case-follow-ups">{t('ui.cases.plan.followUps')}</h2>
      {props.followUps.length === 0 ? (
        <p className="empty">{t('ui.cases.plan.noFollowUps')}</p>
      ) : null}
      <ul className="item-list compact">
        {props.followUps.map((f) => (
          <li key={f.id} className="item">
            <span className="item-title">{t('ui.cases.plan.visitOn', { date: f.visitedOn })}</span>
            <p className="item-meta">
              {QUESTIONS.map(
                (q) => `${t(`ui.cases.plan.questions.${q}`)} ${answerText(f[q])}`,
              ).join(' · ')}
            </p>
          </li>
        ))}
      </ul>
      {props.writable ? (
        <form
          className="form"
          onSubmit={submit}
          noValidate
          aria-label={t('ui.cases.plan.addFollowUp')}
        >
          <Notice>{post.saved > 0 ? t('ui.common.saved') : null}</Notice>
          <Field
            id="follow-up-date"
            type="date"
            label={t('ui.cases.plan.visitDate')}
            value={visitedOn}
            onChange={setVisitedOn}
          />
          {QUESTIONS.map((q) => (
            <fieldset key={q} className="radio-row question">
              <legend>{t(`ui.cases.plan.questions.${q}`)}</legend>
              {(['yes', 'no', 'unknown'] as const).map((a) => (
                <label key={a} className="check">
                  <input
                    type="radio"
                    name={`fu-${q}`}
                    value={a}
                    checked={answers[q] === a}
                    onChange={() => setAnswers((old) => ({ ...old, [q]: a }))}
                  />
                  <span>{t(`ui.cases.screening.answers.${a}`)}</span>
                </label>
              ))}
            </fieldset>
          ))}
          <ErrorAlert error={post.error} />
          <button type="submit" className="button secondary" disabled={post.busy}>
            {post.busy ? t('ui.common.saving') : t('ui.cases.plan.addFollowUp')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
