import { useTranslation } from 'react-i18next';
import type { Reason } from '../../../../core/index.ts';

/** Each reason in plain words, with the rule and its source in small print. */
export function ReasonList({ reasons, label }: { reasons: readonly Reason[]; label?: string }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <ul className="reasons" aria-label={label}>
      {reasons.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a reason list never reorders
        <li key={i}>
          <span>{t(`screening.reasons.${r.code}`, { ...r.params, defaultValue: r.code })}</span>
          <small className="source">
            {r.rule} — {r.source}
          </small>
        </li>
      ))}
    </ul>
  );
}
