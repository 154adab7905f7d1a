import { Type } from 'typebox';
import {
  CASE_STEPS,
  CASE_TOPICS,
  R190_CONDITIONS,
  RISK_LEVELS,
  TRAFFICKING_ACTS,
  TRAFFICKING_MEANS,
  TRAFFICKING_PURPOSES,
  WORST_FORMS,
} from '../../../core/index.ts';
import { INTERVENTION_TYPES } from '../../services/casePlan.ts';
import { Code, DateText, Enum, Nullable, Obj, PageQuery, Text, Version } from '../schemas.ts';

const Hours = Type.Number({ minimum: 0, maximum: 168 });

/** Answers to a country form: checked against the pack's form by core's validateAnswers. */
export const FormAnswersBody = Type.Record(
  Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' }),
  Type.Union([
    Type.String({ maxLength: 2000 }),
    Type.Number(),
    Type.Boolean(),
    Type.Null(),
    Type.Array(Type.String({ maxLength: 64 }), { maxItems: 200 }),
  ]),
  { maxProperties: 300 },
);

export const NewPerson = Obj({
  givenName: Text(200, 1),
  familyName: Type.Optional(Text(200)),
  sex: Enum(['female', 'male', 'other', 'unknown'] as const),
  birthDate: Type.Optional(DateText),
  estimatedAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
  areaCode: Type.Optional(Code),
});

export const CaseIntakeBody = Obj({
  person: Type.Union([Obj({ personId: Type.String({ minLength: 1, maxLength: 36 }) }), NewPerson]),
  topics: Type.Array(Enum(CASE_TOPICS), { minItems: 1, maxItems: 3 }),
  riskLevel: Enum(RISK_LEVELS),
  areaCode: Code,
  answers: Type.Optional(FormAnswersBody),
});

export const CaseListQuery = Obj({
  ...PageQuery,
  step: Type.Optional(Enum(CASE_STEPS)),
  risk: Type.Optional(Enum(RISK_LEVELS)),
  q: Type.Optional(Text(100)),
  overdue: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  area: Type.Optional(Code),
  assigned: Type.Optional(Enum(['me', 'none'] as const)),
});

export const ScreeningBody = Type.Union([
  Obj({
    kind: Type.Literal('child_labour'),
    inputs: Obj({
      economicActivityHours: Hours,
      householdChoresHours: Hours,
      industry: Type.Optional(Type.String({ maxLength: 10, pattern: '^[A-Za-z0-9]*$' })),
      occupation: Type.Optional(Type.String({ maxLength: 10, pattern: '^[0-9]*$' })),
      conditions: Type.Array(Enum(R190_CONDITIONS), { maxItems: R190_CONDITIONS.length }),
      worstForms: Type.Array(Enum(WORST_FORMS), { maxItems: WORST_FORMS.length }),
    }),
  }),
  Obj({
    kind: Type.Literal('forced_labour'),
    inputs: Obj({
      answers: Type.Record(
        Type.String({ maxLength: 64 }),
        Enum(['yes', 'no', 'unknown'] as const),
        { maxProperties: 100 },
      ),
    }),
  }),
  Obj({
    kind: Type.Literal('trafficking'),
    inputs: Obj({
      acts: Type.Array(Enum(TRAFFICKING_ACTS), { maxItems: TRAFFICKING_ACTS.length }),
      means: Type.Array(Enum(TRAFFICKING_MEANS), { maxItems: TRAFFICKING_MEANS.length }),
      purposes: Type.Array(Enum(TRAFFICKING_PURPOSES), { maxItems: TRAFFICKING_PURPOSES.length }),
    }),
  }),
]);

export const TransitionBody = Obj({
  action: Enum([
    'start_assessment',
    'complete_assessment',
    'approve_plan',
    'start_follow_up',
    'resume_implementation',
    'request_closure',
    'approve_closure',
    'reject_closure',
    'reopen',
  ] as const),
  reason: Type.Optional(Text(2000)),
  version: Version,
});

