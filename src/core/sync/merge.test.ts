import { describe, expect, it } from 'vitest';
import { bumpedVersions, fieldVersion, mergeFields } from './merge.ts';

const state = {
  values: { 'person.givenName': 'Sita', 'case.riskLevel': 'high', 'person.birthDate': null },
  versions: { 'person.givenName': 2 },
};

describe('mergeFields', () => {
  it('applies an edit based on the current field version and bumps it', () => {
    const m = mergeFields(
      state,
      { 'person.givenName': { value: 'Sita K.', baseVersion: 2 } },
      false,
    );
    expect(m.applied).toEqual([{ field: 'person.givenName', value: 'Sita K.', version: 3 }]);
    expect(m.conflicts).toEqual([]);
  });

  it('treats a never-edited field as version 0', () => {
    expect(fieldVersion(state.versions, 'case.riskLevel')).toBe(0);
    const m = mergeFields(state, { 'case.riskLevel': { value: 'low', baseVersion: 0 } }, false);
    expect(m.applied).toEqual([{ field: 'case.riskLevel', value: 'low', version: 1 }]);
  });

  it('does nothing when the value is already the same, whatever the base', () => {
    const m = mergeFields(state, { 'person.givenName': { value: 'Sita', baseVersion: 0 } }, false);
    expect(m).toEqual({ applied: [], unchanged: ['person.givenName'], conflicts: [] });
  });

  it('keeps both values as a conflict when the field moved on since the base', () => {
    const m = mergeFields(state, { 'person.givenName': { value: 'Gita', baseVersion: 1 } }, true);
    expect(m.applied).toEqual([]);
    expect(m.conflicts).toEqual([
      {
        field: 'person.givenName',
        baseVersion: 1,
        serverVersion: 2,
        serverValue: 'Sita',
        deviceValue: 'Gita',
      },
    ]);
  });

  it('uses the record version when a field base version is missing', () => {
    const edit = { 'case.riskLevel': { value: 'medium' } };
    expect(mergeFields(state, edit, true).applied).toHaveLength(1);
    expect(mergeFields(state, edit, false).conflicts[0]?.baseVersion).toBeNull();
  });

  it('merges different fields independently', () => {
    const m = mergeFields(
      state,
      {
        'person.givenName': { value: 'Gita', baseVersion: 1 },
        'person.birthDate': { value: '2012-01-01', baseVersion: 0 },
      },
      false,
    );
    expect(m.applied.map((a) => a.field)).toEqual(['person.birthDate']);
    expect(m.conflicts.map((c) => c.field)).toEqual(['person.givenName']);
    expect(bumpedVersions(state.versions, m.applied)).toEqual({
      'person.givenName': 2,
      'person.birthDate': 1,
    });
  });
});
