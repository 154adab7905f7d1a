import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import { useAction } from '../../lib/useAction.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ConflictNotice } from '../../ui/ConflictNotice.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import type { CaseDetail } from './caseTypes.ts';
import { APPROVER_ACTIONS, REASON_ACTIONS } from './labels.ts';
import { ReasonDialog } from './ReasonDialog.tsx';

/** What the server listed as missing (409 workflow_refused), in plain words. */
function Problems({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.code !== 'workflow_refused') return null;
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

/** The workflow buttons the case's step allows this user; a reason first where one is needed. */
export function WorkflowActions({
  detail,
  onChange,
  onReload,
}: {
  detail: CaseDetail;
  onChange: (detail: CaseDetail) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [asking, setAsking] = useState<string | null>(null);
  // The dialog keeps its last words while it closes (and names its buttons when hidden).
  const [lastAsked, setLastAsked] = useState('request_closure');
  const move = useAction(async (action: string, reason?: string) => {
    const next = await api<CaseDetail>(
      'POST',
      `/cases/${encodeURIComponent(detail.id)}/transitions`,
      {
        action,
        version: detail.version,
        ...(reason ? { reason } : {}),
      },
    );
    setAsking(null);
    onChange(next);
  });
  const allowed = detail.actions.filter((a) =>
    APPROVER_ACTIONS.includes(a) ? can('case:approve:agency') : can('case:write:agency'),
  );
  if (allowed.length === 0) return null;
  const press = (action: string) => {
    move.setError(null);
    if (REASON_ACTIONS.includes(action)) {
      setAsking(action);
      setLastAsked(action);
    } else void move.run(action);
  };
  return (
    <section className="panel" aria-labelledby="case-actions">
      <h2 id="case-actions">{t('ui.cases.actions.title')}</h2>
      <div className="row-actions">
        {allowed.map((a) => (
          <button
            key={a}
            type="button"
            className={a === allowed[0] ? 'button primary' : 'button secondary'}
            onClick={() => press(a)}
            disabled={move.busy}
          >
            {t(`ui.cases.actions.${a}`, { defaultValue: a })}
          </button>
        ))}
      </div>
      {asking ? null : (
        <>
          <ErrorAlert error={move.error} />
          <Problems error={move.error} />
          <ConflictNotice error={move.error} onReload={onReload} />
        </>
      )}
      <ReasonDialog
        open={asking !== null}
        title={t(`ui.cases.actions.${lastAsked}`)}
        confirmLabel={t(`ui.cases.actions.${lastAsked}`)}
        busy={move.busy}
        error={asking ? move.error : null}
        extra={asking ? <Problems error={move.error} /> : null}
        onConfirm={(reason) => asking && void move.run(asking, reason)}
        onCancel={() => {
          setAsking(null);
          move.setError(null);
        }}
      />
    </section>
  );
}
