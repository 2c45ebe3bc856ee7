// Single sign-on providers, each switched on by its environment variables:
//   Google Workspace:   GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET (GOOGLE_HOSTED_DOMAIN optional)
//   Microsoft Entra ID: AZURE_AD_CLIENT_ID, AZURE_AD_CLIENT_SECRET, AZURE_AD_TENANT_ID
//   Any OIDC issuer:    OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET (OIDC_NAME for the button)
// A provider only proves who someone is; lib/auth/options.ts lets them in only
// when that email belongs to an active user of this district.
import AzureADProvider from 'next-auth/providers/azure-ad';
import GoogleProvider from 'next-auth/providers/google';
import type { Provider } from 'next-auth/providers/index';
import type { OAuthConfig } from 'next-auth/providers/oauth';

export interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}

function genericOidc(env: NodeJS.ProcessEnv): OAuthConfig<OidcProfile> {
  const issuer = env.OIDC_ISSUER!.replace(/\/$/, '');
  return {
    id: 'oidc',
    name: env.OIDC_NAME ?? 'your district account',
    type: 'oauth',
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state'],
    profile: (profile) => ({
      id: profile.sub,
      email: profile.email ?? null,
      name: profile.name ?? profile.email ?? null,
    }),
  };
}

export function ssoProviders(env: NodeJS.ProcessEnv = process.env): Provider[] {
  const providers: Provider[] = [];
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    const hd = env.GOOGLE_HOSTED_DOMAIN;
    providers.push(
      GoogleProvider({
        clientId: env.GOOGLE_CLIENT_ID,
        clientSecret: env.GOOGLE_CLIENT_SECRET,
        authorization: { params: { prompt: 'select_account', ...(hd ? { hd } : {}) } },
      }),
    );
  }
  if (env.AZURE_AD_CLIENT_ID && env.AZURE_AD_CLIENT_SECRET && env.AZURE_AD_TENANT_ID) {
    providers.push(
      AzureADProvider({
        clientId: env.AZURE_AD_CLIENT_ID,
        clientSecret: env.AZURE_AD_CLIENT_SECRET,
        tenantId: env.AZURE_AD_TENANT_ID,
      }),
    );
  }
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push(genericOidc(env));
  }
  return providers;
}

/** For the sign-in page: which buttons to show. */
export function ssoButtons(env: NodeJS.ProcessEnv = process.env): { id: string; name: string }[] {
  return ssoProviders(env).map((p) => ({ id: p.id, name: p.name }));
}

/** Email claims a provider vouches for: Google and OIDC say so explicitly; Entra ID accounts are the tenant's own. */
export function verifiedEmail(provider: string, profile: Partial<OidcProfile> & { upn?: string }): string | null {
  const email = (profile.email ?? profile.preferred_username ?? profile.upn ?? '').trim().toLowerCase();
  if (!email.includes('@')) return null;
  if (provider === 'azure-ad') return email;
  return profile.email_verified === false ? null : email;
}
