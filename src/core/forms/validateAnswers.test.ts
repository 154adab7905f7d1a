// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to fields as ${name}
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../i18n/catalogues.ts';
import { translate } from '../i18n/translate.ts';
import type { FormAnswers, FormDefinition, FormField } from './formTypes.ts';
import { relevantFields, validateAnswers } from './validateAnswers.ts';

const ctx = { today: '2026-03-15' };
const yesNo = [
  { name: 'yes', label: { en: 'Yes' } },
  { name: 'no', label: { en: 'No' } },
];

function form(...fields: FormField[]): FormDefinition {
  return { id: 'test', version: '1', title: { en: 'Test' }, fields };
}

function field(name: string, type: FormField['type'], more: Partial<FormField> = {}): FormField {
  return { name, type, label: { en: name }, ...more };
}

/** Error keys by field, for compact expectations. */
function errorsOf(def: FormDefinition, answers: FormAnswers): Record<string, string> {
  const { errors } = validateAnswers(def, answers, ctx);
  return Object.fromEntries(errors.map((e) => [e.field, e.messageKey]));
}

const INTAKE = form(
  field('school_enrolled', 'select_one', { choices: yesNo, required: true }),
  field('school_grade', 'integer', {
    relevant: "${school_enrolled} = 'yes'",
    constraint: '. >= 1 and . <= 12',
    constraintMessage: { en: 'Grades run from 1 to 12.', fr: 'Les classes vont de 1 à 12.' },
  }),
  field('workplace_type', 'select_one', {
    choices: [
      { name: 'brick_kiln', label: { en: 'Brick kiln' } },
      { name: 'other', label: { en: 'Other' } },
    ],
  }),
  field('workplace_other', 'text', { relevant: "${workplace_type} = 'other'", required: true }),
  field('date_started_work', 'date', { constraint: '. <= today()' }),
  field('hazards_seen', 'select_multiple', {
    choices: ['dust', 'night_work', 'none'].map((name) => ({ name, label: { en: name } })),
    constraint: "not(selected(., 'none') and count-selected(.) > 1)",
  }),
  field('debt_owed_npr', 'decimal', { constraint: '. >= 0' }),
);

describe('validateAnswers: types', () => {
  const def = form(
    field('n', 'integer'),
    field('d', 'decimal'),
    field('date', 'date'),
    field('t', 'text'),
    field('one', 'select_one', { choices: yesNo }),
    field('many', 'select_multiple', {
      choices: [...yesNo, { name: 'maybe', label: { en: 'Maybe' } }],
    }),
    field('ack', 'acknowledge'),
    field('info', 'note'),
  );

  it('accepts and normalises good answers of every type', () => {
    const { values, errors } = validateAnswers(
      def,
      {
        n: '12',
        d: ' 3.25 ',
        date: '2024-02-29',
        t: '  Pokhara ',
        one: 'yes',
        many: 'no  yes',
        ack: 'OK',
      },
      ctx,
    );
    expect(errors).toEqual([]);
    expect(values).toEqual({
      n: 12,
      d: 3.25,
      date: '2024-02-29',
      t: 'Pokhara',
      one: 'yes',
      many: ['no', 'yes'],
      ack: true,
    });
    expect(validateAnswers(def, { n: -4, d: 0.5, many: ['maybe'], ack: true }, ctx).values).toEqual(
      {
        n: -4,
        d: 0.5,
        many: ['maybe'],
        ack: true,
      },
    );
  });

  it.each([
    ['n', '12abc', 'forms.not_integer'],
    ['n', '12.5', 'forms.not_integer'],
    ['n', 12.5, 'forms.not_integer'],
    ['n', '1e3', 'forms.not_integer'],
    ['n', Number.NaN, 'forms.not_integer'],
    ['n', Number.POSITIVE_INFINITY, 'forms.not_integer'],
    ['n', true, 'forms.not_integer'],
    ['n', ['1'], 'forms.not_integer'],
    ['n', 2e12, 'forms.number_too_large'],
    ['n', '-1000000000001', 'forms.number_too_large'],
    ['d', 'abc', 'forms.not_decimal'],
    ['d', '1,5', 'forms.not_decimal'],
    ['d', '0x10', 'forms.not_decimal'],
    ['d', Number.NEGATIVE_INFINITY, 'forms.not_decimal'],
    ['d', 1.5e12, 'forms.number_too_large'],
    ['date', '2025-02-30', 'forms.not_date'],
    ['date', '2025-13-01', 'forms.not_date'],
    ['date', '15/03/2026', 'forms.not_date'],
    ['date', '2026-03-15T10:00:00Z', 'forms.not_date'],
    ['date', 20260315, 'forms.not_date'],
    ['t', 42, 'forms.not_text'],
    ['t', 'x'.repeat(2001), 'forms.text_too_long'],
    ['one', 'maybe', 'forms.not_a_choice'],
    ['one', ['yes'], 'forms.not_a_choice'],
    ['many', ['yes', 'yes'], 'forms.duplicate_choice'],
    ['many', 'yes perhaps', 'forms.not_a_choice'],
    ['many', [1], 'forms.not_choice_list'],
    ['many', 5, 'forms.not_choice_list'],
    ['ack', 'nope', 'forms.invalid_acknowledge'],
    ['info', 'anything', 'forms.not_answerable'],
  ])('%s = %j → %s', (name, value, key) => {
    const { values, errors } = validateAnswers(def, { [name]: value } as FormAnswers, ctx);
    expect(errors).toEqual([expect.objectContaining({ field: name, messageKey: key })]);
    expect(values).toEqual({});
  });

  it('gives the limit and the offending value as parameters', () => {
    const tooLong = validateAnswers(def, { t: 'x'.repeat(2001) }, ctx).errors[0];
    expect(tooLong?.params).toEqual({ max: 2000 });
    const wrong = validateAnswers(def, { many: ['yes', 'perhaps'] }, ctx).errors[0];
    expect(wrong?.params).toEqual({ value: 'perhaps' });
  });

  it('treats empty strings, null, [] and an unticked acknowledge as no answer', () => {
    const answers = {
      n: '',
      d: null,
      date: '  ',
      t: '',
      one: undefined,
      many: [],
      ack: false,
      info: '',
    };
    expect(validateAnswers(def, answers, ctx)).toEqual({ values: {}, errors: [] });
  });

  it('rejects answers to fields the form does not have', () => {
    const { values, errors } = validateAnswers(def, { n: 1, nickname: 'x' }, ctx);
    expect(errors).toEqual([
      { field: 'nickname', messageKey: 'forms.unknown_field', params: { name: 'nickname' } },
    ]);
    expect(values).toEqual({ n: 1 });
    const sneaky = JSON.parse('{"__proto__": {"n": 1}, "constructor": "x"}') as FormAnswers;
    expect(validateAnswers(def, sneaky, ctx).errors.map((e) => e.field)).toEqual([
      '__proto__',
      'constructor',
    ]);
  });
});

