import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n.ts';
import type { ReferralEvent } from './referralTypes.ts';

/** The words recorded with an event: a reason, a question, an answer, an outcome. */
function useEventDetail() {
  const { t } = useTranslation();
  return (e: ReferralEvent): string => {
    const d = e.details;
    if (e.type === 'sent' && typeof d.shareLevel === 'string')
      return t('ui.referrals.timeline.sharing', {
        level: t(`ui.referrals.levels.${d.shareLevel}.name`, { defaultValue: d.shareLevel }),
      });
    if (typeof d.outcome === 'string')
      return t(`ui.referrals.outcomes.${d.outcome}`, { defaultValue: d.outcome });
    for (const key of ['reason', 'question', 'answer'] as const) {
      if (typeof d[key] === 'string') return `“${d[key]}”`;
    }
    return '';
  };
}

/** What happened to the referral, oldest first, in words, with who did it. */
export function ReferralTimeline({ events }: { events: ReferralEvent[] }) {
  const { t, i18n } = useTranslation();
  const detail = useEventDetail();
  return (
    <section className="panel" aria-labelledby="referral-timeline">
      <h2 id="referral-timeline">{t('ui.referrals.timeline.title')}</h2>
      <ol className="timeline">
        {events.map((e, i) => {
          const extra = detail(e);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: events never move
            <li key={i}>
              <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>{' '}
              <strong>
                {t(`ui.referrals.timeline.events.${e.type}`, { defaultValue: e.type })}
              </strong>
              {extra ? ` — ${extra}` : ''}
              <span className="item-sub">
                {' '}
                ·{' '}
                {e.actorUsername
                  ? t('ui.cases.timeline.by', { user: e.actorUsername })
                  : t('ui.referrals.timeline.bySystem')}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
