import { describe, expect, it } from 'vitest';
import { TEST_CHILD_LABOUR_RULES } from '../../core/screening/testRules.ts';
import { type CaseRecord, fieldValue, localCases } from './localCases.ts';
import type { Mutation } from './syncClient.ts';

const PULLED: CaseRecord = {
  id: 'c1',
  reference: 'NPL-2026-0001',
  step: 'assessment',
  riskLevel: 'medium',
  topics: ['child_labour'],
  areaCode: 'NPL-D-BHAKTAPUR',
  identifiedAt: '2026-11-01T08:00:00.000Z',
  closedAt: null,
  version: 3,
  assignedTo: null,
  person: {
    id: 'p1',
    givenName: 'Sita',
    familyName: 'Tamang',
    sex: 'female',
    birthDate: null,
    age: 13,
    ageEstimated: true,
  },
  screenings: [],
  tasks: [],
  events: [],
  actions: [],
  fieldVersions: { 'case.riskLevel': 2 },
};

const at = (n: number) => Date.parse('2026-11-20T10:00:00.000Z') + n * 60_000;
const queued = (mutation: Mutation, n: number) => ({ mutation, createdAt: at(n) });

describe('localCases', () => {
  it('lays the outbox over the pulled cases, in queue order', () => {
    const cases = localCases({
      cases: [PULLED],
      notes: [
        {
          id: 'n1',
          caseId: 'c1',
          text: 'Met the family.',
          sensitive: false,
          createdAt: '2026-11-02T08:00:00.000Z',
          authorUsername: 'inspector',
        },
      ],
      outbox: [
        queued(
          {
            mutationId: 'm1',
            kind: 'case.fields',
            caseId: 'c1',
            payload: {
              version: 3,
              fields: { 'case.riskLevel': { value: 'high', baseVersion: 2 } },
            },
          },
          1,
        ),
        queued(
          {
            mutationId: 'm2',
            kind: 'case.note',
            caseId: 'c1',
            payload: { text: 'Back at the kiln.', sensitive: true },
          },
          2,
        ),
        queued(
          {
            mutationId: 'm3',
            kind: 'referral.create',
            caseId: 'c1',
            payload: { serviceId: 's1', reason: 'Shelter tonight.' },
          },
          3,
        ),
      ],
      rules: null,
      today: '2026-11-20',
      serviceNames: new Map([['s1', 'Safe house Bhaktapur']]),
    });
    expect(cases).toHaveLength(1);
    const [c] = cases;
    expect(c?.detail.riskLevel).toBe('high');
    expect(c?.pending.map((m) => m.mutationId)).toEqual(['m1', 'm2', 'm3']);
    expect(c?.notes.map((n) => [n.text, n.pending])).toEqual([
      ['Met the family.', false],
      ['Back at the kiln.', true],
    ]);
    expect(c?.referrals).toEqual([
      {
        mutationId: 'm3',
        serviceId: 's1',
        serviceName: 'Safe house Bhaktapur',
        reason: 'Shelter tonight.',
      },
    ]);
    // The pulled record itself is left as it was (the overlay works on a copy).
    expect(PULLED.riskLevel).toBe('medium');
  });

  it('shows a case opened offline, with its screening previewed by the core rules', () => {
    const cases = localCases({
      cases: [PULLED],
      notes: [],
      outbox: [
        queued(
          {
            mutationId: 'm1',
            kind: 'case.open',
            payload: {
              id: 'c2',
              person: { id: 'p2', givenName: 'Maya', sex: 'female', estimatedAge: 12 },
              topics: ['child_labour'],
              riskLevel: 'high',
              areaCode: 'NPL-D-BHAKTAPUR',
            },
          },
          1,
        ),
        queued(
          {
            mutationId: 'm2',
            kind: 'case.screening',
            caseId: 'c2',
            payload: {
              kind: 'child_labour',
              inputs: {
                economicActivityHours: 30,
                householdChoresHours: 0,
                conditions: [],
                worstForms: [],
              },
            },
          },
          2,
        ),
      ],
      rules: { childLabour: TEST_CHILD_LABOUR_RULES },
      today: '2026-11-20',
    });
    expect(cases.map((c) => c.detail.id)).toEqual(['c2', 'c1']);
    const opened = cases[0];
    expect(opened?.localOnly).toBe(true);
    expect(opened?.detail.person).toMatchObject({ givenName: 'Maya', age: 12, ageEstimated: true });
    expect(opened?.detail.screenings).toHaveLength(1);
    expect(opened?.detail.screenings[0]?.rulesId).toBe(TEST_CHILD_LABOUR_RULES.id);
    expect(opened?.detail.screenings[0]?.summary).not.toBe('');
  });

  it('lays consents recorded and withdrawn on the device over the pulled ones', () => {
    const pulledConsent = {
      id: 'k1',
      purpose: 'tracing',
      agencyTypes: [],
      given: true,
      givenBy: 'person',
      recordedAt: '2026-11-02T08:00:00.000Z',
      withdrawnAt: null,
    };
    const [local] = localCases({
      cases: [{ ...PULLED, consents: [pulledConsent] }],
      notes: [],
      outbox: [
        queued(
          {
            mutationId: 'm1',
            kind: 'case.consent',
            caseId: 'c1',
            payload: {
              id: 'k2',
              purpose: 'sharing',
              given: true,
              givenBy: 'parent_or_guardian',
              agencyTypes: ['child_protection'],
            },
          },
          1,
        ),
        queued(
          {
            mutationId: 'm2',
            kind: 'case.consentWithdraw',
            caseId: 'c1',
            payload: { consentId: 'k1' },
          },
          2,
        ),
        // Withdrawing what the device does not hold changes nothing.
        queued(
          {
            mutationId: 'm3',
            kind: 'case.consentWithdraw',
            caseId: 'c1',
            payload: { consentId: 'zz' },
          },
          3,
        ),
      ],
      rules: null,
      today: '2026-11-20',
    });
    expect(local?.consents).toEqual([
      { ...pulledConsent, withdrawnAt: new Date(at(2)).toISOString(), pending: 'withdrawn' },
      {
        id: 'k2',
        purpose: 'sharing',
        agencyTypes: ['child_protection'],
        given: true,
        givenBy: 'parent_or_guardian',
        recordedAt: new Date(at(1)).toISOString(),
        withdrawnAt: null,
        pending: 'recorded',
      },
    ]);
  });

  it('ignores changes to cases the device does not hold', () => {
    const cases = localCases({
      cases: [],
      notes: [],
      outbox: [
        queued(
          {
            mutationId: 'm1',
            kind: 'case.note',
            caseId: 'gone',
            payload: { text: 'x', sensitive: false },
          },
          1,
        ),
      ],
      rules: null,
      today: '2026-11-20',
    });
    expect(cases).toEqual([]);
  });

  it("puts a pulled note's event on the timeline in time order, once", () => {
    const note = (id: string, createdAt: string) => ({
      id,
      caseId: 'c1',
      text: 'Visited.',
      sensitive: false,
      createdAt,
      authorUsername: 'inspector',
    });
    const [c] = localCases({
      cases: [
        {
          ...PULLED,
          events: [
            { at: '2026-11-01T08:00:00.000Z', type: 'opened', actorUsername: 'a', details: {} },
            // The case was pulled after n1: its timeline shows n1 already.
            { at: '2026-11-02T08:00:00.000Z', type: 'note', actorUsername: 'a', details: {} },
            { at: '2026-11-04T08:00:00.000Z', type: 'screening', actorUsername: 'a', details: {} },
          ],
        },
      ],
      notes: [
        note('n1', '2026-11-02T08:00:00.000Z'),
        note('n2', '2026-11-03T08:00:00.000Z'),
        note('n3', '2026-11-05T08:00:00.000Z'),
      ],
      outbox: [],
      rules: null,
      today: '2026-11-20',
    });
    expect(c?.detail.events.map((e) => [e.type, e.at.slice(0, 10), e.actorUsername])).toEqual([
      ['opened', '2026-11-01', 'a'],
      ['note', '2026-11-02', 'a'],
      ['note', '2026-11-03', 'inspector'],
      ['screening', '2026-11-04', 'a'],
      ['note', '2026-11-05', 'inspector'],
    ]);
    expect(PULLED.events).toEqual([]);
  });

  it('reads the editable fields for the base of an offline edit', () => {
    expect(fieldValue(PULLED, 'case.riskLevel')).toBe('medium');
    expect(fieldValue(PULLED, 'person.givenName')).toBe('Sita');
    expect(fieldValue(PULLED, 'unknown')).toBeUndefined();
  });
});
