import type { Engine } from '../../../../src/application/engine.js';
import type { Logger } from '../../../../src/application/ports/logger.js';

/** What went wrong outside a request's answer: unhandled rejections, uncaught exceptions, error logs. */
export interface Trouble {
  kind: 'unhandledRejection' | 'uncaughtException' | 'error log';
  text: string;
}

/**
 * Records unhandled rejections and uncaught exceptions of this process (the server runs in it),
 * so a property can fail on the case that caused one instead of the process going down.
 */
export function watchProcess() {
  const troubles: Trouble[] = [];
  const onRejection = (reason: unknown) => {
    troubles.push({ kind: 'unhandledRejection', text: textOf(reason) });
  };
  const onException = (error: unknown) => {
    troubles.push({ kind: 'uncaughtException', text: textOf(error) });
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  /** A logger that keeps error lines as troubles (a listener failing after Slack's ack answers no 5xx). */
  const logger: Logger = {
    info: () => {},
    warn: () => {},
    error: (message, fields) => {
      troubles.push({ kind: 'error log', text: `${message} ${textOf(fields ?? {})}` });
    },
  };
  return {
    logger,
    /** Troubles since the last call, and forgets them. */
    take: (): Trouble[] => troubles.splice(0),
    stop: () => {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

function textOf(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`.slice(0, 2000);
  try {
    return JSON.stringify(value).slice(0, 2000);
  } catch {
    return String(value);
  }
}

/** Counts engine calls in flight by wrapping the methods of the one engine object the channels call. */
export function trackEngine(engine: Engine): { busy: () => boolean } {
  let inFlight = 0;
  const target = engine as unknown as Record<string, unknown>;
  for (const [name, method] of Object.entries(target)) {
    if (typeof method !== 'function') continue;
    target[name] = (...args: unknown[]) => {
      const result = (method as (...a: unknown[]) => unknown).apply(engine, args);
      if (!(result instanceof Promise)) return result;
      inFlight += 1;
      return result.finally(() => {
        inFlight -= 1;
      });
    };
  }
  return { busy: () => inFlight > 0 };
}
