import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CATALOGUES, UI_LANGUAGES } from '../core/index.ts';
import { setRequestLanguage } from './api/client.ts';

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
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

/** Sets up i18next with the shipped catalogues; keys are `ui.…` (and the server's `errors.…`). */
export async function initI18n(): Promise<void> {
  const language = initialLanguage();
  const resources = Object.fromEntries(
    Object.entries(CATALOGUES).map(([lang, catalogue]) => [lang, { translation: catalogue }]),
  );
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: UI_LANGUAGES,
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });
  setRequestLanguage(language);
  document.documentElement.lang = language;
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
