import type {
  ChildLabourRules,
  ForcedLabourRules,
  ResponseTargets,
  TraffickingRules,
} from '../../../core/index.ts';
import type { MatchReason } from '../duplicates/linkageTypes.ts';
import type { CaseFormAnswers } from './forms/countryFormTypes.ts';

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
  /** Username of the worker responsible for the case; null when unassigned. */
  assignedTo: string | null;
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
  /** Match probability under the linkage model, its weight (bits) and the reasons. */
  score: number;
  weight: number;
  reasons: MatchReason[];
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
  assignedTo: Assignee | null;
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
  /** Answers to the pack's intake and assessment questions. */
  forms?: CaseFormAnswers[];
}

/** GET /screening-rules: the pack's rules, so the device can preview a screening. */
export interface ScreeningRules {
  childLabour: ChildLabourRules | null;
  forcedLabour: ForcedLabourRules | null;
  trafficking: TraffickingRules | null;
  responseTargets: ResponseTargets | null;
}

/** A worker of the agency a case can be assigned to (GET /case-assignees). */
export interface Assignee {
  id: string;
  username: string;
  displayName: string;
}

/** An open task across the caseload (GET /tasks). */
export interface TaskSummary {
  id: string;
  kind: string;
  dueAt: string;
  overdue: boolean;
  caseId: string;
  caseReference: string;
  personName: string;
  riskLevel: string;
  assignedTo: string | null;
}

/** A file on a case; `fileName` is null when it is sensitive and not for this reader. */
export interface Attachment {
  id: string;
  fileName: string | null;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  sensitive: boolean;
  uploadedBy: string | null;
  createdAt: string;
  canOpen: boolean;
}
