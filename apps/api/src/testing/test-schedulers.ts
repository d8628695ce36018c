import type { FakePackage } from '@hetsched/plugin-registry/testing';

/**
 * Real plugins that misbehave on purpose, installed as packages in the test plugin root, so that a real worker
 * loads and runs them in its threads like any other plugin. Their sources import nothing: a plugin written in
 * plain JavaScript against the contract.
 */
function testPlugin(name: string, schedule: string, optionsSchema: Record<string, unknown> = { type: 'object', properties: {} }): FakePackage {
  const metadata = {
    name,
    version: '0.0.1',
    description: `test scheduler "${name}"`,
    capabilities: { progress: false, cancellable: false, deterministic: true },
  };
  const source = `// Every task on the first processor, one after the other in topological order: always a valid schedule.
function sequential(problem) {
  const processorOf = new Int32Array(problem.taskCount);
  const start = new Float64Array(problem.taskCount);
  const finish = new Float64Array(problem.taskCount);
  let time = 0;
  for (const t of problem.topologicalOrder) {
    start[t] = time;
    time += problem.cost[t * problem.processorCount];
    finish[t] = time;
  }
  return { processorOf, start, finish };
}
export default {
  metadata: { ...${JSON.stringify(metadata)}, apiVersion: '^1.0.0' },
  optionsSchema: ${JSON.stringify(optionsSchema)},
  ${schedule}
};
void sequential;
`;
  return { name: `hetsched-test-${name}`, hetsched: { scheduler: './index.js' }, files: { 'index.js': source } };
}

export const TEST_PLUGIN_PACKAGES: readonly FakePackage[] = [
  testPlugin('crashing', `async schedule() { throw new TypeError('boom inside the scheduler'); }`),
  // Every task on the first processor at time 0: the independent checker must refuse it.
  testPlugin(
    'overlapping',
    `async schedule(problem) {
      return { schedule: { processorOf: new Int32Array(problem.taskCount), start: new Float64Array(problem.taskCount), finish: new Float64Array(problem.taskCount).fill(1) } };
    }`,
  ),
  // The sequential schedule after a delay (option delayMs), to hold a run RUNNING.
  testPlugin(
    'slow',
    `async schedule(problem, options) {
      await new Promise((resolve) => setTimeout(resolve, Number(options.delayMs)));
      return { schedule: sequential(problem) };
    }`,
    { type: 'object', properties: { delayMs: { type: 'integer', description: 'wait this long first', default: 100, minimum: 0, maximum: 60000 } } },
  ),
  // Switched off by the harness: a scheduler that is listed but refused.
  testPlugin('disabled', `async schedule(problem) { return { schedule: sequential(problem) }; }`),
];

/** The workspace packages every test server has installed besides the test plugins. */
export const LINKED_PACKAGES = ['@hetsched/core', '@hetsched/scheduler-heft', '@hetsched/scheduler-hybrid-ga'] as const;
