import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n.ts';
import { Link } from '../../lib/router.tsx';
import { useApiGet } from '../../lib/useApiGet.ts';
import { useOnInboxChange } from '../../session/InboxContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { typeName } from '../directory/directoryFormat.ts';
import { useServiceTypes } from '../directory/useDirectoryData.ts';
import { ReferralActions } from './ReferralActions.tsx';
import { ReferralStatus } from './ReferralList.tsx';
import { ReferralTimeline } from './ReferralTimeline.tsx';
import { fieldKey } from './referralLabels.ts';
import type { ReferralView } from './referralTypes.ts';
import { SharedData } from './SharedData.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Where the referral stands: service, from → to, state, deadlines, who took it. */
function ReferralFacts({ r }: { r: ReferralView }) {
  const { t, i18n } = useTranslation();
  const types = useServiceTypes();
  const date = (iso: string | null) => formatDateTime(iso, i18n.language);
  return (
    <dl className="facts case-facts">
      <Fact label={t('ui.referrals.service')}>
        {r.service.name}{' '}
        <span className="item-sub">({typeName(types, r.service.type, i18n.language)})</span>
      </Fact>
      <Fact label={t('ui.referrals.fromTo')}>
        <span className="direction">
          {t('ui.referrals.direction', { from: r.fromAgency.name, to: r.toAgency.name })}
        </span>
      </Fact>
      <Fact label={t('ui.referrals.state')}>
        <span className="tags">
          <ReferralStatus referral={r} />
        </span>
      </Fact>
      <Fact label={t('ui.referrals.sent')}>{date(r.sentAt)}</Fact>
      <Fact label={t('ui.referrals.acceptBy')}>
        {date(r.acceptDueAt)}
        {r.acceptedAt ? ` · ${t('ui.referrals.acceptedOn', { at: date(r.acceptedAt) })}` : ''}
      </Fact>
      {r.serviceDueAt ? (
        <Fact label={t('ui.referrals.serviceBy')}>
          {date(r.serviceDueAt)}
          {r.serviceStartedAt
            ? ` · ${t('ui.referrals.startedOn', { at: date(r.serviceStartedAt) })}`
            : ''}
        </Fact>
      ) : null}
      {r.assignedTo ? <Fact label={t('ui.referrals.worker')}>{r.assignedTo}</Fact> : null}
      <Fact label={t('ui.referrals.consentLabel')}>{t(`ui.referrals.consent.${r.consent}`)}</Fact>
      {r.infoRequest ? <Fact label={t('ui.referrals.infoRequest')}>{r.infoRequest}</Fact> : null}
      {r.declineReason ? (
        <Fact label={t('ui.referrals.declineReason')}>{r.declineReason}</Fact>
      ) : null}
      {r.outcome ? (
        <Fact label={t('ui.referrals.outcome')}>
          {t(`ui.referrals.outcomes.${r.outcome}`, { defaultValue: r.outcome })}
        </Fact>
      ) : null}
      {r.feedback ? <Fact label={t('ui.referrals.feedback')}>{r.feedback}</Fact> : null}
    </dl>
  );
}

/** What the referral shares: the data itself for the receiver, the list of fields for the referrer. */
function SharedSection({ r }: { r: ReferralView }) {
  const { t } = useTranslation();
  const level = t(`ui.referrals.levels.${r.shareLevel}.name`, { defaultValue: r.shareLevel });
  return (
    <section className="panel" aria-labelledby="referral-shared">
      <h2 id="referral-shared">{t('ui.referrals.sharedTitle')}</h2>
      {r.side === 'receiver' ? (
        <>
          <p className="hint shared-note">{t('ui.referrals.sharedNote')}</p>
          {r.shared ? (
            <SharedData shared={r.shared} />
          ) : (
            <p className="empty">{t('ui.referrals.sharedGone')}</p>
          )}
        </>
      ) : (
        <>
          <p className="shared-note">
            {t('ui.referrals.sharedWith', { agency: r.toAgency.name, level })}
          </p>
          <ul className="field-list" aria-label={t('ui.referrals.sharedFieldsLabel')}>
            {r.sharedFields.map((f) => (
              <li key={f}>{t(`ui.referrals.fields.${fieldKey(f)}`, { defaultValue: f })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * One referral: header, what it shares, why, the buttons the reader's side may
 * use now, and its history. It refreshes when the live inbox signals a change,
 * so the referrer sees "accepted" without reloading.
 */
export function ReferralPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data, setData, error, loading, reload } = useApiGet<ReferralView>(
    `/referrals/${encodeURIComponent(id)}`,
  );
  useOnInboxChange(reload);
  const back = (
    <Link to="/referrals" className="button secondary">
      {t('ui.referrals.back')}
    </Link>
  );
  if (!data) {
    return (
      <Page title={t('ui.referrals.referralTitle', { number: '' }).trim()} actions={back}>
        {loading ? <Loading /> : null}
        <ErrorAlert error={error} />
      </Page>
    );
  }
  const again =
    data.side === 'referrer' && (data.state === 'declined' || data.state === 'cancelled');
  return (
    <Page title={t('ui.referrals.referralTitle', { number: data.number })} actions={back}>
      <ErrorAlert error={error} />
      <ReferralFacts r={data} />
      {data.caseId ? (
        <p className="row-actions">
          <Link to={`/cases/${encodeURIComponent(data.caseId)}`} className="button secondary">
            {t('ui.referrals.openCase')}
          </Link>
          {again ? (
            <Link
              to={`/cases/${encodeURIComponent(data.caseId)}?referAgain=${encodeURIComponent(data.id)}#case-referrals`}
              className="button primary"
            >
              {t('ui.referrals.referElsewhere')}
            </Link>
          ) : null}
        </p>
      ) : null}
      <ReferralActions referral={data} onChange={setData} onReload={reload} />
      <section className="panel" aria-labelledby="referral-reason">
        <h2 id="referral-reason">{t('ui.referrals.reason')}</h2>
        <p className="prewrap">{data.reason}</p>
      </section>
      <SharedSection r={data} />
      <ReferralTimeline events={data.events} />
    </Page>
  );
}
