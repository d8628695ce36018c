// `@hetsched/db/embedded`: the database's start-up (an embedded PostgreSQL or DATABASE_URL) and a serving process's
// shutdown, without the Prisma client and the repositories the index loads (a quarter of a second): a server can
// start its database first and load the rest while PostgreSQL starts. The same modules the index re-exports.
export { resolveDatabase, type ResolveDatabaseOptions, type ResolvedDatabase } from './lib/embedded/resolve-database.js';
export { serveUntilSignal, type ServeUntilSignalOptions, type ShutdownLogger } from './lib/embedded/serve-until-signal.js';
