import path from "node:path";
import { ConfigError, loadConfig } from "../../src/config";

test("defaults: embedded PGlite in .newsgraph/data on localhost:4000 with the documented limits", () => {
  const c = loadConfig({});
  expect(c).toMatchObject({
    host: "localhost",
    port: 4000,
    logLevel: "info",
    logFormat: "auto",
    seedDemoData: true,
    graphiql: true,
    database: { kind: "pglite", dataDir: path.resolve(".newsgraph/data") },
    rateLimit: { keyPoints: 0, addressPoints: 0, windowSeconds: 60 },
    metrics: true,
    slowOperationMs: 1_000,
    limits: { defaultPageSize: 20, maxPageSize: 100, maxFields: 10_000, maxDepth: 12, maxCost: 50_000, maxAliases: 100, maxTokens: 20_000, statementTimeoutMs: 5_000, requestTimeoutMs: 10_000, maxResponseBytes: 10 * 1024 * 1024, maxSubscriptionsPerConnection: 100 },
  });
  expect(Object.isFrozen(c)).toBe(true);
  expect(Object.isFrozen(c.limits)).toBe(true);
});

test("DATABASE_URL switches to PostgreSQL with a pool", () => {
  expect(loadConfig({ DATABASE_URL: "postgres://u@h:5432/db", DATABASE_POOL_SIZE: "4" }).database).toEqual({ kind: "postgres", url: "postgres://u@h:5432/db", poolSize: 4, randomPageCost: 1.1, parallelWorkers: 0 });
  expect(loadConfig({ DATABASE_URL: "postgresql://u@h/db" }).database.kind).toBe("postgres");
});

test("NEWSGRAPH_DATA_DIR=memory:// keeps the database in memory instead of a directory named memory:", () => {
  expect(loadConfig({ NEWSGRAPH_DATA_DIR: "memory://" }).database).toEqual({ kind: "pglite", dataDir: "memory://" });
  expect(loadConfig({ NEWSGRAPH_DATA_DIR: "some/dir" }).database).toEqual({ kind: "pglite", dataDir: path.resolve("some/dir") });
});

test.each([
  [{ PORT: "eighty" }, /PORT must be an integer from 0 to 65535; got "eighty"/],
  [{ PORT: "70000" }, /PORT/],
  [{ LOG_LEVEL: "loud" }, /LOG_LEVEL must be one of/],
  [{ LOG_FORMAT: "xml" }, /LOG_FORMAT must be json, pretty or auto/],
  [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL must be a postgres:\/\/ URL/],
  [{ NEWSGRAPH_SEED_DEMO: "maybe" }, /NEWSGRAPH_SEED_DEMO must be true or false/],
  [{ NEWSGRAPH_DEFAULT_PAGE_SIZE: "50", NEWSGRAPH_MAX_PAGE_SIZE: "10" }, /must not exceed/],
  [{ NEWSGRAPH_MAX_DEPTH: "0" }, /NEWSGRAPH_MAX_DEPTH/],
  [{ REDIS_URL: "http://x" }, /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
  [{ NEWSGRAPH_REDIS_PREFIX: "has space" }, /NEWSGRAPH_REDIS_PREFIX/],
  [{ NEWSGRAPH_RESPONSE_CACHE: "sometimes" }, /NEWSGRAPH_RESPONSE_CACHE must be true or false/],
  [{ NEWSGRAPH_RESPONSE_CACHE_TTL: "0" }, /NEWSGRAPH_RESPONSE_CACHE_TTL/],
  [{ NEWSGRAPH_RESPONSE_CACHE_MAX_BYTES: "2048", NEWSGRAPH_RESPONSE_CACHE_MAX_ENTRY_BYTES: "4096" }, /must not exceed NEWSGRAPH_RESPONSE_CACHE_MAX_BYTES/],
])("%j is refused with a message naming the variable", (env, message) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(message);
});

test("booleans accept the usual spellings", () => {
  expect(loadConfig({ NEWSGRAPH_SEED_DEMO: "off" }).seedDemoData).toBe(false);
  expect(loadConfig({ NEWSGRAPH_GRAPHIQL: "0" }).graphiql).toBe(false);
  expect(loadConfig({ NEWSGRAPH_SEED_DEMO: "YES" }).seedDemoData).toBe(true);
});

