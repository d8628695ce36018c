#!/usr/bin/env node
// The `hetsched-deepsched` command: DeepSched's dataset-folder workflow (dataset, train, evaluate, info), the same
// commands the hetsched CLI runs as `hetsched deepsched`. Runs the compiled package (build it first).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('hetsched-deepsched: the package is not built yet; run `npx nx run deepsched-training:build` in the repository first\n');
  process.exit(3);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), { name: 'hetsched-deepsched' });
