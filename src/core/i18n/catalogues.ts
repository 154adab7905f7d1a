import formsEn from '../forms/locales/en.json' with { type: 'json' };
import formsEs from '../forms/locales/es.json' with { type: 'json' };
import formsFr from '../forms/locales/fr.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import syncEn from './locales/sync/en.json' with { type: 'json' };
import syncEs from './locales/sync/es.json' with { type: 'json' };
import syncFr from './locales/sync/fr.json' with { type: 'json' };
import type { Catalogue } from './translate.ts';

/** Every shipped translation catalogue, by language code. */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = {
  // The offline and sync screens keep their strings apart (ui.sync.*), merged into ui.
  en: { ...en, ui: { ...en.ui, sync: syncEn }, forms: formsEn },
  fr: { ...fr, ui: { ...fr.ui, sync: syncFr }, forms: formsFr },
  es: { ...es, ui: { ...es.ui, sync: syncEs }, forms: formsEs },
};

/** Languages the user interface is fully translated into. */
export const UI_LANGUAGES = Object.keys(CATALOGUES);
