import { describe, expect, it } from 'vitest';
import { auditParams, dayAfter, NO_FILTERS } from './auditFilters.ts';

describe('audit filters', () => {
  it('makes the "to" date inclusive by asking up to the next day', () => {
    expect(dayAfter('2026-02-28')).toBe('2026-03-01');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(auditParams({ ...NO_FILTERS, to: '2026-11-26' }).to).toBe('2026-11-27');
  });

  it('trims typed values and leaves unset ones empty', () => {
    const params = auditParams({ ...NO_FILTERS, actor: ' admin ', action: 'auth.login ' });
    expect(params).toEqual({
      actor: 'admin',
      action: 'auth.login',
      entityId: '',
      outcome: '',
      from: '',
      to: '',
    });
  });
});
