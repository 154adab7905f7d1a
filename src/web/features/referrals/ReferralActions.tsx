import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERRAL_OUTCOMES } from '../../../core/index.ts';
import { ApiError, api } from '../../api/client.ts';
import { useAction } from '../../lib/useAction.ts';
import { useApiGet } from '../../lib/useApiGet.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ConflictNotice } from '../../ui/ConflictNotice.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextAreaField } from '../../ui/TextAreaField.tsx';
import type { Assignee } from '../cases/caseTypes.ts';
import type { ReferralView } from './referralTypes.ts';

/** The text each action must carry, by the name the API gives it. */
const TEXT_OF: Record<string, 'reason' | 'question' | 'answer' | 'feedback' | undefined> = {
  decline: 'reason',
  request_info: 'question',
  provide_info: 'answer',
  complete: 'feedback',
  cancel: 'reason',
};

/** What the server listed as impossible (409 referral_refused), in plain words. */
function Problems({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.code !== 'referral_refused') return null;
  const problems = Array.isArray(error.problem?.problems)
    ? (error.problem.problems as string[])
    : [];
  if (problems.length === 0) return null;
  return (
    <ul className="problems" aria-label={t('ui.cases.actions.problems')}>
      {problems.map((p) => (
        <li key={p}>{t(`workflow.problems.${p}`, { defaultValue: p })}</li>
      ))}
    </ul>
  );
}

/**
 * The buttons for what the reader's side may do now (`actions` from the server).
 * An action that needs words (a reason, a question, an answer, feedback with an
 * outcome) opens a small form first; a supervisor accepting picks the worker.
 */
export function ReferralActions(props: {
  referral: ReferralView;
  onChange: (next: ReferralView) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { can, user } = useSession();
  const r = props.referral;
  const supervisor = can('case:approve:agency') && r.actions.includes('accept');
  const assignees = useApiGet<{ items: Assignee[] }>(supervisor ? '/case-assignees' : null);
  const [open, setOpen] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<string>(REFERRAL_OUTCOMES[0]);
  const [assignee, setAssignee] = useState(user?.id ?? '');
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const act = useAction(async (body: Record<string, unknown> & { type: string }) => {
    setDone(null);
    const next = await api<ReferralView>('POST', `/referrals/${encodeURIComponent(r.id)}/actions`, {
      ...body,
      version: r.version,
    });
    setOpen(null);
    setText('');
    setDone(body.type);
    props.onChange(next);
  });
  useEffect(() => {
    // The form's first control takes the focus, so its words are where the user is.
    if (open)
      document
        .querySelector<HTMLElement>('#referral-action-form select, #referral-action-form textarea')
        ?.focus();
  }, [open]);

  if (!can('case:write:agency') || (r.actions.length === 0 && !done)) return null;
  const needsForm = (type: string) =>
    TEXT_OF[type] !== undefined || (type === 'accept' && supervisor);
  const press = (type: string) => {
    act.setError(null);
    setMissing(false);
    setDone(null);
    if (needsForm(type)) {
      setOpen(type);
      setText('');
    } else void act.run({ type });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!open) return;
    const field = TEXT_OF[open];
    if (field && !text.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const body: Record<string, unknown> & { type: string } = { type: open };
    if (field) body[field] = text.trim();
    if (open === 'complete') body.outcome = outcome;
    if (open === 'accept' && assignee && assignee !== user?.id) body.assignedUserId = assignee;
    void act.run(body);
  };
  const people = [
    ...(user ? [{ value: user.id, label: t('ui.referrals.actions.myself') }] : []),
    ...(assignees.data?.items ?? [])
      .filter((a) => a.id !== user?.id)
      .map((a) => ({
        value: a.id,
        label: t('ui.cases.assignment.person', { name: a.displayName, user: a.username }),
      })),
  ];
  const field = open ? TEXT_OF[open] : undefined;
  return (
    <section className="panel" aria-labelledby="referral-actions">
      <h2 id="referral-actions">{t('ui.referrals.actions.title')}</h2>
      <Notice>{done ? t(`ui.referrals.actions.done.${done}`) : null}</Notice>
      {r.actions.length === 0 ? null : (
        <div className="row-actions">
          {r.actions.map((a, i) => (
            <button
              key={a}
              type="button"
              className={
                a === 'decline' || a === 'cancel'
                  ? 'button danger'
                  : i === 0
                    ? 'button primary'
                    : 'button secondary'
              }
              onClick={() => press(a)}
              disabled={act.busy}
              aria-expanded={needsForm(a) ? open === a : undefined}
              aria-controls={needsForm(a) && open === a ? 'referral-action-form' : undefined}
            >
              {t(`ui.referrals.actions.${a}`, { defaultValue: a })}
            </button>
          ))}
        </div>
      )}
      {open ? (
        <form
          id="referral-action-form"
          className="form action-form"
          onSubmit={submit}
          noValidate
          aria-label={t(`ui.referrals.actions.${open}`)}
        >
          {open === 'provide_info' && r.infoRequest ? (
            <p>
              <strong>{t('ui.referrals.infoRequest')}</strong> {r.infoRequest}
            </p>
          ) : null}
          {open === 'accept' ? (
            <SelectField
              id="referral-assignee"
              label={t('ui.referrals.actions.assignee')}
              value={assignee}
              onChange={setAssignee}
              options={people}
            />
          ) : null}
          {open === 'complete' ? (
            <SelectField
              id="referral-outcome"
              label={t('ui.referrals.outcome')}
              value={outcome}
              onChange={setOutcome}
              options={REFERRAL_OUTCOMES.map((o) => ({
                value: o,
                label: t(`ui.referrals.outcomes.${o}`),
              }))}
            />
          ) : null}
          {field ? (
            <TextAreaField
              id="referral-action-text"
              label={t(`ui.referrals.actions.fields.${field}`)}
              value={text}
              onChange={(v) => setText(v.slice(0, 2000))}
            />
          ) : null}
          <ErrorAlert
            error={missing ? t(`workflow.problems.${field ?? 'reason'}_required`) : act.error}
          />
          <Problems error={act.error} />
          <ConflictNotice error={act.error} onReload={props.onReload} />
          <div className="row-actions">
            <button
              type="submit"
              className={
                open === 'decline' || open === 'cancel' ? 'button danger' : 'button primary'
              }
              disabled={act.busy}
            >
              {act.busy ? t('ui.common.working') : t(`ui.referrals.actions.confirm.${open}`)}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setOpen(null);
                act.setError(null);
              }}
            >
              {t('ui.common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <ErrorAlert error={act.error} />
          <Problems error={act.error} />
          <ConflictNotice error={act.error} onReload={props.onReload} />
        </>
      )}
    </section>
  );
}
