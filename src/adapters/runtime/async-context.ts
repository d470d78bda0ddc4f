import { AsyncLocalStorage } from 'node:async_hooks';
import type { AsyncContext } from '../../application/ports/async-context.js';

/** An AsyncContext over Node's AsyncLocalStorage. */
export function createAsyncContext<T>(): AsyncContext<T> {
  const storage = new AsyncLocalStorage<T>();
  return { run: (value, work) => storage.run(value, work), get: () => storage.getStore() };
}
