#!/usr/bin/env node
// The `hetsched` command. Runs the compiled CLI (build it with `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('hetsched: the CLI is not built yet; run `npm run build` in the repository first\n');
  process.exit(3);
}
await import(entry.href);
