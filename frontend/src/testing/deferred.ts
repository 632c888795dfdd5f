// Helpers for component tests: answers a test hands back by hand, in the order it chooses.

/** A promise with its resolve and reject, so a test decides when and how it settles. */
export interface Deferred<T> {
  promise: Promise<T>
  resolve: (value: T) => void
  reject: (error: Error) => void
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (error: Error) => void
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej })
  return { promise, resolve, reject }
}

/** An API object whose every method answers with a promise that never settles: the parts a test does not look at. */
export function neverAnswers<T extends object>(): T {
  return new Proxy({} as T, { get: () => () => new Promise(() => {}) })
}
