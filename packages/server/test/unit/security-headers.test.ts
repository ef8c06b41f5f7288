import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../src/http/security-headers.js';

describe('securityHeaders', () => {
  it('computes helmet’s headers once, the policy as configured', () => {
    const directives = { defaultSrc: ["'self'"], scriptSrc: ["'self'"] };
    const plain = securityHeaders({
      contentSecurityPolicy: { directives: { ...directives, upgradeInsecureRequests: null } },
    });
    expect(plain['X-Content-Type-Options']).toBe('nosniff');
    expect(plain['X-Frame-Options']).toBe('SAMEORIGIN');
    expect(plain['Strict-Transport-Security']).toMatch(/max-age=\d+/);
    expect(plain['Content-Security-Policy']).toContain("script-src 'self'");
    expect(plain['Content-Security-Policy']).not.toContain('upgrade-insecure-requests');
    // helmet removes X-Powered-By rather than setting it.
    expect(plain).not.toHaveProperty('X-Powered-By');
    const secure = securityHeaders({
      contentSecurityPolicy: { directives: { ...directives, upgradeInsecureRequests: [] } },
    });
    expect(secure['Content-Security-Policy']).toContain('upgrade-insecure-requests');
  });
});
