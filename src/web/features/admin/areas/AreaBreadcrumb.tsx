import { useTranslation } from 'react-i18next';
import type { Area } from '../../../api/types.ts';
import { Link } from '../../../lib/router.tsx';
import { areaName } from './areaCache.ts';

/** Where we are in the hierarchy: All areas › Nepal › Bagmati. */
export function AreaBreadcrumb({ trail }: { trail: Area[] }) {
  const { t, i18n } = useTranslation();
  if (trail.length === 0) return null;
  return (
    <nav aria-label={t('ui.areas.breadcrumb')} className="breadcrumb">
      <ol>
        <li>
          <Link to="/areas">{t('ui.areas.all')}</Link>
        </li>
        {trail.map((a, i) => (
          <li key={a.code}>
            {i === trail.length - 1 ? (
              <span aria-current="page">{areaName(a, i18n.language)}</span>
            ) : (
              <Link to={`/areas/${encodeURIComponent(a.code)}`}>{areaName(a, i18n.language)}</Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
