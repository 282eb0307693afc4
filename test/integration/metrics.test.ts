import { Writable } from "node:stream";
import pino from "pino";
import { createTestApp, type TestApp } from "../helpers/app";

// GET /metrics (Prometheus text format) and the slow-operation log, after real operations.
let app: TestApp;
const lines: Record<string, unknown>[] = [];
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  app = await createTestApp({ NEWSGRAPH_SLOW_OPERATION_MS: "1" }, { log: pino({ level: "info" }, sink) });
});
afterAll(async () => {
  await app?.close();
});

async function scrape(): Promise<{ text: string; value(name: string, labels?: Record<string, string>): number }> {
  const res = await app.running.app.inject({ method: "GET", url: "/metrics" });
  expect(res.statusCode).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = res.body;
  return {
    text,
    value(name, labels = {}) {
      const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
      const line = text.split("\n").find((l) => {
        if (l.startsWith("#")) return false;
        const [series] = l.split(" ");
        const base = series.replace(/\{.*$/, "");
        return base === name && want.every((w) => series.includes(w));
      });
      return line ? Number(line.split(" ").pop()) : NaN;
    },
  };
}

test("operations are counted and timed by name and type, errors by code, statements per request", async () => {
  const before = await scrape();
  const front = (n: number) => app.graphql(`query FrontPage { articles(first: ${n}) { nodes { headline quotes { text } } } }`);
  await front(2);
  await front(3);
  await app.graphql(`query Broken { articles { noSuchField } }`);
  const after = await scrape();
  const delta = (name: string, labels?: Record<string, string>) => after.value(name, labels) - (Number.isNaN(before.value(name, labels)) ? 0 : before.value(name, labels));
  expect(delta("newsgraph_graphql_requests_total", { operation: "FrontPage", type: "query" })).toBe(2);
  expect(delta("newsgraph_graphql_request_duration_seconds_count", { operation: "FrontPage", type: "query" })).toBe(2);
  expect(delta("newsgraph_graphql_errors_total", { code: "GRAPHQL_VALIDATION_FAILED" })).toBe(1);
  expect(delta("newsgraph_sql_statements_per_request_count")).toBe(3);
  expect(delta("newsgraph_sql_statements_per_request_sum")).toBeGreaterThanOrEqual(2);
});

test("the pool and the process are reported", async () => {
  const m = await scrape();
  expect(m.value("newsgraph_db_pool_connections", { state: "waiting" })).toBe(0);
  expect(m.value("newsgraph_db_pool_connections", { state: "idle" })).toBeGreaterThanOrEqual(0);
  expect(m.value("newsgraph_process_resident_memory_bytes")).toBeGreaterThan(10_000_000);
});

test("operation names cannot grow the metrics without bound", async () => {
  for (let i = 0; i < 5; i++) await app.graphql(`query Name${"x".repeat(70)}${i} { __typename }`);
  const m = await scrape();
  expect(m.text).not.toContain("x".repeat(70));
  expect(m.value("newsgraph_graphql_requests_total", { operation: "other" })).toBeGreaterThanOrEqual(5);
});

test("a slow operation is logged at warn with its request id, name, time and statements", async () => {
  lines.length = 0;
  const r = await app.running.app.inject({
    method: "POST",
    url: "/graphql",
    headers: { "content-type": "application/json", "x-request-id": "slow-req-1" },
    payload: JSON.stringify({ query: `query SlowOne { articles(first: 5) { nodes { headline quotes { text } } } }` }),
  });
  expect(r.statusCode).toBe(200);
  const slow = lines.find((l) => l.msg === "slow operation");
  expect(slow).toMatchObject({ level: 40, requestId: "slow-req-1", operation: "SlowOne" });
  expect(slow!.ms).toEqual(expect.any(Number));
  expect(slow!.sql).toBeGreaterThanOrEqual(1);
});

test("NEWSGRAPH_METRICS=false turns the endpoint off", async () => {
  const off = await createTestApp({ NEWSGRAPH_METRICS: "false" });
  try {
    const res = await off.running.app.inject({ method: "GET", url: "/metrics" });
    expect(res.statusCode).toBe(404);
  } finally {
    await off.close();
  }
});
