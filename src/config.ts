import path from "node:path";

/** How the server reaches its database. */
export type DatabaseConfig =
  | { kind: "pglite"; dataDir: string }
  | {
      kind: "postgres";
      url: string;
      poolSize: number;
      /** `random_page_cost` of every pooled session; null or absent keeps the server's. */
      randomPageCost?: number | null;
      /** `max_parallel_workers_per_gather` of every pooled session; null or absent keeps the server's. */
      parallelWorkers?: number | null;
    };

/**
 * DATABASE_RANDOM_PAGE_COST: what the PostgreSQL planner assumes a random page read costs, for
 * newsgraph's sessions. Default 1.1 (PostgreSQL's own documentation suggests lowering the default
 * 4.0 when the data is mostly cached or on SSD); `server` keeps the server's setting.
 */
function randomPageCost(env: Env): number | null {
  const raw = env.DATABASE_RANDOM_PAGE_COST?.trim();
  if (raw === "server") return null;
  if (!raw) return 1.1;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 1000) throw new ConfigError(`DATABASE_RANDOM_PAGE_COST must be a number above 0 (at most 1000) or "server"; got "${raw}"`);
  return n;
}

/**
 * DATABASE_PARALLEL_WORKERS: `max_parallel_workers_per_gather` of newsgraph's sessions. Default 0:
 * these statements are short, and starting workers cost more than they saved (at 100,000 articles
 * the quote branch of a cross-type search took 45 ms with two workers that found nothing, 0.5 ms
 * without); `server` keeps the server's setting.
 */
function parallelWorkers(env: Env): number | null {
  const raw = env.DATABASE_PARALLEL_WORKERS?.trim();
  if (raw === "server") return null;
  if (!raw) return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 1024) throw new ConfigError(`DATABASE_PARALLEL_WORKERS must be an integer from 0 to 1024 or "server"; got "${raw}"`);
  return n;
}

/** The one typed configuration object, parsed from the environment once. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseConfig;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** JSON lines, or human-readable lines; `auto` is pretty on a terminal. */
  readonly logFormat: "json" | "pretty" | "auto";
  /** Load the demo data into an empty database at start-up. */
  readonly seedDemoData: boolean;
  readonly limits: {
    readonly defaultPageSize: number;
    readonly maxPageSize: number;
    /** Fields an operation may select once its fragments are expanded. */
    readonly maxFields: number;
    readonly maxDepth: number;
    readonly maxCost: number;
    /** Aliased fields per operation. */
    readonly maxAliases: number;
    /** Lexical tokens per document; longer documents are refused while parsing. */
    readonly maxTokens: number;
    /** PostgreSQL `statement_timeout` of the server's sessions, in ms; 0 for none. PGlite has none. */
    readonly statementTimeoutMs: number;
    /** Time one GraphQL request may spend, in ms; past it, its remaining statements are refused. 0 for none. */
    readonly requestTimeoutMs: number;
    /** Largest response body, in bytes; a larger answer is replaced by a coded error. */
    readonly maxResponseBytes: number;
    /** Subscriptions one WebSocket connection may hold open (or have starting) at once. */
    readonly maxSubscriptionsPerConnection: number;
  };
  /** Milliseconds to let in-flight requests finish after SIGTERM. */
  readonly shutdownGraceMs: number;
  /** Serve Prometheus metrics on GET /metrics. */
  readonly metrics: boolean;
  /** Operations slower than this (ms) are logged at warn with their request id; 0 for none. */
  readonly slowOperationMs: number;
  /** Answer plannable read operations with one SQL statement (src/planner); off: always the loaders. */
  readonly planner: boolean;
  /** Run queries the planner does not answer compiled once per document by graphql-jit; off: graphql-js interprets each. */
  readonly compiledExecution: boolean;
  /** Prepared statements the planner may keep per pooled session (one per query shape, least recently used dropped); 0: unnamed statements. */
  readonly plannerPrepared: number;
  /** Serve GraphiQL to browsers on GET /graphql. */
  readonly graphiql: boolean;
  readonly auth: {
    /** Queries and subscriptions need a key (any role); mutations always need one. */
    readonly readsRequireKey: boolean;
  };
  /** Cost points a client may spend per window; 0 turns that limit off. */
  readonly rateLimit: {
    readonly keyPoints: number;
    readonly addressPoints: number;
    readonly windowSeconds: number;
  };
  /** The response cache for anonymous reads (src/cache); `enabled: false` caches nothing. */
  readonly responseCache: {
    readonly enabled: boolean;
    /** Longest an entry is served, in seconds; also the `max-age` of cacheable GET answers. */
    readonly ttlSeconds: number;
    /** Most entries held; the least recently used goes first. */
    readonly maxEntries: number;
    /** Most bytes (UTF-8 of the answers' `data`) held in all. */
    readonly maxBytes: number;
    /** Largest single answer kept, in bytes; larger ones are answered but never cached. */
    readonly maxEntryBytes: number;
  };
  /** Redis for pub/sub between server instances; in-memory pub/sub when absent. */
  readonly redisUrl: string | null;
  /** Prefix of every Redis channel, so deployments (or test runs) can share one Redis. */
  readonly redisPrefix: string;
  /** OpenTelemetry tracing, from the standard OTEL_* variables; off unless an OTLP endpoint is set. */
  readonly tracing: {
    /** Where spans are POSTed (OTLP/HTTP JSON), or null: no tracing. */
    readonly endpoint: string | null;
    readonly serviceName: string;
    /** Share of new traces recorded (a caller's sampled trace is always followed). */
    readonly sampleRatio: number;
    /** Longest a finished span waits in the buffer before it is sent, in ms. */
    readonly flushMs: number;
  };
}

