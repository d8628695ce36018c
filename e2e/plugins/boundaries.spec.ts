// The module-boundary rule that keeps every scheduler behind the plugin registry: lint refuses a scheduler package
// imported by an app, a lib or another scheduler, and lets tests use them.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

const IMPORT_HEFT = "import { heftPlugin } from '@hetsched/scheduler-heft';\nexport const probe = heftPlugin;\n";

async function boundaryErrors(file: string, code = IMPORT_HEFT): Promise<string[]> {
  const eslint = new ESLint({ cwd: repoRoot });
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}${file}` });
  return result!.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('the Nx boundary rule for scheduler packages', () => {
  it.each([
    ['apps/cli/src/lib/probe.ts', /"type:app" can only depend on libs tagged with "type:lib", "type:core"/],
    ['apps/api/src/runs/probe.ts', /"type:app" can only depend on/],
    ['libs/run-engine/src/lib/probe.ts', /"type:lib" can only depend on libs tagged with "type:lib", "type:core"/],
    ['libs/db/src/lib/probe.ts', /"type:lib" can only depend on/],
    // Here the rule first sees the cycle the import would close (a scheduler's specs use the registry's conformance suite).
    ['libs/plugin-registry/src/lib/probe.ts', /"type:lib" can only depend on|Circular dependency between "plugin-registry" and "scheduler-heft"/],
    ['libs/schedulers/cpop/src/lib/probe.ts', /"type:scheduler" can only depend on libs tagged with "type:core"/],
  ])('refuses a scheduler package imported by %s', async (file, message) => {
    const errors = await boundaryErrors(file);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  }, 120_000);

  it.each(['apps/api/src/runs/probe.spec.ts', 'libs/run-engine/src/lib/probe.spec.ts', 'e2e/cli/probe.spec.ts'])('lets a test use it (%s)', async (file) => {
    expect(await boundaryErrors(file)).toEqual([]);
  }, 120_000);
});
