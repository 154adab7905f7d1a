import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n.ts';
import { Link } from '../../lib/router.tsx';
import { currentDue, stateTagClass } from './referralLabels.ts';
import type { ReferralSummary } from './referralTypes.ts';

/** A referral's state and, while one runs, its deadline; overdue is said in words. */
export function ReferralStatus({ referral }: { referral: ReferralSummary }) {
  const { t, i18n } = useTranslation();
  const due = currentDue(referral);
  return (
    <>
      <span className={stateTagClass(referral.state)} data-testid="referral-state">
        {t(`ui.referrals.states.${referral.state}`, { defaultValue: referral.state })}
      </span>
      {referral.overdue ? <span className="tag tag-bad">{t('ui.referrals.overdue')}</span> : null}
      {due ? (
        <span className="item-sub">
          <time dateTime={due.at}>
            {t(`ui.referrals.due.${due.kind}`, { at: formatDateTime(due.at, i18n.language) })}
          </time>
        </span>
      ) : null}
    </>
  );
}

/** Referrals, one per line: number, service, from → to, state and deadline. */
export function ReferralList(props: {
  referrals: ReferralSummary[];
  label: string;
  /** Extra controls under a referral (e.g. "Refer elsewhere"). */
  extra?: (referral: ReferralSummary) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  if (props.referrals.length === 0) return null;
  return (
    <ul className="item-list" aria-label={props.label}>
      {props.referrals.map((r) => (
        <li key={r.id} className={r.overdue ? 'item item-overdue' : 'item'} data-testid="referral">
          <div className="item-main">
            <Link to={`/referrals/${encodeURIComponent(r.id)}`} className="item-title">
              {r.number}
            </Link>
            <span>{r.service.name}</span>
          </div>
          <p className="item-meta direction">
            {t('ui.referrals.direction', { from: r.fromAgency.name, to: r.toAgency.name })}
          </p>
          <div className="tags">
            <ReferralStatus referral={r} />
          </div>
          <p className="item-meta">
            {t('ui.referrals.sentAt', { at: formatDateTime(r.sentAt, i18n.language) })}
            {r.assignedTo ? ` · ${t('ui.referrals.assignedTo', { user: r.assignedTo })}` : ''}
          </p>
          {props.extra?.(r)}
        </li>
      ))}
    </ul>
  );
}
