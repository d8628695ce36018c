import nx from '@nx/eslint-plugin';

/**
 * Module boundaries: apps -> libs -> core, one way.
 *   type:app       may use feature libs, schedulers and core
 *   type:lib       (formats, registry, db) may use schedulers and core
 *   type:scheduler may use core only
 *   type:core      depends on nothing of ours
 */
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
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:scheduler', 'type:core'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:scheduler', 'type:core'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:scheduler', 'type:core'] },
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
    // A scheduler's specs may use the shared test support (the conformance suite); its production code may not.
    files: ['libs/schedulers/**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [{ sourceTag: 'type:scheduler', onlyDependOnLibsWithTags: ['type:core', 'type:testing'] }],
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
