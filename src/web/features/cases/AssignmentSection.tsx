import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useAction } from '../../lib/useAction.ts';
import { useApiGet } from '../../lib/useApiGet.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ConflictNotice } from '../../ui/ConflictNotice.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import type { Assignee, CaseDetail } from './caseTypes.ts';

/**
 * Who works the case. A worker can take it; a supervisor can also give it to
 * another worker or leave it unassigned. A closed case only says who had it.
 */
export function AssignmentSection({
  detail,
  onChange,
  onReload,
}: {
  detail: CaseDetail;
  onChange: (detail: CaseDetail) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { can, user } = useSession();
  const current = detail.assignedTo;
  const writable = can('case:write:agency') && detail.step !== 'closed';
  const supervisor = writable && can('case:approve:agency');
  const assignees = useApiGet<{ items: Assignee[] }>(supervisor ? '/case-assignees' : null);
  const [choice, setChoice] = useState(current?.id ?? '');
  const [saved, setSaved] = useState(false);
  useEffect(() => setChoice(current?.id ?? ''), [current?.id]);
  const assign = useAction(async (userId: string | null) => {
    setSaved(false);
    const next = await api<CaseDetail>(
      'POST',
      `/cases/${encodeURIComponent(detail.id)}/assignment`,
      { userId, version: detail.version },
    );
    onChange(next);
    setSaved(true);
  });
  const mine = current !== null && current.id === user?.id;
  const name = (a: Assignee) =>
    t('ui.cases.assignment.person', { name: a.displayName, user: a.username });
  const options = [
    { value: '', label: t('ui.cases.assignment.nobody') },
    ...(assignees.data?.items ?? []).map((a) => ({ value: a.id, label: name(a) })),
  ];
  if (current && !options.some((o) => o.value === current.id))
    options.push({ value: current.id, label: name(current) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void assign.run(choice || null);
  };
  return (
    <section className="panel" aria-labelledby="case-assignment">
      <h2 id="case-assignment">{t('ui.cases.assignment.title')}</h2>
      <p className="assignee" data-testid="assignee">
        {current ? (
          <strong>
            {mine ? t('ui.cases.assignment.you', { name: name(current) }) : name(current)}
          </strong>
        ) : (
          <span className="empty">{t('ui.cases.unassigned')}</span>
        )}
      </p>
      <Notice>{saved ? t('ui.cases.assignment.saved') : null}</Notice>
      {writable && !mine ? (
        <p>
          <button
            type="button"
            className="button secondary"
            onClick={() => void assign.run(user?.id ?? null)}
            disabled={assign.busy || !user}
          >
            {t('ui.cases.assignment.take')}
          </button>
        </p>
      ) : null}
      {supervisor ? (
        <form
          className="inline-form"
          onSubmit={submit}
          aria-label={t('ui.cases.assignment.change')}
        >
          <SelectField
            id="case-assignee"
            label={t('ui.cases.assignment.choose')}
            value={choice}
            onChange={setChoice}
            options={options}
          />
          <button
            type="submit"
            className="button secondary"
            disabled={assign.busy || choice === (current?.id ?? '')}
          >
            {assign.busy ? t('ui.common.saving') : t('ui.common.save')}
          </button>
        </form>
      ) : null}
      <ErrorAlert error={assign.error ?? assignees.error} />
      <ConflictNotice error={assign.error} onReload={onReload} />
    </section>
  );
}
