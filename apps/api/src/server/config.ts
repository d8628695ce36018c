/** Server settings; every one has a default and an environment variable (docs/api.md lists them). */
export interface ApiLimits {
  /** Largest request body in bytes (HETSCHED_MAX_BODY_BYTES); default 64 MiB, room for a 100,000-task document. */
  maxBodyBytes: number;
  /** Deepest selection (HETSCHED_MAX_DEPTH); default 12. */
  maxDepth: number;
  /** Highest estimated query cost (HETSCHED_MAX_COMPLEXITY); default 5,000. */
  maxComplexity: number;
  /**
   * Most tokens in a query document (HETSCHED_MAX_TOKENS): refuses a huge query before it is parsed. Large
   * inputs belong in variables, which are not tokens.
   */
  maxTokens: number;
  /** Most aliased fields in one operation (HETSCHED_MAX_ALIASES); default 64. */
  maxAliases: number;
  /** Most times one field is selected in one selection set (HETSCHED_MAX_REPEATED_FIELD); default 16. */
  maxRepeatedField: number;
  /** Most fields in an operation with its fragments expanded (HETSCHED_MAX_FIELDS); default 5,000. */
  maxFields: number;
  /**
   * Work units one request may spend on fields whose cost grows with stored data (HETSCHED_MAX_REQUEST_WORK):
   * a document costs its tasks and edges, a task or edge list its length, assignments their task count, a Gantt
   * chart three times its task count. Default 200,000: six Gantt charts of a 10,000-task run, not fifty.
   */
  maxRequestWork: number;
  /** Largest WebSocket message in bytes (HETSCHED_WS_MAX_PAYLOAD_BYTES); default 1 MiB. */
  wsMaxPayloadBytes: number;
  /** Most subscriptions open on one WebSocket (HETSCHED_MAX_SUBSCRIPTIONS_PER_SOCKET); default 100. */
  maxSubscriptionsPerSocket: number;
  /**
   * Most WebSockets open at once from one client address (HETSCHED_MAX_SOCKETS_PER_ADDRESS); default 256. Behind a
   * reverse proxy all clients share its address: raise it there.
   */
  maxSocketsPerAddress: number;
  /** Failed authentications allowed per client address per minute (HETSCHED_FAILED_AUTH_PER_MINUTE); default 20. */
  failedAuthPerMinute: number;
}

export const DEFAULT_LIMITS: ApiLimits = {
  maxBodyBytes: 64 * 1024 * 1024,
  maxDepth: 12,
  maxComplexity: 5_000,
  maxTokens: 20_000,
  maxAliases: 64,
  maxRepeatedField: 16,
  maxFields: 5_000,
  maxRequestWork: 200_000,
  wsMaxPayloadBytes: 1024 * 1024,
  maxSubscriptionsPerSocket: 100,
  maxSocketsPerAddress: 256,
  failedAuthPerMinute: 20,
};

/** Limits from the environment, refusing nonsense (a typo must not silently disable a limit). */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): ApiLimits {
  return {
    maxBodyBytes: positiveInteger(env, 'HETSCHED_MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes),
    maxDepth: positiveInteger(env, 'HETSCHED_MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
    maxComplexity: positiveInteger(env, 'HETSCHED_MAX_COMPLEXITY', DEFAULT_LIMITS.maxComplexity),
    maxTokens: positiveInteger(env, 'HETSCHED_MAX_TOKENS', DEFAULT_LIMITS.maxTokens),
    maxAliases: positiveInteger(env, 'HETSCHED_MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
    maxRepeatedField: positiveInteger(env, 'HETSCHED_MAX_REPEATED_FIELD', DEFAULT_LIMITS.maxRepeatedField),
    maxFields: positiveInteger(env, 'HETSCHED_MAX_FIELDS', DEFAULT_LIMITS.maxFields),
    maxRequestWork: positiveInteger(env, 'HETSCHED_MAX_REQUEST_WORK', DEFAULT_LIMITS.maxRequestWork),
    wsMaxPayloadBytes: positiveInteger(env, 'HETSCHED_WS_MAX_PAYLOAD_BYTES', DEFAULT_LIMITS.wsMaxPayloadBytes),
    maxSubscriptionsPerSocket: positiveInteger(env, 'HETSCHED_MAX_SUBSCRIPTIONS_PER_SOCKET', DEFAULT_LIMITS.maxSubscriptionsPerSocket),
    maxSocketsPerAddress: positiveInteger(env, 'HETSCHED_MAX_SOCKETS_PER_ADDRESS', DEFAULT_LIMITS.maxSocketsPerAddress),
    failedAuthPerMinute: positiveInteger(env, 'HETSCHED_FAILED_AUTH_PER_MINUTE', DEFAULT_LIMITS.failedAuthPerMinute),
  };
}

export function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return value;
}

/** `PORT`: 0 asks the system for a free port. */
export function portFromEnv(env: NodeJS.ProcessEnv = process.env, fallback = 4000): number {
  const text = env['PORT'];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`PORT must be a port number (0-65535), got "${text}"`);
  return value;
}
