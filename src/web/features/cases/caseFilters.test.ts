import { describe, expect, it } from 'vitest';
import {
  caseFiltersFromSearch,
  caseFiltersSearch,
  caseQuery,
  noCaseFilters,
} from './caseFilters.ts';

describe('caseload filters', () => {
  it('reads the URL, falling back to the default scope', () => {
    const f = caseFiltersFromSearch(
      new URLSearchParams('q=Sita&area=NPL-D-X&overdue=true'),
      'mine',
    );
    expect(f).toEqual({
      scope: 'mine',
      q: 'Sita',
      step: '',
      risk: '',
      area: 'NPL-D-X',
      overdue: true,
    });
    expect(caseFiltersFromSearch(new URLSearchParams('scope=odd'), 'all').scope).toBe('all');
    expect(caseFiltersFromSearch(new URLSearchParams('scope=none'), 'mine').scope).toBe('none');
  });

  it('writes the URL back without the default scope, so both round-trip', () => {
    const f = { ...noCaseFilters('none'), risk: 'low' };
    expect(caseFiltersSearch(f, 'mine')).toMatchObject({ scope: 'none', risk: 'low' });
    expect(caseFiltersSearch(noCaseFilters('mine'), 'mine').scope).toBe('');
    const search = new URLSearchParams(
      Object.entries(caseFiltersSearch(f, 'mine')).filter(([, v]) => v !== ''),
    );
    expect(caseFiltersFromSearch(search, 'mine')).toEqual(f);
  });

  it('asks the API for my cases, unassigned ones, or all', () => {
    expect(caseQuery(noCaseFilters('mine')).assigned).toBe('me');
    expect(caseQuery(noCaseFilters('none')).assigned).toBe('none');
    expect(caseQuery(noCaseFilters('all')).assigned).toBe('');
    expect(caseQuery({ ...noCaseFilters('all'), area: 'NPL-D-X' }).area).toBe('NPL-D-X');
  });
});
