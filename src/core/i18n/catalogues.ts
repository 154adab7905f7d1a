import formsEn from '../forms/locales/en.json' with { type: 'json' };
import formsEs from '../forms/locales/es.json' with { type: 'json' };
import formsFr from '../forms/locales/fr.json' with { type: 'json' };
import alertsEn from './locales/alerts/en.json' with { type: 'json' };
import alertsEs from './locales/alerts/es.json' with { type: 'json' };
import alertsFr from './locales/alerts/fr.json' with { type: 'json' };
import dashboardsEn from './locales/dashboards/en.json' with { type: 'json' };
import dashboardsEs from './locales/dashboards/es.json' with { type: 'json' };
import dashboardsFr from './locales/dashboards/fr.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import linkageEn from './locales/linkage/en.json' with { type: 'json' };
import linkageEs from './locales/linkage/es.json' with { type: 'json' };
import linkageFr from './locales/linkage/fr.json' with { type: 'json' };
import syncEn from './locales/sync/en.json' with { type: 'json' };
import syncEs from './locales/sync/es.json' with { type: 'json' };
import syncFr from './locales/sync/fr.json' with { type: 'json' };
import type { Catalogue } from './translate.ts';

/**
 * Deep merge of catalogue sections: a feature keeps its strings in its own file
 * (`locales/<feature>/<lang>.json`, shaped like the main catalogue: `ui`, `errors` …),
 * so two features never edit the same file. A key defined twice is a mistake and throws.
 */
export function mergeCatalogues(...parts: Catalogue[]): Catalogue {
  const out: Catalogue = {};
  for (const part of parts)
    for (const [key, value] of Object.entries(part)) {
      const have = out[key];
      if (have === undefined) out[key] = value;
      else if (typeof have !== 'string' && typeof value !== 'string')
        out[key] = mergeCatalogues(have, value);
      else throw new Error(`translation key defined twice: ${key}`);
    }
  return out;
}

/** Every shipped translation catalogue, by language code. */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = {
  // The offline and sync screens keep their strings apart (ui.sync.*), merged into ui.
  en: mergeCatalogues(
    en,
    { ui: { sync: syncEn } },
    { forms: formsEn },
    alertsEn,
    linkageEn,
    dashboardsEn,
  ),
  fr: mergeCatalogues(
    fr,
    { ui: { sync: syncFr } },
    { forms: formsFr },
    alertsFr,
    linkageFr,
    dashboardsFr,
  ),
  es: mergeCatalogues(
    es,
    { ui: { sync: syncEs } },
    { forms: formsEs },
    alertsEs,
    linkageEs,
    dashboardsEs,
  ),
};

/** Languages the user interface is fully translated into. */
export const UI_LANGUAGES = Object.keys(CATALOGUES);
