import type { ExecutionResult } from "graphql";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";

/** A graphql-ws client over `ws`, connecting at once and never retrying: tests see every failure. */
export function wsClient(url: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({ url, webSocketImpl: WebSocket, connectionParams, lazy: true, retryAttempts: 0 });
}

/** One subscription as the client sees it: the results in order, or the errors that ended it. */
export interface Stream<T = any> {
  /** The next `next` payload; rejects with the errors of an `error` message, or after `ms`. */
  next(ms?: number): Promise<ExecutionResult<T>>;
  /** Unsubscribes. */
  dispose(): Promise<void>;
}

export function subscribe<T = any>(client: Client, query: string, variables?: Record<string, unknown>): Stream<T> {
  const iterator = client.iterate<T>({ query, variables });
  return {
    async next(ms = 10_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no subscription result within ${ms} ms`)), ms);
      });
      try {
        const step = await Promise.race([iterator.next(), timeout]);
        if (step.done) throw new Error("the subscription completed");
        return step.value as ExecutionResult<T>;
      } finally {
        clearTimeout(timer);
      }
    },
    async dispose() {
      await iterator.return?.();
    },
  };
}

/**
 * The first result of `stream`, publishing with `publish` every 100 ms until one arrives: the
 * server registers a subscription with its pub/sub a moment after the client sends it, and an event
 * published before then reaches no one. Later results may repeat the published event.
 */
export async function firstAfter<T = any>(stream: Stream<T>, publish: () => void, ms = 10_000): Promise<ExecutionResult<T>> {
  publish();
  const timer = setInterval(publish, 100);
  try {
    return await stream.next(ms);
  } finally {
    clearInterval(timer);
  }
}

/** Errors of a stream's first result or of the `error` message that refused it. */
export async function errorsOf(stream: Stream, ms = 10_000): Promise<Array<{ message: string; extensions?: Record<string, any> }>> {
  try {
    const result = await stream.next(ms);
    return (result.errors ?? []) as never;
  } catch (err) {
    if (Array.isArray(err)) return err;
    throw err;
  }
}
