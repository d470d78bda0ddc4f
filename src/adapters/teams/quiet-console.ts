let installed = false;

/** The package whose own console output is dropped. */
const CONNECTOR = 'botframework-connector';

/** True when the function that called console.error/warn is the connector's. */
function calledFromConnector(): boolean {
  // Line 0 is the message, line 1 this function, line 2 the console wrapper, line 3 its caller.
  const caller = new Error().stack?.split('\n', 4)[3] ?? '';
  return caller.includes(CONNECTOR);
}

/**
 * Wraps console.error and console.warn once, so that what botframework-connector itself prints is
 * dropped. It prints every refused token to the console (an expired one with its stack, any other
 * with the OpenID keys), so anyone who reaches the port could flood the log; the route logs
 * refusals instead, at most one line a minute. The caller is read from the stack, only when
 * something prints: why not AsyncLocalStorage around each activity, which this did before: on this
 * Node it installs promise hooks that then run for every promise of every request the process serves.
 */
export function silenceConnectorConsole(): void {
  if (installed) return;
  installed = true;
  for (const name of ['error', 'warn'] as const) {
    const original = console[name].bind(console);
    console[name] = (...args: unknown[]) => {
      if (!calledFromConnector()) original(...args);
    };
  }
}
