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
 * stdout, written once per event-loop turn: the lines logged during a turn go out in one write (at
 * 8 KiB, sooner). A write per line cost ~80 µs of CPU per token request under load (bench/oidc.ts,
 * LOG_LEVEL=warn against info); a line is still out before the next turn, and the 'exit' handler
 * writes what is left, so an uncaught error or process.exit loses none. Only a kill -9 can cut the
 * current turn's lines.
 */
function stdoutByTurn(): pino.DestinationStream & { flush(cb?: (err?: Error) => void): void } {
  const destination = pino.destination({ dest: 1, sync: true, minLength: 8 * 1024 });
  let scheduled = false;
  const writeOut = () => {
    scheduled = false;
    try {
      destination.flushSync();
    } catch {
      // stdout is gone (a closed pipe): nothing can show the lines any more.
    }
  };
  process.on('exit', writeOut);
  return {
    write(line: string) {
      destination.write(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(writeOut);
      }
    },
    flush(cb) {
      writeOut();
      cb?.();
    },
  };
}

function createLogger(): Logger {
  return pino(
    {
      level: logLevel(),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: errorFields },
    },
    stdoutByTurn(),
  );
}

// One logger per process, shared by server.ts and the Next bundle (each has its own copy of this module).
const holder = globalThis as unknown as { __authPortalLogger?: Logger };

/** The process's JSON logger (one line per event on stdout; LOG_LEVEL sets the threshold). */
export function logger(): Logger {
  holder.__authPortalLogger ??= createLogger();
  return holder.__authPortalLogger;
}
