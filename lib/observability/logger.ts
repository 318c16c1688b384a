import pino, { type Logger } from 'pino';
import { config } from '@/lib/config';

export type { Logger };

/**
 * Only what says what went wrong: a driver's error can carry the query's parameters or a request's
 * headers as own properties, which pino's default serializer would print.
 */
function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}), stack: err.stack };
}

function logLevel(): string {
  try {
    return config().logLevel;
  } catch {
    // The configuration itself is invalid: server.ts prints why and exits.
    return 'info';
  }
}

/**
 * Writes each line to stdout synchronously (pino's default). A batched asynchronous destination
 * measured no cheaper per request here, and would delay lines and lose the last ones on a crash.
 */
function createLogger(): Logger {
  return pino({
    level: logLevel(),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: errorFields },
  });
}

// One logger per process, shared by server.ts and the Next bundle (each has its own copy of this module).
const holder = globalThis as unknown as { __authPortalLogger?: Logger };

/** The process's JSON logger (one line per event on stdout; LOG_LEVEL sets the threshold). */
export function logger(): Logger {
  holder.__authPortalLogger ??= createLogger();
  return holder.__authPortalLogger;
}
