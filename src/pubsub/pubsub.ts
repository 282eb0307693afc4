import { type PubSub, createPubSub } from "@graphql-yoga/subscription";
import type { Redis } from "ioredis";
import pino, { type Logger } from "pino";
import type { Config } from "../config";

/** What writers announce once their transaction has committed. Ids are database ids. */
export interface NewsEvents {
  [key: string]: [] | [unknown] | [string | number, unknown];
  /** A new article was written. */
  ARTICLE_PUBLISHED: [{ articleId: string }];
  /** A quote was written; `speakerId` is the Expert's or Organization's database id, null for an anonymous source. */
  QUOTE_ADDED: [{ quoteId: string; articleId: string; speakerId: string | null }];
  /** An API key was revoked: subscriptions opened with it end. */
  KEY_REVOKED: [{ keyId: string }];
  /** Any write committed (src/common/write.ts, API keys): response caches drop what they hold. */
  DATA_CHANGED: [{ committedAt: number }];
}

export type NewsPubSub = PubSub<NewsEvents>;

/** The server's pub/sub: in memory for one process, Redis when `REDIS_URL` is set. */
export interface PubSubHandle {
  readonly pubsub: NewsPubSub;
  readonly kind: "memory" | "redis";
  close(): Promise<void>;
}

type Listener = ((event: CustomEvent) => void) | { handleEvent(event: CustomEvent): void };

/**
 * Subscribers of this process by topic. A listener that throws (a subscriber whose queue is full,
 * a bug) is logged and skipped: it must not stop delivery to the others, nor reach the Redis
 * client's event loop or the process as an uncaught exception.
 */
class LocalTopics {
  private readonly byTopic = new Map<string, Set<Listener>>();

  constructor(private readonly log: Logger) {}

  /** Adds a listener; true when it is the topic's first. */
  add(topic: string, listener: Listener): boolean {
    let set = this.byTopic.get(topic);
    const first = !set;
    if (!set) this.byTopic.set(topic, (set = new Set()));
    set.add(listener);
    return first;
  }

  /** Removes a listener; true when the topic has none left. */
  remove(topic: string, listener: Listener): boolean {
    const set = this.byTopic.get(topic);
    if (!set?.delete(listener) || set.size > 0) return false;
    this.byTopic.delete(topic);
    return true;
  }

  deliver(topic: string, detail: unknown): void {
    const set = this.byTopic.get(topic);
    if (!set) return;
    const event = new CustomEvent(topic, { detail });
    for (const listener of set) {
      try {
        if (typeof listener === "function") listener(event);
        else listener.handleEvent(event);
      } catch (err) {
        this.log.error({ err, topic }, "a subscriber could not take an event");
      }
    }
  }
}

/** The event target `createPubSub` drives, over our own topic bookkeeping. */
function eventTarget(topics: LocalTopics, hooks: { publish(topic: string, detail: unknown): void; first?(topic: string): void; last?(topic: string): void }) {
  return {
    addEventListener(topic: string, listener: Listener | null) {
      if (listener && topics.add(topic, listener)) hooks.first?.(topic);
    },
    removeEventListener(topic: string, listener: Listener | null) {
      if (listener && topics.remove(topic, listener)) hooks.last?.(topic);
    },
    dispatchEvent(event: CustomEvent) {
      hooks.publish(event.type, event.detail);
      return true;
    },
  };
}

/** In-memory pub/sub: subscribers in this process see this process's writes. */
export function memoryPubSub(log?: Logger): PubSubHandle {
  const topics = new LocalTopics(log ?? pino({ level: "silent" }));
  const target = eventTarget(topics, { publish: (topic, detail) => topics.deliver(topic, detail) });
  return { pubsub: createPubSub<NewsEvents>({ eventTarget: target as never }), kind: "memory", close: async () => undefined };
}


/** A Redis URL without its password, for messages. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable REDIS_URL)";
  }
}

/** QUIT, or a hard disconnect when Redis does not answer within `ms`. */
async function quit(client: Redis, ms: number): Promise<void> {
  const timer = setTimeout(() => client.disconnect(), ms);
  try {
    await client.quit();
  } catch {
    // Already closed, or cut off by the timer.
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/**
 * Pub/sub for the configuration: Redis when `REDIS_URL` is set, so every instance sees every
 * instance's writes; otherwise in memory.
 *
 * On Redis each topic is the channel `<NEWSGRAPH_REDIS_PREFIX><topic>` (default `newsgraph:`), so
 * several deployments (or test runs) can share one Redis. Two connections: a subscriber (a
 * connection in subscribe mode can do nothing else) and a publisher. ioredis reconnects and
 * re-subscribes by itself; a publish that fails (Redis down for longer than a few retries) is
 * logged, never thrown: the write it announces has already committed. Events delivered while an
 * instance is cut off from Redis are lost to its subscribers (Redis pub/sub keeps nothing).
 */
export async function createPubSubHandle(config: Config, log: Logger): Promise<PubSubHandle> {
  if (!config.redisUrl) return memoryPubSub(log);
  const { Redis } = await import("ioredis");
  const prefix = config.redisPrefix;
  const where = redactUrl(config.redisUrl);
  // The subscriber queues commands while reconnecting (a SUBSCRIBE must not be dropped); the
  // publisher gives up after a few retries so a write's announcement cannot wait forever.
  const publisher = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3, connectionName: "newsgraph-publish" });
  const subscriber = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null, connectionName: "newsgraph-subscribe" });
  for (const client of [publisher, subscriber]) client.on("error", (err: Error) => log.warn({ err, redis: where }, "redis error"));
  const connected = await Promise.allSettled([publisher.connect(), subscriber.connect()]);
  const failed = connected.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    // Stops ioredis's reconnect loop, which would otherwise keep the process alive.
    publisher.disconnect();
    subscriber.disconnect();
    throw new Error(`Could not connect to Redis at ${where} (REDIS_URL): ${(failed.reason as Error).message}`, { cause: failed.reason });
  }

  const topics = new LocalTopics(log);
  subscriber.on("message", (channel: string, message: string) => {
    if (!channel.startsWith(prefix)) return;
    let detail: unknown;
    try {
      detail = JSON.parse(message);
    } catch (err) {
      log.warn({ err, channel }, "ignored a Redis message that is not JSON");
      return;
    }
    topics.deliver(channel.slice(prefix.length), detail);
  });
  const target = eventTarget(topics, {
    publish(topic, detail) {
      publisher.publish(prefix + topic, JSON.stringify(detail ?? null)).catch((err: Error) => log.error({ err, topic }, "could not publish an event to Redis; other instances miss it"));
    },
    first(topic) {
      subscriber.subscribe(prefix + topic).catch((err: Error) => log.error({ err, topic }, "could not subscribe to a Redis channel"));
    },
    last(topic) {
      subscriber.unsubscribe(prefix + topic).catch((err: Error) => log.warn({ err, topic }, "could not unsubscribe from a Redis channel"));
    },
  });
  log.info({ redis: where, prefix }, "pub/sub on Redis");
  return {
    pubsub: createPubSub<NewsEvents>({ eventTarget: target as never }),
    kind: "redis",
    async close() {
      await Promise.all([quit(publisher, 2000), quit(subscriber, 2000)]);
    },
  };
}
