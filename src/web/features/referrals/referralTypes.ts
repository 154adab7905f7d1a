/** Shapes of the referral API's JSON (see src/server/routes/referrals/referrals.ts). */

export interface Named {
  id: string;
  name: string;
}

/** A referral in a list: no reason, no timeline, no shared case data. */
export interface ReferralSummary {
  id: string;
  /** A short number that names nobody, e.g. R-1A2B3C4D. */
  number: string;
  state: string;
  /** Which side the reader's agency is on. */
  side: 'receiver' | 'referrer';
  service: { id: string; name: string; type: string };
  fromAgency: Named;
  toAgency: Named;
  /** The referrer's case (null for the receiver). */
  caseId: string | null;
  shareLevel: string;
  sharedFields: string[];
  consent: 'recorded' | 'override';
  assignedTo: string | null;
  declineReason: string | null;
  infoRequest: string | null;
  outcome: string | null;
  outcomeNote: string | null;
  feedback: string | null;
  sentAt: string;
  acceptedAt: string | null;
  declinedAt: string | null;
  infoRequestedAt: string | null;
  serviceStartedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  acceptDueAt: string;
  serviceDueAt: string | null;
  overdue: boolean;
  version: number;
  /** What the reader's side may do now. */
  actions: string[];
}

export interface ReferralEvent {
  at: string;
  type: string;
  actorUsername: string | null;
  details: Record<string, unknown>;
}

/** One referral, as GET /referrals/:id gives it. */
export interface ReferralView extends ReferralSummary {
  reason: string;
  events: ReferralEvent[];
  /** The case as shared with the receiving agency: only the keys it may see (receiver only). */
  shared: SharedCase | null;
}

/** What the receiving agency sees of the case; a key is present only when it is shared. */
export interface SharedCase {
  person?: {
    givenName?: string;
    familyName?: string;
    birthDate?: string | null;
    age?: number | null;
    ageEstimated?: boolean;
    sex?: string;
  };
  reference?: string;
  topics?: string[];
  riskLevel?: string;
  areaCode?: string;
  step?: string;
  screenings?: { kind: string; summary: string; rulesVersion: string; createdAt: string }[];
  goals?: { id: string; description: string; dueDate: string | null; doneAt: string | null }[];
  interventions?: { id: string; type: string; startedOn: string; provider: string | null }[];
  followUps?: {
    id: string;
    visitedOn: string;
    stillWorking: boolean | null;
    inSchool: boolean | null;
    safe: boolean | null;
    withFamily: boolean | null;
  }[];
  consents?: {
    purpose: string;
    given: boolean;
    givenBy: string;
    agencyTypes: string[];
    recordedAt: string;
    withdrawnAt: string | null;
  }[];
}
