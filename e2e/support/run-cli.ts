import { spawnSync } from 'node:child_process';
import { repoRoot } from './paths.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `hetsched` binary as a user would, in a working directory of the test's choice. */
export function runCli(args: readonly string[], cwd: string = repoRoot, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [`${repoRoot}apps/cli/bin/hetsched.js`, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
