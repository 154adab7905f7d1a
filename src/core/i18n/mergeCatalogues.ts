import type { Catalogue } from './translate.ts';

/** Languages the user interface is fully translated into (each has catalogue/<code>.ts). */
export const UI_LANGUAGES: readonly string[] = ['en', 'fr', 'es'];

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

/** One language's sections, as its files hold them. */
export interface CatalogueParts {
  main: Catalogue;
  /** The offline and sync screens (ui.sync.*). */
  sync: Catalogue;
  /** Form checks (forms.*). */
  forms: Catalogue;
  alerts: Catalogue;
  linkage: Catalogue;
  dashboards: Catalogue;
}

/** A language's whole catalogue from its sections. */
export function assembleCatalogue(parts: CatalogueParts): Catalogue {
  return mergeCatalogues(
    parts.main,
    { ui: { sync: parts.sync } },
    { forms: parts.forms },
    parts.alerts,
    parts.linkage,
    parts.dashboards,
  );
}
