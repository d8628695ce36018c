import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getMetadataStorage } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { buildApiSchema, printApiSchema } from './build-schema.js';

const schemaFile = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

describe('the GraphQL schema', () => {
  it('is the checked-in apps/api/schema.graphql (UPDATE_SCHEMA=1 rewrites it)', async () => {
    const emitted = printApiSchema(await buildApiSchema());
    if (process.env['UPDATE_SCHEMA'] === '1') writeFileSync(schemaFile, emitted);
    const checkedIn = readFileSync(schemaFile, 'utf8');
    // On failure: run `UPDATE_SCHEMA=1 npx nx test api` (or `npm run schema:emit -w @hetsched/api`) and review the diff.
    expect(emitted).toBe(checkedIn);
  });

  it('declares the role each query and mutation needs (nothing is public by accident)', async () => {
    await buildApiSchema();
    const storage = getMetadataStorage();
    const roots = [...storage.queries, ...storage.mutations];
    expect(roots.length).toBeGreaterThan(5);
    const unguarded = roots
      .filter((root) => !storage.authorizedFields.some((auth) => auth.target === root.target && auth.fieldName === root.methodName))
      .map((root) => root.schemaName);
    expect(unguarded).toEqual([]);
  });

  it('names every connection edge type after its node', async () => {
    const schema = await buildApiSchema();
    for (const name of ['Workflow', 'Cluster', 'ScheduleRun']) {
      expect(schema.getType(`${name}Connection`)).toBeDefined();
      expect(schema.getType(`${name}Edge`)).toBeDefined();
    }
  });
});
