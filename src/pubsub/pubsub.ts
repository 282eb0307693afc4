import { type PubSub, createPubSub } from "@graphql-yoga/subscription";
import type { Logger } from "pino";
import type { Config } from "../config";

/** What writers announce once their transaction has committed. Ids are database ids. */
export interface NewsEvents {
  [key: string]: [] | [unknown] | [string | number, unknown];
  /** A new article was written. */
  ARTICLE_PUBLISHED: [{ articleId: string }];
  /** A quote was written; `speakerId` is the Expert's or Organization's database id. */
  QUOTE_ADDED: [{ quoteId: string; articleId: string; speakerId: string }];
}

export type NewsPubSub = PubSub<NewsEvents>;

/** The server's pub/sub: in memory for one process, Redis when `REDIS_URL` is set. */
export interface PubSubHandle {
  readonly pubsub: NewsPubSub;
  readonly kind: "memory" | "redis";
  close(): Promise<void>;
}

/** In-memory pub/sub: subscribers in this process see this process's writes. */
export function memoryPubSub(): PubSubHandle {
  return { pubsub: createPubSub<NewsEvents>(), kind: "memory", close: async () => undefined };
}

/**
 * Pub/sub for the configuration: Redis (two connections: one publishes, one subscribes) when
 * `REDIS_URL` is set, so every instance sees every instance's writes; otherwise in memory.
 */
export async function createPubSubHandle(config: Config, log: Logger): Promise<PubSubHandle> {
  if (!config.redisUrl) return memoryPubSub();
  const { Redis } = await import("ioredis");
  const { createRedisEventTarget } = await import("@graphql-yoga/redis-event-target");
  const options = { lazyConnect: true, maxRetriesPerRequest: 3 };
  const publishClient = new Redis(config.redisUrl, options);
  const subscribeClient = new Redis(config.redisUrl, options);
  for (const client of [publishClient, subscribeClient]) client.on("error", (err: Error) => log.warn({ err }, "redis error"));
  await Promise.all([publishClient.connect(), subscribeClient.connect()]);
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    pubsub: createPubSub<NewsEvents>({ eventTarget: eventTarget as never }),
    kind: "redis",
    async close() {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
