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
}

export const DEFAULT_LIMITS: ApiLimits = {
  maxBodyBytes: 64 * 1024 * 1024,
  maxDepth: 12,
  maxComplexity: 5_000,
  maxTokens: 20_000,
};

/** Limits from the environment, refusing nonsense (a typo must not silently disable a limit). */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): ApiLimits {
  return {
    maxBodyBytes: positiveInteger(env, 'HETSCHED_MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes),
    maxDepth: positiveInteger(env, 'HETSCHED_MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
    maxComplexity: positiveInteger(env, 'HETSCHED_MAX_COMPLEXITY', DEFAULT_LIMITS.maxComplexity),
    maxTokens: positiveInteger(env, 'HETSCHED_MAX_TOKENS', DEFAULT_LIMITS.maxTokens),
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
