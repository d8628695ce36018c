#!/usr/bin/env node
// Generates the Prisma client (prisma/schema.prisma -> libs/db/src/generated/prisma).
// `prisma generate` does not need Prisma's native schema engine, which cannot be downloaded everywhere: when no
// engine is configured, point PRISMA_SCHEMA_ENGINE_BINARY at a no-op so the CLI does not try to fetch one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(import.meta.url);
const prismaCli = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && process.platform !== 'win32' && existsSync('/bin/true')) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = '/bin/true';
}
const result = spawnSync(process.execPath, [prismaCli, 'generate', '--config', 'prisma.config.ts'], {
  cwd: workspaceRoot,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
