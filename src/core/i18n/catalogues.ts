import formsEn from '../forms/locales/en.json' with { type: 'json' };
import formsEs from '../forms/locales/es.json' with { type: 'json' };
import formsFr from '../forms/locales/fr.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import type { Catalogue } from './translate.ts';

/** Every shipped translation catalogue, by language code. */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = {
  en: { ...en, forms: formsEn },
  fr: { ...fr, forms: formsFr },
  es: { ...es, forms: formsEs },
};

/** Languages the user interface is fully translated into. */
export const UI_LANGUAGES = Object.keys(CATALOGUES);