/** A configuration value that could not be parsed; start-up stops with its message. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false; got "${env[name]}"`);
}

/** An absolute data directory, or `memory://` for a throwaway in-memory database. */
function dataDir(raw: string | undefined): string {
  if (raw?.startsWith("memory://")) return raw;
  return path.resolve(raw || ".newsgraph/data");
}

/** OpenTelemetry's variables: an OTLP/HTTP endpoint turns tracing on unless the SDK is disabled. */
function tracing(env: Env): Config["tracing"] {
  const disabled = bool(env, "OTEL_SDK_DISABLED", false) || (env.OTEL_TRACES_EXPORTER ?? "").trim().toLowerCase() === "none";
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  // As the OpenTelemetry spec has it: the per-signal variable is used as it is, the base one gets /v1/traces.
  const endpoint = traces || (base ? base.replace(/\/+$/, "") + "/v1/traces" : null);
  if (endpoint && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
    throw new ConfigError(`OTEL_EXPORTER_OTLP_${traces ? "TRACES_" : ""}ENDPOINT must be an http:// or https:// URL; got "${traces || base}"`);
  }
  const ratioRaw = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  const sampleRatio = ratioRaw ? Number(ratioRaw) : 1;
  if (!Number.isFinite(sampleRatio) || sampleRatio < 0 || sampleRatio > 1) {
    throw new ConfigError(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1; got "${ratioRaw}"`);
  }
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || "newsgraph";
  return Object.freeze({ endpoint: disabled ? null : endpoint, serviceName, sampleRatio, flushMs: int(env, "OTEL_BSP_SCHEDULE_DELAY", 5_000, 1, 600_000) });
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Parses the environment into a frozen {@link Config}; throws {@link ConfigError} on bad values. */
export function loadConfig(env: Env = process.env): Config {
  const logLevel = (env.LOG_LEVEL ?? "info").toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}; got "${env.LOG_LEVEL}"`);
  }
  const logFormat = (env.LOG_FORMAT ?? "auto").toLowerCase();
  if (!["json", "pretty", "auto"].includes(logFormat)) {
    throw new ConfigError(`LOG_FORMAT must be json, pretty or auto; got "${env.LOG_FORMAT}"`);
  }
  const url = env.DATABASE_URL?.trim();
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigError(`DATABASE_URL must be a postgres:// URL; got "${url}"`);
  }
  const database: DatabaseConfig = url
    ? { kind: "postgres", url, poolSize: int(env, "DATABASE_POOL_SIZE", 10, 1, 1000), randomPageCost: randomPageCost(env), parallelWorkers: parallelWorkers(env) }
    : { kind: "pglite", dataDir: dataDir(env.NEWSGRAPH_DATA_DIR) };
  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL; got "${redisUrl}"`);
  }
  const redisPrefix = env.NEWSGRAPH_REDIS_PREFIX ?? "newsgraph:";
  if (!/^[A-Za-z0-9:._-]{1,100}$/.test(redisPrefix)) {
    throw new ConfigError(`NEWSGRAPH_REDIS_PREFIX must be 1 to 100 letters, digits or : . _ -; got "${redisPrefix}"`);
  }
  const defaultPageSize = int(env, "NEWSGRAPH_DEFAULT_PAGE_SIZE", 20, 1, 10_000);
  const maxPageSize = int(env, "NEWSGRAPH_MAX_PAGE_SIZE", 100, 1, 10_000);
  if (defaultPageSize > maxPageSize) {
    throw new ConfigError("NEWSGRAPH_DEFAULT_PAGE_SIZE must not exceed NEWSGRAPH_MAX_PAGE_SIZE");
  }
  const responseCache = Object.freeze({
    enabled: bool(env, "NEWSGRAPH_RESPONSE_CACHE", false),
    ttlSeconds: int(env, "NEWSGRAPH_RESPONSE_CACHE_TTL", 60, 1, 86_400),
    maxEntries: int(env, "NEWSGRAPH_RESPONSE_CACHE_MAX_ENTRIES", 1_000, 1, 10_000_000),
    maxBytes: int(env, "NEWSGRAPH_RESPONSE_CACHE_MAX_BYTES", 64 * 1024 * 1024, 1024, 64 * 1024 * 1024 * 1024),
    maxEntryBytes: int(env, "NEWSGRAPH_RESPONSE_CACHE_MAX_ENTRY_BYTES", 1024 * 1024, 1, 1024 * 1024 * 1024),
  });
  if (responseCache.maxEntryBytes > responseCache.maxBytes) {
    throw new ConfigError("NEWSGRAPH_RESPONSE_CACHE_MAX_ENTRY_BYTES must not exceed NEWSGRAPH_RESPONSE_CACHE_MAX_BYTES");
  }
  return Object.freeze({
    host: env.HOST || "localhost",
    port: int(env, "PORT", 4000, 0, 65535),
    database: Object.freeze(database),
    logLevel: logLevel as Config["logLevel"],
    logFormat: logFormat as Config["logFormat"],
    seedDemoData: bool(env, "NEWSGRAPH_SEED_DEMO", true),
    limits: Object.freeze({
      defaultPageSize,
      maxPageSize,
      maxFields: int(env, "NEWSGRAPH_MAX_FIELDS", 10_000, 10, 10_000_000),
      maxDepth: int(env, "NEWSGRAPH_MAX_DEPTH", 12, 1, 1000),
      maxCost: int(env, "NEWSGRAPH_MAX_COST", 50_000, 1, 100_000_000),
      maxAliases: int(env, "NEWSGRAPH_MAX_ALIASES", 100, 0, 1_000_000),
      maxTokens: int(env, "NEWSGRAPH_MAX_TOKENS", 20_000, 100, 10_000_000),
      statementTimeoutMs: int(env, "NEWSGRAPH_STATEMENT_TIMEOUT_MS", 5_000, 0, 3_600_000),
      requestTimeoutMs: int(env, "NEWSGRAPH_REQUEST_TIMEOUT_MS", 10_000, 0, 3_600_000),
      maxResponseBytes: int(env, "NEWSGRAPH_MAX_RESPONSE_BYTES", 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxSubscriptionsPerConnection: int(env, "NEWSGRAPH_MAX_SUBSCRIPTIONS_PER_CONNECTION", 100, 1, 100_000),
    }),
    shutdownGraceMs: int(env, "NEWSGRAPH_SHUTDOWN_GRACE_MS", 10_000, 0, 600_000),
    graphiql: bool(env, "NEWSGRAPH_GRAPHIQL", true),
    metrics: bool(env, "NEWSGRAPH_METRICS", true),
    slowOperationMs: int(env, "NEWSGRAPH_SLOW_OPERATION_MS", 1_000, 0, 3_600_000),
    planner: bool(env, "NEWSGRAPH_PLANNER", true),
    compiledExecution: bool(env, "NEWSGRAPH_COMPILED_EXECUTION", false),
    plannerPrepared: bool(env, "NEWSGRAPH_PLANNER_PREPARED", true) ? int(env, "NEWSGRAPH_PLANNER_PREPARED_MAX", 100, 1, 100_000) : 0,
    auth: Object.freeze({ readsRequireKey: bool(env, "NEWSGRAPH_READS_REQUIRE_KEY", false) }),
    rateLimit: Object.freeze({
      keyPoints: int(env, "NEWSGRAPH_RATE_LIMIT_KEY", 0, 0, 1_000_000_000),
      addressPoints: int(env, "NEWSGRAPH_RATE_LIMIT_ADDRESS", 0, 0, 1_000_000_000),
      windowSeconds: int(env, "NEWSGRAPH_RATE_LIMIT_WINDOW_S", 60, 1, 86_400),
    }),
    responseCache,
    redisUrl,
    redisPrefix,
    tracing: tracing(env),
  });
}
