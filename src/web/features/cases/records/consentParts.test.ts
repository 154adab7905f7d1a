import { describe, expect, it } from 'vitest';
import { sharingConsentFor } from './consentParts.tsx';

const consent = (
  id: string,
  at: string,
  over: Partial<Parameters<typeof sharingConsentFor>[0][number]> = {},
) => ({
  id,
  purpose: 'sharing',
  agencyTypes: ['child_protection'],
  given: true,
  givenBy: 'person',
  recordedAt: at,
  withdrawnAt: null,
  ...over,
});

describe('sharingConsentFor', () => {
  it('takes the latest sharing record that names the agency type, as the server does', () => {
    const list = [
      consent('old', '2026-01-01T00:00:00Z'),
      consent('refused', '2026-02-01T00:00:00Z', { given: false }),
      consent('police', '2026-03-01T00:00:00Z', { agencyTypes: ['police'] }),
      consent('tracing', '2026-04-01T00:00:00Z', { purpose: 'tracing' }),
    ];
    expect(sharingConsentFor(list, 'child_protection')?.id).toBe('refused');
    expect(sharingConsentFor(list, 'police')?.id).toBe('police');
    expect(sharingConsentFor(list, 'ngo')).toBeUndefined();
  });

  it('leaves withdrawn records aside', () => {
    const list = [
      consent('given', '2026-01-01T00:00:00Z'),
      consent('withdrawn', '2026-02-01T00:00:00Z', { withdrawnAt: '2026-02-02T00:00:00Z' }),
    ];
    expect(sharingConsentFor(list, 'child_protection')?.id).toBe('given');
  });
});
