// Stamps every request this process serves with its TCP peer's address (PEER_HEADER),
// overwriting whatever a client sent under that name. Next gives route handlers no
// socket, and only fills X-Forwarded-For when a client did not. Loaded once at server
// start by instrumentation.ts.
import http from 'node:http';
import https from 'node:https';
import { PEER_HEADER, markPeerStampActive } from './client-address';

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
const PATCHED = Symbol.for('tutoring-ops.peer-address-patch');

function stamp(prototype: { emit: Emit } & Record<symbol, unknown>): void {
  if (prototype[PATCHED]) return;
  const emit = prototype.emit;
  prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? '';
    }
    return emit.call(this, event, ...args);
  };
  prototype[PATCHED] = true;
}

export function stampPeerAddresses(): void {
  stamp(http.Server.prototype as unknown as { emit: Emit } & Record<symbol, unknown>);
  stamp(https.Server.prototype as unknown as { emit: Emit } & Record<symbol, unknown>);
  markPeerStampActive();
}
