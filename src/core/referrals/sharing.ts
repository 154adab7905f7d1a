/**
 * What a referral shares: the referrer picks a level or a list of fields, and
 * the receiving agency sees only those, in every response (minimal disclosure).
 */
export const SHAREABLE_FIELDS = [
  'person.name',
  'person.birthDate',
  'person.age',
  'person.sex',
  'case.reference',
  'case.topics',
  'case.riskLevel',
  'case.area',
  'case.step',
  'screenings',
  'plan',
  'followUps',
  'consents',
] as const;
export type ShareableField = (typeof SHAREABLE_FIELDS)[number];

export const SHARE_LEVELS = ['minimal', 'summary', 'full', 'fields'] as const;
export type ShareLevel = (typeof SHARE_LEVELS)[number];

/**
 * The fields of each level. Minimal lets a service judge eligibility without
 * knowing who the person is; summary adds the name and the screening results;
 * full adds the birth date, the plan, follow-ups and consent.
 */
export const SHARE_LEVEL_FIELDS: Record<
  Exclude<ShareLevel, 'fields'>,
  readonly ShareableField[]
> = {
  minimal: [
    'person.age',
    'person.sex',
    'case.reference',
    'case.topics',
    'case.riskLevel',
    'case.area',
  ],
  summary: [
    'person.name',
    'person.age',
    'person.sex',
    'case.reference',
    'case.topics',
    'case.riskLevel',
    'case.area',
    'case.step',
    'screenings',
  ],
  full: SHAREABLE_FIELDS,
};

/** The fields a referral shares, from its level (or its own list for `fields`), without repeats. */
export function sharedFields(level: ShareLevel, fields: readonly string[] = []): ShareableField[] {
  const chosen =
    level === 'fields'
      ? fields.filter((f): f is ShareableField =>
          (SHAREABLE_FIELDS as readonly string[]).includes(f),
        )
      : SHARE_LEVEL_FIELDS[level];
  return SHAREABLE_FIELDS.filter((f) => chosen.includes(f));
}
