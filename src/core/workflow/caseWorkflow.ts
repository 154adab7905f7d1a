/**
 * The case-management steps of the Inter-Agency Guidelines for Case Management
 * and Child Protection (CPWG, 2014), as a state machine that runs the same on
 * the device and the server. Transitions are data; each lists what it needs.
 */
export const CASE_STEPS = [
  'identification',
  'assessment',
  'case_planning',
  'implementation',
  'follow_up',
  'closure_requested',
  'closed',
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const CASE_TOPICS = ['child_labour', 'forced_labour', 'trafficking'] as const;
export type CaseTopic = (typeof CASE_TOPICS)[number];

/** What the transition rules look at; the caller computes it from the case record. */
export interface CaseFacts {
  step: CaseStep;
  topics: readonly CaseTopic[];
  riskLevel: RiskLevel | null;
  screenings: number;
  planGoals: number;
  interventions: number;
  followUps: number;
  closureRequestedBy: string | null;
}

export type CaseAction =
  | { type: 'start_assessment' }
  | { type: 'complete_assessment' }
  | { type: 'approve_plan' }
  | { type: 'start_follow_up' }
  | { type: 'resume_implementation' }
  | { type: 'request_closure'; reason: string }
  | { type: 'approve_closure' }
  | { type: 'reject_closure'; reason: string }
  | { type: 'reopen'; reason: string };

/** Who acts: closure needs a supervisor other than the one who asked for it. */
export interface CaseActor {
  userId: string;
  canApproveClosure: boolean;
}

interface Transition {
  from: readonly CaseStep[];
  to: CaseStep;
  needs: (facts: CaseFacts, action: CaseAction, actor: CaseActor) => string[];
}

const hasReason = (action: CaseAction): string[] =>
  'reason' in action && action.reason.trim().length > 0 ? [] : ['reason_required'];

const TRANSITIONS: Record<CaseAction['type'], Transition> = {
  start_assessment: {
    from: ['identification'],
    to: 'assessment',
    needs: (f) => [
      ...(f.topics.length ? [] : ['topic_required']),
      ...(f.riskLevel ? [] : ['risk_level_required']),
    ],
  },
  complete_assessment: {
    from: ['assessment'],
    to: 'case_planning',
    needs: (f) => (f.screenings > 0 ? [] : ['screening_required']),
  },
  approve_plan: {
    from: ['case_planning'],
    to: 'implementation',
    needs: (f) => (f.planGoals > 0 ? [] : ['plan_goal_required']),
  },
  start_follow_up: {
    from: ['implementation'],
    to: 'follow_up',
    needs: (f) => (f.interventions > 0 ? [] : ['intervention_required']),
  },
  resume_implementation: { from: ['follow_up'], to: 'implementation', needs: () => [] },
  request_closure: {
    from: ['follow_up'],
    to: 'closure_requested',
    needs: (f, a) => [...(f.followUps > 0 ? [] : ['follow_up_required']), ...hasReason(a)],
  },
  approve_closure: {
    from: ['closure_requested'],
    to: 'closed',
    needs: (f, _a, actor) => [
      ...(actor.canApproveClosure ? [] : ['supervisor_required']),
      ...(f.closureRequestedBy === actor.userId ? ['approver_must_differ'] : []),
    ],
  },
  reject_closure: {
    from: ['closure_requested'],
    to: 'follow_up',
    needs: (_f, a, actor) => [
      ...(actor.canApproveClosure ? [] : ['supervisor_required']),
      ...hasReason(a),
    ],
  },
  reopen: { from: ['closed'], to: 'assessment', needs: (_f, a) => hasReason(a) },
};

export type TransitionResult =
  | { ok: true; from: CaseStep; to: CaseStep }
  | { ok: false; problems: string[] };

/** Checks an action against the case and returns the next step, or every problem at once. */
export function transitionCase(
  facts: CaseFacts,
  action: CaseAction,
  actor: CaseActor,
): TransitionResult {
  const t = TRANSITIONS[action.type];
  if (!t.from.includes(facts.step)) return { ok: false, problems: ['not_allowed_from_step'] };
  const problems = t.needs(facts, action, actor);
  return problems.length ? { ok: false, problems } : { ok: true, from: facts.step, to: t.to };
}

/** Actions possible from a step (whether their needs are met or not), for the interface. */
export function actionsFrom(step: CaseStep): CaseAction['type'][] {
  return (Object.keys(TRANSITIONS) as CaseAction['type'][]).filter((type) =>
    TRANSITIONS[type].from.includes(step),
  );
}

/** Response-time targets by risk level, in hours, from the country pack (with their source). */
export interface ResponseTargets {
  hours: Record<RiskLevel, number>;
  source: string;
}

/**
 * The first-response task a new case at a risk level gets, due within the
 * pack's target from `identifiedAt` (ISO-8601).
 */
export function responseTask(
  risk: RiskLevel,
  identifiedAt: string,
  targets: ResponseTargets,
): { kind: 'first_response'; dueAt: string; hours: number } {
  const hours = targets.hours[risk];
  return {
    kind: 'first_response',
    hours,
    dueAt: new Date(Date.parse(identifiedAt) + hours * 3_600_000).toISOString(),
  };
}
