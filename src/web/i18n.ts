import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Catalogue, UI_LANGUAGES } from '../core/index.ts';
import { setRequestLanguage } from './api/client.ts';

/**
 * Each language's catalogue is its own chunk, fetched when first shown (the service worker
 * keeps them all for offline use): the first screen carries one language, not three.
 */
const CATALOGUE_LOADERS: Record<string, () => Promise<{ default: Catalogue }>> = {
  en: () => import('../core/i18n/catalogue/en.ts'),
  fr: () => import('../core/i18n/catalogue/fr.ts'),
  es: () => import('../core/i18n/catalogue/es.ts'),
};

/** Makes sure i18next holds `language`'s strings. */
async function loadLanguage(language: string): Promise<void> {
  if (i18next.hasResourceBundle(language, 'translation')) return;
  const load = CATALOGUE_LOADERS[language];
  if (!load) return;
  i18next.addResourceBundle(language, 'translation', (await load()).default);
}

const STORAGE_KEY = 'pf.language';

/** The first of `candidates` the interface speaks (`fr-CA` counts as `fr`), else English. */
export function pickLanguage(candidates: readonly (string | null | undefined)[]): string {
  for (const candidate of candidates) {
    const primary = candidate?.toLowerCase().split('-')[0];
    if (primary && UI_LANGUAGES.includes(primary)) return primary;
  }
  return 'en';
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Language before anyone signs in: the last one chosen here, else the browser's. */
export function initialLanguage(): string {
  return pickLanguage([storedLanguage(), ...navigator.languages, navigator.language]);
}

/** Switches the interface (and the language the API answers in). */
export async function applyLanguage(language: string): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  setRequestLanguage(language);
  document.documentElement.lang = language;
  await loadLanguage(language);
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

/** Sets up i18next with the catalogue of the first language; keys are `ui.…` (and `errors.…`). */
export async function initI18n(): Promise<void> {
  const language = initialLanguage();
  const first = CATALOGUE_LOADERS[language] ?? CATALOGUE_LOADERS.en;
  const catalogue = first ? (await first()).default : {};
  await i18next.use(initReactI18next).init({
    resources: { [language]: { translation: catalogue } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: UI_LANGUAGES,
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });
  setRequestLanguage(language);
  document.documentElement.lang = language;
  // English is the fallback for a string missing elsewhere (the catalogue test keeps that empty).
  if (language !== 'en') void loadLanguage('en');
}

/** Dates and times in the interface language. */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}
