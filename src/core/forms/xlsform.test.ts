// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to fields as ${name}
import { describe, expect, it } from 'vitest';
import type { FormDefinition } from './formTypes.ts';
import {
  formFromSheets,
  languageOfColumn,
  sheetsFromForm,
  XlsFormError,
  type XlsFormRow,
  type XlsFormSheets,
} from './xlsform.ts';

const YES_NO: XlsFormRow[] = [
  { list_name: 'yes_no', name: 'yes', 'label::English (en)': 'Yes', 'label::fr': 'Oui' },
  { list_name: 'yes_no', name: 'no', 'label::English (en)': 'No', 'label::fr': 'Non' },
];
const SETTINGS: XlsFormRow[] = [{ form_id: 'npl_intake', version: '2026.1', form_title: 'Intake' }];

function sheets(survey: XlsFormRow[], more: Partial<XlsFormSheets> = {}): XlsFormSheets {
  return { survey, choices: YES_NO, settings: SETTINGS, ...more };
}

/** The problems formFromSheets throws. */
function problemsOf(input: XlsFormSheets, options: { id?: string } = {}): string[] {
  try {
    formFromSheets(input, options);
  } catch (error) {
    if (error instanceof XlsFormError) return error.problems;
    throw error;
  }
  throw new Error('no XlsFormError');
}

describe('languageOfColumn', () => {
  it.each([
    ['English (en)', 'en'],
    ['Français (fr)', 'fr'],
    ['français (fr)', 'fr'],
    ['Español (es)', 'es'],
    ['नेपाली (ne)', 'ne'],
    ['fr', 'fr'],
    [' ES ', 'es'],
    ['English', 'en'],
    ['French', 'fr'],
    ['Spanish', 'es'],
    ['Nepali', 'ne'],
    ['Français', 'fr'],
    ['Klingon', undefined],
    ['English (english)', undefined],
  ])('%j → %s', (suffix, code) => {
    expect(languageOfColumn(suffix)).toBe(code);
  });
});

