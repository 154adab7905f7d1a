import type { ServiceType } from './directoryTypes.ts';

/** The service type's name in `language`, else its default name, else its code. */
export function typeName(
  types: readonly ServiceType[] | null,
  code: string,
  language: string,
): string {
  const type = types?.find((t) => t.code === code);
  return type?.names[language] ?? type?.name ?? code;
}

/** A language code's name in the interface language ("ne" → "Nepali"), else the code. */
export function languageName(code: string, uiLanguage: string): string {
  try {
    return (
      new Intl.DisplayNames([uiLanguage], { type: 'language', fallback: 'code' }).of(code) ?? code
    );
  } catch {
    return code;
  }
}

/** Which ages a service takes: "any", "5–17", "from 16", "up to 17" (keys under ui.directory.ages). */
export function ageRange(
  min: number | null,
  max: number | null,
): { key: 'any' | 'range' | 'from' | 'upTo'; min?: number; max?: number } {
  if (min !== null && max !== null) return { key: 'range', min, max };
  if (min !== null && min > 0) return { key: 'from', min };
  if (max !== null) return { key: 'upTo', max };
  return { key: 'any' };
}
