import { describe, expect, it } from 'vitest';
import intake from '../../../../../packs/npl/forms/intake.json' with { type: 'json' };
import type { FormDefinition, FormField } from '../../../../core/index.ts';
import {
  answerText,
  checkAnswers,
  draftAnswersOf,
  fieldErrorText,
  localText,
  localToday,
  plainDraftAnswers,
  serverFieldErrors,
  withAnswer,
} from './formAnswers.ts';

const form = intake as FormDefinition;
const TODAY = '2026-03-15';
const field = (name: string): FormField => {
  const found = form.fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found;
};

describe('country form answers on the device', () => {
  it('reads pack texts in the language, else English, else the first there is', () => {
    expect(localText({ en: 'Age', fr: 'Âge' }, 'fr')).toBe('Âge');
    expect(localText({ en: 'Age', fr: 'Âge' }, 'fr-CA')).toBe('Âge');
    expect(localText({ en: 'Age', fr: '' }, 'fr')).toBe('Age');
    expect(localText({ ne: 'उमेर' }, 'es')).toBe('उमेर');
    expect(localText(undefined, 'en')).toBe('');
  });

  it('gives the local date as YYYY-MM-DD', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('drops empty answers instead of keeping them', () => {
    expect(withAnswer({ a: 'x' }, 'a', '  ')).toEqual({});
    expect(withAnswer({}, 'h', [])).toEqual({});
    expect(withAnswer({}, 'ack', false)).toEqual({});
    expect(withAnswer({}, 'h', ['dust_fumes'])).toEqual({ h: ['dust_fumes'] });
  });

  it('turns saved answers into what the editor shows, keeping only the form’s questions', () => {
    expect(
      draftAnswersOf(form, {
        school_grade: 6,
        hazards_seen: 'kiln_heat dust_fumes',
        school_enrolled: 'yes',
        ghost: 'x',
        debt_owed_npr: null,
      }),
    ).toEqual({
      school_grade: '6',
      hazards_seen: ['kiln_heat', 'dust_fumes'],
      school_enrolled: 'yes',
    });
    expect(draftAnswersOf(form, 'nonsense')).toEqual({});
    expect(plainDraftAnswers({ a: 'x', b: true, c: ['y', 3], d: { e: 1 } })).toEqual({
      a: 'x',
      b: true,
      c: ['y'],
    });
  });

  it('checks with the shared engine and tells whether anything was answered', () => {
    expect(checkAnswers(form, {}, TODAY)).toMatchObject({ answered: false, values: {} });
    // An answer to a question that is not shown does not count.
    expect(checkAnswers(form, { school_grade: '4' }, TODAY).answered).toBe(false);

    const wrong = checkAnswers(form, { school_enrolled: 'yes', school_grade: '14' }, TODAY);
    expect(wrong.answered).toBe(true);
    const grade = wrong.errors.find((e) => e.field === 'school_grade');
    if (!grade) throw new Error('the grade should be refused');
    expect(grade.messageKey).toBe('forms.constraint');
    expect(fieldErrorText(grade, 'fr', () => 'generic')).toBe(
      'Au Népal, les classes vont de 1 à 12.',
    );
    expect(wrong.errors.map((e) => e.field)).toContain('workplace_type');

    const good = checkAnswers(
      form,
      {
        school_enrolled: 'yes',
        school_grade: '6',
        workplace_type: 'other',
        workplace_other: ' Tea shop ',
      },
      TODAY,
    );
    expect(good.errors).toEqual([]);
    expect(good.values).toEqual({
      school_enrolled: 'yes',
      school_grade: 6,
      workplace_type: 'other',
      workplace_other: 'Tea shop',
    });
  });

  it('uses the catalogue text when the form has no message of its own', () => {
    const text = fieldErrorText(
      { field: 'x', messageKey: 'forms.required' },
      'en',
      (key) => `t:${key}`,
    );
    expect(text).toBe('t:forms.required');
  });

  it('reads the server’s field problems', () => {
    expect(
      serverFieldErrors({
        fields: [
          { field: 'school_grade', code: 'constraint', message: 'Au Népal…' },
          { field: 'school_grade', code: 'required', message: 'second' },
          { nonsense: true },
        ],
      }),
    ).toEqual({ school_grade: 'Au Népal…' });
    expect(serverFieldErrors(null)).toEqual({});
  });

  it('shows saved answers as the user reads them', () => {
    expect(answerText(field('workplace_type'), 'brick_kiln', 'fr', 'Oui')).toBe('Briqueterie');
    expect(answerText(field('hazards_seen'), ['kiln_heat', 'night_work'], 'en', 'Yes')).toBe(
      'Heat from kilns or furnaces, Work at night',
    );
    expect(answerText(field('debt_owed_npr'), 12500.5, 'en', 'Yes')).toBe('12,500.5');
    expect(answerText(field('date_started_work'), '2025-02-01', 'en', 'Yes')).toBe('Feb 1, 2025');
    expect(answerText(field('migrated_from_district'), 'Sindhupalchok', 'en', 'Yes')).toBe(
      'Sindhupalchok',
    );
    expect(answerText(field('migrated_from_district'), undefined, 'en', 'Yes')).toBe('');
  });
});
