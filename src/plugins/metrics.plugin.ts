import type { ApolloServerPlugin } from "@apollo/server";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { DataSource } from "typeorm";
import type { Context } from "../context";

/** Operation names become label values: a bounded set, so a client cannot grow the registry without end. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_NAMES = 200;

/** The server's Prometheus metrics, served on GET /metrics. One registry per server instance. */
export class Metrics {
  readonly registry = new Registry();
  private readonly names = new Set<string>();
  readonly requests = new Counter({ name: "newsgraph_graphql_requests_total", help: "GraphQL operations answered, by operation name and type", labelNames: ["operation", "type"] as const, registers: [this.registry] });
  readonly duration = new Histogram({
    name: "newsgraph_graphql_request_duration_seconds",
    help: "Time from receiving a GraphQL operation to sending its answer, by operation name and type",
    labelNames: ["operation", "type"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly errors = new Counter({ name: "newsgraph_graphql_errors_total", help: "Errors in GraphQL answers, by extensions.code", labelNames: ["code"] as const, registers: [this.registry] });
  readonly statements = new Histogram({
    name: "newsgraph_sql_statements_per_request",
    help: "SQL statements one GraphQL request ran",
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 50, 100],
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({ name: "newsgraph_rate_limit_refusals_total", help: "Requests refused by a rate limit, by what was limited", labelNames: ["by"] as const, registers: [this.registry] });
  readonly slow = new Counter({ name: "newsgraph_slow_operations_total", help: "Operations slower than NEWSGRAPH_SLOW_OPERATION_MS", registers: [this.registry] });
  readonly cacheHits = new Counter({ name: "newsgraph_response_cache_hits_total", help: "Anonymous reads answered from the response cache", registers: [this.registry] });
  readonly cacheMisses = new Counter({ name: "newsgraph_response_cache_misses_total", help: "Cache-eligible anonymous reads the response cache did not hold", registers: [this.registry] });
  readonly cacheEvictions = new Counter({
    name: "newsgraph_response_cache_evictions_total",
    help: "Response cache entries dropped, by reason: lru (to make room), ttl (expired), write (a committed write)",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });
  readonly cacheEntries = new Gauge({ name: "newsgraph_response_cache_entries", help: "Answers the response cache holds", registers: [this.registry] });
  readonly cacheBytes = new Gauge({ name: "newsgraph_response_cache_bytes", help: "Bytes of answers the response cache holds", registers: [this.registry] });

  constructor(pool: () => { totalCount: number; idleCount: number; waitingCount: number } | null) {
    collectDefaultMetrics({ register: this.registry, prefix: "newsgraph_" });
    new Gauge({
      name: "newsgraph_db_pool_connections",
      help: "Database pool connections by state: in_use, idle, waiting (requests queued for a connection)",
      labelNames: ["state"] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: "in_use" }, p.totalCount - p.idleCount);
        this.set({ state: "idle" }, p.idleCount);
        this.set({ state: "waiting" }, p.waitingCount);
      },
    });
  }

  /** The label for an operation name: itself while the set of names is small, else "other". */
  operation(name: string | null | undefined): string {
    if (!name) return "anonymous";
    if (!OPERATION_NAME.test(name)) return "other";
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES) return "other";
    this.names.add(name);
    return name;
  }
}

/** The pg pool behind a TypeORM DataSource, once it is connected. */
export function poolOf(dataSource: () => DataSource | undefined): () => { totalCount: number; idleCount: number; waitingCount: number } | null {
  return () => {
    const ds = dataSource();
    if (!ds?.isInitialized) return null;
    const master = (ds.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    return master && typeof master.totalCount === "number" ? master : null;
  };
}

/** Counts and times every operation, its errors by code and its statements; logs slow ones with the request id. */
export function metricsPlugin(metrics: Metrics, slowMs: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, contextValue, operationName, operation, request }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const labels = { operation: metrics.operation(operationName ?? request.operationName), type: operation?.operation ?? "unknown" };
          metrics.requests.inc(labels);
          metrics.duration.observe(labels, seconds);
          metrics.statements.observe(contextValue.sql.statements);
          if (response.body.kind === "single") {
            for (const e of response.body.singleResult.errors ?? []) metrics.errors.inc({ code: String(e.extensions?.code ?? "UNKNOWN") });
          }
          if (slowMs > 0 && seconds * 1000 >= slowMs) {
            metrics.slow.inc();
            contextValue.log.warn(
              { requestId: contextValue.requestId, operation: operationName ?? null, ms: Math.round(seconds * 1000), sql: contextValue.sql.statements, query: request.query?.slice(0, 2000) },
              "slow operation",
            );
          }
        },
      };
    },
  };
}
