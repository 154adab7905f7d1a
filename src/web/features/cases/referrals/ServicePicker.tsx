import { useTranslation } from 'react-i18next';
import { query } from '../../../api/client.ts';
import { usePagedList } from '../../../lib/usePagedList.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { LoadMore } from '../../../ui/LoadMore.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { typeName } from '../../directory/directoryFormat.ts';
import type { Service, ServiceType } from '../../directory/directoryTypes.ts';
import { EligibilityText } from '../../directory/EligibilityText.tsx';
import type { CaseDetail } from '../caseTypes.ts';
import { ageText } from '../labels.ts';
import { eligibilityQuery } from './referralDraft.ts';

/**
 * Step one of a referral: the services that may take this person, found by the
 * case's area and the person's age and sex (said in words), narrowed by type.
 * Services with no agency queue cannot receive a referral in Pathfinder.
 */
export function ServicePicker(props: {
  detail: CaseDetail;
  types: ServiceType[] | null;
  type: string;
  onType: (type: string) => void;
  chosen: Service | null;
  onChoose: (service: Service) => void;
  /** A service tried before (re-referral), marked so it is not picked by mistake. */
  triedServiceId?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const list = usePagedList<Service>(
    `/services${query({ ...eligibilityQuery(props.detail), type: props.type, limit: '20' })}`,
  );
  const p = props.detail.person;
  const criteria = [
    t('ui.referrals.refer.inArea', { area: props.detail.areaCode }),
    p.age === null ? null : t('ui.cases.ageYears', { age: ageText(p.age, p.ageEstimated) }),
    ['female', 'male', 'other'].includes(p.sex) ? t(`ui.cases.sex.${p.sex}`) : null,
  ].filter(Boolean);
  const types = [
    { value: '', label: t('ui.referrals.refer.anyType') },
    ...(props.types ?? []).map((ty) => ({
      value: ty.code,
      label: typeName(props.types, ty.code, i18n.language),
    })),
  ];
  return (
    <fieldset>
      <legend>{t('ui.referrals.refer.serviceStep')}</legend>
      <p className="hint">
        {t('ui.referrals.refer.eligibleFor', { criteria: criteria.join(', ') })}
      </p>
      <SelectField
        id="refer-type"
        label={t('ui.referrals.refer.type')}
        value={props.type}
        onChange={props.onType}
        options={types}
      />
      <ErrorAlert error={list.error} />
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">{t('ui.referrals.refer.noService')}</p>
      ) : null}
      <ul className="service-choices" aria-label={t('ui.referrals.refer.servicesLabel')}>
        {list.items.map((s) => {
          const id = `refer-service-${s.id}`;
          return (
            <li key={s.id} className="service-choice">
              <input
                id={id}
                type="radio"
                name="refer-service"
                value={s.id}
                checked={props.chosen?.id === s.id}
                disabled={!s.agency}
                onChange={() => props.onChoose(s)}
                aria-describedby={`${id}-about`}
              />
              <label htmlFor={id}>
                <span className="item-title">{s.name}</span>
                <span id={`${id}-about`} className="item-meta">
                  {typeName(props.types, s.type, i18n.language)} · {s.organization.name}
                  <br />
                  <EligibilityText service={s} />
                  <br />
                  {s.agency
                    ? t('ui.referrals.refer.goesTo', { agency: s.agency.name })
                    : t('ui.referrals.refer.noQueue')}
                  {s.id === props.triedServiceId ? (
                    <>
                      <br />
                      <strong>{t('ui.referrals.refer.triedBefore')}</strong>
                    </>
                  ) : null}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={() => void list.loadMore()} />
    </fieldset>
  );
}
