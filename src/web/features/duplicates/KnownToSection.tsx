import { useTranslation } from 'react-i18next';
import { useApiGet } from '../../lib/useApiGet.ts';
import type { KnownTo } from './linkageTypes.ts';
import './duplicates.css';

/**
 * "Possibly known to": other agency types with cases of this person (the same
 * person after a merge, or one the engine matches with it), as counts only;
 * the worker asks for more through a referral.
 */
export function KnownToSection({ caseId, writable }: { caseId: string; writable: boolean }) {
  const { t } = useTranslation();
  const { data } = useApiGet<{ items: KnownTo[] }>(`/cases/${encodeURIComponent(caseId)}/known-to`);
  const items = data?.items ?? [];
  if (items.length === 0) return null;
  const list = items
    .map((k) =>
      t('ui.linkage.knownTo.item', {
        agency: t(`ui.agencyTypes.${k.agencyType}`, { defaultValue: k.agencyType }).toLowerCase(),
        count: k.cases,
      }),
    )
    .join(t('ui.linkage.knownTo.separator'));
  return (
    <section className="panel known-to" aria-labelledby="known-to-title">
      <h2 id="known-to-title">{t('ui.linkage.knownTo.title')}</h2>
      <p>{t('ui.linkage.knownTo.text', { list })}</p>
      <p className="hint">{t('ui.linkage.knownTo.hint')}</p>
      {writable ? (
        <p className="row-actions">
          <a className="button secondary" href="#case-referrals">
            {t('ui.linkage.knownTo.refer')}
          </a>
        </p>
      ) : null}
    </section>
  );
}
