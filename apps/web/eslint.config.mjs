import root from '../../eslint.config.mjs';

// The workspace rules, and the same house rules for the console's .tsx files (the root config names .ts/.js/.mjs):
// `!` where the code guarantees a value, `_`-prefixed names for what is deliberately unused. The import of the
// root configuration is tooling, not a module dependency.
export default [
  ...root,
  { ignores: ['src/gql/**'] },
  { files: ['eslint.config.mjs'], rules: { '@nx/enforce-module-boundaries': 'off' } },
  {
    files: ['**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
