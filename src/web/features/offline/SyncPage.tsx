import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../lib/router.tsx';
import { useOffline } from '../../offline/OfflineContext.tsx';
import { useSession } from '../../session/SessionContext.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Page } from '../../ui/Page.tsx';
import { ScopeSection } from './ScopeSection.tsx';
import { SyncSummary } from './SyncSummary.tsx';
import { UnlockForm } from './UnlockScreen.tsx';
import { useOfflineData } from './useOfflineData.ts';

/** Sync in detail: state, what waits, what the server refused (retry or discard), and the data held. */
export function SyncPage() {
  const { t } = useTranslation();
  const offline = useOffline();
  const { status: session, signOut } = useSession();
  const data = useOfflineData();
  const [confirmWipe, setConfirmWipe] = useState(false);
  const { status } = offline;
  return (
    <Page title={t('ui.sync.page.title')}>
      {offline.phase === 'none' ? <p className="lead">{t('ui.sync.page.noStore')}</p> : null}
      {offline.phase === 'locked' ? (
        <>
          <p className="lead">{t('ui.sync.page.locked')}</p>
          <UnlockForm />
        </>
      ) : null}
      {offline.phase === 'password_mismatch' ? (
        <>
          <p className="lead">{t('ui.sync.page.passwordChanged')}</p>
          <UnlockForm previous />
        </>
      ) : null}
      {offline.phase === 'open' ? (
        <>
          <SyncSummary />
          {status.stopped === 'signin' ? (
            <p className="alert alert-info">{t('ui.sync.page.signinNeeded')}</p>
          ) : null}
          {status.estimate && status.estimate.records > status.estimate.warnAbove ? (
            <p className="alert alert-info">
              {t('ui.sync.page.large', {
                count: status.estimate.records,
                limit: status.estimate.warnAbove,
              })}
            </p>
          ) : null}
          <div className="row-actions">
            <button
              type="button"
              className="button primary"
              disabled={status.running || session !== 'ready'}
              onClick={() => offline.syncNow()}
            >
              {t('ui.sync.page.syncNow')}
            </button>
            <Link to="/sync/conflicts" className="button secondary">
              {t('ui.sync.page.conflicts')}
            </Link>
          </div>
          <section className="panel" aria-labelledby="sync-held">
            <h2 id="sync-held">{t('ui.sync.page.heldTitle')}</h2>
            <p>
              {t('ui.sync.page.held', {
                count: data?.cases.length ?? 0,
                pending: status.pending,
              })}
            </p>
            <p>{t('ui.sync.files.waitingCount', { count: status.files })}</p>
            {status.sending ? (
              <p>
                {t('ui.sync.files.sendingNamed', {
                  name: status.sending.fileName,
                  percent: Math.floor(
                    (status.sending.received / Math.max(status.sending.size, 1)) * 100,
                  ),
                })}
              </p>
            ) : null}
            {data?.files
              .filter((f) => f.problem)
              .map((f) => (
                <p key={f.id} className="alert alert-error">
                  {t('ui.sync.files.refusedNamed', {
                    name: f.fileName,
                    reason: f.problem?.message ?? '',
                  })}{' '}
                  <Link to={`/cases/${encodeURIComponent(f.caseId)}`}>
                    {t('ui.sync.page.openCase')}
                  </Link>
                </p>
              ))}
          </section>
          <ScopeSection reference={data?.reference ?? null} />
          <section className="panel" aria-labelledby="sync-rejected">
            <h2 id="sync-rejected">{t('ui.sync.page.rejectedTitle')}</h2>
            {(data?.rejected.length ?? 0) === 0 ? (
              <p className="empty">{t('ui.sync.page.noRejected')}</p>
            ) : null}
            <ul className="item-list">
              {data?.rejected.map((r) => (
                <li key={r.mutation.mutationId} className="item">
                  <p className="item-title">
                    {t(`ui.sync.kinds.${r.mutation.kind.replace('.', '_')}`, {
                      defaultValue: r.mutation.kind,
                    })}
                  </p>
                  <p className="item-meta">
                    {t(`errors.${r.problem.code}`, { defaultValue: r.problem.message })}
                  </p>
                  {r.mutation.caseId ? (
                    <Link to={`/cases/${encodeURIComponent(r.mutation.caseId)}`}>
                      {t('ui.sync.page.openCase')}
                    </Link>
                  ) : null}
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button secondary"
                      onClick={() => void offline.retryRejected(r.mutation.mutationId)}
                    >
                      {t('ui.sync.page.retry')}
                    </button>
                    <button
                      type="button"
                      className="button danger"
                      onClick={() => void offline.discardRejected(r.mutation.mutationId)}
                    >
                      {t('ui.sync.page.discard')}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="sync-wipe">
            <h2 id="sync-wipe">{t('ui.sync.page.wipeTitle')}</h2>
            <p>{t('ui.sync.page.wipeText')}</p>
            <button type="button" className="button danger" onClick={() => setConfirmWipe(true)}>
              {t('ui.sync.page.wipe')}
            </button>
          </section>
          <ConfirmDialog
            open={confirmWipe}
            title={t('ui.sync.page.wipeTitle')}
            message={
              status.pending > 0
                ? t('ui.sync.page.wipeConfirmPending', { count: status.pending })
                : t('ui.sync.page.wipeConfirm')
            }
            confirmLabel={t('ui.sync.page.wipe')}
            onConfirm={() => {
              setConfirmWipe(false);
              void offline.wipe().then(() => signOut());
            }}
            onCancel={() => setConfirmWipe(false)}
          />
        </>
      ) : null}
    </Page>
  );
}
