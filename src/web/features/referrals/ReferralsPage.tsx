import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERRAL_STATES } from '../../../core/index.ts';
import { query } from '../../api/client.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { usePagedList } from '../../lib/usePagedList.ts';
import { useOnInboxChange } from '../../session/InboxContext.tsx';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { Page } from '../../ui/Page.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { ReferralList } from './ReferralList.tsx';
import type { ReferralSummary } from './referralTypes.ts';

/** State and "only overdue"; applied with the button (a select that moved the page would trap arrow keys). */
function ReferralFilters(props: {
  state: string;
  overdue: boolean;
  states: { value: string; label: string }[];
  onApply: (filters: { state: string; overdue: boolean }) => void;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState(props.state);
  const [overdue, setOverdue] = useState(props.overdue);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onApply({ state, overdue });
  };
  return (
    <search>
      <form className="filter-form" onSubmit={submit} aria-label={t('ui.referrals.filters.label')}>
        <div className="filter-grid">
          <SelectField
            id="referral-state"
            label={t('ui.referrals.filters.state')}
            value={state}
            onChange={setState}
            options={props.states}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={overdue}
              onChange={(e) => setOverdue(e.target.checked)}
            />
            <span>{t('ui.referrals.filters.overdue')}</span>
          </label>
        </div>
        <div className="row-actions">
          <button type="submit" className="button primary">
            {t('ui.referrals.filters.apply')}
          </button>
        </div>
      </form>
    </search>
  );
}

const BOXES = ['received', 'sent'] as const;
type Box = (typeof BOXES)[number];

/**
 * The agency's referrals: "Received" (its queue; where supervisors start) and
 * "Sent". The box, the state and "only overdue" live in the URL. The list
 * follows the live inbox.
 */
export function ReferralsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { search } = useLocation();
  const fallback: Box = can('case:approve:agency') ? 'received' : 'sent';
  const asked = search.get('box');
  const box: Box = asked === 'received' || asked === 'sent' ? asked : fallback;
  const state = search.get('state') ?? '';
  const overdue = search.get('overdue') === 'true';
  const list = usePagedList<ReferralSummary>(
    `/referrals${query({ box, state, overdue: overdue ? 'true' : '', limit: '25' })}`,
  );
  useOnInboxChange(list.reload);
  const href = (next: { box: Box; state: string; overdue: boolean }) =>
    `/referrals${query({
      box: next.box === fallback ? '' : next.box,
      state: next.state,
      overdue: next.overdue ? 'true' : '',
    })}`;
  const states = [
    { value: '', label: t('ui.referrals.filters.anyState') },
    ...REFERRAL_STATES.map((s) => ({ value: s, label: t(`ui.referrals.states.${s}`) })),
  ];
  return (
    <Page title={t('ui.referrals.title')}>
      <p className="lead">{t('ui.referrals.intro')}</p>
      <nav aria-label={t('ui.referrals.boxesLabel')}>
        <ul className="box-tabs">
          {BOXES.map((b) => (
            <li key={b}>
              <Link
                to={href({ box: b, state, overdue })}
                aria-current={b === box ? 'page' : undefined}
              >
                {t(`ui.referrals.boxes.${b}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ReferralFilters
        key={`${state}-${overdue}`}
        state={state}
        overdue={overdue}
        states={states}
        onApply={(f) => navigate(href({ box, ...f }))}
      />
      <ErrorAlert error={list.error} />
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">{t(`ui.referrals.none.${box}`)}</p>
      ) : null}
      <ReferralList referrals={list.items} label={t(`ui.referrals.boxes.${box}`)} />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={() => void list.loadMore()} />
    </Page>
  );
}
