// The address a request came from, for sign-in rate limits. X-Forwarded-For is
// written by whoever sends the request, so it is believed only as far as the
// operator says proxies stand in front of the app (TRUSTED_PROXIES or
// TRUSTED_PROXY_HOPS); by default the address is the TCP peer's. Next does not hand
// route handlers the socket, so ./peer-address.ts stamps each request with it.
import { BlockList, isIP } from 'node:net';

/** Set by the server on every request (any value a client sent is overwritten). */
export const PEER_HEADER = 'x-tutoring-peer-address';
const PEER_STAMPED = Symbol.for('tutoring-ops.peer-address-stamped');

type Headers = Record<string, string | string[] | undefined> | undefined;

export interface ProxyTrust {
  /** How many proxies stand in front of the app: the address that many hops out is the client. */
  hops?: number;
  /** Addresses and ranges of the proxies in front of the app. */
  proxies?: BlockList;
}

/** Whether this process stamps requests with their peer address (else the header is not believed). */
export function peerStampActive(): boolean {
  return (globalThis as Record<symbol, unknown>)[PEER_STAMPED] === true;
}

export function markPeerStampActive(): void {
  (globalThis as Record<symbol, unknown>)[PEER_STAMPED] = true;
}

const normalise = (address: string) => {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, '$1');
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed;
};

/** TRUSTED_PROXIES ("10.0.0.1, 10.1.0.0/16, fd00::/8") or TRUSTED_PROXY_HOPS ("1"); neither: trust no proxy. */
export function proxyTrustFromEnv(env: Record<string, string | undefined> = process.env): ProxyTrust {
  const hops = env.TRUSTED_PROXY_HOPS?.trim();
  if (hops) {
    if (!/^\d{1,2}$/.test(hops))
      throw new Error(`TRUSTED_PROXY_HOPS must be a whole number of proxies, not "${hops}".`);
    return { hops: Number(hops) };
  }
  const list = env.TRUSTED_PROXIES?.split(/[\s,]+/).filter(Boolean) ?? [];
  if (list.length === 0) return {};
  const proxies = new BlockList();
  for (const entry of list) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : isIP(address) === 4 ? 'ipv4' : null;
    const bits = prefix === undefined ? null : Number(prefix);
    if (!type || (prefix !== undefined && (!/^\d+$/.test(prefix) || bits! > (type === 'ipv4' ? 32 : 128)))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range.`);
    }
    if (bits === null) proxies.addAddress(address, type);
    else proxies.addSubnet(address, bits, type);
  }
  return { proxies };
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function trusted(address: string, proxies: BlockList | undefined): boolean {
  const version = isIP(address);
  return version !== 0 && proxies !== undefined && proxies.check(address, version === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the TCP peer, or, behind trusted proxies, the first address
 * in X-Forwarded-For (read from the right) that no trusted proxy wrote.
 */
export function clientAddress(headers: Headers, trust: ProxyTrust = proxyTrustFromEnv()): string {
  const peer = peerStampActive() ? header(headers, PEER_HEADER) : undefined;
  if (!peer) return 'unknown';
  const forwarded = (header(headers, 'x-forwarded-for') ?? '').split(',').map(normalise).filter(Boolean);
  // From the app outwards: the peer, then what each proxy recorded, nearest first.
  const chain = [normalise(peer), ...forwarded.reverse()];
  let at = 0;
  if (trust.hops !== undefined) at = Math.min(trust.hops, chain.length - 1);
  else while (at < chain.length - 1 && trusted(chain[at]!, trust.proxies)) at++;
  return chain[at]!.slice(0, 100);
}
