import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

const webRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('the generated operation types', () => {
  it(
    'match apps/api/schema.graphql and the operations in src (run `npx nx run web:codegen` after a change)',
    async () => {
      // The checked-in config with its paths made absolute, generated in memory and compared file by file.
      const absolute = (path: string) => (path.startsWith('!') ? `!${webRoot}${path.slice(1)}` : `${webRoot}${path}`);
      const generated = await generate(
        {
          ...config,
          schema: absolute(config.schema as string),
          documents: (config.documents as string[]).map(absolute),
          generates: Object.fromEntries(Object.entries(config.generates).map(([out, options]) => [absolute(out), options])),
          silent: true,
        },
        false,
      );
      expect(generated.length).toBeGreaterThan(0);
      for (const file of generated as { filename: string; content: string }[]) {
        expect(await readFile(file.filename, 'utf8'), file.filename).toBe(file.content);
      }
    },
    60_000,
  );
});
