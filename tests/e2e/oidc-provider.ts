// A real OpenID Provider for the browser tests: the `oidc-provider` package (the
// certified Node implementation) on loopback, with one confidential client, the
// app's next-auth. Its built-in development interactions ("devInteractions") show
// a login form that accepts any login name and a consent page, so a test signs in
// as whoever it needs by typing an email address.
//
// Constants are importable by the specs without loading the package itself.
import { generateKeyPairSync } from 'node:crypto';
import type { Server } from 'node:http';

export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 3199);
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
export const OIDC_CLIENT_ID = 'tutoring-ops';
export const OIDC_CLIENT_SECRET = 'e2e-only-oidc-client-secret-not-for-production';
export const OIDC_NAME = 'District SSO';

/**
 * A login name starting with this prefix signs in as the address after it, but with
 * email_verified: false, as a provider does for an address nobody has confirmed.
 */
export const UNVERIFIED_PREFIX = 'unverified:';

export interface OidcProviderOptions {
  /** The app's origin, e.g. http://127.0.0.1:3100: its next-auth callback is the only redirect URI. */
  appUrl: string;
  port?: number;
  issuer?: string;
}

export interface RunningOidcProvider {
  issuer: string;
  /** The environment that switches the app's generic OIDC provider on (lib/auth/sso.ts). */
  appEnv: Record<'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET' | 'OIDC_NAME', string>;
  close(): Promise<void>;
}

/** The claims the provider vouches for, from the login name typed on its login page. */
export function claimsFor(login: string): { sub: string; email: string; email_verified: boolean; name: string } {
  const unverified = login.startsWith(UNVERIFIED_PREFIX);
  const email = (unverified ? login.slice(UNVERIFIED_PREFIX.length) : login).trim();
  const local = email.split('@')[0] ?? email;
  const name = local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(' ');
  return { sub: login, email, email_verified: !unverified, name: name || email };
}

/** Just what this file uses of the package (it ships no type declarations). */
interface ProviderInstance {
  listen(port: number, host: string, callback: () => void): Server;
  on(event: string, listener: (...args: unknown[]) => void): void;
}
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

/** A fresh RS256 signing key each run: nothing secret is checked in. */
function signingKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'e2e-rs256', use: 'sig', alg: 'RS256' };
}

export async function startOidcProvider(options: OidcProviderOptions): Promise<RunningOidcProvider> {
  const port = options.port ?? OIDC_PORT;
  const issuer = options.issuer ?? `http://127.0.0.1:${port}`;
  // @ts-expect-error oidc-provider ships no type declarations (see ProviderConstructor above).
  const { default: Provider } = (await import('oidc-provider')) as { default: ProviderConstructor };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: [`${options.appUrl.replace(/\/$/, '')}/api/auth/callback/oidc`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // openid-client 5 (under next-auth 4) authenticates with HTTP Basic unless told otherwise.
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [signingKey()] },
    async findAccount(_ctx: unknown, sub: string) {
      return {
        accountId: sub,
        async claims() {
          return claimsFor(sub);
        },
      };
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // next-auth reads the person from the ID token (idToken: true), as it does from
    // Google or Entra ID: put the claims the scopes ask for into it.
    conformIdTokenClaims: false,
    // The app always sends an S256 challenge (checks: ['pkce', 'state']); insist on it.
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
    },
    // Plain HTTP on loopback: oidc-provider only marks cookies Secure when the
    // request is (ctx.secure), so nothing else is needed for an http:// issuer.
    cookies: { keys: ['e2e-only-cookie-signing-key'] },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 120,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    async renderError(ctx: { type: string; body: string }, out: Record<string, unknown>) {
      ctx.type = 'html';
      const rows = Object.entries(out).map(
        ([key, value]) => `<li>${key}: ${String(value).replace(/[<>&"]/g, '')}</li>`,
      );
      ctx.body = `<!doctype html><html lang="en"><head><title>OpenID Provider error</title></head><body><h1>OpenID Provider error</h1><ul>${rows.join('')}</ul></body></html>`;
    },
  });
  provider.on('server_error', (_ctx, error) => console.error('oidc-provider server_error', error));

  const server = await new Promise<Server>((resolve, reject) => {
    const listening = provider.listen(port, '127.0.0.1', () => resolve(listening));
    listening.once('error', reject);
  });
  return {
    issuer,
    appEnv: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
