/** Carries a value through an asynchronous call chain, as Node's AsyncLocalStorage does. */
export interface AsyncContext<T> {
  run<R>(value: T, work: () => Promise<R>): Promise<R>;
  /** The value of the innermost `run` this call is inside, if any. */
  get(): T | undefined;
}

/** Makes a new, empty context; compose supplies the Node one. */
export type CreateAsyncContext = <T>() => AsyncContext<T>;
