import { useTranslation } from 'react-i18next';
import { Link } from '../../lib/router.tsx';
import { typeName } from '../directory/directoryFormat.ts';
import type { ServiceType } from '../directory/directoryTypes.ts';
import { useFigure } from './DelayTable.tsx';
import type { ReferralDelays } from './delayTypes.ts';

/** The agency's own recent referrals with their three delays in hours (case workers only). */
export function RecentTable(props: {
  recent: ReferralDelays['recent'];
  types: ServiceType[] | null;
}) {
  const { t, i18n } = useTranslation();
  const figure = useFigure();
  const heads = {
    number: t('ui.dashboard.recent.number'),
    reference: t('ui.dashboard.recent.reference'),
    type: t('ui.dashboard.recent.serviceType'),
    state: t('ui.dashboard.recent.state'),
    first: t('ui.dashboard.delays.toFirstReferral'),
    accept: t('ui.dashboard.delays.toAcceptance'),
    service: t('ui.dashboard.delays.toFirstService'),
  };
  if (props.recent.length === 0) return <p className="empty">{t('ui.dashboard.recent.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="responsive-table" data-testid="recent-table">
        <caption className="sr-only">{t('ui.dashboard.recent.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{heads.number}</th>
            <th scope="col">{heads.reference}</th>
            <th scope="col">{heads.type}</th>
            <th scope="col">{heads.state}</th>
            <th scope="col">{heads.first}</th>
            <th scope="col">{heads.accept}</th>
            <th scope="col">{heads.service}</th>
          </tr>
        </thead>
        <tbody>
          {props.recent.map((r) => (
            <tr key={r.referralId}>
              <td data-label={heads.number}>
                <Link to={`/referrals/${encodeURIComponent(r.referralId)}`}>{r.number}</Link>
              </td>
              <td data-label={heads.reference}>
                {r.caseReference ? <code>{r.caseReference}</code> : '—'}
              </td>
              <td data-label={heads.type}>{typeName(props.types, r.serviceType, i18n.language)}</td>
              <td data-label={heads.state}>
                {t(`ui.referrals.states.${r.state}`, { defaultValue: r.state })}
              </td>
              <td data-label={heads.first}>{figure(r.toFirstReferralHours)}</td>
              <td data-label={heads.accept}>{figure(r.toAcceptanceHours)}</td>
              <td data-label={heads.service}>{figure(r.toFirstServiceHours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
