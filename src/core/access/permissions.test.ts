import { describe, expect, it } from 'vitest';
import {
  canReadUser,
  hasPermission,
  isPermission,
  narrowScopes,
  type Permission,
  type Principal,
} from './permissions.ts';

const principal = (permissions: Permission[], agencyId = 'a1'): Principal => ({
  userId: 'u1',
  agencyId,
  permissions: new Set(permissions),
  areaCodes: [],
});

describe('permissions', () => {
  it('denies by default and grants only what a role lists', () => {
    expect(hasPermission(principal([]), 'user:read:all')).toBe(false);
    expect(hasPermission(principal(['user:read:all']), 'user:read:all')).toBe(true);
    expect(hasPermission(principal(['user:read:agency']), 'user:read:all')).toBe(false);
  });

  it('recognises only catalogue entries', () => {
    expect(isPermission('audit:read:all')).toBe(true);
    expect(isPermission('audit:read')).toBe(false);
    expect(isPermission('')).toBe(false);
  });

  it('lets a user read themselves, their agency with agency scope, anyone with all scope', () => {
    const self = { id: 'u1', agencyId: 'a9' };
    const colleague = { id: 'u2', agencyId: 'a1' };
    const stranger = { id: 'u3', agencyId: 'a2' };
    expect(canReadUser(principal([]), self)).toBe(true);
    expect(canReadUser(principal([]), colleague)).toBe(false);
    expect(canReadUser(principal(['user:read:agency']), colleague)).toBe(true);
    expect(canReadUser(principal(['user:read:agency']), stranger)).toBe(false);
    expect(canReadUser(principal(['user:read:all']), stranger)).toBe(true);
  });

  it('never gives a token more than its owner holds', () => {
    expect(
      narrowScopes(principal(['user:read:all']), ['user:read:all', 'audit:read:all', 'nonsense']),
    ).toEqual(['user:read:all']);
  });
});
