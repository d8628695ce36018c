import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/**
 * Structured JSON logs, one object per line on stdout (pino). The level comes from LOG_LEVEL (default info);
 * tests pass `silent`. Authorization headers never reach a log line: request logging picks its fields itself.
 */
export function createLogger(level: LevelWithSilent = (process.env['LOG_LEVEL'] as LevelWithSilent | undefined) ?? 'info'): Logger {
  return pino({
    level,
    base: { service: 'hetsched-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
