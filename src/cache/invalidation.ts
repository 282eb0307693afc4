import type { NewsPubSub } from "../pubsub/pubsub";
import type { ResponseCache } from "./response-cache";

/**
 * A write committed: this instance's cache is dropped at once (the writer's next read must see the
 * write), and every instance hears `DATA_CHANGED` through the pub/sub (on Redis, all of them).
 */
export function announceCommit(ctx: { readonly pubsub: NewsPubSub; readonly responseCache?: ResponseCache | null }): void {
  ctx.responseCache?.invalidate();
  ctx.pubsub.publish("DATA_CHANGED", { committedAt: Date.now() });
}

/**
 * Drops the cache on every `DATA_CHANGED` (and `KEY_REVOKED`, which `newsgraph keys revoke`
 * announces) from any instance, this one included. Returns the function that stops listening.
 */
export function listenForCommits(pubsub: NewsPubSub, cache: ResponseCache, onError: (err: unknown) => void): () => Promise<void> {
  const streams = [pubsub.subscribe("DATA_CHANGED"), pubsub.subscribe("KEY_REVOKED")];
  for (const stream of streams) {
    void (async () => {
      for await (const _event of stream) cache.invalidate();
    })().catch(onError);
  }
  return async () => {
    await Promise.all(streams.map((s) => s.return?.()));
  };
}
