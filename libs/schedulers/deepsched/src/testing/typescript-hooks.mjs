// Node module hooks that run this repository's TypeScript sources directly (test support, not part of the package):
// a relative "./x.js" that does not exist resolves to "./x.ts", and .ts files are transpiled (types erased, no type
// check) with the typescript package. With `--conditions=@hetsched/source`, @hetsched/* packages resolve to their
// sources too. Used by specs that must run a fresh Node process on the sources, such as the lazy-import check.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (specifier.startsWith('.') && specifier.endsWith('.js')) return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    throw error;
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: url,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
