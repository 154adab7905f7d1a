/** A consent record as GET /cases/:id/consents lists it (the fields the referral check needs). */
export interface ConsentRecord {
  id: string;
  purpose: string;
  agencyTypes: string[];
  given: boolean;
  recordedAt: string;
  withdrawnAt: string | null;
}

/**
 * The sharing consent in force for a kind of agency, as the server decides it:
 * among the sharing records not withdrawn, the latest one that names the agency
 * type; it counts only when consent was given. Undefined when there is none.
 */
export function sharingConsentFor(
  consents: readonly ConsentRecord[],
  agencyType: string,
): ConsentRecord | undefined {
  const latest = consents
    .filter((c) => c.purpose === 'sharing' && c.withdrawnAt === null)
    .filter((c) => c.agencyTypes.includes(agencyType))
    .sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0))[0];
  return latest?.given ? latest : undefined;
}

/** Justifications for sharing without consent must say this much (the server's rule). */
export const MIN_OVERRIDE_LENGTH = 20;

/**
 * A fresh idempotency key for one open referral form: a double click or a retry
 * after a network error sends the same key, so only one referral is created.
 * 32 hex characters, within the API's pattern ^[A-Za-z0-9_-]{8,100}$.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function')
    return crypto.randomUUID().replaceAll('-', '');
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The search for services that may take this person: the case's area, the person's age and sex. */
export function eligibilityQuery(detail: {
  areaCode: string;
  person: { age: number | null; sex: string };
}): Record<string, string> {
  const out: Record<string, string> = { area: detail.areaCode };
  if (detail.person.age !== null) out.age = String(detail.person.age);
  // The directory knows female, male and other; "unknown" must not narrow the search.
  if (['female', 'male', 'other'].includes(detail.person.sex)) out.sex = detail.person.sex;
  return out;
}
