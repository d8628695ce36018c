import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@hetsched/db/testing';
import { createPluginRoot, type FakePackage, type FakeRoot } from '@hetsched/plugin-registry/testing';
import { createLogger } from '../common/logger.js';
import { createApiServer, type ApiServer, type ApiServerOptions } from '../server/create-api-server.js';
import { LINKED_PACKAGES, TEST_PLUGIN_PACKAGES } from './test-schedulers.js';

const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** What the test server has installed: the linked workspace packages and the test plugins, unless told otherwise. */
export interface TestPlugins {
  link?: readonly string[];
  packages?: readonly FakePackage[];
}

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestApi {
  server: ApiServer;
  /** An admin token (HETSCHED_ADMIN_TOKEN of this server). */
  adminToken: string;
  /** The database of this suite, for checks the API cannot make (nothing stored after a failed mutation). */
  connectionString: string;
  /**
   * Sends a GraphQL request over HTTP with `token` (default: the admin token; null: no Authorization header).
   */
  graphql<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string | null; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<TData>>;
  /** A new token of that role, created through the API. */
  tokenFor(role: 'READER' | 'SUBMITTER' | 'ADMIN'): Promise<string>;
  /** Waits until the run (any kind) is SUCCEEDED, FAILED or CANCELLED, as the in-process worker executes it; its status. */
  waitForRun(id: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export const TEST_ADMIN_TOKEN = 'hs_test-admin-token-0123456789abcdef';

/**
 * A real server on a random port over a fresh, migrated database (createTestDatabase), spoken to over HTTP, with a
 * real worker in the same process executing its runs (the one run lifecycle), plugins loaded from a plugin root
 * that holds HEFT, the hybrid GA and the misbehaving test plugins ("disabled" switched off). Nothing is mocked:
 * what a test sees is what a client would.
 */
export async function startTestApi(options: Partial<ApiServerOptions> & { plugins?: TestPlugins } = {}): Promise<TestApi> {
  const { plugins, ...serverOptions } = options;
  const database = await createTestDatabase();
  let pluginRoot: FakeRoot | undefined;
  let server: ApiServer;
  try {
    pluginRoot = await createPluginRoot({ workspaceRoot, link: plugins?.link ?? LINKED_PACKAGES, packages: plugins?.packages ?? TEST_PLUGIN_PACKAGES });
    server = await createApiServer({
      connectionString: database.connectionString,
      port: 0,
      adminToken: TEST_ADMIN_TOKEN,
      logger: createLogger((process.env['API_TEST_LOG_LEVEL'] as 'info' | undefined) ?? 'silent'),
      ...serverOptions,
      runEngine: { worker: { concurrency: 2 }, reapIntervalMs: 0, ...serverOptions.runEngine, pluginRoot: pluginRoot.root },
    });
  } catch (error) {
    await pluginRoot?.cleanup();
    await database.drop();
    throw error;
  }
  const root = pluginRoot;

  const graphql: TestApi['graphql'] = async (query, variables, requestOptions = {}) => {
    const token = requestOptions.token === undefined ? TEST_ADMIN_TOKEN : requestOptions.token;
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
        ...requestOptions.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: never; errors?: never };
    return { status: response.status, headers: response.headers, ...body };
  };

  const known = dataOf(await graphql<{ schedulers: { name: string }[] }>('{ schedulers { name } }')).schedulers.map((s) => s.name);
  if (known.includes('disabled')) dataOf(await graphql('mutation { setSchedulerEnabled(name: "disabled", enabled: false) { name } }'));

  return {
    server,
    adminToken: TEST_ADMIN_TOKEN,
    connectionString: database.connectionString,
    graphql,
    async tokenFor(role) {
      const result = await graphql<{ createApiToken: { token: string } }>(
        'mutation($name: String!, $role: Role!) { createApiToken(name: $name, role: $role) { token } }',
        { name: `test ${role.toLowerCase()}`, role },
      );
      if (!result.data) throw new Error(`createApiToken failed: ${JSON.stringify(result.errors)}`);
      return result.data.createApiToken.token;
    },
    async waitForRun(id, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { run } = dataOf(await graphql<{ run: { status: string } }>('query($id: ID!) { run(id: $id) { status } }', { id }));
        if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run.status)) return run.status;
        if (Date.now() > deadline) throw new Error(`run ${id} is still ${run.status} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      try {
        await server.close();
      } finally {
        await database.drop();
        await root.cleanup();
      }
    },
  };
}

/** The data of a response that must have succeeded; otherwise the errors, readably. */
export function dataOf<TData>(response: GraphQLResponse<TData>): TData {
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
  return response.data;
}

/** The one error of a response that must have failed. */
export function errorOf(response: GraphQLResponse<unknown>): { message: string; code: unknown; extensions: Record<string, unknown> } {
  const error = response.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response.data)}`);
  return { message: error.message, code: error.extensions?.['code'], extensions: error.extensions ?? {} };
}
