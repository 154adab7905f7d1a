import type {
  ChildLabourRules,
  ForcedLabourRules,
  ResponseTargets,
  TraffickingRules,
} from '../../../core/index.ts';

/** Shapes of the case API's JSON (see src/server/routes/cases/cases.schema.ts). */
export interface CaseSummary {
  id: string;
  reference: string;
  personName: string;
  step: string;
  riskLevel: string;
  topics: string[];
  areaCode: string;
  nextDueAt: string | null;
  overdue: boolean;
  identifiedAt: string;
}

export interface PersonMatch {
  id: string;
  givenName: string;
  familyName: string;
  sex: string;
  age: number | null;
  areaCode: string | null;
  caseCount: number;
}

export interface ScreeningView {
  id: string;
  kind: string;
  summary: string;
  rulesId: string;
  rulesVersion: string;
  result: unknown;
  createdAt: string;
}

export interface Goal {
  id: string;
  description: string;
  dueDate: string | null;
  doneAt: string | null;
}

export interface Intervention {
  id: string;
  type: string;
  startedOn: string;
  provider: string | null;
}

export interface FollowUp {
  id: string;
  visitedOn: string;
  stillWorking: boolean | null;
  inSchool: boolean | null;
  safe: boolean | null;
  withFamily: boolean | null;
}

export interface CaseEvent {
  at: string;
  type: string;
  actorUsername: string | null;
  details: Record<string, unknown>;
}

export interface CaseDetail {
  id: string;
  reference: string;
  step: string;
  riskLevel: string;
  topics: string[];
  areaCode: string;
  identifiedAt: string;
  closedAt: string | null;
  version: number;
  person: {
    id: string;
    givenName: string;
    familyName: string;
    sex: string;
    birthDate: string | null;
    age: number | null;
    ageEstimated: boolean;
  };
  screenings: ScreeningView[];
  tasks: { id: string; kind: string; dueAt: string; doneAt: string | null }[];
  events: CaseEvent[];
  actions: string[];
  /** Present once the case-plan endpoints exist on the server. */
  goals?: Goal[];
  interventions?: Intervention[];
  followUps?: FollowUp[];
}

/** GET /screening-rules: the pack's rules, so the device can preview a screening. */
export interface ScreeningRules {
  childLabour: ChildLabourRules | null;
  forcedLabour: ForcedLabourRules | null;
  trafficking: TraffickingRules | null;
  responseTargets: ResponseTargets | null;
}
