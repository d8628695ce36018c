// Prisma CLI configuration (Prisma 7): the schema and migrations live in prisma/; the connection comes from
// DATABASE_URL. `prisma generate` needs no database, so the datasource is only declared when the variable is set
// (Prisma's env() throws when it is missing).
import { defineConfig, env } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  ...(process.env['DATABASE_URL'] ? { datasource: { url: env('DATABASE_URL') } } : {}),
});
