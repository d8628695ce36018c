import type { SchedulerPlugin } from '@hetsched/core';
import { heftPlugin } from '@hetsched/scheduler-heft';
import { hybridGaPlugin } from '@hetsched/scheduler-hybrid-ga';
import { CliError, ExitCode } from './cli-error.js';

/** The schedulers this command line can run, by name. */
const builtIn: readonly SchedulerPlugin[] = [heftPlugin, hybridGaPlugin];

/**
 * Schedulers loaded on first use: deepsched brings TensorFlow.js, whose import alone takes ~0.4 s, which every
 * other command (validate, generate, schedule -s heft) should not pay.
 */
const loadedOnUse: Readonly<Record<string, () => Promise<SchedulerPlugin>>> = {
  deepsched: async () => (await import('@hetsched/scheduler-deepsched')).deepschedPlugin,
};

export async function listSchedulers(): Promise<readonly SchedulerPlugin[]> {
  return [...builtIn, ...(await Promise.all(Object.values(loadedOnUse).map((load) => load())))];
}

export async function findScheduler(name: string): Promise<SchedulerPlugin> {
  const plugin = builtIn.find((p) => p.metadata.name === name) ?? (await loadedOnUse[name]?.());
  if (!plugin) {
    const names = [...builtIn.map((p) => p.metadata.name), ...Object.keys(loadedOnUse)];
    throw new CliError(`unknown scheduler "${name}"; available: ${names.join(', ')}`, ExitCode.usage);
  }
  return plugin;
}
