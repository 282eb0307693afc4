import type { HTTPGraphQLHead } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { Logger } from "pino";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { ErrorCode } from "../common/errors";
import type { Config } from "../config";
import type { Context } from "../context";

/** Who a request is charged to: its API key when it presents a valid one, else its client address. */
export type RateKey = { by: "key"; id: string } | { by: "address"; id: string };

/**
 * Rate limits costed by query cost (the same cost the limits plugin computes), per API key and per
 * client address, over a fixed window. In Redis when REDIS_URL is set, so every instance draws on
 * one budget; in memory otherwise. A Redis outage falls back to this instance's memory, never to
 * refusing everyone.
 */
export class RateLimits {
  private constructor(
    private readonly limiters: { key: RateLimiterAbstract | null; address: RateLimiterAbstract | null },
    private readonly points: { key: number; address: number },
    private readonly close_: () => Promise<void>,
  ) {}

  static async create(config: Config, log: Logger): Promise<RateLimits | null> {
    const { keyPoints, addressPoints, windowSeconds } = config.rateLimit;
    if (!keyPoints && !addressPoints) return null;
    let close = async () => {};
    let make = (points: number, prefix: string): RateLimiterAbstract => new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix: prefix });
    if (config.redisUrl) {
      const { Redis } = await import("ioredis");
      const client = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: "newsgraph-ratelimit" });
      client.on("error", (err) => log.warn({ err }, "rate-limit store (Redis) error; this instance counts in memory meanwhile"));
      await client.connect().catch((err) => log.warn({ err }, "rate-limit store (Redis) not reachable yet; counting in memory until it is"));
      close = async () => {
        client.disconnect();
      };
      make = (points, prefix) =>
        new RateLimiterRedis({
          storeClient: client,
          points,
          duration: windowSeconds,
          keyPrefix: `${config.redisPrefix}ratelimit:${prefix}`,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix: prefix }),
        });
    }
    return new RateLimits(
      { key: keyPoints ? make(keyPoints, "key") : null, address: addressPoints ? make(addressPoints, "address") : null },
      { key: keyPoints, address: addressPoints },
      close,
    );
  }

  /**
   * Charges `cost` to the request's key or address. Sets RateLimit-Limit, -Remaining and -Reset on
   * `http`; throws RATE_LIMITED (HTTP 429, Retry-After) when the window's budget is spent.
   */
  async charge(who: RateKey, cost: number, http: HTTPGraphQLHead): Promise<void> {
    const limiter = this.limiters[who.by];
    if (!limiter) return;
    const limit = this.points[who.by];
    const points = Math.max(1, Math.ceil(cost));
    try {
      const res = await limiter.consume(who.id, points);
      setHeaders(http.headers, limit, res);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      const headers = new HeaderMap();
      setHeaders(headers, limit, rejection);
      headers.set("retry-after", String(retryAfter));
      throw new GraphQLError(
        `Rate limit reached for this ${who.by === "key" ? "API key" : "client address"}: ${limit} cost points per window; this operation costs ${points}. Try again in ${retryAfter} s.`,
        { extensions: { code: ErrorCode.RATE_LIMITED, by: who.by, limit, cost: points, retryAfter, http: { status: 429, headers } } },
      );
    }
  }

  close(): Promise<void> {
    return this.close_();
  }
}

function setHeaders(headers: Map<string, string>, limit: number, res: RateLimiterRes): void {
  headers.set("ratelimit-limit", String(limit));
  headers.set("ratelimit-remaining", String(Math.max(0, res.remainingPoints)));
  headers.set("ratelimit-reset", String(Math.max(0, Math.ceil(res.msBeforeNext / 1000))));
}

/** The key or address a request is charged to; null for trusted local callers. */
export async function rateKeyOf(context: Context): Promise<RateKey | null> {
  if (context.credentials.kind === "local") return null;
  const viewer = await context.viewer();
  if (viewer) return { by: "key", id: viewer.keyId };
  return { by: "address", id: context.clientAddress ?? "unknown" };
}
