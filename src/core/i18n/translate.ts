/** A translation catalogue: nested keys, leaves are strings with `{{name}}` placeholders. */
export type Catalogue = { [key: string]: string | Catalogue };

/** The languages every catalogue ships in; a country pack may add more. */
export const BASE_LANGUAGES = ['en', 'fr', 'es'] as const;

function lookup(catalogue: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * Translates `key` into the first language of `languages` that has it, then
 * English, then returns the key itself; `{{name}}` takes `params.name`.
 */
export function translate(
  catalogues: Readonly<Record<string, Catalogue>>,
  languages: readonly string[],
  key: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  let text: string | undefined;
  for (const lang of [...languages, 'en']) {
    const catalogue = catalogues[lang];
    text = catalogue ? lookup(catalogue, key) : undefined;
    if (text !== undefined) break;
  }
  return (text ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/**
 * Languages from an HTTP Accept-Language header, best first, reduced to their
 * primary subtag (`fr-CA;q=0.8` → `fr`). Malformed parts are ignored.
 */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return {
        lang: tag.trim().toLowerCase().split('-')[0] ?? '',
        q: q === undefined ? 1 : Number(q),
      };
    })
    .filter((x) => /^[a-z]{2,3}$/.test(x.lang) && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((x) => x.lang);
}
