import { describe, expect, it } from 'vitest';
import { clientAddress, markPeerStampActive, PEER_HEADER, proxyTrustFromEnv } from './client-address';

markPeerStampActive();
const request = (peer: string, forwarded?: string) => ({
  [PEER_HEADER]: peer,
  ...(forwarded ? { 'x-forwarded-for': forwarded } : {}),
});

describe('clientAddress', () => {
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const none = proxyTrustFromEnv({});
    expect(clientAddress(request('203.0.113.9', '198.51.100.1'), none)).toBe('203.0.113.9');
    expect(clientAddress(request('::ffff:203.0.113.9', '1.2.3.4, 5.6.7.8'), none)).toBe('203.0.113.9');
  });

  it('reads X-Forwarded-For from the right, past trusted proxies only', () => {
    const trust = proxyTrustFromEnv({ TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7 fd00::/8' });
    expect(clientAddress(request('10.0.0.2', '198.51.100.1'), trust)).toBe('198.51.100.1');
    // A client's own X-Forwarded-For entry sits left of the one the proxy appended: not believed.
    expect(clientAddress(request('10.0.0.2', '6.6.6.6, 198.51.100.1'), trust)).toBe('198.51.100.1');
    expect(clientAddress(request('10.0.0.2', '6.6.6.6, 198.51.100.1, 192.0.2.7'), trust)).toBe('198.51.100.1');
    expect(clientAddress(request('fd00::1', '2001:db8::5'), trust)).toBe('2001:db8::5');
    // The peer is not a proxy of ours: its header says nothing.
    expect(clientAddress(request('203.0.113.9', '198.51.100.1'), trust)).toBe('203.0.113.9');
  });

  it('takes the address a fixed number of hops out with TRUSTED_PROXY_HOPS', () => {
    const trust = proxyTrustFromEnv({ TRUSTED_PROXY_HOPS: '1' });
    expect(clientAddress(request('10.0.0.2', '6.6.6.6, 198.51.100.1'), trust)).toBe('198.51.100.1');
    expect(clientAddress(request('10.0.0.2'), trust)).toBe('10.0.0.2');
    expect(
      clientAddress(request('10.0.0.2', '6.6.6.6, 198.51.100.1'), proxyTrustFromEnv({ TRUSTED_PROXY_HOPS: '0' })),
    ).toBe('10.0.0.2');
  });

  it('refuses a configuration it cannot read', () => {
    expect(() => proxyTrustFromEnv({ TRUSTED_PROXIES: '10.0.0.0/40' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => proxyTrustFromEnv({ TRUSTED_PROXIES: 'proxy.example' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => proxyTrustFromEnv({ TRUSTED_PROXY_HOPS: 'two' })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
