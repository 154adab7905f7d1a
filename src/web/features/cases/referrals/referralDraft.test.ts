import { describe, expect, it } from 'vitest';
import {
  type ConsentRecord,
  eligibilityQuery,
  newIdempotencyKey,
  sharingConsentFor,
} from './referralDraft.ts';

const consent = (over: Partial<ConsentRecord>): ConsentRecord => ({
  id: 'c1',
  purpose: 'sharing',
  agencyTypes: ['ngo'],
  given: true,
  recordedAt: '2025-01-01T00:00:00.000Z',
  withdrawnAt: null,
  ...over,
});

describe('sharingConsentFor', () => {
  it('finds consent given for the agency type, ignoring other purposes and types', () => {
    expect(sharingConsentFor([consent({})], 'ngo')?.id).toBe('c1');
    expect(sharingConsentFor([consent({ purpose: 'services' })], 'ngo')).toBeUndefined();
    expect(sharingConsentFor([consent({ agencyTypes: ['police'] })], 'ngo')).toBeUndefined();
  });

  it('lets the latest record decide, and a withdrawal or a refusal count as none', () => {
    const given = consent({ id: 'old' });
    const refused = consent({ id: 'new', given: false, recordedAt: '2025-02-01T00:00:00.000Z' });
    expect(sharingConsentFor([given, refused], 'ngo')).toBeUndefined();
    expect(
      sharingConsentFor(
        [refused, consent({ id: 'later', recordedAt: '2025-03-01T00:00:00.000Z' })],
        'ngo',
      )?.id,
    ).toBe('later');
    expect(
      sharingConsentFor([consent({ withdrawnAt: '2025-01-02T00:00:00.000Z' })], 'ngo'),
    ).toBeUndefined();
  });
});

describe('newIdempotencyKey', () => {
  it('fits the API pattern and differs each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});

describe('eligibilityQuery', () => {
  it('asks for the case area, the age and the sex when known', () => {
    expect(
      eligibilityQuery({ areaCode: 'NPL-D-BANKE', person: { age: 14, sex: 'female' } }),
    ).toEqual({
      area: 'NPL-D-BANKE',
      age: '14',
      sex: 'female',
    });
    expect(eligibilityQuery({ areaCode: 'NPL', person: { age: null, sex: 'unknown' } })).toEqual({
      area: 'NPL',
    });
  });
});
