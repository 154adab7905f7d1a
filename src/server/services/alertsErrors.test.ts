import { describe, expect, it } from 'vitest';
import { type AberrationError, CATALOGUES, detectAberrations } from '../../core/index.ts';
import { aberrationMessage, aberrationProblem, aberrationWords } from './alertsErrors.ts';

/** One example of every refusal the aberration core gives. */
const EXAMPLES: AberrationError[] = [
  { code: 'aberration.empty_series' },
  { code: 'aberration.missing_count', week: 1 },
  { code: 'aberration.negative_count', week: 1, count: -2 },
  { code: 'aberration.non_integer_count', week: 1, count: 2.5 },
  { code: 'aberration.bad_evaluate', evaluate: 9, weeks: 3 },
  { code: 'aberration.too_little_history', method: 'farrington', needed: 263, have: 10 },
  { code: 'aberration.no_cases_in_history', method: 'cusum' },
  { code: 'aberration.bad_week_label', week: 2, label: 'x' },
  { code: 'aberration.week_gap', week: 2, previous: '2024-W01', label: '2024-W03' },
  { code: 'aberration.week_order', week: 2, previous: '2024-W03', label: '2024-W01' },
  { code: 'aberration.bad_option', option: 'b', value: '0', expected: 'a positive number' },
  { code: 'aberration.bad_option', option: 'z', value: '1', expected: 'something new' },
];

describe('aberration refusals in words', () => {
  it.each(['en', 'fr', 'es'])('words every refusal in %s, with no placeholder left', (lang) => {
    for (const error of EXAMPLES) {
      const text = aberrationMessage(error, ['2024-W01', '2024-W02', '2024-W03'], [lang]);
      expect(text, error.code).not.toMatch(/\{\{|errors\./);
      const { key } = aberrationWords(error, []);
      const own = key
        .split('.')
        .reduce<unknown>(
          (node, part) => (node as Record<string, unknown> | undefined)?.[part],
          CATALOGUES[lang]?.errors,
        );
      expect(typeof own, `${lang} ${key}`).toBe('string');
    }
  });

  it('names the week by its label and words a known option rule in the reader language', () => {
    const labels = ['2024-W01', '2024-W02'];
    expect(aberrationMessage({ code: 'aberration.missing_count', week: 1 }, labels, ['fr'])).toBe(
      'Semaine 2024-W02 : le nombre manque ; chaque semaine a besoin d’un nombre (0 s’il n’y a eu aucun cas).',
    );
    const refused = detectAberrations('ears-c1', { counts: [1, 2, 3], evaluate: 1, alpha: 0.1 });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(aberrationMessage(refused.error, [], ['es'])).toContain(
      'alpha solo se aplica a los métodos de Farrington',
    );
  });

  it('makes a 422 problem with the stable core code', () => {
    const p = aberrationProblem(
      { code: 'aberration.too_little_history', method: 'noufaily', needed: 263, have: 5 },
      [],
    );
    expect([p.status, p.code, p.params.needed]).toEqual([
      422,
      'aberration.too_little_history',
      263,
    ]);
  });
});
