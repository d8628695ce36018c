// A new scheduler, from the generator to a run on a worker, with no other file edited: the proof that the plugin
// seam carries its weight. The workspace is copied (its sources as git has them; its dependencies linked, not
// copied), the generator makes a scheduler there, the copy builds it, and the built CLI and API of this workspace
// find it through HETSCHED_PLUGIN_ROOT — exactly as they would find a plugin installed anywhere.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createE2eDatabase, type E2eDatabase } from '../support/api-database.js';
import { dataOf, graphqlRequest, startApiProcess, type ApiProcess } from '../support/api-server.js';
import { paperExample, repoRoot } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { waitForRun } from '../support/runs.js';

const NAME = 'probe-scheduler';
const ADMIN = 'hs_e2e-new-scheduler-admin-0123456789';
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NO_COLOR: '1' };

let copy: string;
let database: E2eDatabase | undefined;
let api: ApiProcess | undefined;

/** The workspace's files as git sees them (tracked, and untracked but not ignored), copied; no build output. */
function copyWorkspace(into: string): void {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\0')
    .filter(Boolean);
  for (const file of files) cpSync(join(repoRoot, file), join(into, file), { dereference: false, errorOnExist: false });
}

/**
 * node_modules as `npm ci` would leave it, without copying it: every installed package linked to this
 * workspace's, and the workspace's own packages (@hetsched/*) linked to the copy's folders, as npm links them.
 */
function linkDependencies(into: string): void {
  const nodeModules = join(repoRoot, 'node_modules');
  mkdirSync(join(into, 'node_modules', '@hetsched'), { recursive: true });
  for (const entry of readdirSync(nodeModules)) {
    if (entry === '@hetsched' || entry === '.cache') continue;
    symlinkSync(join(nodeModules, entry), join(into, 'node_modules', entry));
  }
  for (const entry of readdirSync(join(nodeModules, '@hetsched'))) {
    const target = relative(nodeModules, execFileSync('realpath', [join(nodeModules, '@hetsched', entry)], { encoding: 'utf8' }).trim());
    // ../../libs/x in the original, relative to node_modules/@hetsched: the same path inside the copy.
    symlinkSync(join('..', target), join(into, 'node_modules', '@hetsched', entry));
  }
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), 'hetsched-new-scheduler-'));
  copyWorkspace(copy);
  linkDependencies(copy);
  run('git', ['init', '-q'], copy);
  run('git', ['-c', 'user.email=e2e@example.com', '-c', 'user.name=e2e', 'add', '-A'], copy);
  run('git', ['-c', 'user.email=e2e@example.com', '-c', 'user.name=e2e', 'commit', '-q', '-m', 'copy'], copy);

  // What a plugin author does: generate, link it as `npm install` would, build it.
  run('npx', ['nx', 'g', '@hetsched/tools:scheduler', NAME, '--no-interactive'], copy);
  symlinkSync(join('..', '..', 'libs', 'schedulers', NAME), join(copy, 'node_modules', '@hetsched', `scheduler-${NAME}`));
  run('npx', ['nx', 'build', `scheduler-${NAME}`, '--outputStyle=stream'], copy);
}, 900_000);

afterAll(async () => {
  await api?.stop();
  await database?.drop();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe(`a scheduler made with the generator (${NAME})`, () => {
  it('touches nothing but its own folder and the root project list', () => {
    const changed = run('git', ['status', '--porcelain', '--untracked-files=all'], copy)
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3))
      // build output of the copy, ignored in the real workspace by .gitignore
      .filter((path) => !/(^|\/)(dist|out-tsc|\.nx)\//.test(path));
    expect(changed.every((path) => path.startsWith(`libs/schedulers/${NAME}/`) || path === 'tsconfig.json'), changed.join('\n')).toBe(true);
    expect(changed).toContain(`libs/schedulers/${NAME}/src/lib/${NAME}.ts`);
  });

  it('is listed by hetsched schedulers and schedules through the CLI', () => {
    const pluginEnv = { HETSCHED_PLUGIN_ROOT: copy };
    const listed = runCli(['schedulers', '--json'], repoRoot, pluginEnv);
    expect(listed.status, listed.stderr).toBe(0);
    const names = (JSON.parse(listed.stdout) as { schedulers: { name: string }[] }).schedulers.map((s) => s.name);
    expect(names).toContain(NAME);
    const scheduled = runCli(['schedule', '-w', `${paperExample}workflow.json`, '-c', `${paperExample}cluster.json`, '--scheduler', NAME, '--compact'], repoRoot, pluginEnv);
    expect(scheduled.status, scheduled.stderr).toBe(0);
    // The template is HEFT's list with earliest-finish placement: the paper's 80.
    expect(JSON.parse(scheduled.stdout)).toMatchObject({ scheduler: NAME, makespan: 80 });
  });

  it('runs through the API on a worker', async () => {
    database = await createE2eDatabase();
    api = await startApiProcess({ env: { DATABASE_URL: database.connectionString, HETSCHED_ADMIN_TOKEN: ADMIN, HETSCHED_PLUGIN_ROOT: copy } });
    const gql = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlRequest<T>(api!.url, query, variables, ADMIN);
    const { schedulers } = dataOf(await gql<{ schedulers: { name: string; enabled: boolean }[] }>('{ schedulers { name enabled } }'));
    expect(schedulers).toContainEqual({ name: NAME, enabled: true });
    const workflowId = dataOf(
      await gql<{ submitWorkflow: { workflow: { id: string } } }>('mutation($d: String!) { submitWorkflow(input: { document: $d }) { workflow { id } } }', {
        d: readFileSync(`${paperExample}workflow.json`, 'utf8'),
      }),
    ).submitWorkflow.workflow.id;
    const clusterId = dataOf(
      await gql<{ createCluster: { id: string } }>('mutation($d: String!) { createCluster(input: { document: $d }) { id } }', { d: readFileSync(`${paperExample}cluster.json`, 'utf8') }),
    ).createCluster.id;
    const queued = dataOf(
      await gql<{ scheduleWorkflow: { id: string; status: string } }>(
        'mutation($w: ID!, $c: ID!, $s: String!) { scheduleWorkflow(workflowId: $w, clusterId: $c, scheduler: $s) { id status } }',
        { w: workflowId, c: clusterId, s: NAME },
      ),
    ).scheduleWorkflow;
    expect(queued.status).toBe('QUEUED');
    const done = await waitForRun<{ status: string; makespan: number; error: string | null }>(api.url, queued.id, ADMIN, 'status makespan error', 60_000);
    expect(done, done.error ?? '').toMatchObject({ status: 'SUCCEEDED', makespan: 80 });
  });
});
