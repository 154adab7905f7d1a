import { describe, expect, it } from 'vitest';
import { CATALOGUES, mergeCatalogues } from './catalogues.ts';
import { parseAcceptLanguage, translate } from './translate.ts';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) =>
    keys(v, prefix ? `${prefix}.${k}` : k),
  );
}

describe('translation', () => {
  const cats = {
    en: { a: { b: 'Hello {{name}}' }, x: 'only English' },
    fr: { a: { b: 'Bonjour {{name}}' } },
  };

  it('picks the first language that has the key, then English, then the key', () => {
    expect(translate(cats, ['fr'], 'a.b', { name: 'Sita' })).toBe('Bonjour Sita');
    expect(translate(cats, ['es', 'fr'], 'a.b', { name: 'Ana' })).toBe('Bonjour Ana');
    expect(translate(cats, ['fr'], 'x')).toBe('only English');
    expect(translate(cats, ['fr'], 'missing.key')).toBe('missing.key');
  });

  it('leaves unknown placeholders visible rather than blank', () => {
    expect(translate(cats, ['en'], 'a.b')).toBe('Hello {{name}}');
  });

  it('reads Accept-Language by quality, primary subtag only, ignoring junk', () => {
    expect(parseAcceptLanguage('fr-CA,fr;q=0.9,en;q=0.8,es;q=0.95')).toEqual([
      'fr',
      'es',
      'fr',
      'en',
    ]);
    expect(parseAcceptLanguage('*;q=0.5, 12, en-GB;q=0')).toEqual([]);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
  });

  it('ships English, French and Spanish with the same keys (plural forms aside) and placeholders', () => {
    // Languages differ in plural forms (French and Spanish have `_many`), so compare the stems.
    const stems = (lang: string) =>
      [
        ...new Set(
          keys(CATALOGUES[lang]).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')),
        ),
      ].sort();
    const en = keys(CATALOGUES.en).sort();
    expect(en.length).toBeGreaterThan(30);
    for (const lang of ['fr', 'es']) {
      expect(stems(lang), lang).toEqual(stems('en'));
      for (const key of en) {
        const placeholders = (s: string) =>
          [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
        expect(placeholders(translate(CATALOGUES, [lang], key)), `${lang} ${key}`).toEqual(
          placeholders(translate(CATALOGUES, ['en'], key)),
        );
      }
    }
  });
});

describe('mergeCatalogues', () => {
  it('merges feature sections deeply and refuses a key defined twice', () => {
    expect(mergeCatalogues({ ui: { a: 'A' } }, { ui: { b: { c: 'C' } } }, { errors: {} })).toEqual({
      ui: { a: 'A', b: { c: 'C' } },
      errors: {},
    });
    expect(() => mergeCatalogues({ ui: { a: 'A' } }, { ui: { a: 'again' } })).toThrow(/ui|a/);
  });
});
