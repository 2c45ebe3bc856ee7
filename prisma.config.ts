import { defineConfig } from 'prisma/config';

// The CLI is used only for `prisma generate`; migrations run through
// scripts/migrate.ts (the WebAssembly schema engine), which reads DATABASE_URL itself.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
