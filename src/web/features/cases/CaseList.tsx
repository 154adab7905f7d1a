import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n.ts';
import { Link } from '../../lib/router.tsx';
import type { CaseSummary } from './caseTypes.ts';
import { RiskBadge } from './RiskBadge.tsx';

/** Cases as cards: reference, person, step, risk, topics, who works it and when the next task is due. */
export function CaseList({ cases }: { cases: CaseSummary[] }) {
  const { t, i18n } = useTranslation();
  if (cases.length === 0) return null;
  return (
    <ul className="item-list" aria-label={t('ui.cases.listLabel')}>
      {cases.map((c) => (
        <li key={c.id} className={c.overdue ? 'item item-overdue' : 'item'}>
          <div className="item-main">
            <Link to={`/cases/${encodeURIComponent(c.id)}`} className="item-title">
              {c.personName}
            </Link>
            <span className="item-sub">{c.reference}</span>
          </div>
          <p className="item-meta">
            {t(`workflow.steps.${c.step}`, { defaultValue: c.step })} ·{' '}
            {c.topics.map((topic) => t(`ui.cases.topics.${topic}`)).join(', ')}
          </p>
          <div className="tags">
            <RiskBadge risk={c.riskLevel} />
            {c.overdue ? <span className="tag tag-bad">{t('ui.cases.overdue')}</span> : null}
          </div>
          <p className="item-meta">
            {c.assignedTo
              ? t('ui.cases.assignedTo', { user: c.assignedTo })
              : t('ui.cases.unassigned')}
          </p>
          {c.nextDueAt ? (
            <p className="item-meta">
              {t('ui.cases.nextDue', { at: formatDateTime(c.nextDueAt, i18n.language) })}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
