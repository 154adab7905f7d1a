import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n.ts';
import { ageText } from '../cases/labels.ts';
import { RiskBadge } from '../cases/RiskBadge.tsx';
import type { SharedCase } from './referralTypes.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A yes / no / not known answer of a follow-up visit. */
function answer(value: boolean | null, t: (key: string) => string): string {
  if (value === null) return t('ui.cases.screening.answers.unknown');
  return t(value ? 'ui.cases.screening.answers.yes' : 'ui.cases.screening.answers.no');
}

/**
 * The case as the referrer shared it with the receiving agency, rendered by key:
 * a line appears only when its key is in `shared` (the server sends nothing else).
 */
export function SharedData({ shared }: { shared: SharedCase }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string | null | undefined) => formatDateTime(iso, i18n.language);
  const day = (iso: string | null | undefined) =>
    iso
      ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso))
      : '';
  const p = shared.person;
  const name = p && 'givenName' in p ? `${p.givenName ?? ''} ${p.familyName ?? ''}`.trim() : null;
  return (
    <>
      <dl className="facts" data-testid="shared-data">
        {name !== null ? <Fact label={t('ui.referrals.shared.name')}>{name}</Fact> : null}
        {p && 'age' in p ? (
          <Fact label={t('ui.cases.age')}>
            {p.age === null || p.age === undefined
              ? t('ui.cases.ageUnknown')
              : t('ui.cases.ageYears', { age: ageText(p.age, p.ageEstimated ?? false) })}
            {p.ageEstimated ? (
              <span className="item-sub"> ({t('ui.cases.ageEstimated')})</span>
            ) : null}
          </Fact>
        ) : null}
        {p && 'birthDate' in p ? (
          <Fact label={t('ui.referrals.shared.birthDate')}>
            {p.birthDate ? day(p.birthDate) : t('ui.referrals.shared.notRecorded')}
          </Fact>
        ) : null}
        {p && 'sex' in p ? (
          <Fact label={t('ui.cases.sexLabel')}>
            {t(`ui.cases.sex.${p.sex}`, { defaultValue: p.sex ?? '' })}
          </Fact>
        ) : null}
        {shared.reference !== undefined ? (
          <Fact label={t('ui.referrals.shared.reference')}>
            <code>{shared.reference}</code>
          </Fact>
        ) : null}
        {shared.topics ? (
          <Fact label={t('ui.cases.topicsLabel')}>
            {shared.topics.map((c) => t(`ui.cases.topics.${c}`, { defaultValue: c })).join(', ')}
          </Fact>
        ) : null}
        {shared.riskLevel ? (
          <Fact label={t('ui.cases.riskLabel')}>
            <RiskBadge risk={shared.riskLevel} />
          </Fact>
        ) : null}
        {shared.areaCode ? (
          <Fact label={t('ui.referrals.shared.area')}>
            <code>{shared.areaCode}</code>
          </Fact>
        ) : null}
        {shared.step ? (
          <Fact label={t('ui.cases.step')}>
            {t(`workflow.steps.${shared.step}`, { defaultValue: shared.step })}
          </Fact>
        ) : null}
      </dl>
      {shared.screenings ? (
        <>
          <h3>{t('ui.referrals.shared.screenings')}</h3>
          {shared.screenings.length === 0 ? (
            <p className="empty">{t('ui.cases.screening.none')}</p>
          ) : (
            <ul className="item-list compact">
              {shared.screenings.map((s) => (
                <li key={`${s.kind}-${s.createdAt}`} className="item">
                  <span className="item-title">
                    {t(`ui.cases.screening.kinds.${s.kind}`, { defaultValue: s.kind })}
                  </span>
                  <p className="item-meta">{s.summary}</p>
                  <p className="item-meta">{date(s.createdAt)}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      {shared.goals ? (
        <>
          <h3>{t('ui.cases.plan.goals')}</h3>
          {shared.goals.length === 0 ? <p className="empty">{t('ui.cases.plan.noGoals')}</p> : null}
          <ul className="field-list">
            {shared.goals.map((g) => (
              <li key={g.id}>
                {g.description}
                {g.dueDate ? ` — ${t('ui.cases.plan.dueDate', { date: day(g.dueDate) })}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {shared.interventions ? (
        <>
          <h3>{t('ui.cases.plan.interventions')}</h3>
          {shared.interventions.length === 0 ? (
            <p className="empty">{t('ui.cases.plan.noInterventions')}</p>
          ) : null}
          <ul className="field-list">
            {shared.interventions.map((i) => (
              <li key={i.id}>
                {t(`ui.cases.interventionTypes.${i.type}`, { defaultValue: i.type })} —{' '}
                {t('ui.cases.plan.startedOn', { date: day(i.startedOn) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {shared.followUps ? (
        <>
          <h3>{t('ui.cases.plan.followUps')}</h3>
          {shared.followUps.length === 0 ? (
            <p className="empty">{t('ui.cases.plan.noFollowUps')}</p>
          ) : null}
          <ul className="field-list">
            {shared.followUps.map((f) => (
              <li key={f.id}>
                {t('ui.cases.plan.visitOn', { date: day(f.visitedOn) })}:{' '}
                {(['stillWorking', 'inSchool', 'safe', 'withFamily'] as const)
                  .map((q) => `${t(`ui.cases.plan.questions.${q}`)} ${answer(f[q], t)}`)
                  .join(' · ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {shared.consents ? (
        <>
          <h3>{t('ui.cases.consent.title')}</h3>
          {shared.consents.length === 0 ? (
            <p className="empty">{t('ui.cases.consent.none')}</p>
          ) : null}
          <ul className="field-list">
            {shared.consents.map((c) => (
              <li key={`${c.purpose}-${c.recordedAt}`}>
                {t(`ui.cases.consent.purposes.${c.purpose}`, { defaultValue: c.purpose })}:{' '}
                {c.given ? t('ui.cases.consent.given') : t('ui.cases.consent.refused')}
                {c.withdrawnAt
                  ? ` (${t('ui.cases.consent.withdrawnOn', { date: date(c.withdrawnAt) })})`
                  : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
