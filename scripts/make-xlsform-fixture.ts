// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to fields as ${name}
// Writes tests/fixtures/xlsform/nepal-intake.xlsx, an XLSForm authored the way a
// country team would (mixed header spellings, a group, a rich-text and a boolean
// cell), independently of writeXlsForm. Run: npx tsx scripts/make-xlsform-fixture.ts
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

type Cell = ExcelJS.CellValue;
type Trio = [en: string, fr: string, es: string];

const SURVEY_HEADERS = [
  'type',
  'name',
  'label::English (en)',
  'label::Français (fr)',
  'label::Español (es)',
  'hint::English (en)',
  'hint::Français (fr)',
  'hint::Español (es)',
  'required',
  'relevant',
  'constraint',
  'constraint_message::English (en)',
  'constraint_message::Français (fr)',
  'constraint_message::Español (es)',
];

interface Question {
  type: string;
  name: string;
  label: Trio | [Cell, string, string];
  hint?: Trio;
  required?: Cell;
  relevant?: string;
  constraint?: string;
  message?: Trio;
}

const QUESTIONS: (Question | null)[] = [
  {
    type: 'note',
    name: 'intro_npl',
    label: [
      'Questions specific to Nepal. Ask them after the common intake questions.',
      "Questions propres au Népal. Posez-les après les questions communes de l'accueil.",
      'Preguntas propias de Nepal. Hágalas después de las preguntas comunes de la admisión.',
    ],
  },
  null, // a blank row: row numbers in messages must still match the sheet
  {
    type: 'select_one yes_no',
    name: 'school_enrolled',
    label: [
      {
        richText: [
          { text: 'Is the child ' },
          { text: 'enrolled', font: { bold: true } },
          { text: ' in school?' },
        ],
      },
      "L'enfant est-il inscrit à l'école ?",
      '¿Está el niño matriculado en la escuela?',
    ],
    required: true,
  },
  {
    type: 'integer',
    name: 'school_grade',
    label: [
      'Which grade (class) is the child in?',
      "En quelle classe est l'enfant ?",
      '¿En qué grado está el niño?',
    ],
    relevant: "${school_enrolled} = 'yes'",
    constraint: '. >= 1 and . <= 12',
    message: [
      "Nepal's school grades run from 1 to 12.",
      'Au Népal, les classes vont de 1 à 12.',
      'En Nepal, los grados escolares van del 1 al 12.',
    ],
  },
  {
    type: 'select_one yes_no',
    name: 'kamaiya_family',
    label: [
      'Is the child from a former Kamaiya (bonded labour) family?',
      "L'enfant vient-il d'une famille d'anciens Kamaiya (servitude pour dettes) ?",
      '¿Proviene el niño de una familia de antiguos kamaiya (servidumbre por deudas)?',
    ],
    hint: [
      'The Kamaiya system of bonded farm labour was abolished in 2000; freed families may still be in debt.',
      'Le système kamaiya de travail agricole en servitude a été aboli en 2000 ; les familles libérées peuvent encore être endettées.',
      'El sistema kamaiya de trabajo agrícola en servidumbre se abolió en 2000; las familias liberadas pueden seguir endeudadas.',
    ],
  },
  {
    type: 'begin group',
    name: 'work',
    label: ['Work', 'Travail', 'Trabajo'],
  },
  {
    type: 'select_one workplace_types',
    name: 'workplace_type',
    label: [
      'Where does the child work?',
      "Où l'enfant travaille-t-il ?",
      '¿Dónde trabaja el niño?',
    ],
    required: 'yes',
  },
  {
    type: 'text',
    name: 'workplace_other',
    label: [
      'Describe the workplace',
      'Décrivez le lieu de travail',
      'Describa el lugar de trabajo',
    ],
    required: 'yes',
    relevant: "${workplace_type} = 'other'",
  },
  {
    type: 'date',
    name: 'date_started_work',
    label: [
      'When did the child start this work?',
      "Depuis quand l'enfant fait-il ce travail ?",
      '¿Cuándo empezó el niño este trabajo?',
    ],
    hint: [
      'An approximate date is fine.',
      'Une date approximative suffit.',
      'Basta con una fecha aproximada.',
    ],
    constraint: '. <= today()',
    message: [
      'The date cannot be in the future.',
      'La date ne peut pas être dans le futur.',
      'La fecha no puede ser futura.',
    ],
  },
  {
    type: 'select_multiple hazards',
    name: 'hazards_seen',
    label: [
      'Which hazards did you see at the workplace?',
      'Quels dangers avez-vous constatés sur le lieu de travail ?',
      '¿Qué peligros observó en el lugar de trabajo?',
    ],
    constraint: "not(selected(., 'none') and count-selected(.) > 1)",
    message: [
      '“None seen” cannot be combined with other hazards.',
      "« Aucun constaté » ne peut pas être combiné avec d'autres dangers.",
      '«Ninguno observado» no puede combinarse con otros peligros.',
    ],
  },
  { type: 'end group', name: '', label: ['', '', ''] },
  {
    type: 'decimal',
    name: 'debt_owed_npr',
    label: [
      'Debt the family owes to the employer or a broker (NPR)',
      "Dette de la famille envers l'employeur ou un intermédiaire (NPR)",
      'Deuda de la familia con el empleador o un intermediario (NPR)',
    ],
    constraint: '. >= 0',
    message: [
      'Enter zero or a positive amount.',
      'Saisissez zéro ou un montant positif.',
      'Introduzca cero o un importe positivo.',
    ],
  },
  {
    type: 'text',
    name: 'migrated_from_district',
    label: [
      'District the child migrated from, if any',
      "District d'origine de l'enfant, s'il a migré",
      'Distrito del que migró el niño, si es el caso',
    ],
  },
  {
    type: 'text',
    name: 'guardian_phone',
    label: [
      'Phone number of a parent or guardian',
      "Numéro de téléphone d'un parent ou d'un tuteur",
      'Número de teléfono de un padre, una madre o un tutor',
    ],
    constraint: "regex(., '^[0-9+ ]{7,15}$')",
    message: [
      'Use 7 to 15 digits, spaces or +.',
      'Utilisez de 7 à 15 chiffres, espaces ou +.',
      'Use de 7 a 15 dígitos, espacios o +.',
    ],
  },
];