describe('formFromSheets', () => {
  it('reads types, names, labels by language, hints, rules and choices', () => {
    const form = formFromSheets(
      sheets([
        {
          type: 'select_one yes_no',
          name: 'school_enrolled',
          'label::English (en)': 'Enrolled in school?',
          'label::Français (fr)': "Inscrit à l'école ?",
          'label::Español (es)': '¿Matriculado?',
          'hint::English (en)': 'Any school',
          required: 'yes',
        },
        {
          type: 'integer',
          name: 'school_grade',
          'label::English (en)': 'Grade',
          'label::French': 'Classe',
          relevant: "${school_enrolled} = 'yes'",
          constraint: '. >= 1 and . <= 12',
          'constraint_message::English (en)': '1 to 12',
          'constraint_message::Español (es)': 'De 1 a 12',
          read_only: 'TRUE',
        },
      ]),
    );
    expect(form).toEqual({
      id: 'npl_intake',
      version: '2026.1',
      title: { en: 'Intake' },
      fields: [
        {
          type: 'select_one',
          name: 'school_enrolled',
          label: { en: 'Enrolled in school?', fr: "Inscrit à l'école ?", es: '¿Matriculado?' },
          hint: { en: 'Any school' },
          required: true,
          choices: [
            { name: 'yes', label: { en: 'Yes', fr: 'Oui' } },
            { name: 'no', label: { en: 'No', fr: 'Non' } },
          ],
        },
        {
          type: 'integer',
          name: 'school_grade',
          label: { en: 'Grade', fr: 'Classe' },
          relevant: "${school_enrolled} = 'yes'",
          constraint: '. >= 1 and . <= 12',
          constraintMessage: { en: '1 to 12', es: 'De 1 a 12' },
          readOnly: true,
        },
      ],
    });
  });

  it('puts plain label and hint columns in the default language (en unless settings say)', () => {
    const plain = formFromSheets(
      sheets([{ type: 'text', name: 'a', label: 'Name', hint: 'Full name' }]),
    );
    expect(plain.fields[0]).toMatchObject({ label: { en: 'Name' }, hint: { en: 'Full name' } });
    const french = formFromSheets(
      sheets([{ type: 'text', name: 'a', label: 'Nom', 'label::English (en)': 'Name' }], {
        settings: [
          {
            form_id: 'x',
            default_language: 'Français (fr)',
            form_title: 'Accueil',
            'form_title::en': 'Intake',
          },
        ],
      }),
    );
    expect(french.fields[0]?.label).toEqual({ fr: 'Nom', en: 'Name' });
    expect(french.title).toEqual({ fr: 'Accueil', en: 'Intake' });
  });

  it.each([
    ['yes', true],
    ['Yes', true],
    ['true', true],
    ['TRUE()', true],
    ['true()', true],
    ['no', undefined],
    ['FALSE()', undefined],
    ['', undefined],
    ['${age} < 18', '${age} < 18'],
  ])('reads required %j as %j', (cell, required) => {
    const form = formFromSheets(
      sheets([
        { type: 'integer', name: 'age', label: 'Age' },
        { type: 'text', name: 'guardian', label: 'Guardian', required: cell },
      ]),
    );
    expect(form.fields[1]?.required).toBe(required);
  });

  it('accepts header spellings XLSForm allows: any case, spaces, aliases, select one', () => {
    const form = formFromSheets(
      sheets(
        [
          {
            Type: 'select one yes_no',
            Name: 'a',
            'Label::English (en)': 'A',
            Constraint: ". != 'no'",
            'jr:constraintMsg::English (en)': 'Not no',
          },
          { type: 'int', name: 'b', label: 'B', 'read only': 'yes' },
        ],
        {
          choices: [
            { 'list name': 'yes_no', value: 'yes', label: 'Yes' },
            { 'list name': 'yes_no', value: 'no', label: 'No' },
          ],
        },
      ),
    );
    expect(form.fields[0]).toMatchObject({
      type: 'select_one',
      constraintMessage: { en: 'Not no' },
    });
    expect(form.fields[1]).toMatchObject({ type: 'integer', readOnly: true });
  });

  it('flattens groups, ANDing group relevance onto their questions (nested too)', () => {
    const form = formFromSheets(
      sheets([
        { type: 'select_one yes_no', name: 'working', label: 'Working?' },
        { type: 'begin group', name: 'work', label: 'Work', relevant: "${working} = 'yes'" },
        { type: 'integer', name: 'hours', label: 'Hours' },
        { type: 'begin_group', name: 'night', label: 'Night work', relevant: '${hours} > 8' },
        {
          type: 'select_one yes_no',
          name: 'at_night',
          label: 'At night?',
          relevant: '${hours} < 20',
        },
        { type: 'end_group', name: '' },
        { type: 'end group' },
        { type: 'begin group', name: 'empty' },
        { type: 'text', name: 'free', label: 'Free' },
        { type: 'end group' },
      ]),
    );
    expect(form.fields.map((f) => [f.name, f.relevant])).toEqual([
      ['working', undefined],
      ['hours', "${working} = 'yes'"],
      ['at_night', "(${working} = 'yes') and (${hours} > 8) and (${hours} < 20)"],
      ['free', undefined],
    ]);
  });

  it('skips blank rows and ODK metadata types, keeping sheet row numbers', () => {
    const form = formFromSheets(
      sheets([
        { type: 'start', name: 'start' },
        {},
        { type: ' ', name: '' },
        { type: 'deviceid', name: 'deviceid' },
        { type: 'text', name: 'a', label: 'A' },
      ]),
    );
    expect(form.fields.map((f) => f.name)).toEqual(['a']);
    expect(
      problemsOf(
        sheets([
          {},
          { type: 'text', name: 'a', label: 'A' },
          {},
          { type: 'geopoint', name: 'gps', label: 'GPS' },
        ]),
      ),
    ).toEqual([
      expect.stringMatching(
        /^survey row 5: type "geopoint" is not supported \(supported: text, integer/,
      ),
    ]);
  });

  it('lists every unsupported type with its row number', () => {
    const problems = problemsOf(
      sheets([
        { type: 'text', name: 'a', label: 'A' },
        { type: 'geopoint', name: 'gps', label: 'Where' },
        { type: 'image', name: 'photo', label: 'Photo' },
        { type: 'begin repeat', name: 'kids', label: 'Children' },
        { type: 'end repeat' },
        { type: 'calculate', name: 'c', calculation: '1 + 1' },
        { type: 'select_one yes_no or_other', name: 'b', label: 'B' },
        { type: 'select_one_from_file places.csv', name: 'p', label: 'P' },
      ]),
    );
    expect(problems).toEqual([
      expect.stringContaining('survey row 3: type "geopoint" is not supported'),
      expect.stringContaining('survey row 4: type "image" is not supported'),
      expect.stringContaining('survey row 5: type "begin repeat" is not supported'),
      expect.stringContaining('survey row 6: type "end repeat" is not supported'),
      expect.stringContaining('survey row 7: type "calculate" is not supported'),
      'survey row 8: "select_one yes_no or_other": "or_other" is not supported',
      expect.stringContaining(
        'survey row 9: type "select_one_from_file places.csv" is not supported',
      ),
    ]);
  });

  it('reports structural problems with sheet and row', () => {
    expect(
      problemsOf(
        sheets([
          { name: 'no_type', label: 'X' },
          { type: 'text', label: 'No name' },
          { type: 'select_one', name: 'a', label: 'A' },
          { type: 'select_one places', name: 'b', label: 'B' },
          { type: 'select_one yes_no', name: 'c', label: 'C', choice_filter: "${a} = 'x'" },
          { type: 'end group' },
          { type: 'begin group', name: 'g' },
        ]),
      ),
    ).toEqual([
      'survey row 2: missing type',
      'survey row 3: missing name',
      'survey row 4: "select_one" needs a choice list name',
      'survey row 5 (b): choice list "places" is not in the choices sheet',
      'survey row 6 (c): choice_filter is not supported',
      'survey row 7: "end group" without "begin group"',
      'survey row 8: "begin group" without "end group"',
    ]);
  });

  it('reports problems in the choices and settings sheets and unknown language columns', () => {
    expect(
      problemsOf(
        sheets([{ type: 'text', name: 'a', 'label::Klingon': 'A', 'label::en': 'A' }], {
          choices: [
            ...YES_NO,
            { list_name: 'yes_no', name: 'yes', label: 'Again' },
            { list_name: 'x' },
          ],
          settings: [{ default_language: 'Elvish' }],
        }),
      ),
    ).toEqual([
      'settings: default_language "Elvish" is not a language like "English (en)"',
      'survey: column "label::Klingon": cannot tell the language; write it like "label::English (en)"',
      'choices row 4: choice "yes" appears twice in list "yes_no"',
      'choices row 5: needs both list_name and name',
      'settings: form_id is missing',
    ]);
  });

  it('takes the form id from the options first, then settings; the version defaults to 1', () => {
    const survey = [{ type: 'text', name: 'a', label: 'A' }];
    expect(formFromSheets(sheets(survey), { id: 'override' }).id).toBe('override');
    const bare = formFromSheets({ survey, choices: [] }, { id: 'bare' });
    expect(bare).toMatchObject({ id: 'bare', version: '1', title: { en: 'bare' } });
    expect(problemsOf({ survey, choices: [] })).toEqual(['settings: form_id is missing']);
  });

  it('runs checkForm and names the row, field and column of a bad expression', () => {
    const problems = problemsOf(
      sheets([
        { type: 'integer', name: 'age', label: 'Age' },
        {},
        { type: 'integer', name: 'grade', label: 'Grade', constraint: '. >= 1 and' },
        { type: 'text', name: 'b', label: 'B', relevant: '${nope} = 1' },
        { type: 'text', name: 'c', 'label::fr': 'Seulement en français' },
        { type: 'text', name: 'age', label: 'Again' },
      ]),
    );
    expect(problems).toEqual([
      'survey row 4: field "grade", column "constraint": expected a value, found end of expression at character 11 of ". >= 1 and"',
      'survey row 5: field "b", column "relevant": ${nope} is not a field of this form',
      'survey row 6: field "c", column "label": needs at least an English (en) text',
      'survey row 7: field "age", column "name": appears twice',
    ]);
    expect(() =>
      formFromSheets(sheets([{ type: 'integer', name: 'a', label: 'A', relevant: '1 +' }])),
    ).toThrow(/the XLSForm has 1 problem\(s\):\n- survey row 2: field "a", column "relevant"/);
  });
});

describe('sheetsFromForm', () => {
  const form: FormDefinition = {
    id: 'npl_intake',
    version: '2026.11.0',
    title: { en: 'Intake', fr: 'Accueil' },
    fields: [
      { type: 'note', name: 'intro', label: { en: 'Hello', ne: 'नमस्ते' } },
      {
        type: 'select_one',
        name: 'enrolled',
        label: { en: 'Enrolled?', fr: 'Inscrit ?', es: '¿Matriculado?' },
        hint: { fr: 'Toute école' },
        required: true,
        choices: [
          { name: 'yes', label: { en: 'Yes', fr: 'Oui' } },
          { name: 'no', label: { en: 'No', fr: 'Non' } },
        ],
      },
      {
        type: 'select_one',
        name: 'kamaiya',
        label: { en: 'Former Kamaiya?' },
        choices: [
          { name: 'yes', label: { en: 'Yes', fr: 'Oui' } },
          { name: 'no', label: { en: 'No', fr: 'Non' } },
        ],
      },
      {
        type: 'integer',
        name: 'grade',
        label: { en: 'Grade' },
        required: "${enrolled} = 'yes'",
        relevant: "${enrolled} = 'yes'",
        constraint: '. >= 1 and . <= 12',
        constraintMessage: { en: '1 to 12', es: 'De 1 a 12' },
        readOnly: true,
      },
      {
        type: 'select_multiple',
        name: 'hazards',
        label: { en: 'Hazards' },
        choices: ['dust', 'heat', 'night', 'none'].map((name) => ({ name, label: { en: name } })),
      },
      {
        type: 'select_one',
        name: 'yes_no',
        label: { en: 'A field named like a list' },
        choices: [
          { name: 'yes', label: { en: 'Yes!' } },
          { name: 'no', label: { en: 'No!' } },
        ],
      },
      { type: 'acknowledge', name: 'consent', label: { en: 'I agree' } },
      { type: 'date', name: 'started', label: { en: 'Started' }, constraint: '. <= today()' },
      { type: 'decimal', name: 'debt', label: { en: 'Debt' } },
    ],
  };

  it('writes XLSForm columns with language names, sharing identical choice lists', () => {
    const out = sheetsFromForm(form);
    expect(Object.keys(out.survey[0] ?? {})).toEqual([
      'type',
      'name',
      'label::English (en)',
      'label::Français (fr)',
      'label::Español (es)',
      'label::Nepali (ne)',
      'hint::Français (fr)',
      'required',
      'relevant',
      'constraint',
      'constraint_message::English (en)',
      'constraint_message::Español (es)',
      'read_only',
    ]);
    expect(out.survey.map((r) => r.type)).toEqual([
      'note',
      'select_one yes_no',
      'select_one yes_no',
      'integer',
      'select_multiple hazards',
      'select_one yes_no_2',
      'acknowledge',
      'date',
      'decimal',
    ]);
    expect(out.survey[1]).toMatchObject({ required: 'yes', 'hint::Français (fr)': 'Toute école' });
    expect(out.survey[3]).toMatchObject({ required: "${enrolled} = 'yes'", read_only: 'yes' });
    expect(out.choices.map((c) => `${c.list_name}/${c.name}`)).toEqual([
      'yes_no/yes',
      'yes_no/no',
      'hazards/dust',
      'hazards/heat',
      'hazards/night',
      'hazards/none',
      'yes_no_2/yes',
      'yes_no_2/no',
    ]);
    expect(out.settings).toEqual([
      {
        form_id: 'npl_intake',
        version: '2026.11.0',
        form_title: 'Intake',
        'form_title::Français (fr)': 'Accueil',
        default_language: 'English (en)',
      },
    ]);
  });

  it('round-trips through formFromSheets', () => {
    expect(formFromSheets(sheetsFromForm(form))).toEqual(form);
  });
});
