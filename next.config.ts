import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Database drivers and the embedded Postgres stay plain Node modules on the server.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@electric-sql/pglite', '@electric-sql/pglite-socket'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
