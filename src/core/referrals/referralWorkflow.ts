/**
 * A referral's life, the same on the device and the server: the referrer sends
 * it to an agency's service queue; the receiving agency accepts (and assigns a
 * worker), declines with a reason, or asks for more information; the service
 * starts and completes with an outcome and feedback to the referrer. The
 * referrer may cancel while it is open, and refer again elsewhere.
 */
export const REFERRAL_STATES = [
  'sent',
  'info_requested',
  'accepted',
  'declined',
  'in_service',
  'completed',
  'cancelled',
] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

/** Open: still waiting for someone to act. */
export const OPEN_REFERRAL_STATES: readonly ReferralState[] = [
  'sent',
  'info_requested',
  'accepted',
  'in_service',
];

export const REFERRAL_OUTCOMES = [
  'service_provided',
  'partially_provided',
  'person_declined',
  'person_unreachable',
  'not_eligible',
  'other',
] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

export type ReferralAction =
  | { type: 'accept' }
  | { type: 'decline'; reason: string }
  | { type: 'request_info'; question: string }
  | { type: 'provide_info'; answer: string }
  | { type: 'start_service' }
  | { type: 'complete'; outcome: ReferralOutcome; feedback: string }
  | { type: 'cancel'; reason: string };
export type ReferralActionType = ReferralAction['type'];

/** Which side may take an action: the receiving agency or the referrer. */
export type ReferralSide = 'receiver' | 'referrer';

interface Transition {
  from: readonly ReferralState[];
  to: ReferralState;
  side: ReferralSide;
  /** The text the action must carry, if any. */
  text?: 'reason' | 'question' | 'answer' | 'feedback';
}

const TRANSITIONS: Record<ReferralActionType, Transition> = {
  accept: { from: ['sent', 'info_requested'], to: 'accepted', side: 'receiver' },
  decline: { from: ['sent', 'info_requested'], to: 'declined', side: 'receiver', text: 'reason' },
  request_info: { from: ['sent'], to: 'info_requested', side: 'receiver', text: 'question' },
  provide_info: { from: ['info_requested'], to: 'sent', side: 'referrer', text: 'answer' },
  start_service: { from: ['accepted'], to: 'in_service', side: 'receiver' },
  complete: { from: ['in_service'], to: 'completed', side: 'receiver', text: 'feedback' },
  cancel: {
    from: ['sent', 'info_requested', 'accepted'],
    to: 'cancelled',
    side: 'referrer',
    text: 'reason',
  },
};

export type ReferralMove =
  | { ok: true; from: ReferralState; to: ReferralState }
  | { ok: false; problems: string[] };

/**
 * Checks an action against the referral's state and the actor's side; returns
 * the next state, or every problem (codes under `workflow.problems` in the catalogues).
 */
export function transitionReferral(
  state: ReferralState,
  action: ReferralAction,
  side: ReferralSide,
): ReferralMove {
  const t = TRANSITIONS[action.type];
  const problems: string[] = [];
  if (t.side !== side) problems.push(side === 'receiver' ? 'referrer_only' : 'receiver_only');
  if (!t.from.includes(state)) problems.push('not_from_this_state');
  if (t.text) {
    const value = (action as unknown as Record<string, unknown>)[t.text];
    if (typeof value !== 'string' || value.trim() === '') problems.push(`${t.text}_required`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, from: state, to: t.to };
}

/** The actions a side may take from a state (for buttons on the page). */
export function referralActionsFrom(
  state: ReferralState,
  side: ReferralSide,
): ReferralActionType[] {
  return (Object.keys(TRANSITIONS) as ReferralActionType[]).filter((type) => {
    const t = TRANSITIONS[type];
    return t.side === side && t.from.includes(state);
  });
}

/** The timestamp column each state's arrival sets. */
export const REFERRAL_STATE_TIMES: Partial<Record<ReferralState, string>> = {
  accepted: 'accepted_at',
  declined: 'declined_at',
  info_requested: 'info_requested_at',
  in_service: 'service_started_at',
  completed: 'completed_at',
  cancelled: 'cancelled_at',
};
