import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for every operation the console sends, from the API's checked-in schema (`npx nx run web:codegen` after a
 * schema change; web's typecheck fails on drift because the generated file is what the pages import). The
 * operations become typed strings (documentMode "string"): no GraphQL parser ships to the browser.
 */
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**', '!src/**/*.spec.ts'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: true,
        // Only the types the operations use: a schema change elsewhere in the API leaves these files alone.
        onlyOperationTypes: true,
        scalars: { DateTime: 'string', JSONObject: 'Record<string, unknown>', ID: 'string' },
      },
    },
  },
};

export default config;
