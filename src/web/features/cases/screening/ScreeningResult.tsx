import { useTranslation } from 'react-i18next';
import type {
  ChildLabourResult,
  ForcedLabourResult,
  SdgSeries,
  TraffickingResult,
} from '../../../../core/index.ts';
import { ReasonList } from './ReasonList.tsx';

function ChildLabourView({ result }: { result: ChildLabourResult }) {
  const { t } = useTranslation();
  const series: SdgSeries[] = ['SL_TLF_CHLDEA', 'SL_TLF_CHLDEC'];
  return (
    <>
      <p className="headline">{t(`screening.summary.${result.summary}`)}</p>
      <ReasonList reasons={result.reasons} />
      {series.map((s) => {
        const r = result.sdg[s];
        const verdict = !r.inScope
          ? t('ui.cases.screening.outOfScope')
          : r.childLabour
            ? t('ui.cases.screening.yesChildLabour')
            : t('ui.cases.screening.noChildLabour');
        return (
          <div key={s} className="result-part">
            <h4>
              {t(`ui.cases.screening.series.${s}`)} <small>({s})</small>
            </h4>
            <p>{verdict}</p>
            <ReasonList reasons={r.reasons} />
          </div>
        );
      })}
      <div className="result-part">
        <h4>{t('ui.cases.screening.national')}</h4>
        <p>{t(`ui.cases.screening.categories.${result.national.category}`)}</p>
        <ReasonList reasons={result.national.reasons} />
      </div>
    </>
  );
}

/** A screening result: the headline, then why, with sources (stored or previewed). */
export function ScreeningResult({ kind, result }: { kind: string; result: unknown }) {
  const { t } = useTranslation();
  if (!result || typeof result !== 'object') return null;
  if (kind === 'child_labour') return <ChildLabourView result={result as ChildLabourResult} />;
  if (kind === 'forced_labour') {
    const r = result as ForcedLabourResult;
    return (
      <>
        <p className="headline">{t(`ui.cases.screening.flags.${r.flag}`)}</p>
        <ReasonList reasons={r.reasons} />
      </>
    );
  }
  if (kind === 'trafficking') {
    const r = result as TraffickingResult;
    return (
      <>
        <p className="headline">{t(`ui.cases.screening.indications.${r.indication}`)}</p>
        {r.missing.length ? (
          <p>
            {t('ui.cases.screening.missing', {
              list: r.missing.map((m) => t(`ui.cases.screening.elements.${m}`)).join(', '),
            })}
          </p>
        ) : null}
        <ReasonList reasons={r.reasons} />
      </>
    );
  }
  return null;
}
