import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

const webRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('the generated operation types', () => {
  it(
    'match apps/api/schema.graphql and the operations in src, doc comments aside (run `npx nx run web:codegen` after a change)',
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
      // Descriptions travel into the files as doc comments; another team rewording the schema's docs changes no type,
      // so the comparison is of the code alone.
      const code = (text: string) => text.replace(/\/\*\*[\s\S]*?\*\//g, '').replace(/\n\s*\n/g, '\n');
      for (const file of generated as { filename: string; content: string }[]) {
        expect(code(await readFile(file.filename, 'utf8')), file.filename).toBe(code(file.content));
      }
    },
    60_000,
  );
});
