import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import nextConfig from '../next.config';
import { proxy } from '../proxy';

afterEach(() => vi.unstubAllEnvs());

const expectSecurityHeaders = (headers: Headers, what: string) => {
  expect(headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('x-frame-options'), what).toBe('DENY');
  expect(headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
};

describe('the proxy’s responses', () => {
  it('carry the security headers on the sign-in redirect as on pages', () => {
    const redirect = proxy(new NextRequest('http://app.test/sites/1/schedule'));
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe('http://app.test/login?callbackUrl=%2Fsites%2F1%2Fschedule');
    expectSecurityHeaders(redirect.headers, 'redirect');
    expectSecurityHeaders(proxy(new NextRequest('http://app.test/login')).headers, 'page');
  });

  it('add Strict-Transport-Security only when served over https', () => {
    vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3000');
    vi.stubEnv('TRUSTED_PROXIES', '');
    vi.stubEnv('TRUSTED_PROXY_HOPS', '');
    expect(proxy(new NextRequest('http://app.test/login')).headers.get('strict-transport-security')).toBeNull();
    // A client's own X-Forwarded-Proto is not believed without a trusted proxy.
    expect(
      proxy(new NextRequest('http://app.test/login', { headers: { 'x-forwarded-proto': 'https' } })).headers.get(
        'strict-transport-security',
      ),
    ).toBeNull();
    expect(proxy(new NextRequest('https://app.test/sites')).headers.get('strict-transport-security')).toMatch(
      /max-age=\d{7,}/,
    );
    vi.stubEnv('TRUSTED_PROXY_HOPS', '1');
    expect(
      proxy(new NextRequest('http://app.test/login', { headers: { 'x-forwarded-proto': 'https' } })).headers.get(
        'strict-transport-security',
      ),
    ).toMatch(/max-age/);
    vi.stubEnv('TRUSTED_PROXY_HOPS', '');
    vi.stubEnv('NEXTAUTH_URL', 'https://tutoring.district.example');
    expect(proxy(new NextRequest('http://app.test/sites')).headers.get('strict-transport-security')).toMatch(/max-age/);
  });
});

describe('files the proxy never sees', () => {
  it('get the headers from next.config (built files, icons and their 404s)', async () => {
    const rules = await nextConfig.headers!();
    for (const path of ['/_next/static/:path*', '/icon.svg', '/favicon.ico']) {
      const rule = rules.find((r) => r.source === path);
      const headers = new Headers(rule?.headers.map((h) => [h.key, h.value]));
      expectSecurityHeaders(headers, path);
    }
  });
});
