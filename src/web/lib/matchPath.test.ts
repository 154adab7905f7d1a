import { describe, expect, it } from 'vitest';
import { matchPath } from './matchPath.ts';

describe('matchPath', () => {
  it('matches fixed segments and captures parameters', () => {
    expect(matchPath('/admin/users', '/admin/users')).toEqual({});
    expect(matchPath('/admin/users/:id', '/admin/users/a%2Fb')).toEqual({ id: 'a/b' });
    expect(matchPath('/areas/:code', '/areas/NPL-P3/')).toEqual({ code: 'NPL-P3' });
  });

  it('refuses other lengths and other words', () => {
    expect(matchPath('/admin/users/:id', '/admin/users')).toBeNull();
    expect(matchPath('/admin/roles', '/admin/users')).toBeNull();
    expect(matchPath('/', '/account')).toBeNull();
  });
});
