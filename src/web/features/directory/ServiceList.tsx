import { useTranslation } from 'react-i18next';
import type { Area } from '../../api/types.ts';
import { Link } from '../../lib/router.tsx';
import { typeName } from './directoryFormat.ts';
import type { Service, ServiceType } from './directoryTypes.ts';
import { EligibilityText } from './EligibilityText.tsx';
import { StatusTag } from './StatusTag.tsx';

/** Search results: each service with its organisation, type, areas, who it takes and its status. */
export function ServiceList(props: {
  services: Service[];
  types: readonly ServiceType[] | null;
  areas: readonly Area[] | null;
}) {
  const { t, i18n } = useTranslation();
  const names = new Map((props.areas ?? []).map((a) => [a.code, a.name]));
  return (
    <ul className="item-list" aria-label={t('ui.directory.listLabel')}>
      {props.services.map((s) => (
        <li key={s.id} className="item">
          <div className="item-main">
            <Link to={`/directory/services/${encodeURIComponent(s.id)}`} className="item-title">
              {s.name}
            </Link>
            <span className="item-sub">{s.organization.name}</span>
          </div>
          <p className="item-meta">
            {typeName(props.types, s.type, i18n.language)}
            {' · '}
            {t('ui.directory.areasShort', {
              areas: s.areaCodes.map((c) => names.get(c) ?? c).join(', '),
            })}
          </p>
          <p className="item-meta">
            <EligibilityText service={s} />
          </p>
          <p className="tags">
            <StatusTag status={s.status} />
            {s.agency ? null : <span className="tag">{t('ui.directory.outsidePathfinder')}</span>}
          </p>
        </li>
      ))}
    </ul>
  );
}