test("the response cache is off by default; on with NEWSGRAPH_RESPONSE_CACHE=on and its bounds", () => {
  expect(loadConfig({}).responseCache).toEqual({ enabled: false, ttlSeconds: 60, maxEntries: 1_000, maxBytes: 64 * 1024 * 1024, maxEntryBytes: 1024 * 1024 });
  expect(
    loadConfig({ NEWSGRAPH_RESPONSE_CACHE: "on", NEWSGRAPH_RESPONSE_CACHE_TTL: "5", NEWSGRAPH_RESPONSE_CACHE_MAX_ENTRIES: "10", NEWSGRAPH_RESPONSE_CACHE_MAX_BYTES: "100000", NEWSGRAPH_RESPONSE_CACHE_MAX_ENTRY_BYTES: "5000" }).responseCache,
  ).toEqual({ enabled: true, ttlSeconds: 5, maxEntries: 10, maxBytes: 100_000, maxEntryBytes: 5_000 });
  expect(Object.isFrozen(loadConfig({}).responseCache)).toBe(true);
});

test("REDIS_URL turns on Redis pub/sub; channels share the prefix NEWSGRAPH_REDIS_PREFIX", () => {
  expect(loadConfig({})).toMatchObject({ redisUrl: null, redisPrefix: "newsgraph:" });
  expect(loadConfig({ REDIS_URL: "redis://127.0.0.1:6379", NEWSGRAPH_REDIS_PREFIX: "staging:" })).toMatchObject({ redisUrl: "redis://127.0.0.1:6379", redisPrefix: "staging:" });
});

test("tracing is off until an OTLP endpoint is set; the standard OTEL_* variables configure it", () => {
  expect(loadConfig({}).tracing).toEqual({ endpoint: null, serviceName: "newsgraph", sampleRatio: 1, flushMs: 5_000 });
  expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" }).tracing.endpoint).toBe("http://collector:4318/v1/traces");
  expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://traces.example/ingest" }).tracing.endpoint).toBe("https://traces.example/ingest");
  expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SDK_DISABLED: "true" }).tracing.endpoint).toBeNull();
  expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_TRACES_EXPORTER: "none" }).tracing.endpoint).toBeNull();
  expect(loadConfig({ OTEL_SERVICE_NAME: "newsgraph-staging", OTEL_TRACES_SAMPLER_ARG: "0.25", OTEL_BSP_SCHEDULE_DELAY: "200" }).tracing).toMatchObject({ serviceName: "newsgraph-staging", sampleRatio: 0.25, flushMs: 200 });
  expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toThrow(ConfigError);
  expect(() => loadConfig({ OTEL_TRACES_SAMPLER_ARG: "2" })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
});

test("DATABASE_RANDOM_PAGE_COST: 1.1 by default on PostgreSQL, a number, or `server` to keep the server's; anything else is refused", () => {
  const url = "postgres://u@h:5432/db";
  const cost = (v?: string) => {
    const d = loadConfig({ DATABASE_URL: url, DATABASE_RANDOM_PAGE_COST: v }).database;
    return d.kind === "postgres" ? d.randomPageCost : undefined;
  };
  expect(cost()).toBe(1.1);
  expect(cost("2")).toBe(2);
  expect(cost("server")).toBeNull();
  expect(() => cost("0")).toThrow(/DATABASE_RANDOM_PAGE_COST/);
  expect(() => cost("fast")).toThrow(/DATABASE_RANDOM_PAGE_COST/);
});

test("DATABASE_PARALLEL_WORKERS: 0 by default on PostgreSQL, an integer, or `server` to keep the server's; anything else is refused", () => {
  const url = "postgres://u@h:5432/db";
  const workers = (v?: string) => {
    const d = loadConfig({ DATABASE_URL: url, DATABASE_PARALLEL_WORKERS: v }).database;
    return d.kind === "postgres" ? d.parallelWorkers : undefined;
  };
  expect(workers()).toBe(0);
  expect(workers("2")).toBe(2);
  expect(workers("server")).toBeNull();
  expect(() => workers("-1")).toThrow(/DATABASE_PARALLEL_WORKERS/);
  expect(() => workers("1.5")).toThrow(/DATABASE_PARALLEL_WORKERS/);
});
