import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { RunEngine, type ProcessMetrics, type RunEngineOptions } from '@hetsched/run-engine';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ApiTokenResolver } from '../auth/api-token.resolver.js';
import { ApiTokenService, type Authentication } from '../auth/api-token.service.js';
import { FailedAuthLimiter } from '../auth/failed-auth-limiter.js';
import { ClusterResolver } from '../clusters/cluster.resolver.js';
import { ClusterService } from '../clusters/cluster.service.js';
import { RequestContext, type ApiContext } from '../common/context.js';
import { ErrorCode } from '../common/errors.js';
import { runTypeName } from '../common/run.type.js';
import { createLoaders } from '../common/loaders.js';
import { createLogger, type Logger } from '../common/logger.js';
import type { Principal } from '../common/principal.js';
import { HardInstanceRunResolver } from '../hard-instances/hard-instance.resolver.js';
import { HardInstanceService } from '../hard-instances/hard-instance.service.js';
import { WorkBudget } from '../common/work-budget.js';
import { operationLimitsPlugin } from '../limits/operation-limits.plugin.js';
import { graphqlGuard } from '../limits/request-guard.js';
import { SocketsPerAddress } from '../limits/sockets-per-address.js';
import { subscriptionLimitErrors } from '../limits/subscription-limits.js';
import { RunSubscriptionResolver } from '../runs/run-subscription.resolver.js';
import { RunService } from '../runs/run.service.js';
import { ScheduleMetricsResolver, ScheduleRunResolver, WorkflowRunsResolver } from '../runs/schedule-run.resolver.js';
import { SchedulerResolver } from '../schedulers/scheduler.resolver.js';
import { buildApiSchema, ResolverContainer } from '../schema/build-schema.js';
import { useDirectResolvers, type FieldCoordinate } from '../schema/direct-resolvers.js';
import type { ApiStore } from '../store/api-store.js';
import { DbApiStore } from '../store/db-api-store.js';
import { ModelVersionResolver, TrainingRunResolver } from '../training/training.resolver.js';
import { TrainingService } from '../training/training.service.js';
import { WorkflowResolver } from '../workflows/workflow.resolver.js';
import { WorkflowService } from '../workflows/workflow.service.js';
import { DEFAULT_LIMITS, type ApiLimits } from './config.js';
import { apolloMiddleware } from './apollo-express.js';
import { directRoute } from './direct-route.js';
import { HIT, ResponseCache } from './response-cache.js';
import { compiledGateway } from './compiled-executor.js';
import { crossOriginPolicy } from './cross-origin.js';
import { errorLoggingPlugin, isExpectedError, maskUnexpectedError } from './error-masking.js';
import { requestIdFrom } from './request-id.js';
import { mountWebConsole } from './web-console.js';

export interface ApiServerOptions {
  /** PostgreSQL connection string of a migrated database. */
  connectionString: string;
  /** 0 (the default here) picks a free port; serve.ts passes PORT or 4000. */
  port?: number;
  /** Default 127.0.0.1; serve.ts passes HOST or 0.0.0.0. */
  host?: string;
  limits?: Partial<ApiLimits>;
  /** HETSCHED_ADMIN_TOKEN: made an admin token when it is not known yet. */
  adminToken?: string;
  /** Receives a first admin token generated because the token table was empty (serve.ts prints it to stderr). */
  onAdminTokenGenerated?: (token: string) => void;
  logger?: Logger;
  /** Schema introspection (default true: the schema is public in the repository anyway). */
  introspection?: boolean;
  /**
   * Serve repeated store reads again while the database has committed nothing (response-cache.ts; default true;
   * HETSCHED_RESPONSE_CACHE=false in serve.ts turns it off).
   */
  responseCache?: boolean;
  /** How long close() lets in-flight requests finish before it cuts connections; default 10 s. */
  shutdownGraceMs?: number;
  /**
   * The run engine's settings (docs/runs.md): runs are queued for workers, the engine holds the plugin catalog,
   * cancellation and the subscriptions' feed; `worker` executes runs in this process too (default: not).
   */
  runEngine?: Omit<RunEngineOptions, 'connectionString' | 'logger'>;
  /**
   * Other origins whose pages may call the API from a browser (HETSCHED_CORS_ORIGINS in serve.ts, comma-separated).
   * Default none: the web console is served on the API's own origin, and cross-origin requests are refused.
   */
  corsOrigins?: readonly string[];
  /** graphql-ws keep-alive ping interval in ms (default 12 s; HETSCHED_WS_KEEPALIVE_MS in serve.ts). */
  keepAliveMs?: number;
  /**
   * The schema, built ahead by prepareApiSchema (serve.ts builds it while the database starts); each preparation
   * serves one server. Default: built here.
   */
  schema?: Promise<PreparedSchema>;
}

