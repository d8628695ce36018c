import nx from '@nx/eslint-plugin';

/**
 * Module boundaries: apps -> libs -> core, one way, and schedulers only through the plugin registry.
 *   type:app            (api, worker, cli, web) may use libs and core: never a scheduler package
 *   type:lib            (codec, db, formats, plugin-registry, run-engine) may use libs and core: never a scheduler
 *   type:scheduler      (libs/schedulers/*) may use core only
 *   type:scheduler-tool (a scheduler's companion, e.g. DeepSched's dataset tools) may use its scheduler, libs, core;
 *                       it lives under libs/schedulers/ and nothing outside that folder may use it
 *   type:core           depends on nothing of ours
 * Tests aside: a spec (and test support) may also use schedulers and the shared test support (conformance suite).
 */
const TESTS = ['**/*.spec.ts', '**/src/testing/**/*.ts', '**/test/support/**/*.ts', 'e2e/**/*.ts', 'e2e/**/*.mjs'];
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    // AssemblyScript sources (compiled to WebAssembly by their build.mjs, not by tsc) use decorators and builtins
    // TypeScript's parser rejects.
    ignores: ['**/dist', '**/out-tsc', '**/node_modules', '**/vitest.config.*.timestamp*', 'libs/schedulers/*/assembly/**/*.ts'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:core', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:scheduler', onlyDependOnLibsWithTags: ['type:core'] },
            { sourceTag: 'type:scheduler-tool', onlyDependOnLibsWithTags: ['type:scheduler', 'type:lib', 'type:core'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:core'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:core'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:core'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:core'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:core'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Hot loops index typed arrays and CSR offsets whose bounds the algorithm guarantees; `!` says so.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests aside: specs and test support may also use scheduler packages and the shared test support (the
    // conformance suite); production code may not.
    files: TESTS,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:core', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:scheduler', onlyDependOnLibsWithTags: ['type:core', 'type:testing'] },
            { sourceTag: 'type:scheduler-tool', onlyDependOnLibsWithTags: ['type:scheduler', 'type:lib', 'type:core', 'type:testing'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:scheduler', 'type:core', 'type:testing'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:scheduler', 'type:core', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:scheduler', 'type:core', 'type:testing'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:scheduler', 'type:core', 'type:testing'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:core'] },
          ],
        },
      ],
    },
  },
  {
    // Test-runner configuration shares one helper from tools/; it is build tooling, not a module dependency.
    files: ['**/vitest.config.ts', '**/vitest.*.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
