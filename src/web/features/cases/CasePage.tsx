import { useTranslation } from 'react-i18next';
import { Link, useLocation } from '../../lib/router.tsx';
import { useApiGet } from '../../lib/useApiGet.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { KnownToSection } from '../duplicates/KnownToSection.tsx';
import { CaseFieldsForm } from '../sync/CaseFieldsForm.tsx';
import { AssignmentSection } from './AssignmentSection.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import type { CaseDetail } from './caseTypes.ts';
import { CountryFormsSection } from './forms/CountryFormsSection.tsx';
import { FollowUpsSection } from './plan/FollowUpsSection.tsx';
import { GoalsSection } from './plan/GoalsSection.tsx';
import { InterventionsSection } from './plan/InterventionsSection.tsx';
import { AttachmentsSection } from './records/AttachmentsSection.tsx';
import { ConsentSection } from './records/ConsentSection.tsx';
import { NotesSection } from './records/NotesSection.tsx';
import { CaseReferralsSection } from './referrals/CaseReferralsSection.tsx';
import { ScreeningsSection } from './screening/ScreeningsSection.tsx';
import { TaskList } from './TaskList.tsx';
import { Timeline } from './Timeline.tsx';
import { WorkflowActions } from './WorkflowActions.tsx';

/** One case: who, who works it, where it stands, what is due, what can be done next, screenings, plan, referrals, notes, files, consent, history. */
export function CasePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { search } = useLocation();
  const { data, setData, error, loading, reload } = useApiGet<CaseDetail>(
    `/cases/${encodeURIComponent(id)}`,
  );
  const back = (
    <Link to="/cases" className="button secondary">
      {t('ui.cases.back')}
    </Link>
  );
  if (!data) {
    return (
      <Page title={t('ui.cases.caseTitle')} actions={back}>
        {loading ? <Loading /> : null}
        <ErrorAlert error={error} />
      </Page>
    );
  }
  const name = `${data.person.givenName} ${data.person.familyName}`.trim();
  const writable = can('case:write:agency') && data.step !== 'closed';
  return (
    <Page title={name} actions={back}>
      <Notice>{search.get('created') ? t('ui.cases.created') : null}</Notice>
      <ErrorAlert error={error} />
      <CaseHeader detail={data} />
      <KnownToSection caseId={data.id} writable={writable} />
      {writable ? <CaseFieldsForm detail={data} onSaved={reload} /> : null}
      <AssignmentSection detail={data} onChange={setData} onReload={reload} />
      <TaskList tasks={data.tasks} />
      <WorkflowActions detail={data} onChange={setData} onReload={reload} />
      <ScreeningsSection detail={data} onSaved={reload} />
      <CountryFormsSection
        caseId={data.id}
        forms={data.forms ?? []}
        writable={writable}
        onSaved={reload}
      />
      {data.goals ? (
        <GoalsSection caseId={data.id} goals={data.goals} writable={writable} onSaved={reload} />
      ) : null}
      {data.interventions ? (
        <InterventionsSection
          caseId={data.id}
          interventions={data.interventions}
          writable={writable}
          onSaved={reload}
        />
      ) : null}
      {data.followUps ? (
        <FollowUpsSection
          caseId={data.id}
          followUps={data.followUps}
          writable={writable}
          onSaved={reload}
        />
      ) : null}
      <CaseReferralsSection detail={data} writable={writable} onSent={reload} />
      <NotesSection caseId={data.id} writable={writable} />
      <AttachmentsSection caseId={data.id} writable={writable} onChanged={reload} />
      <ConsentSection caseId={data.id} writable={writable} />
      <Timeline events={data.events} />
    </Page>
  );
}
