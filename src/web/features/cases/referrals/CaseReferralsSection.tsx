import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../../api/client.ts';
import { useLocation } from '../../../lib/router.tsx';
import { useApiGet } from '../../../lib/useApiGet.ts';
import { usePagedList } from '../../../lib/usePagedList.ts';
import { useOnInboxChange } from '../../../session/InboxContext.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { LoadMore } from '../../../ui/LoadMore.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { ReferralList } from '../../referrals/ReferralList.tsx';
import type { ReferralSummary, ReferralView } from '../../referrals/referralTypes.ts';
import type { CaseDetail } from '../caseTypes.ts';
import { ReferForm } from './ReferForm.tsx';
import '../../../styles/referrals.css';

/**
 * The case's referrals to other agencies' services, newest first, with their
 * state and deadline; "Refer" opens the referral form, and a declined or
 * cancelled referral offers "Refer elsewhere" (also reached from the referral
 * page with ?referAgain=<id>).
 */
export function CaseReferralsSection(props: {
  detail: CaseDetail;
  writable: boolean;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const caseId = props.detail.id;
  const list = usePagedList<ReferralSummary>(
    `/referrals${query({ box: 'sent', caseId, limit: '10' })}`,
  );
  useOnInboxChange(list.reload);
  const [open, setOpen] = useState(false);
  const [againId, setAgainId] = useState<string | null>(search.get('referAgain'));
  // Re-referral starts from the referral it replaces: its type, level and reason.
  const previous = useApiGet<ReferralView>(
    againId ? `/referrals/${encodeURIComponent(againId)}` : null,
  );
  const [sent, setSent] = useState<ReferralView | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const formOpen = open || (againId !== null && previous.data?.id === againId);
  const againParam = search.get('referAgain');
  useEffect(() => {
    if (againParam) heading.current?.scrollIntoView();
  }, [againParam]);

  const close = () => {
    setOpen(false);
    setAgainId(null);
    // Done with "refer elsewhere": a reload must not open the form again (no scroll, no new page).
    if (againParam) history.replaceState(null, '', location.pathname);
    heading.current?.focus();
  };
  return (
    <section className="panel" aria-labelledby="case-referrals">
      <h2 id="case-referrals" ref={heading} tabIndex={-1}>
        {t('ui.referrals.caseTitle')}
      </h2>
      <Notice>
        {sent
          ? t('ui.referrals.refer.sent', { number: sent.number, agency: sent.toAgency.name })
          : null}
      </Notice>
      <ErrorAlert error={list.error ?? previous.error} />
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">{t('ui.referrals.caseNone')}</p>
      ) : null}
      <ReferralList
        referrals={list.items}
        label={t('ui.referrals.caseListLabel')}
        extra={(r) =>
          props.writable && !formOpen && (r.state === 'declined' || r.state === 'cancelled') ? (
            <button
              type="button"
              className="button secondary small"
              onClick={() => {
                setSent(null);
                setAgainId(r.id);
              }}
              aria-label={t('ui.referrals.referElsewhereNamed', { number: r.number })}
            >
              {t('ui.referrals.referElsewhere')}
            </button>
          ) : null
        }
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={() => void list.loadMore()} />
      {props.writable && !formOpen ? (
        <p>
          <button
            type="button"
            className="button primary"
            onClick={() => {
              setSent(null);
              setOpen(true);
            }}
          >
            {t('ui.referrals.refer.open')}
          </button>
        </p>
      ) : null}
      {props.writable && formOpen ? (
        <ReferForm
          key={againId ?? 'new'}
          detail={props.detail}
          previous={againId ? previous.data : null}
          onSent={(referral) => {
            setSent(referral);
            list.reload();
            props.onSent();
            close();
          }}
          onCancel={close}
        />
      ) : null}
    </section>
  );
}
