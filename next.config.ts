import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Database drivers and the embedded Postgres stay plain Node modules on the server.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@electric-sql/pglite', '@electric-sql/pglite-socket'],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // proxy.ts runs before every request and buffers its body; roster uploads (a
    // district's OneRoster export) can pass the 10 MB default. The import route
    // enforces its own limit.
    proxyClientMaxBodySize: '50mb',
  },
};

export default nextConfig;
