import { useTranslation } from 'react-i18next';
import { Link, useLocation } from '../../lib/router.tsx';
import { useOffline } from '../../offline/OfflineContext.tsx';
import { useSession } from '../../session/SessionContext.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { CaseHeader } from '../cases/CaseHeader.tsx';
import { ScreeningsSection } from '../cases/screening/ScreeningsSection.tsx';
import { Timeline } from '../cases/Timeline.tsx';
import { OfflineConsent } from './OfflineConsent.tsx';
import { OfflineFieldsForm } from './OfflineFieldsForm.tsx';
import { OfflineFiles } from './OfflineFiles.tsx';
import { OfflineNotes } from './OfflineNotes.tsx';
import { OfflineReferrals } from './OfflineReferrals.tsx';
import { SyncSummary } from './SyncSummary.tsx';
import { useOfflineData } from './useOfflineData.ts';

/** A case as this device holds it: what can be done offline is queued and sent on the next sync. */
export function OfflineCasePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { search } = useLocation();
  const offline = useOffline();
  const data = useOfflineData();
  const back = (
    <Link to="/cases" className="button secondary">
      {t('ui.cases.back')}
    </Link>
  );
  if (!data)
    return (
      <Page title={t('ui.cases.caseTitle')} actions={back}>
        {<Loading />}
      </Page>
    );
  const local = data.cases.find((c) => c.detail.id === id);
  if (!local) {
    return (
      <Page title={t('ui.cases.caseTitle')} actions={back}>
        <p className="empty">{t('ui.sync.offline.caseNotOnDevice')}</p>
      </Page>
    );
  }
  const d = local.detail;
  const writable = can('case:write:agency') && d.step !== 'closed';
  const queue = (kind: string, payload: unknown) =>
    offline.enqueue({ kind, caseId: d.id, payload }).then(() => undefined);
  return (
    <Page title={`${d.person.givenName} ${d.person.familyName}`.trim()} actions={back}>
      <Notice>{search.get('created') ? t('ui.sync.offline.caseQueued') : null}</Notice>
      <SyncSummary />
      {local.pending.length > 0 ? (
        <p className="alert alert-info">
          {local.localOnly
            ? t('ui.sync.offline.localOnly')
            : t('ui.sync.offline.pendingChanges', { count: local.pending.length })}
        </p>
      ) : null}
      <CaseHeader detail={d} />
      {writable ? <OfflineFieldsForm detail={d} onQueue={queue} /> : null}
      <ScreeningsSection
        detail={d}
        onSaved={() => undefined}
        submit={(kind, inputs) => queue('case.screening', { kind, inputs })}
      />
      <OfflineConsent consents={local.consents} writable={writable} onQueue={queue} />
      <OfflineReferrals
        local={local}
        reference={data.reference}
        writable={writable}
        onQueue={queue}
      />
      <OfflineNotes notes={local.notes} writable={writable} onQueue={queue} />
      <OfflineFiles
        caseId={d.id}
        files={data.files}
        limits={data.reference?.attachments ?? null}
        writable={writable}
      />
      <Timeline events={d.events} />
    </Page>
  );
}
