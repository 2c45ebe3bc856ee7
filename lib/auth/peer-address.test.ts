// A real server on the loopback address: the peer header is the socket's, never the client's.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PEER_HEADER } from './client-address';
import { stampPeerAddresses } from './peer-address';

describe('stampPeerAddresses', () => {
  it('overwrites a forged peer header with the TCP peer', async () => {
    stampPeerAddresses();
    const server = http.createServer((req, res) => res.end(String(req.headers[PEER_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [PEER_HEADER]: '6.6.6.6', 'X-Forwarded-For': '6.6.6.6' },
      });
      expect(await answer.text()).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    } finally {
      server.close();
    }
  });
});
