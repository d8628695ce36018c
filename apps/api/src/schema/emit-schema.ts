// Writes apps/api/schema.graphql from the resolvers: `npm run schema:emit -w @hetsched/api` after a build.
// schema.spec.ts fails while the checked-in file differs, so every schema change shows in review.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApiSchema, printApiSchema } from './build-schema.js';

const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
writeFileSync(target, printApiSchema(await buildApiSchema()));
process.stdout.write(`wrote ${target}\n`);
