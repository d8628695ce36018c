#!/usr/bin/env node
// hetsched-db: `migrate` applies pending migrations to DATABASE_URL (or to the embedded server when it is unset);
// `serve` starts the embedded server and prints its connection string until Ctrl-C; `new-migration <name>` writes
// the SQL of a new migration from prisma/schema.prisma (needs the devDependency @prisma/schema-engine-wasm).
import { migrateDatabase } from './lib/migrations/migrate.js';
import { resolveDatabase } from './lib/embedded/resolve-database.js';

async function main(argv: string[]): Promise<number> {
  const command = argv[0] ?? 'help';
  const log = (message: string) => console.error(message);
  switch (command) {
    case 'migrate': {
      const url = process.env['DATABASE_URL'];
      if (url) {
        const result = await migrateDatabase(url, { log });
        console.error(result.applied.length ? `applied ${result.applied.join(', ')}` : 'database is up to date');
        return 0;
      }
      const db = await resolveDatabase({ log });
      console.error(db.migrations?.applied.length ? `applied ${db.migrations.applied.join(', ')}` : 'database is up to date');
      await db.stop();
      return 0;
    }
    case 'serve': {
      const db = await resolveDatabase({ log });
      console.log(db.connectionString);
      if (!db.embedded) return 0;
      console.error('embedded PostgreSQL running; Ctrl-C stops it');
      const keepAlive = setInterval(() => undefined, 1 << 30); // the server process itself does not keep Node up
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      clearInterval(keepAlive);
      await db.stop();
      return 0;
    }
    case 'new-migration': {
      const name = argv[1];
      if (!name) throw new Error('usage: hetsched-db new-migration <name>');
      const { createMigration } = await import('./lib/migrations/new-migration.js');
      const folder = await createMigration(name);
      console.error(folder ? `wrote ${folder}/migration.sql` : 'prisma/schema.prisma needs no new migration');
      return 0;
    }
    default:
      console.error(
        [
          'usage: hetsched-db <command>',
          '  migrate               apply pending migrations (DATABASE_URL, else the embedded server in $HETSCHED_DATA_DIR)',
          '  serve                 start the embedded server and print its connection string',
          '  new-migration <name>  write the migration that brings the migrations up to prisma/schema.prisma',
        ].join('\n'),
      );
      return command === 'help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