/** A built schema with the container its resolvers are taken from (registered once the services exist). */
export interface PreparedSchema {
  container: ResolverContainer;
  schema: GraphQLSchema;
}

/**
 * Builds the API's schema, which needs no database: a process that starts one can do it while the database starts
 * (a tenth of a second of a start-up). Pass the result to one createApiServer.
 */
export async function prepareApiSchema(): Promise<PreparedSchema> {
  const container = new ResolverContainer();
  // type-graphql's check of the schema (an introspection query over it) is left to schema.spec.ts: the schema is
  // fixed at build time.
  return { container, schema: await buildApiSchema(container, { check: false }) };
}

export interface ApiServer {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** http://host:port, for /healthz and /readyz. */
  origin: string;
  port: number;
  /**
   * Graceful stop: refuses new connections, lets in-flight requests finish (up to shutdownGraceMs), then closes
   * the database pool. Safe to call twice.
   */
  close(): Promise<void>;
}

/** Field resolvers called without type-graphql's wrapper (schema/direct-resolvers.ts): a history page's names, 100 per page. */
const HOT_FIELD_RESOLVERS: readonly FieldCoordinate[] = ['ScheduleRun.workflow', 'ScheduleRun.cluster'];

/** Readiness waits this long for the database before it reports 503. */
const READY_TIMEOUT_MS = 2_000;

/**
 * The API server: express 5 with /healthz, /readyz and /graphql (Apollo Server 5, type-graphql schema; graphql-ws
 * on the same path), on a store over `connectionString` and a run engine. Services and resolvers are wired here by
 * hand: the graph is small, and explicit wiring shows what depends on what.
 */
