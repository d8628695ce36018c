/**
 * Node flags for worker threads a plugin or the run engine starts. A worker given `execArgv` parses it again and
 * refuses, with ERR_WORKER_INVALID_EXEC_ARGV, every flag that only a process can have: V8's (`--max-old-space-size`,
 * `--stack-trace-limit`, `--expose-gc`) and process-wide ones (`--title`). Passing the parent's flags on as they are
 * would make every thread fail to start in a process started as `node --max-old-space-size=4096 ...`, a common way
 * to run a server; such flags already hold for the whole process, threads included.
 */

/** Flags the threads of this process refused, learnt from the first refusal. */
const refused = new Set<string>();

/**
 * The parent's flags for a thread: without resolution conditions (a thread runs compiled packages, and a condition
 * such as the workspace's `@hetsched/source`, set by test runners and dev tools, would send its imports to TypeScript
 * sources it cannot load) and without flags a thread refused before (with their separate value, if any).
 */
export function threadExecArgv(parent: readonly string[] = process.execArgv, refusedFlags: ReadonlySet<string> = refused): string[] {
  const flags: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const flag = parent[i]!;
    const takesNext = flag === '--conditions' || flag === '-C' || (refusedFlags.has(flag) && !flag.includes('='));
    if (takesNext) {
      // A value given as the next item ('-C name', '--title name') goes with its flag.
      if (i + 1 < parent.length && !parent[i + 1]!.startsWith('-')) i++;
    } else if (!flag.startsWith('--conditions=') && !refusedFlags.has(flag)) flags.push(flag);
  }
  return flags;
}

/** The flags an ERR_WORKER_INVALID_EXEC_ARGV error names; undefined for any other error. */
export function refusedExecArgv(error: unknown): string[] | undefined {
  if ((error as { code?: unknown } | null)?.code !== 'ERR_WORKER_INVALID_EXEC_ARGV') return undefined;
  const message = String((error as { message?: unknown }).message ?? '');
  const colon = message.indexOf(': ');
  if (colon < 0) return undefined;
  const flags = message.slice(colon + 2).split(', ').map((flag) => flag.trim()).filter((flag) => flag.startsWith('-'));
  return flags.length > 0 ? flags : undefined;
}

/**
 * `create(execArgv)` (a `new Worker(...)` call) with the parent's flags a thread accepts: on a refusal, the refused
 * flags are remembered for the whole process and the thread is created once more without them. Any other error,
 * or a refusal that names no flag we passed, is thrown as it is.
 */
export function withThreadExecArgv<T>(create: (execArgv: string[]) => T): T {
  const flags = threadExecArgv();
  try {
    return create(flags);
  } catch (error) {
    const named = refusedExecArgv(error)?.filter((flag) => flags.includes(flag));
    if (named === undefined || named.length === 0) throw error;
    for (const flag of named) refused.add(flag);
    return create(threadExecArgv());
  }
}