const Screening = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  summary: Type.String(),
  rulesId: Type.String(),
  rulesVersion: Type.String(),
  result: Type.Unknown(),
  createdAt: Type.String(),
});

export const ScreeningView = Screening;

export const Goal = Type.Object({
  id: Type.String(),
  description: Type.String(),
  dueDate: Nullable(Type.String()),
  doneAt: Nullable(Type.String()),
});
export const Intervention = Type.Object({
  id: Type.String(),
  type: Type.String(),
  startedOn: Type.String(),
  endedOn: Nullable(Type.String()),
  provider: Nullable(Type.String()),
});
export const FollowUp = Type.Object({
  id: Type.String(),
  visitedOn: Type.String(),
  stillWorking: Nullable(Type.Boolean()),
  inSchool: Nullable(Type.Boolean()),
  safe: Nullable(Type.Boolean()),
  withFamily: Nullable(Type.Boolean()),
});

export const GoalBody = Obj({ description: Text(500, 1), dueDate: Type.Optional(DateText) });
export const InterventionBody = Obj({
  type: Enum(INTERVENTION_TYPES),
  startedOn: DateText,
  endedOn: Type.Optional(DateText),
  provider: Type.Optional(Text(200)),
});
const YesNo = Type.Union([Type.Boolean(), Type.Null()]);
export const FollowUpBody = Obj({
  visitedOn: DateText,
  stillWorking: YesNo,
  inSchool: YesNo,
  safe: YesNo,
  withFamily: YesNo,
});

export const FormAnswersView = Type.Object({
  formId: Type.String(),
  formVersion: Type.String(),
  answers: Type.Record(Type.String(), Type.Unknown()),
  updatedAt: Type.String(),
});

export const CaseDetail = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  step: Type.String(),
  riskLevel: Type.String(),
  topics: Type.Array(Type.String()),
  areaCode: Type.String(),
  identifiedAt: Type.String(),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  assignedTo: Type.Union([
    Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() }),
    Type.Null(),
  ]),
  person: Type.Object({
    id: Type.String(),
    givenName: Type.String(),
    familyName: Type.String(),
    sex: Type.String(),
    birthDate: Type.Union([Type.String(), Type.Null()]),
    age: Type.Union([Type.Integer(), Type.Null()]),
    ageEstimated: Type.Boolean(),
  }),
  screenings: Type.Array(Screening),
  tasks: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      dueAt: Type.String(),
      doneAt: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  goals: Type.Array(Goal),
  interventions: Type.Array(Intervention),
  followUps: Type.Array(FollowUp),
  events: Type.Array(
    Type.Object({
      at: Type.String(),
      type: Type.String(),
      actorUsername: Type.Union([Type.String(), Type.Null()]),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
  actions: Type.Array(Type.String()),
  forms: Type.Array(FormAnswersView),
});

export const CaseSummary = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  personName: Type.String(),
  step: Type.String(),
  riskLevel: Type.String(),
  topics: Type.Array(Type.String()),
  areaCode: Type.String(),
  nextDueAt: Type.Union([Type.String(), Type.Null()]),
  overdue: Type.Boolean(),
  assignedTo: Type.Union([Type.String(), Type.Null()]),
  identifiedAt: Type.String(),
});

export const AssignBody = Obj({
  userId: Type.Union([Type.String({ minLength: 1, maxLength: 36 }), Type.Null()]),
  version: Version,
});

export const Assignee = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
});

export const TaskListQuery = Obj({
  ...PageQuery,
  mine: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  overdue: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
});

export const TaskSummary = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  dueAt: Type.String(),
  overdue: Type.Boolean(),
  caseId: Type.String(),
  caseReference: Type.String(),
  personName: Type.String(),
  riskLevel: Type.String(),
  assignedTo: Type.Union([Type.String(), Type.Null()]),
});

export const FormSlotParams = Obj({
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' }),
  slot: Enum(['intake', 'assessment'] as const),
});
export const FormSaveBody = Obj({ answers: FormAnswersBody });
