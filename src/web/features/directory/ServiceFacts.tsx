import { useTranslation } from 'react-i18next';
import type { Area } from '../../api/types.ts';
import { Link } from '../../lib/router.tsx';
import { typeName } from './directoryFormat.ts';
import type { Service, ServiceType } from './directoryTypes.ts';
import { EligibilityText } from './EligibilityText.tsx';
import { StatusTag } from './StatusTag.tsx';
import '../../styles/directory.css';

/** What a caseworker needs to refer to a service: who runs it, where, for whom, how to reach it. */
export function ServiceFacts(props: {
  service: Service;
  types: readonly ServiceType[] | null;
  areas: readonly Area[] | null;
}) {
  const { t, i18n } = useTranslation();
  const s = props.service;
  const type = props.types?.find((ty) => ty.code === s.type);
  const areaName = (code: string) => props.areas?.find((a) => a.code === code)?.name ?? code;
  return (
    <>
      <dl className="facts">
        <dt>{t('ui.directory.facts.organization')}</dt>
        <dd>
          <Link to={`/directory/organizations/${encodeURIComponent(s.organization.id)}`}>
            {s.organization.name}
          </Link>
        </dd>
        <dt>{t('ui.directory.facts.agency')}</dt>
        <dd>
          {s.agency ? (
            <Link to={`/agencies/${encodeURIComponent(s.agency.id)}`}>{s.agency.name}</Link>
          ) : (
            t('ui.directory.facts.noAgency')
          )}
        </dd>
        <dt>{t('ui.directory.facts.type')}</dt>
        <dd>{typeName(props.types, s.type, i18n.language)}</dd>
        <dt>{t('ui.directory.facts.status')}</dt>
        <dd>
          <StatusTag status={s.status} />
        </dd>
        <dt>{t('ui.directory.facts.areas')}</dt>
        <dd>{s.areaCodes.map(areaName).join(', ') || '—'}</dd>
        <dt>{t('ui.directory.facts.eligibility')}</dt>
        <dd>
          <EligibilityText service={s} />
          {s.eligibilityDescription ? (
            <span className="hint directory-note">{s.eligibilityDescription}</span>
          ) : null}
        </dd>
        {type?.acceptHours !== null && type?.acceptHours !== undefined ? (
          <>
            <dt>{t('ui.directory.facts.targets')}</dt>
            <dd>
              {t('ui.directory.facts.targetsText', {
                accept: type.acceptHours,
                first: type.firstServiceHours ?? '—',
              })}
              {type.targetsSource ? (
                <span className="hint directory-note">{type.targetsSource}</span>
              ) : null}
            </dd>
          </>
        ) : null}
        {s.email ? (
          <>
            <dt>{t('ui.directory.facts.email')}</dt>
            <dd>
              <a href={`mailto:${s.email}`}>{s.email}</a>
            </dd>
          </>
        ) : null}
        {s.url ? (
          <>
            <dt>{t('ui.directory.facts.url')}</dt>
            <dd>
              <a href={s.url} rel="noopener noreferrer" target="_blank">
                {s.url}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {s.description ? <p>{s.description}</p> : null}
      <h2>{t('ui.directory.facts.locations')}</h2>
      {s.locations.length === 0 ? (
        <p className="empty">{t('ui.directory.facts.noLocations')}</p>
      ) : (
        <ul className="item-list compact" aria-label={t('ui.directory.facts.locations')}>
          {s.locations.map((l) => (
            <li key={l.linkId} className="item">
              <p className="item-title">{l.name}</p>
              <p className="item-meta">
                {[l.address1, l.city, l.areaCode ? areaName(l.areaCode) : null]
                  .filter(Boolean)
                  .join(', ')}
              </p>
              {l.description ? <p className="item-meta">{l.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
