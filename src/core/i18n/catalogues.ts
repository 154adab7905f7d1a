import en from './catalogue/en.ts';
import es from './catalogue/es.ts';
import fr from './catalogue/fr.ts';
import type { Catalogue } from './translate.ts';

export { mergeCatalogues, UI_LANGUAGES } from './mergeCatalogues.ts';

/** Every shipped translation catalogue, by language code (the server's; the web loads one). */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = { en, fr, es };
