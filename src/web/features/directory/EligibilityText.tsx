import { useTranslation } from 'react-i18next';
import { ageRange, languageName } from './directoryFormat.ts';
import type { Service } from './directoryTypes.ts';

/** Who a service takes, in one line: ages, sexes, languages spoken. */
export function EligibilityText({ service }: { service: Service }) {
  const { t, i18n } = useTranslation();
  const ages = ageRange(service.minimumAge, service.maximumAge);
  const sexes = service.sexes.length
    ? service.sexes.map((s) => t(`ui.directory.sexes.${s}`)).join(', ')
    : t('ui.directory.anySex');
  const languages = service.languages.map((l) => languageName(l, i18n.language)).join(', ');
  return (
    <>
      {t(`ui.directory.ages.${ages.key}`, { min: ages.min, max: ages.max })}
      {' · '}
      {sexes}
      {languages ? ` · ${t('ui.directory.speaks', { languages })}` : null}
    </>
  );
}
