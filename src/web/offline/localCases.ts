// What the device shows while offline: the pulled records with the changes still in the outbox
// laid over them. Pure functions (no IndexedDB, no React), so the overlay is unit-tested.

import {
  type CaseTopic,
  type NoteRecord,
  personAge,
  type RiskLevel,
  runScreening,
  type ScreeningRequest,
  type ScreeningRuleSets,
} from '../../core/index.ts';
import type { CaseDetail, ScreeningView } from '../features/cases/caseTypes.ts';
import type { Consent, ConsentInput } from '../features/cases/records/consentParts.tsx';
import type { Mutation } from './syncClient.ts';

/** A pulled case record: the case page plus each editable field's version and its consents. */
export type CaseRecord = CaseDetail & {
  fieldVersions?: Record<string, number>;
  consents?: Consent[];
};

/** A consent as the device shows it: `pending` says what is still to be sent. */
export type LocalConsent = Consent & { pending: 'recorded' | 'withdrawn' | null };

/** A referral queued on the device: what was asked, not yet what the service answered. */
export interface PendingReferral {
  mutationId: string;
  serviceId: string;
  serviceName: string;
  reason: string;
}

export interface LocalCase {
  detail: CaseRecord;
  /** Opened on this device and not yet on the server. */
  localOnly: boolean;
  /** Mutations for this case still in the outbox. */
  pending: Mutation[];
  notes: (NoteRecord & { pending: boolean })[];
  referrals: PendingReferral[];
  /** Pulled consents with those recorded or withdrawn on the device laid over them. */
  consents: LocalConsent[];
}

export interface CaseOpenPayload {
  id: string;
  person: {
    id: string;
    givenName: string;
    familyName?: string;
    sex: string;
    birthDate?: string;
    estimatedAge?: number;
  };
  topics: CaseTopic[];
  riskLevel: RiskLevel;
  areaCode: string;
  answers?: Record<string, unknown>;
}

export interface OverlayInput {
  cases: readonly CaseRecord[];
  notes: readonly NoteRecord[];
  outbox: readonly { mutation: Mutation; createdAt: number }[];
  rules: ScreeningRuleSets | null;
  /** Today (device date), only for ages shown and screenings previewed. */
  today: string;
  /** Service names by id, for queued referrals. */
  serviceNames?: ReadonlyMap<string, string>;
}

/** The device's cases, newest identification first, each with its pending changes applied. */
export function localCases(input: OverlayInput): LocalCase[] {
  const byId = new Map<string, LocalCase>();
  for (const c of input.cases) {
    byId.set(c.id, {
      detail: structuredClone(c),
      localOnly: false,
      pending: [],
      notes: [],
      referrals: [],
      consents: (c.consents ?? []).map((x) => ({ ...x, pending: null })),
    });
  }
  for (const n of input.notes) {
    const target = byId.get(n.caseId);
    if (!target) continue;
    target.notes.push({ ...n, pending: false });
    addNoteEvent(target.detail, n);
  }
  for (const { mutation, createdAt } of input.outbox) {
    const at = new Date(createdAt).toISOString();
    if (mutation.kind === 'case.open') {
      const payload = mutation.payload as CaseOpenPayload;
      if (!byId.has(payload.id))
        byId.set(payload.id, {
          detail: openedCase(payload, at, input.today),
          localOnly: true,
          pending: [mutation],
          notes: [],
          referrals: [],
          consents: [],
        });
      continue;
    }
    const target = mutation.caseId ? byId.get(mutation.caseId) : undefined;
    if (!target) continue;
    target.pending.push(mutation);
    applyPending(target, mutation, at, input);
  }
  return [...byId.values()].sort((a, b) =>
    b.detail.identifiedAt.localeCompare(a.detail.identifiedAt),
  );
}

/**
 * A pulled note's timeline event, unless the pulled case already shows it (same time): the
 * server does not send the case again for a note (docs/sync.md), only the note.
 */
function addNoteEvent(d: CaseRecord, n: NoteRecord): void {
  if (d.events.some((e) => e.type === 'note' && e.at === n.createdAt)) return;
  const at = d.events.findIndex((e) => e.at > n.createdAt);
  const event = {
    at: n.createdAt,
    type: 'note',
    actorUsername: n.authorUsername,
    details: { sensitive: n.sensitive },
  };
  if (at < 0) d.events.push(event);
  else d.events.splice(at, 0, event);
}

