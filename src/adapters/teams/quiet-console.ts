import { AsyncLocalStorage } from 'node:async_hooks';

const quiet = new AsyncLocalStorage<true>();
let installed = false;

/** Wraps console.error and console.warn once, so that calls made inside `withQuietConsole` print nothing. */
function install(): void {
  if (installed) return;
  installed = true;
  for (const name of ['error', 'warn'] as const) {
    const original = console[name].bind(console);
    console[name] = (...args: unknown[]) => {
      if (!quiet.getStore()) original(...args);
    };
  }
}

/**
 * Runs `work` with botbuilder's console output dropped. botframework-connector prints every refused token
 * to the console itself (an expired one with its stack, any other with the OpenID keys), so anyone who
 * reaches the port could flood the log; the route logs refusals instead, at most one line a minute.
 * AsyncLocalStorage scopes this to the calls `work` makes, not to other requests running meanwhile.
 */
export function withQuietConsole<T>(work: () => Promise<T>): Promise<T> {
  install();
  return quiet.run(true, work);
}
