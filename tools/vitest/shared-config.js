// One vitest configuration for every project, so that all resolve workspace packages the same way:
// the "@hetsched/source" export condition maps `@hetsched/*` imports to their TypeScript sources,
// so a test never runs against a stale build of a sibling lib.
import { fileURLToPath } from 'node:url';

const workspaceRoot = fileURLToPath(new URL('../../', import.meta.url));
const sourceConditions = ['@hetsched/source', 'node', 'import', 'module', 'default'];
// Vitest 4 passes ssr.resolve.conditions to its worker processes as `node --conditions ...`; with "import" among
// them, require() inside CommonJS packages resolves their ESM entry (pg's require('pg-pool') then returns a module
// namespace: "Class extends value [object Module] is not a constructor"). Keep only what Node itself should see.
const nodeConditions = ['@hetsched/source', 'node', 'development|production'];

/** @param {string} root @param {string} name @param {object} [extra] */
export function hetschedVitest(root, name, extra = {}) {
  return {
    root,
    cacheDir: `${workspaceRoot}node_modules/.vite/${name}`,
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: nodeConditions, externalConditions: ['@hetsched/source'] } },
    test: {
      name,
      globals: false,
      environment: 'node',
      include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
      reporters: ['default', fileURLToPath(new URL('./count-reporter.js', import.meta.url))],
      ...extra,
    },
  };
}
