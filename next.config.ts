import type { NextConfig } from 'next';
import {
  BASE_SECURITY_HEADERS,
  HSTS_VALUE,
  STATIC_CONTENT_SECURITY_POLICY,
  servedOverHttps,
} from './lib/security-headers';

// proxy.ts sets the headers (with a per-request CSP) on everything it sees; these are
// for what it never sees: built files, the icons, and their 404s. Read at build time.
const staticHeaders = [
  { key: 'Content-Security-Policy', value: STATIC_CONTENT_SECURITY_POLICY },
  ...Object.entries(BASE_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
  ...(servedOverHttps(process.env) ? [{ key: 'Strict-Transport-Security', value: HSTS_VALUE }] : []),
];

const nextConfig: NextConfig = {
  // Database drivers and the embedded Postgres stay plain Node modules on the server.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@electric-sql/pglite', '@electric-sql/pglite-socket'],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return ['/_next/static/:path*', '/_next/image', '/icon.svg', '/favicon.ico'].map((source) => ({
      source,
      headers: staticHeaders,
    }));
  },
  experimental: {
    // proxy.ts runs before every request and buffers its body; roster uploads (a
    // district's OneRoster export) can pass the 10 MB default. The import route
    // enforces its own limit.
    proxyClientMaxBodySize: '50mb',
  },
};

export default nextConfig;
