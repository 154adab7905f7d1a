import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n.ts';
import type { CaseEvent } from './caseTypes.ts';
import { fileKindLabel } from './records/fileKinds.ts';

/** One line of detail for an event, from what the server recorded with it. */
function useEventDetail() {
  const { t } = useTranslation();
  return (e: CaseEvent): string => {
    const d = e.details;
    // A referral's progress names the referral only (its number), never what it shares.
    if (e.type.startsWith('referral_') && typeof d.referral === 'string') return d.referral;
    if (e.type === 'assigned')
      return typeof d.to === 'string'
        ? t('ui.cases.timeline.assignedTo', { user: d.to })
        : t('ui.cases.timeline.unassigned');
    if (e.type === 'attachment_added' && typeof d.mediaType === 'string') {
      const type = fileKindLabel(d.mediaType);
      return d.sensitive === true ? t('ui.cases.timeline.sensitiveFile', { type }) : type;
    }
    if (typeof d.to === 'string') return t(`workflow.steps.${d.to}`, { defaultValue: d.to });
    if (e.type === 'screening' && typeof d.kind === 'string')
      return t(`ui.cases.screening.kinds.${d.kind}`, { defaultValue: d.kind });
    if (e.type === 'opened' && typeof d.riskLevel === 'string')
      return t('ui.cases.riskTag', { risk: t(`ui.cases.risk.${d.riskLevel}`) });
    return '';
  };
}

/** What happened to the case, oldest first, with who did it. */
export function Timeline({ events }: { events: CaseEvent[] }) {
  const { t, i18n } = useTranslation();
  const detail = useEventDetail();
  return (
    <section className="panel" aria-labelledby="case-timeline">
      <h2 id="case-timeline">{t('ui.cases.timeline.title')}</h2>
      <ol className="timeline">
        {events.map((e, i) => {
          const extra = detail(e);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: events never move
            <li key={i}>
              <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>{' '}
              <strong>{t(`ui.cases.timeline.events.${e.type}`, { defaultValue: e.type })}</strong>
              {extra ? ` — ${extra}` : ''}
              {e.actorUsername ? (
                <span className="item-sub">
                  {' '}
                  · {t('ui.cases.timeline.by', { user: e.actorUsername })}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
