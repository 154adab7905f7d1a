import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../api/types.ts';
import { formatDateTime } from '../../../i18n.ts';

function detailsText(details: Record<string, unknown> | null): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
}

/** Audit rows as a table; on a phone each row folds into a labelled card (see CSS). */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return null;
  const col = {
    at: t('ui.audit.columns.at'),
    actor: t('ui.audit.columns.actor'),
    action: t('ui.audit.columns.action'),
    outcome: t('ui.audit.columns.outcome'),
    entity: t('ui.audit.columns.entity'),
    details: t('ui.audit.columns.details'),
  };
  return (
    <div className="table-wrap">
      <table className="responsive-table">
        <caption className="sr-only">{t('ui.audit.caption')}</caption>
        <thead>
          <tr>
            {Object.values(col).map((label) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td data-label={col.at}>
                <time dateTime={r.at}>{formatDateTime(r.at, i18n.language)}</time>
              </td>
              <td data-label={col.actor}>
                {r.actorUsername ?? r.actorUserId ?? t('ui.audit.noActor')}
              </td>
              <td data-label={col.action}>
                <code>{r.action}</code>
              </td>
              <td data-label={col.outcome}>
                <span className={`tag outcome-${r.outcome}`}>
                  {t(`ui.audit.outcomes.${r.outcome}`, { defaultValue: r.outcome })}
                </span>
              </td>
              <td data-label={col.entity} className="break">
                {[r.entity, ...r.entityIds].filter(Boolean).join(' ') || null}
              </td>
              <td data-label={col.details} className="break">
                {detailsText(r.details) || null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