const CHOICES: [list: string, name: string, ...label: Trio][] = [
  ['yes_no', 'yes', 'Yes', 'Oui', 'Sí'],
  ['yes_no', 'no', 'No', 'Non', 'No'],
  ['workplace_types', 'brick_kiln', 'Brick kiln', 'Briqueterie', 'Horno de ladrillos'],
  [
    'workplace_types',
    'carpet_factory',
    'Carpet factory',
    'Fabrique de tapis',
    'Fábrica de alfombras',
  ],
  ['workplace_types', 'domestic_work', 'Domestic work', 'Travail domestique', 'Trabajo doméstico'],
  ['workplace_types', 'agriculture', 'Agriculture', 'Agriculture', 'Agricultura'],
  ['workplace_types', 'embroidery_zari', 'Embroidery (zari)', 'Broderie (zari)', 'Bordado (zari)'],
  ['workplace_types', 'transport', 'Transport', 'Transport', 'Transporte'],
  [
    'workplace_types',
    'entertainment_sector',
    'Entertainment sector (dance bars, restaurants)',
    'Secteur du divertissement (bars dansants, restaurants)',
    'Sector del entretenimiento (bares de baile, restaurantes)',
  ],
  ['workplace_types', 'other', 'Other', 'Autre', 'Otro'],
  [
    'hazards',
    'heavy_loads',
    'Carrying heavy loads',
    'Port de charges lourdes',
    'Carga de pesos excesivos',
  ],
  ['hazards', 'kiln_heat', 'Heat from kilns or furnaces', 'Chaleur des fours', 'Calor de hornos'],
  [
    'hazards',
    'dust_fumes',
    'Dust, smoke or fumes',
    'Poussière, fumée ou vapeurs',
    'Polvo, humo o vapores',
  ],
  [
    'hazards',
    'chemicals',
    'Chemicals or dyes',
    'Produits chimiques ou teintures',
    'Productos químicos o tintes',
  ],
  [
    'hazards',
    'sharp_tools',
    'Sharp tools or machinery',
    'Outils tranchants ou machines',
    'Herramientas cortantes o maquinaria',
  ],
  ['hazards', 'night_work', 'Work at night', 'Travail de nuit', 'Trabajo nocturno'],
  ['hazards', 'none', 'None seen', 'Aucun constaté', 'Ninguno observado'],
];

function sheet(workbook: ExcelJS.Workbook, name: string, headers: string[], rows: Cell[][]): void {
  const ws = workbook.addWorksheet(name);
  ws.addRow(headers).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  headers.forEach((_, i) => {
    ws.getColumn(i + 1).width = i < 2 ? 24 : 40;
  });
}

const workbook = new ExcelJS.Workbook();
workbook.creator = 'Pathfinder';
workbook.created = workbook.modified = new Date('2026-01-01T00:00:00Z');
sheet(
  workbook,
  'survey',
  SURVEY_HEADERS,
  QUESTIONS.map((q) =>
    q === null
      ? []
      : [
          q.type,
          q.name,
          ...q.label,
          ...(q.hint ?? ['', '', '']),
          q.required ?? '',
          q.relevant ?? '',
          q.constraint ?? '',
          ...(q.message ?? ['', '', '']),
        ],
  ),
);
// Choices spell their language columns three other ways XLSForm allows.
sheet(
  workbook,
  'Choices',
  ['list_name', 'name', 'label::English (en)', 'label::français (fr)', 'label::es'],
  CHOICES,
);
sheet(
  workbook,
  'settings',
  [
    'form_id',
    'version',
    'form_title',
    'form_title::Français (fr)',
    'form_title::Español (es)',
    'default_language',
  ],
  [
    [
      'npl_intake',
      '2026.11.0',
      'Nepal: additional intake questions',
      "Népal : questions complémentaires d'accueil",
      'Nepal: preguntas adicionales de admisión',
      'English (en)',
    ],
  ],
);

const dir = join(import.meta.dirname, '..', 'tests', 'fixtures', 'xlsform');
mkdirSync(dir, { recursive: true });
await workbook.xlsx.writeFile(join(dir, 'nepal-intake.xlsx'));
process.stdout.write(`written ${join(dir, 'nepal-intake.xlsx')}\n`);