export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const logger = options.logger ?? createLogger();
  const limits: ApiLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const store = DbApiStore.connect(options.connectionString);
  const tokens = new ApiTokenService(store.tokens, logger);
  // Three independent pieces of start-up at once: the run engine (every plugin imported, the LISTEN connection, the
  // worker), the first admin token (a salted hash check for HETSCHED_ADMIN_TOKEN) and the schema (its resolvers are
  // registered in the container once the engine is there, before any request).
  const [engine, generated, schema] = await Promise.allSettled([
    RunEngine.start({ processKind: 'api', ...options.runEngine, connectionString: options.connectionString, logger }),
    tokens.bootstrapAdmin(options.adminToken),
    options.schema ?? prepareApiSchema(),
  ]);
  // A generated token is stored: it is shown even when the rest failed, or nobody would ever see it.
  if (generated.status === 'fulfilled' && generated.value) options.onAdminTokenGenerated?.(generated.value);
  try {
    for (const outcome of [engine, generated, schema]) if (outcome.status === 'rejected') throw outcome.reason;
    const started = (engine as PromiseFulfilledResult<RunEngine>).value;
    started.metrics.watchPool('api', store.pool);
    const parts = { options, store, engine: started, limits, logger };
    const { container, schema: built } = (schema as PromiseFulfilledResult<PreparedSchema>).value;
    return await start(parts, wire(parts, { tokens, container, schema: built }));
  } catch (error) {
    if (engine.status === 'fulfilled') await engine.value.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

interface ServerParts {
  options: ApiServerOptions;
  store: ApiStore;
  engine: RunEngine;
  limits: ApiLimits;
  logger: Logger;
}

/**
 * The services and resolvers (registered in the container the schema was built with), and one way to make a
 * request's context for HTTP and WebSocket alike.
 */
function wire(
  { options, store, engine, limits, logger }: ServerParts,
  { tokens, container, schema }: { tokens: ApiTokenService; container: ResolverContainer; schema: GraphQLSchema },
) {
  const catalog = engine.catalog;
  const failedAuth = new FailedAuthLimiter(limits.failedAuthPerMinute);
  const workflows = new WorkflowService(store);
  const clusters = new ClusterService(store);
  const runs = new RunService(store, catalog, engine);
  const training = new TrainingService(store, catalog, engine);
  const hardInstances = new HardInstanceService(catalog, engine);

  container
    .register(WorkflowResolver, new WorkflowResolver(workflows))
    .register(ClusterResolver, new ClusterResolver(clusters))
    .register(SchedulerResolver, new SchedulerResolver(catalog))
    .register(ScheduleRunResolver, new ScheduleRunResolver(runs, workflows, clusters))
    .register(WorkflowRunsResolver, new WorkflowRunsResolver(runs))
    .register(ScheduleMetricsResolver, new ScheduleMetricsResolver(runs))
    .register(RunSubscriptionResolver, new RunSubscriptionResolver())
    .register(ApiTokenResolver, new ApiTokenResolver(tokens))
    .register(TrainingRunResolver, new TrainingRunResolver(training))
    .register(ModelVersionResolver, new ModelVersionResolver(training))
    .register(HardInstanceRunResolver, new HardInstanceRunResolver(hardInstances));
  useDirectResolvers(schema, container, HOT_FIELD_RESOLVERS);

  const makeContext = (request: { requestId: string; principal: Principal | null; authFailure?: string; transport: 'http' | 'ws' }): ApiContext =>
    new RequestContext({
      requestId: request.requestId,
      principal: request.principal,
      ...(request.authFailure ? { authFailure: request.authFailure } : {}),
      loaders: createLoaders(store),
      parentLogger: logger,
      bindings: request.transport === 'ws' ? { requestId: request.requestId, transport: 'ws' } : { requestId: request.requestId },
      work: new WorkBudget(limits.maxRequestWork),
      runEngine: engine,
    });
  return { tokens, failedAuth, schema, makeContext, cors: crossOriginPolicy(options.corsOrigins ?? []) };
}

type Wiring = ReturnType<typeof wire>;

async function start(parts: ServerParts, wiring: Wiring): Promise<ApiServer> {
  const { options, store, engine, limits, logger } = parts;
  const app = express();
  const httpServer = createServer(app);
  // Idle keep-alive connections live a little longer than common load balancers' 60 s, so that the balancer closes
  // them first (with Node's 5 s default it occasionally sends a request on a connection the server just closed).
  httpServer.keepAliveTimeout = 65_000;
  const state = { stopping: false };

  const ws = attachWebSocket(httpServer, wiring, limits, logger, options.keepAliveMs ?? 12_000);
  const apollo = createApollo(wiring.schema, httpServer, options, limits);
  await apollo.start();
  mountHttp(app, { apollo, wiring, store, limits, logger, state, metrics: engine.metrics, responseCache: options.responseCache ?? true });

  await listen(httpServer, options.port ?? 0, options.host ?? '127.0.0.1');
  const origin = originOf(httpServer);
  logger.info({ url: `${origin}/graphql` }, 'hetsched API listening');

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/graphql`,
    origin,
    port: (httpServer.address() as AddressInfo).port,
    close() {
      closing ??= (async () => {
        state.stopping = true;
        // Subscriptions first: their sockets would keep the HTTP server open.
        await ws.close();
        // apollo.stop() runs the drain plugin: the server stops accepting, in-flight requests finish, idle
        // keep-alive connections close; then the engine and the database pool go.
        await apollo.stop();
        await engine.close();
        await store.close();
        logger.info('hetsched API stopped');
      })();
      return closing;
    },
  };
}

/**
 * Subscriptions: graphql-ws on the same path as HTTP, the token in connectionParams ({ authorization: 'Bearer ...' }).
 * Bounded like HTTP: messages of at most wsMaxPayloadBytes, at most maxSubscriptionsPerSocket open at once per
 * socket and maxSocketsPerAddress sockets per client address, foreign origins refused, failed authentications
 * counted per address.
 */
function attachWebSocket(httpServer: Server, wiring: Wiring, limits: ApiLimits, logger: Logger, keepAliveMs: number) {
  const { schema, tokens, failedAuth, makeContext, cors } = wiring;
  const socketsPerAddress = new SocketsPerAddress(limits.maxSocketsPerAddress);
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: limits.wsMaxPayloadBytes,
    verifyClient: ({ req }: { req: IncomingMessage }, admit: (ok: boolean, code?: number, message?: string) => void) => {
      if (!cors.allowsRequest(req)) return admit(false, 401);
      // Counted once the socket is open and until it closes (below): an upgrade that fails halfway holds no place.
      if (!socketsPerAddress.hasRoom(addressOf(req))) {
        return admit(false, 429, `too many WebSockets open from this address (HETSCHED_MAX_SOCKETS_PER_ADDRESS, ${limits.maxSocketsPerAddress})`);
      }
      admit(true);
    },
  });
  wsServer.on('connection', (socket, req) => {
    socketsPerAddress.add(addressOf(req));
    socket.once('close', () => socketsPerAddress.release(addressOf(req)));
  });
  const serving = useServer<Record<string, unknown> | undefined, { principal?: Principal; subscriptions?: Set<string>; request: IncomingMessage }>(
    {
      schema,
      onConnect: async (ctx) => {
        const address = addressOf(ctx.extra.request);
        if (failedAuth.retryAfterSeconds(address) > 0) return false;
        const header = ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['Authorization'];
        const auth = await tokens.authenticate(typeof header === 'string' ? header : undefined);
        if (!auth.principal) {
          failedAuth.fail(address);
          return false; // closes with 4403 Forbidden
        }
        ctx.extra.principal = auth.principal;
        ctx.extra.subscriptions = new Set();
        return true;
      },
      // The same operation limits as over HTTP (shape, tokens, depth, complexity), before anything executes.
      onSubscribe: (ctx, id, payload) => {
        const open = ctx.extra.subscriptions ?? new Set<string>();
        if (open.size >= limits.maxSubscriptionsPerSocket) {
          return [
            new GraphQLError(`this connection has ${open.size} subscriptions open, the limit (HETSCHED_MAX_SUBSCRIPTIONS_PER_SOCKET); complete some first`, {
              extensions: { code: ErrorCode.rateLimited, maxSubscriptionsPerSocket: limits.maxSubscriptionsPerSocket },
            }),
          ];
        }
        const errors = subscriptionLimitErrors(schema, payload, limits);
        if (!errors) open.add(id);
        return errors;
      },
      onComplete: (ctx, id) => {
        ctx.extra.subscriptions?.delete(id);
      },
      context: (ctx) => makeContext({ requestId: randomUUID(), principal: ctx.extra.principal ?? null, transport: 'ws' }),
      // Masked as over HTTP: an unexpected error (a failing database call, a bug) reaches the client as
      // INTERNAL_SERVER_ERROR with a fixed message, its details (which can name tables, hosts or paths) only in the log.
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatSubscriptionError(error, logger)),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.some((error) => !isExpectedError(error))) return undefined;
        return { ...result, errors: result.errors.map((error) => formatSubscriptionError(error, logger)) };
      },
    },
    wsServer,
    keepAliveMs,
  );
  return {
    async close(): Promise<void> {
      await serving.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

function createApollo(schema: GraphQLSchema, httpServer: Server, options: ApiServerOptions, limits: ApiLimits): ApolloServer<ApiContext> {
  return new ApolloServer<ApiContext>({
    // Queries and mutations run compiled (graphql-jit) once repeated; see compiled-executor.ts.
    gateway: compiledGateway(schema, { Run: runTypeName }),
    introspection: options.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    // Apollo would stop itself on SIGINT/SIGTERM and then re-send the signal; the process owner (serve.ts) orders the
    // shutdown instead: server, then database.
    stopOnTerminationSignals: false,
    formatError: maskUnexpectedError,
    // A query document is small; big inputs travel as variables. Refusing a huge document before parsing it
    // bounds the parser's work (graphql-js counts tokens as it lexes).
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.shutdownGraceMs ?? 10_000 }),
      // No landing page: Apollo's and Sandbox load from a CDN (docs/api.md).
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching of GraphQL answers here; without the plugin Apollo also skips wrapping every field's resolver
      // for its willResolveField hook.
      ApolloServerPluginCacheControlDisabled(),
      operationLimitsPlugin(limits),
      errorLoggingPlugin(),
    ],
  });
}

interface HttpParts {
  apollo: ApolloServer<ApiContext>;
  wiring: Wiring;
  store: ApiStore;
  limits: ApiLimits;
  logger: Logger;
  state: { stopping: boolean };
  metrics: ProcessMetrics;
  responseCache: boolean;
}

/** The HTTP routes: health probes, /graphql, the web console, a JSON 404, and body-parser errors as GraphQL-shaped JSON. */
function mountHttp(app: Express, { apollo, wiring, store, limits, logger, state, metrics, responseCache }: HttpParts): void {
  app.disable('x-powered-by');
  app.set('etag', false);
  const logging = requestLogging(logger, metrics);
  const answers = responseCache ? new ResponseCache(wiring.schema, () => store.snapshot(), metrics.responseCache) : null;
  const graphql: RequestHandler[] = [
    wiring.cors.middleware(),
    express.json({ limit: limits.maxBodyBytes }),
    graphqlGuard(wiring.tokens, wiring.failedAuth, limits),
    ...(answers ? [answers.middleware()] : []),
    apolloMiddleware(apollo, {
      ...(answers ? { onComplete: answers.keep.bind(answers) } : {}),
      context: async ({ res }): Promise<ApiContext> => {
        // Verified by graphqlGuard, before the query was even looked at.
        const auth = res.locals['auth'] as Authentication;
        const context = wiring.makeContext({
          requestId: res.locals['requestId'] as string,
          principal: auth.principal,
          ...(auth.principal === null && auth.failure ? { authFailure: auth.failure } : {}),
          transport: 'http',
        });
        res.locals['context'] = context;
        return context;
      },
    }),
  ];
  // POST /graphql, the hot path, runs the same handlers as the route below without express's router (direct-route.ts).
  app.use(directRoute('POST', '/graphql', [logging, ...graphql], notFound));
  app.use(logging);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Prometheus text format (docs/runs.md lists the metrics and an alert set); like the probes, no token.
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.text();
    res.setHeader('content-type', contentType);
    res.send(body);
  });
  app.get('/readyz', async (_req, res) => {
    if (state.stopping) {
      res.status(503).json({ status: 'stopping' });
      return;
    }
    try {
      await withTimeout(store.ping(), READY_TIMEOUT_MS, 'database did not answer in time');
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
  app.use('/graphql', ...graphql);
  // The web console and GraphiQL (apps/web), same origin; only GETs it serves, so the JSON 404 below still answers the rest.
  mountWebConsole(app);
  app.use(notFound);
  app.use(bodyErrors(limits, logger));
}

function notFound(_req: Request, res: Response): void {
  res.status(404).json({ errors: [{ message: 'not found: the API is at /graphql (POST), health at /healthz and /readyz' }] });
}

function originOf(httpServer: Server): string {
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
}

/** One log line per request, with its id, status, duration, operation and caller (never the token itself). */
function requestLogging(logger: Logger, metrics: ProcessMetrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.locals['requestId'] = requestId;
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    // Read now: inside a mounted router (`/graphql`) req.path becomes relative to the mount point.
    const path = req.path;
    res.on('finish', () => {
      const context = res.locals['context'] as ApiContext | undefined;
      const line = {
        requestId,
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        ...(context?.trace.operationName ? { operation: context.trace.operationName } : {}),
        ...(res.locals[HIT] !== undefined ? { operation: res.locals[HIT] as string, cached: true } : {}),
        ...(context?.trace.complexity !== undefined ? { complexity: context.trace.complexity } : {}),
        ...(context?.principal ? { token: context.principal.name } : {}),
      };
      metrics.httpDuration.observe({ route: routeOf(path), status: `${Math.floor(res.statusCode / 100)}xx` }, line.durationMs / 1000);
      // Probes hit every few seconds: keep them out of the info log.
      if (path === '/healthz' || path === '/readyz' || path === '/metrics') logger.debug(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  };
}

/** A request's route as a metric label: a fixed set, whatever paths clients ask for. */
function routeOf(path: string): string {
  if (path === '/graphql' || path === '/healthz' || path === '/readyz' || path === '/metrics') return path;
  return path.startsWith('/graphiql') ? '/graphiql' : 'other';
}

/** body-parser's errors as GraphQL-shaped JSON: 413 with the limit for an oversized body, 400 for broken JSON. */
function bodyErrors(limits: ApiLimits, logger: Logger) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      res.status(413).json({
        errors: [
          {
            message: `request body too large: the limit is ${limits.maxBodyBytes} bytes (${formatBytes(limits.maxBodyBytes)}; HETSCHED_MAX_BODY_BYTES)`,
            extensions: { code: ErrorCode.payloadTooLarge, maxBodyBytes: limits.maxBodyBytes },
          },
        ],
      });
      return;
    }
    if (type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: `request body is not valid JSON: ${(error as Error).message}`, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ errors: [{ message: (error as Error).message, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    logger.error({ err: error, requestId: res.locals['requestId'] }, 'unexpected error outside GraphQL');
    res.status(500).json({ errors: [{ message: 'internal server error', extensions: { code: ErrorCode.internal, requestId: res.locals['requestId'] } }] });
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${bytes} bytes`;
}

function addressOf(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}

/** A subscription's error as the client sees it: expected ones as they are, unexpected ones masked and logged. */
function formatSubscriptionError(error: GraphQLError, logger: Logger): GraphQLFormattedError {
  if (isExpectedError(error)) return error.toJSON();
  let cause: unknown = error;
  while (cause instanceof GraphQLError && cause.originalError) cause = cause.originalError;
  logger.error({ err: cause, path: error.path }, 'unexpected error in a subscription');
  return maskUnexpectedError(error.toJSON(), error);
}