describe('validateAnswers: required, relevant, constraint', () => {
  it('requires required fields and accepts a complete answer set', () => {
    expect(errorsOf(INTAKE, {})).toEqual({ school_enrolled: 'forms.required' });
    const answers = {
      school_enrolled: 'yes',
      school_grade: '5',
      workplace_type: 'brick_kiln',
      date_started_work: '2025-11-01',
      hazards_seen: ['dust', 'night_work'],
      debt_owed_npr: 15000,
    };
    expect(validateAnswers(INTAKE, answers, ctx)).toEqual({
      values: { ...answers, school_grade: 5 },
      errors: [],
    });
  });

  it('drops answers to fields that are not relevant, without error', () => {
    const { values, errors } = validateAnswers(
      INTAKE,
      {
        school_enrolled: 'no',
        school_grade: 'not a number',
        workplace_type: 'brick_kiln',
        workplace_other: 'x',
      },
      ctx,
    );
    expect(errors).toEqual([]);
    expect(values).toEqual({ school_enrolled: 'no', workplace_type: 'brick_kiln' });
  });

  it('requires a field only while it is relevant', () => {
    expect(errorsOf(INTAKE, { school_enrolled: 'no', workplace_type: 'other' })).toEqual({
      workplace_other: 'forms.required',
    });
    expect(
      errorsOf(INTAKE, {
        school_enrolled: 'no',
        workplace_type: 'other',
        workplace_other: 'Tea estate',
      }),
    ).toEqual({});
  });

  it('evaluates required expressions', () => {
    const def = form(
      field('age', 'integer'),
      field('guardian', 'text', { required: '${age} < 18' }),
    );
    expect(errorsOf(def, { age: 12 })).toEqual({ guardian: 'forms.required' });
    expect(errorsOf(def, { age: 19 })).toEqual({});
    expect(errorsOf(def, {})).toEqual({});
  });

  it('reports a failed constraint with the form’s own message', () => {
    const { errors } = validateAnswers(INTAKE, { school_enrolled: 'yes', school_grade: 13 }, ctx);
    expect(errors).toEqual([
      {
        field: 'school_grade',
        messageKey: 'forms.constraint',
        message: { en: 'Grades run from 1 to 12.', fr: 'Les classes vont de 1 à 12.' },
      },
    ]);
  });

  it.each([
    [{ date_started_work: '2026-03-16' }, 'date_started_work'],
    [{ hazards_seen: 'none dust' }, 'hazards_seen'],
    [{ debt_owed_npr: '-1' }, 'debt_owed_npr'],
    [{ school_grade: 0 }, 'school_grade'],
  ])('constraint fails for %j', (answers, name) => {
    const result = errorsOf(INTAKE, { school_enrolled: 'yes', ...answers });
    expect(result).toEqual({ [name]: 'forms.constraint' });
  });

  it('does not check the constraint of an empty answer', () => {
    const def = form(field('phone', 'text', { constraint: "regex(., '^[0-9+ ]{7,15}$')" }));
    expect(errorsOf(def, { phone: '' })).toEqual({});
    expect(errorsOf(def, { phone: '+977 9841234567' })).toEqual({});
    expect(errorsOf(def, { phone: 'call me' })).toEqual({ phone: 'forms.constraint' });
  });

  it('uses today from the context, never the system clock', () => {
    const answers = { school_enrolled: 'no', date_started_work: '2030-01-01' };
    expect(validateAnswers(INTAKE, answers, { today: '2029-12-31' }).errors).toHaveLength(1);
    expect(validateAnswers(INTAKE, answers, { today: '2030-01-01' }).errors).toEqual([]);
    expect(() => validateAnswers(INTAKE, answers, { today: 'yesterday' })).toThrow(/YYYY-MM-DD/);
  });

  it('clears chained relevance: a field hidden by a hidden field is hidden too', () => {
    const def = form(
      field('c', 'text', { relevant: "${b} = 'go'" }),
      field('a', 'select_one', { choices: yesNo }),
      field('b', 'text', { relevant: "${a} = 'yes'" }),
    );
    expect(relevantFields(def, { a: 'yes', b: 'go' }, ctx)).toEqual(['c', 'a', 'b']);
    expect(relevantFields(def, { a: 'no', b: 'go', c: 'x' }, ctx)).toEqual(['a']);
    expect(validateAnswers(def, { a: 'no', b: 'go', c: 'x' }, ctx).values).toEqual({ a: 'no' });
  });

  it('does not let an invalid answer make another field relevant', () => {
    const def = form(
      field('age', 'integer'),
      field('school', 'text', { relevant: '${age} < 18', required: true }),
    );
    expect(errorsOf(def, { age: 'ten' })).toEqual({ age: 'forms.not_integer' });
  });

  it('never requires an answer to a note', () => {
    const def = form(field('info', 'note', { required: true }));
    expect(errorsOf(def, {})).toEqual({});
  });

  it('refuses to run a form that fails checkForm', () => {
    const def = form(field('a', 'integer', { constraint: '. >' }));
    expect(() => validateAnswers(def, {}, ctx)).toThrow(/field "a", column "constraint"/);
  });
});

