import type { SchedulerPlugin } from '@hetsched/core';
import { deepschedPlugin } from '@hetsched/scheduler-deepsched';
import { heftPlugin } from '@hetsched/scheduler-heft';
import { hybridGaPlugin } from '@hetsched/scheduler-hybrid-ga';
import { CliError, ExitCode } from './cli-error.js';

/** The schedulers this command line can run, by name. */
const builtIn: readonly SchedulerPlugin[] = [heftPlugin, hybridGaPlugin, deepschedPlugin];

export function listSchedulers(): readonly SchedulerPlugin[] {
  return builtIn;
}

export function findScheduler(name: string): SchedulerPlugin {
  const plugin = builtIn.find((p) => p.metadata.name === name);
  if (!plugin) {
    throw new CliError(`unknown scheduler "${name}"; available: ${builtIn.map((p) => p.metadata.name).join(', ')}`, ExitCode.usage);
  }
  return plugin;
}
