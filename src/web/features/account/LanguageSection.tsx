import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES } from '../../../core/index.ts';
import { useAction } from '../../lib/useAction.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Notice } from '../../ui/Notice.tsx';

/** The preferred language, saved to the profile (it also sets the language of e-mails and errors). */
export function LanguageSection() {
  const { t, i18n } = useTranslation();
  const { setLanguage } = useSession();
  const [saved, setSaved] = useState(false);
  const { run, busy, error } = useAction(async (language: string) => {
    setSaved(false);
    await setLanguage(language);
    setSaved(true);
  });
  return (
    <section className="panel" aria-labelledby="account-language">
      <h2 id="account-language">{t('ui.account.language')}</h2>
      <fieldset className="radio-row" disabled={busy}>
        <legend className="sr-only">{t('ui.account.language')}</legend>
        {UI_LANGUAGES.map((lang) => (
          <label key={lang} className="check" lang={lang}>
            <input
              type="radio"
              name="language"
              value={lang}
              checked={i18n.language === lang}
              onChange={() => void run(lang)}
            />
            <span>{t(`ui.languageNames.${lang}`)}</span>
          </label>
        ))}
      </fieldset>
      <ErrorAlert error={error} />
      <Notice>{saved ? t('ui.account.languageSaved') : null}</Notice>
    </section>
  );
}