describe('relevantFields', () => {
  it('names the fields to show now, in form order', () => {
    expect(relevantFields(INTAKE, {}, ctx)).toEqual([
      'school_enrolled',
      'workplace_type',
      'date_started_work',
      'hazards_seen',
      'debt_owed_npr',
    ]);
    expect(
      relevantFields(INTAKE, { school_enrolled: 'yes', workplace_type: 'other' }, ctx),
    ).toContain('school_grade');
  });
});

describe('forms catalogue', () => {
  it('translates every message key into English, French and Spanish', () => {
    const keys = Object.keys(CATALOGUES.en?.forms ?? {});
    expect(keys).toContain('required');
    expect(keys).toContain('unknown_field');
    for (const lang of ['en', 'fr', 'es']) {
      expect(Object.keys(CATALOGUES[lang]?.forms ?? {}).sort()).toEqual([...keys].sort());
      for (const key of keys) {
        const text = translate(CATALOGUES, [lang], `forms.${key}`, {
          max: 2000,
          value: 'x',
          name: 'y',
        });
        expect(text, `${lang} ${key}`).not.toMatch(/^forms\.|\{\{/);
      }
    }
    expect(translate(CATALOGUES, ['fr'], 'forms.required')).not.toBe(
      translate(CATALOGUES, ['en'], 'forms.required'),
    );
  });

  it('has a catalogue entry for every key validateAnswers produces', () => {
    const def = form(
      field('n', 'integer', { required: true }),
      field('t', 'text', { constraint: 'false()' }),
    );
    const { errors } = validateAnswers(def, { t: 'x', other: 1 }, ctx);
    for (const error of errors) {
      expect(translate(CATALOGUES, ['en'], error.messageKey)).not.toBe(error.messageKey);
    }
  });
});
