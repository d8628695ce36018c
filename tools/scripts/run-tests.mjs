// `npm test`: lint, type-check, unit-test and build every project, then the end-to-end suites, and close with one
// line totalling the tests of every project. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const countsDir = `${root}tmp/test-counts/`;
rmSync(countsDir, { recursive: true, force: true });

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const nx = (...args) => spawnSync('npx', ['nx', ...args, '--outputStyle=stream', '--skipNxCache'], { cwd: root, stdio: 'inherit', env }).status ?? 1;

let status = nx('run-many', '-t', 'lint', 'typecheck', 'test', 'build');
if (status === 0) status = nx('run-many', '-t', 'e2e');

const totals = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(countsDir)) {
  for (const file of readdirSync(countsDir)) {
    const counts = JSON.parse(readFileSync(countsDir + file, 'utf8'));
    for (const key of Object.keys(totals)) totals[key] += counts[key] ?? 0;
  }
}
if (status !== 0 && totals.failed === 0) totals.failed = 1; // a lint, type or build failure counts as one failure
// And the other way round: a failed test fails the run even when its runner's exit code said otherwise (a library's
// exit hook once ended vitest with process.exit(0) after failures; libs/db embedded-postgres.ts).
if (status === 0 && totals.failed > 0) status = 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(status);
