// @ts-check
// Plain JavaScript (type-checked through JSDoc), so that Nx runs it as is: a TypeScript generator would need a
// build first, or a transpiler (@swc-node/register, ts-node) this workspace does not install.
import { generateFiles, joinPathFragments, logger, names, readJson, updateJson } from '@nx/devkit';
import { fileURLToPath } from 'node:url';

/**
 * The scheduler name rule: lower-case words joined by dashes. A copy of core's SCHEDULER_NAME_PATTERN (the
 * generator runs before anything is built, so it cannot import core); the spec checks that the two agree.
 */
export const SCHEDULER_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Names whose generated function `schedule<Name>` would shadow a core function the template imports. */
const SHADOWED_BY_NAME = new Map([
  ['earliest-finish', 'scheduleEarliestFinish'],
  ['with-assignment', 'scheduleWithAssignment'],
]);

/** Where scheduler libs live; npm's `libs/schedulers/*` workspace glob and the tsconfig paths assume it. */
export const SCHEDULERS_DIR = 'libs/schedulers';

/**
 * @typedef {object} SchedulerGeneratorSchema
 * @property {string} name lower-case words joined by dashes, e.g. `my-scheduler`
 * @property {string} [description] one line for package.json, the metadata and the README
 */

/** Raised for options the generator refuses; Nx prints the message. */
export class SchedulerGeneratorError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = this.constructor.name;
  }
}

/**
 * Scaffolds `libs/schedulers/<name>` as the package `@hetsched/scheduler-<name>` (Nx project
 * `scheduler-<name>`, tag `type:scheduler`): package.json declaring `hetsched.scheduler`, the same tsconfig and
 * vitest files as HEFT, a working list scheduler with one option, a spec that runs the conformance suite, and a
 * README. It also adds the lib to the root tsconfig.json references (what `nx sync` would do).
 *
 * @param {import('@nx/devkit').Tree} tree
 * @param {SchedulerGeneratorSchema} options
 * @returns {Promise<() => void>} a callback Nx runs after writing the files: it prints the next steps
 */
export default async function schedulerGenerator(tree, options) {
  const name = normalizeName(options.name);
  const projectRoot = joinPathFragments(SCHEDULERS_DIR, name);
  const packageName = `@hetsched/scheduler-${name}`;
  const projectName = `scheduler-${name}`;
  if (tree.exists(projectRoot)) {
    throw new SchedulerGeneratorError(`${projectRoot} already exists; pick another name or remove that folder first`);
  }
  const clash = findPackageOrProject(tree, packageName, projectName);
  if (clash) throw new SchedulerGeneratorError(`${clash} already uses the package name "${packageName}" or the project name "${projectName}"`);

  const { className, propertyName } = names(name);
  const description = (options.description ?? `The ${name} scheduler, as a hetsched scheduler plugin.`).trim();
  generateFiles(tree, fileURLToPath(new URL('./files', import.meta.url)), projectRoot, {
    name,
    packageName,
    projectName,
    className,
    propertyName,
    description,
    // JSON and TypeScript string literals of the description, escaped once here rather than in every template
    descriptionJson: JSON.stringify(description),
    descriptionTs: `'${description.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  });
  addRootReference(tree, projectRoot);

  return () => {
    logger.info(
      [
        `Created ${projectRoot} (package ${packageName}, project ${projectName}).`,
        'Next:',
        `  npm install                          # links ${packageName} into node_modules, where plugin discovery finds it`,
        `  npx nx run-many -t lint typecheck test build -p ${projectName}`,
      ].join('\n'),
    );
  };
}

/**
 * @param {unknown} raw
 * @returns {string}
 */
export function normalizeName(raw) {
  if (typeof raw !== 'string' || raw.trim() === '') throw new SchedulerGeneratorError('a scheduler name is required, e.g. my-scheduler');
  const name = raw.trim();
  if (!SCHEDULER_NAME_PATTERN.test(name)) {
    throw new SchedulerGeneratorError(`"${name}" is not a scheduler name: use lower-case words joined by dashes (${SCHEDULER_NAME_PATTERN.source}), e.g. my-scheduler`);
  }
  if (name.length > 64) throw new SchedulerGeneratorError(`"${name}" is longer than 64 characters`);
  const shadowed = SHADOWED_BY_NAME.get(name);
  if (shadowed) throw new SchedulerGeneratorError(`"${name}" would name its function ${shadowed}, which the generated code imports from core; pick another name`);
  return name;
}

/**
 * A package.json elsewhere in the workspace with the same package or Nx project name, by its path.
 *
 * @param {import('@nx/devkit').Tree} tree
 * @param {string} packageName
 * @param {string} projectName
 * @returns {string | undefined}
 */
function findPackageOrProject(tree, packageName, projectName) {
  for (const root of ['libs', 'apps', 'tools']) {
    for (const file of packageJsonFiles(tree, root, 3)) {
      /** @type {{ name?: unknown, nx?: { name?: unknown } }} */
      const json = readJson(tree, file);
      if (json.name === packageName || json.nx?.name === projectName) return file;
    }
  }
  return undefined;
}

/**
 * @param {import('@nx/devkit').Tree} tree
 * @param {string} dir
 * @param {number} depth
 * @returns {string[]}
 */
function packageJsonFiles(tree, dir, depth) {
  if (depth < 0 || !tree.exists(dir) || tree.isFile(dir)) return [];
  /** @type {string[]} */
  const found = [];
  for (const child of tree.children(dir)) {
    if (child === 'node_modules' || child === 'dist' || child.startsWith('.')) continue;
    const path = joinPathFragments(dir, child);
    if (child === 'package.json' && tree.isFile(path)) found.push(path);
    else found.push(...packageJsonFiles(tree, path, depth - 1));
  }
  return found;
}

/**
 * The root tsconfig.json lists every project for editors and `tsc -b`; `nx sync` would add this one too.
 *
 * @param {import('@nx/devkit').Tree} tree
 * @param {string} projectRoot
 */
function addRootReference(tree, projectRoot) {
  if (!tree.exists('tsconfig.json')) return;
  updateJson(tree, 'tsconfig.json', (json) => {
    const references = Array.isArray(json.references) ? json.references : [];
    const path = `./${projectRoot}`;
    if (!references.some((/** @type {{ path?: string }} */ ref) => ref.path === path || ref.path === projectRoot)) references.push({ path });
    return { ...json, references };
  });
}
