import { useTranslation } from 'react-i18next';
import './duplicates.css';
import type { MatchReason } from './linkageTypes.ts';

/** "+12.3" / "−4.0": a weight in bits with its sign. */
export function signedBits(weight: number): string {
  const text = Math.abs(weight).toFixed(1);
  return weight >= 0 ? `+${text}` : `−${text}`;
}

/**
 * Why the engine matched two records: each compared field, whether it agrees,
 * partly agrees, disagrees or is missing, and what it weighs (bits).
 */
export function MatchReasons({ reasons, label }: { reasons: MatchReason[]; label: string }) {
  const { t } = useTranslation();
  return (
    <ul className="match-reasons" aria-label={label}>
      {reasons.map((r) => (
        <li key={r.field} className={`reason reason-${r.outcome}`}>
          <span>{t(`ui.linkage.field.${r.field}`, { defaultValue: r.field })}</span>{' '}
          <span>{t(`ui.linkage.outcome.${r.outcome}`)}</span>
          {r.outcome !== 'missing' ? <span className="bits"> {signedBits(r.weight)}</span> : null}
        </li>
      ))}
    </ul>
  );
}
