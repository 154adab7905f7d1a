import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES } from '../../core/index.ts';
import { useSession } from '../session/SessionContext.tsx';

/** Picks the interface language; signed in, the choice is saved to the profile. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { setLanguage } = useSession();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id} className="sr-only">
        {t('ui.language.label')}
      </label>
      <select
        id={id}
        value={i18n.language}
        onChange={(e) => void setLanguage(e.target.value).catch(() => undefined)}
      >
        {UI_LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {t(`ui.languageNames.${lang}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
