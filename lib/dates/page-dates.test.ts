// The proxy's one rule for dates in a page's address: refused with a 400 page that
// names the field and the accepted range, before the page runs.
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';
import { refusedAddressDate } from '.';

const SIGNED_IN = { cookie: 'next-auth.session-token=test' };
const get = (path: string, init: { method?: string } = {}) =>
  proxy(new NextRequest(`http://localhost:3000${path}`, { headers: SIGNED_IN, ...init }));

describe('refusedAddressDate', () => {
  it('checks every value of week, from and to, and nothing else', () => {
    expect(refusedAddressDate(new URLSearchParams('week=2026-11-30&from=2026-09-01&to='))).toBeNull();
    expect(refusedAddressDate(new URLSearchParams('date=0000-01-01&batch=x'))).toBeNull();
    expect(refusedAddressDate(new URLSearchParams('from=2026-09-01&from=2026-11-31'))).toEqual({
      key: 'from',
      message: 'The “from” date is not a real date.',
    });
    expect(refusedAddressDate(new URLSearchParams('week=0000-01-01'))?.message).toBe(
      'The “week” date must be between 2000-01-01 and 2100-12-31.',
    );
    expect(refusedAddressDate(new URLSearchParams('to=next-week'))?.key).toBe('to');
  });
});

describe('proxy', () => {
  it('answers a page given an impossible or out-of-range date with a 400 page naming the field and the range', async () => {
    for (const [path, key] of [
      ['/sites/5f0c3c1e-0000-4000-8000-000000000000/schedule?week=0000-01-01', 'week'],
      ['/district?from=2026-11-31', 'from'],
      ['/district/weekly-review?week=9999-12-28', 'week'],
      ['/district/costs?from=2026-09-01&to=2101-01-01', 'to'],
      ['/district/audit-log?to=1999-12-31', 'to'],
    ] as const) {
      const response = get(path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html, path).toContain(`The “${key}” date`);
      expect(html).toContain('between 2000-01-01 and 2100-12-31');
      expect(html).toContain('<html lang="en">');
      // the proxy's security headers stay on the refusal
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('lets accepted dates, routes, form posts and an export form sent back through to the page', () => {
    for (const path of [
      '/district?from=2026-09-07&to=2026-11-30',
      '/sites/x/schedule?week=2026-11-30',
      '/district/exports?from=0000-01-01&to=2026-01-01&invalid=1',
      '/api/dashboard/csv?from=0000-01-01',
    ]) {
      const response = get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('x-middleware-next'), path).toBe('1');
    }
    expect(get('/district?from=0000-01-01', { method: 'POST' }).headers.get('x-middleware-next')).toBe('1');
  });

  it('sends the signed-out to sign in first, whatever the date', () => {
    const response = proxy(new NextRequest('http://localhost:3000/district?from=0000-01-01'));
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toMatch(/\/login\?callbackUrl=/);
  });
});
