import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, type Catalogue, UI_LANGUAGES } from '../core/index.ts';

/** Every key of the `ui` section, plural suffixes folded (`_one`, `_many` → `_other`). */
function keys(node: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(node)) {
    const key = `${prefix}${k}`;
    if (typeof v === 'string') out.set(key.replace(/_(one|many)$/, '_other'), v);
    else for (const [kk, vv] of keys(v, `${key}.`)) out.set(kk, vv);
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const ui = (lang: string) => keys(CATALOGUES[lang]?.ui as Catalogue, 'ui.');

describe('web translation catalogues', () => {
  const en = ui('en');

  it.each(['fr', 'es'])('%s has exactly the English ui keys', (lang) => {
    expect([...ui(lang).keys()].sort()).toEqual([...en.keys()].sort());
  });

  it.each(['fr', 'es'])('%s is really translated (few strings equal to English)', (lang) => {
    const same = [...ui(lang)].filter(
      ([k, v]) => en.get(k) === v && !k.startsWith('ui.languageNames.'),
    );
    expect(same.length / en.size).toBeLessThan(0.06);
  });

  it('has every literal ui key the code uses', () => {
    const used = new Set<string>();
    for (const file of sources(import.meta.dirname)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['`](ui\.[A-Za-z0-9_.]+)['`]/g)) {
        if (m[1]) used.add(m[1]);
      }
    }
    const known = new Set([...en.keys()].map((k) => k.replace(/_other$/, '')));
    const prefixes = [...known].flatMap((k) =>
      k.split('.').map((_, i, a) => a.slice(0, i + 1).join('.')),
    );
    const missing = [...used].filter((k) => !known.has(k) && !prefixes.includes(k));
    expect(missing).toEqual([]);
  });

  it('keeps the server errors section untouched in every language', () => {
    for (const lang of ['en', 'fr', 'es']) {
      expect(Object.keys(CATALOGUES[lang]?.errors ?? {}).length).toBeGreaterThan(30);
    }
  });
});

describe('catalogues loaded one language at a time', () => {
  it('every language the interface offers has its catalogue module, and only those', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...UI_LANGUAGES].sort());
    for (const lang of UI_LANGUAGES)
      expect(Object.keys(CATALOGUES[lang]?.ui as Catalogue).length).toBeGreaterThan(10);
  });
});
