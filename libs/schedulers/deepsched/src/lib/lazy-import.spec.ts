import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const INDEX_URL = new URL('../index.ts', import.meta.url).href;
const REGISTER_TYPESCRIPT = new URL('../testing/register-typescript.mjs', import.meta.url).href;

// Runs in a fresh Node process on the sources. tfjs-core creates its engine as `globalThis._tfengine` when its module
// is evaluated (a second copy finds it there), so the global tells whether TensorFlow.js was loaded; initBackend,
// which must load it, shows that the probe sees it.
const PROBE = `
const loaded = () => '_tfengine' in globalThis;
const report = {};
const entry = await import(${JSON.stringify(INDEX_URL)});
report.afterImport = loaded();
report.plugin = entry.default.metadata.name;
report.trains = typeof entry.default.training?.train === 'function';
const bytes = await entry.readBuiltinModelFile();
report.describedId = (await entry.default.training.describeArtifact(bytes)).id;
report.afterDescribe = loaded();
await entry.initBackend();
report.afterInitBackend = loaded();
process.stdout.write(JSON.stringify(report));
`;

describe('importing @hetsched/scheduler-deepsched', () => {
  it('does not load TensorFlow.js; describing a model file does not either; choosing the backend does', async () => {
    const { stdout } = await run(process.execPath, ['--conditions=@hetsched/source', '--import', REGISTER_TYPESCRIPT, '--input-type=module', '-e', PROBE], {
      cwd: new URL('../..', import.meta.url),
      // cpu: the quickest backend to start; the probe is about what gets imported, not which backend wins.
      env: { ...process.env, HETSCHED_TF_BACKEND: 'cpu' },
    });
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toEqual({
      afterImport: false,
      plugin: 'deepsched',
      trains: true,
      describedId: expect.stringMatching(/^ds-\d{8}-[0-9a-f]{8}$/),
      afterDescribe: false,
      afterInitBackend: true,
    });
  }, 120_000);
});
