import { useTranslation } from 'react-i18next';

const TONE: Record<string, string> = { high: 'tag-bad', medium: 'tag-warn', low: 'tag-ok' };

/** The risk level as a coloured tag whose words say it too (colour is never the only cue). */
export function RiskBadge({ risk }: { risk: string }) {
  const { t } = useTranslation();
  return (
    <span className={`tag ${TONE[risk] ?? ''}`}>
      {t('ui.cases.riskTag', { risk: t(`ui.cases.risk.${risk}`, { defaultValue: risk }) })}
    </span>
  );
}
