// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to fields as ${name}
import { describe, expect, it } from 'vitest';
import { checkForm, formatProblem, formProblems } from './checkForm.ts';
import type { FormDefinition, FormField } from './formTypes.ts';

const yesNo = [
  { name: 'yes', label: { en: 'Yes', fr: 'Oui' } },
  { name: 'no', label: { en: 'No', fr: 'Non' } },
];

function form(...fields: FormField[]): FormDefinition {
  return { id: 'npl_intake', version: '1', title: { en: 'Intake' }, fields };
}

function field(name: string, type: FormField['type'], more: Partial<FormField> = {}): FormField {
  return { name, type, label: { en: name }, ...more };
}

/** checkForm of a definition that may be malformed JSON. */
function problemsOf(def: unknown): string[] {
  return checkForm(def as FormDefinition);
}

describe('checkForm', () => {
  it('accepts a sound form', () => {
    const sound = form(
      field('enrolled', 'select_one', { choices: yesNo, required: true }),
      field('grade', 'integer', {
        relevant: "${enrolled} = 'yes'",
        required: "${enrolled} = 'yes'",
        constraint: '. >= 1 and . <= ${max_grade}',
        hint: { en: 'Class', fr: 'Classe' },
        constraintMessage: { en: '1 to 12' },
        readOnly: false,
      }),
      field('max_grade', 'integer'),
      field('info', 'note'),
    );
    expect(checkForm(sound)).toEqual([]);
  });

  it.each([
    [[field('1st', 'text')], 'field "1st", column "name": must start with a letter'],
    [[field('a-b', 'text')], 'field "a-b", column "name"'],
    [[field('x'.repeat(65), 'text')], 'column "name"'],
    [[field('a', 'text'), field('a', 'integer')], 'field "a", column "name": appears twice'],
    [[field('__proto__', 'text')], 'field "__proto__", column "name": is a reserved name'],
    [
      [field('a', 'geopoint' as FormField['type'])],
      'field "a", column "type": unsupported type "geopoint"',
    ],
    [
      [{ ...field('a', 'text'), label: { fr: 'Âge' } }],
      'field "a", column "label": needs at least an English (en) text',
    ],
    [[{ ...field('a', 'text'), label: { en: '  ' } }], 'needs at least an English (en) text'],
    [[{ ...field('a', 'text'), label: { english: 'Age' } }], '"english" is not a language code'],
    [
      [{ ...field('a', 'text'), hint: 'Age' as never }],
      'field "a", column "hint": must be text by language',
    ],
    [
      [field('a', 'text', { constraintMessage: { en: 5 as never } })],
      'column "constraint_message"',
    ],
    [
      [field('a', 'select_one')],
      'field "a", column "choices": a select_one needs at least one choice',
    ],
    [[field('a', 'select_multiple', { choices: [] })], 'needs at least one choice'],
    [[field('a', 'text', { choices: yesNo })], 'a text has no choices'],
    [
      [field('a', 'select_one', { choices: [...yesNo, yesNo[0] as never] })],
      'choice "yes" appears twice',
    ],
    [
      [field('a', 'select_one', { choices: [{ name: 'has space', label: { en: 'x' } }] })],
      'choice name "has space"',
    ],
    [
      [field('a', 'select_one', { choices: [{ name: 'x', label: { fr: 'x' } }] })],
      'choice "x" label needs at least an English',
    ],
    [
      [field('a', 'integer', { constraint: '. >' })],
      'field "a", column "constraint": expected a value',
    ],
    [
      [field('a', 'integer', { relevant: 'age > 1' })],
      'field "a", column "relevant": unexpected name "age"',
    ],
    [
      [field('a', 'integer', { required: 'now()' })],
      'field "a", column "required": unknown function now()',
    ],
    [[field('a', 'integer', { required: 1 as never })], 'column "required": must be an expression'],
    [
      [field('a', 'integer', { relevant: '${ghost} = 1' })],
      'field "a", column "relevant": ${ghost} is not a field of this form',
    ],
    [
      [field('a', 'integer', { readOnly: 'yes' as never })],
      'column "read_only": must be true or false',
    ],
  ])('reports %#: %s', (fields, problem) => {
    const problems = checkForm(form(...(fields as FormField[])));
    expect(problems.join('\n')).toContain(problem);
  });

  it('finds circular relevance, including a field relevant on itself', () => {
    const cycle = form(
      field('a', 'text', { relevant: "${c} = 'x'" }),
      field('b', 'text', { relevant: "${a} = 'x'" }),
      field('c', 'text', { relevant: "${b} = 'x'" }),
      field('d', 'text', { relevant: "${d} = 'x'" }),
      field('e', 'text', { constraint: '. = ${e}', required: '${e} = 1' }),
    );
    expect(checkForm(cycle)).toEqual([
      'field "a", column "relevant": relevance depends on itself: a → c → b → a',
      'field "d", column "relevant": relevance depends on itself: d → d',
    ]);
  });

  it('checks the form itself: id, version, title and fields', () => {
    expect(problemsOf({ ...form(field('a', 'text')), id: 'has space' })).toEqual([
      'form id "has space" must be letters, digits, . _ -',
    ]);
    expect(problemsOf({ ...form(field('a', 'text')), version: '' })).toEqual([
      'the form needs a version',
    ]);
    expect(problemsOf({ ...form(field('a', 'text')), title: { fr: 'Accueil' } })).toEqual([
      'the form title needs at least an English (en) text',
    ]);
    expect(problemsOf(form())).toEqual(['the form has no fields']);
    expect(problemsOf(null)).toEqual(['not a form definition']);
    expect(problemsOf({ ...form(field('a', 'text')), fields: [field('a', 'text'), null] })).toEqual(
      ['every field must be an object'],
    );
  });

  it('keeps the structured form for callers that add their own context', () => {
    const [problem] = formProblems(form(field('a', 'integer', { constraint: '. >' })));
    expect(problem).toMatchObject({ field: 'a', column: 'constraint' });
    expect(formatProblem({ message: 'x' })).toBe('x');
    expect(formatProblem({ field: 'a', message: 'x' })).toBe('field "a": x');
  });
});
