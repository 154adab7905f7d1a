import { describe, expect, it } from 'vitest';
import { HELMET_OPTIONS, securityHeaders } from './securityHeaders.ts';

describe('securityHeaders', () => {
  it('works out the whole policy once, as helmet would set it', () => {
    const headers = securityHeaders(HELMET_OPTIONS);
    expect(headers['content-security-policy']).toBe(
      "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;font-src 'self';connect-src 'self';worker-src 'self' blob:;manifest-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
    );
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cross-origin-embedder-policy']).toBeUndefined();
  });

  it('refuses a policy helmet refuses', () => {
    expect(() =>
      securityHeaders({ contentSecurityPolicy: { directives: { scriptSrc: ['self'] } } }),
    ).toThrow();
  });
});