function openedCase(payload: CaseOpenPayload, at: string, today: string): CaseRecord {
  const p = payload.person;
  const age = personAge(
    { birthDate: p.birthDate ?? null, estimatedAge: p.estimatedAge ?? null, ageRecordedOn: today },
    today,
  );
  return {
    id: payload.id,
    reference: '',
    step: 'identification',
    riskLevel: payload.riskLevel,
    topics: [...payload.topics],
    areaCode: payload.areaCode,
    identifiedAt: at,
    closedAt: null,
    version: 0,
    assignedTo: null,
    person: {
      id: p.id,
      givenName: p.givenName,
      familyName: p.familyName ?? '',
      sex: p.sex,
      birthDate: p.birthDate ?? null,
      age: age?.years ?? null,
      ageEstimated: age?.estimated ?? false,
    },
    screenings: [],
    tasks: [],
    events: [],
    actions: [],
  };
}

function applyPending(target: LocalCase, m: Mutation, at: string, input: OverlayInput): void {
  const d = target.detail;
  switch (m.kind) {
    case 'case.fields': {
      const { fields } = m.payload as { fields: Record<string, { value: unknown }> };
      for (const [field, { value }] of Object.entries(fields))
        setField(d, field, value, input.today);
      return;
    }
    case 'case.note': {
      const { text, sensitive } = m.payload as { text: string; sensitive: boolean };
      target.notes.push({
        id: m.mutationId,
        caseId: d.id,
        text,
        sensitive,
        createdAt: at,
        authorUsername: null,
        pending: true,
      });
      return;
    }
    case 'case.screening': {
      const request = m.payload as ScreeningRequest;
      d.screenings.push(pendingScreening(m.mutationId, request, d, at, input.rules));
      return;
    }
    case 'case.consent': {
      const p = m.payload as ConsentInput & { id?: string };
      target.consents.push({
        id: p.id ?? m.mutationId,
        purpose: p.purpose,
        agencyTypes: p.agencyTypes ?? [],
        given: p.given,
        givenBy: p.givenBy,
        recordedAt: at,
        withdrawnAt: null,
        pending: 'recorded',
      });
      return;
    }
    case 'case.consentWithdraw': {
      const { consentId } = m.payload as { consentId: string };
      const consent = target.consents.find((c) => c.id === consentId);
      if (consent && !consent.withdrawnAt) {
        consent.withdrawnAt = at;
        consent.pending = 'withdrawn';
      }
      return;
    }
    case 'referral.create': {
      const { serviceId, reason } = m.payload as { serviceId: string; reason: string };
      target.referrals.push({
        mutationId: m.mutationId,
        serviceId,
        serviceName: input.serviceNames?.get(serviceId) ?? serviceId,
        reason,
      });
      return;
    }
  }
}

function setField(d: CaseRecord, field: string, value: unknown, today: string): void {
  const p = d.person;
  if (field === 'case.riskLevel') d.riskLevel = String(value);
  else if (field === 'person.givenName') p.givenName = String(value);
  else if (field === 'person.familyName') p.familyName = String(value ?? '');
  else if (field === 'person.sex') p.sex = String(value);
  else if (field === 'person.birthDate') {
    p.birthDate = typeof value === 'string' ? value : null;
    const age = personAge(
      { birthDate: p.birthDate, estimatedAge: null, ageRecordedOn: today },
      today,
    );
    if (age) ({ years: p.age, estimated: p.ageEstimated } = age);
  } else if (field === 'person.estimatedAge' && typeof value === 'number') {
    p.age = value;
    p.ageEstimated = true;
  }
}

/** A screening queued offline, with the result the same core rules give on the device. */
function pendingScreening(
  id: string,
  request: ScreeningRequest,
  d: CaseRecord,
  at: string,
  rules: ScreeningRuleSets | null,
): ScreeningView {
  const age =
    d.person.age === null ? null : { years: d.person.age, estimated: d.person.ageEstimated };
  try {
    const out = runScreening(request, rules ?? {}, age);
    return {
      id,
      kind: request.kind,
      summary: out.summary,
      rulesId: out.rulesId,
      rulesVersion: out.rulesVersion,
      result: out.result,
      createdAt: at,
    };
  } catch {
    return {
      id,
      kind: request.kind,
      summary: '',
      rulesId: '',
      rulesVersion: '',
      result: null,
      createdAt: at,
    };
  }
}

/** The value a field has in a case record (for the base version of an offline edit). */
export function fieldValue(d: CaseRecord, field: string): unknown {
  switch (field) {
    case 'case.riskLevel':
      return d.riskLevel;
    case 'person.givenName':
      return d.person.givenName;
    case 'person.familyName':
      return d.person.familyName;
    case 'person.sex':
      return d.person.sex;
    case 'person.birthDate':
      return d.person.birthDate;
    default:
      return undefined;
  }
}
