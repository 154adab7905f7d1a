import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n.ts';
import type { CaseDetail } from './caseTypes.ts';
import { ageText } from './labels.ts';
import { RiskBadge } from './RiskBadge.tsx';

/** Who the case is about and where it stands. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const p = detail.person;
  const age = ageText(p.age, p.ageEstimated);
  return (
    <dl className="facts case-facts">
      <div className="fact">
        <dt>{t('ui.cases.reference')}</dt>
        <dd>
          <code>{detail.reference}</code>
        </dd>
      </div>
      <div className="fact">
        <dt>{t('ui.cases.age')}</dt>
        <dd>
          {age ? (
            <span title={p.ageEstimated ? t('ui.cases.ageEstimated') : undefined}>
              {t('ui.cases.ageYears', { age })}
              {p.ageEstimated ? (
                <span className="sr-only"> ({t('ui.cases.ageEstimated')})</span>
              ) : null}
            </span>
          ) : (
            t('ui.cases.ageUnknown')
          )}
        </dd>
      </div>
      <div className="fact">
        <dt>{t('ui.cases.sexLabel')}</dt>
        <dd>{t(`ui.cases.sex.${p.sex}`, { defaultValue: p.sex })}</dd>
      </div>
      <div className="fact">
        <dt>{t('ui.cases.step')}</dt>
        <dd>
          <strong>{t(`workflow.steps.${detail.step}`, { defaultValue: detail.step })}</strong>
        </dd>
      </div>
      <div className="fact">
        <dt>{t('ui.cases.riskLabel')}</dt>
        <dd>
          <RiskBadge risk={detail.riskLevel} />
        </dd>
      </div>
      <div className="fact">
        <dt>{t('ui.cases.topicsLabel')}</dt>
        <dd>
          {detail.topics.map((c) => t(`ui.cases.topics.${c}`, { defaultValue: c })).join(', ')}
        </dd>
      </div>
      <div className="fact">
        <dt>{t('ui.cases.identifiedAt')}</dt>
        <dd>{formatDateTime(detail.identifiedAt, i18n.language)}</dd>
      </div>
      {detail.closedAt ? (
        <div className="fact">
          <dt>{t('ui.cases.closedAt')}</dt>
          <dd>{formatDateTime(detail.closedAt, i18n.language)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
