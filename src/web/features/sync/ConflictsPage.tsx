import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, useLocation } from '../../lib/router.tsx';
import { useApiGet } from '../../lib/useApiGet.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ConflictCaseGroup } from './ConflictCaseGroup.tsx';
import {
  CONFLICT_STATES,
  type ConflictState,
  type Device,
  type SyncConflict,
} from './syncTypes.ts';
import './sync.css';

type Message = { kind: 'ok' | 'warn'; text: string } | null;

/**
 * The agency's sync conflicts, grouped by case: both values of each field side
 * by side, and a decision per field. Open ones by default; the state is in the URL.
 */
export function ConflictsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { search } = useLocation();
  const wanted = search.get('state');
  const state: ConflictState = CONFLICT_STATES.find((s) => s === wanted) ?? 'open';
  const list = useApiGet<{ items: SyncConflict[] }>(`/sync/conflicts?state=${state}`);
  const devices = useApiGet<{ items: Device[] }>('/devices');
  const [message, setMessage] = useState<Message>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  const deviceLabels = useMemo(
    () => new Map((devices.data?.items ?? []).map((d) => [d.id, d.label])),
    [devices.data],
  );
  const groups = useMemo(() => {
    const byCase = new Map<string, SyncConflict[]>();
    for (const c of list.data?.items ?? [])
      byCase.set(c.caseId, [...(byCase.get(c.caseId) ?? []), c]);
    return [...byCase.entries()];
  }, [list.data]);

  // The resolved form disappears with the focus in it: the message takes the focus instead.
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  const resolved = (outcome: 'resolved' | 'already') => {
    setMessage(
      outcome === 'resolved'
        ? { kind: 'ok', text: t('ui.sync.conflicts.resolved') }
        : { kind: 'warn', text: t('ui.sync.conflicts.alreadyResolved') },
    );
    list.reload();
  };
  const empty = list.data && list.data.items.length === 0;

  return (
    <Page title={t('ui.sync.conflicts.title')}>
      <p className="lead">{t('ui.sync.conflicts.intro')}</p>
      <fieldset className="radio-row scope-switch">
        <legend>{t('ui.sync.conflicts.stateLabel')}</legend>
        {CONFLICT_STATES.map((s) => (
          <label key={s} className="check">
            <input
              type="radio"
              name="conflict-state"
              value={s}
              checked={state === s}
              onChange={() => {
                setMessage(null);
                navigate(s === 'open' ? '/sync/conflicts' : `/sync/conflicts?state=${s}`);
              }}
            />
            <span>{t(`ui.sync.conflicts.states.${s}`)}</span>
          </label>
        ))}
      </fieldset>
      <div ref={messageRef} tabIndex={-1} className="conflict-message">
        {message ? (
          <p
            role={message.kind === 'ok' ? 'status' : 'alert'}
            className={`alert ${message.kind === 'ok' ? 'alert-ok' : 'alert-warn'}`}
          >
            {message.text}
          </p>
        ) : null}
      </div>
      <ErrorAlert error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {empty ? <p className="empty">{t(`ui.sync.conflicts.none.${state}`)}</p> : null}
      {groups.map(([caseId, conflicts]) => (
        <ConflictCaseGroup
          key={caseId}
          caseId={caseId}
          conflicts={conflicts}
          deviceLabels={deviceLabels}
          writable={can('case:write:agency')}
          onResolved={resolved}
        />
      ))}
    </Page>
  );
}
