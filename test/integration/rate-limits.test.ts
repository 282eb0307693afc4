import { createTestApp, type TestApp } from "../helpers/app";
import { createKey } from "../helpers/keys";

// Rate limits costed by query cost, per client address and per API key (in memory here; the
// Redis-shared budget is tested in test/redis).
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ NEWSGRAPH_RATE_LIMIT_ADDRESS: "100", NEWSGRAPH_RATE_LIMIT_KEY: "400", NEWSGRAPH_RATE_LIMIT_WINDOW_S: "60" });
});
afterAll(async () => {
  await app?.close();
});

const PAGE = `{ articles(first: 10) { nodes { headline } } }`;
const post = (query: string, headers: Record<string, string> = {}, address = "203.0.113.7") =>
  app.running.app.inject({ method: "POST", url: "/graphql", remoteAddress: address, headers: { "content-type": "application/json", ...headers }, payload: JSON.stringify({ query }) });

test("each answer carries RateLimit headers, and the budget shrinks by the operation's cost, not by one", async () => {
  const first = await post(PAGE);
  expect(first.statusCode).toBe(200);
  expect(first.headers["ratelimit-limit"]).toBe("100");
  const cost = 100 - Number(first.headers["ratelimit-remaining"]);
  expect(cost).toBeGreaterThan(1);
  const second = await post(PAGE);
  expect(Number(second.headers["ratelimit-remaining"])).toBe(100 - 2 * cost);
  expect(Number(second.headers["ratelimit-reset"])).toBeGreaterThan(0);
  expect(Number(second.headers["ratelimit-reset"])).toBeLessThanOrEqual(60);
});

test("a spent budget answers 429 RATE_LIMITED with Retry-After, before any resolver runs", async () => {
  let refused;
  for (let i = 0; i < 20 && !refused; i++) {
    const res = await post(PAGE);
    if (res.statusCode === 429) refused = res;
  }
  expect(refused).toBeDefined();
  const body = JSON.parse(refused!.body);
  expect(body.data).toBeUndefined();
  expect(body.errors[0].extensions).toMatchObject({ code: "RATE_LIMITED", by: "address", limit: 100 });
  expect(body.errors[0].extensions.http).toBeUndefined();
  expect(Number(refused!.headers["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(refused!.headers["ratelimit-remaining"]).toBe("0");
  expect(refused!.headers["x-sql-statements"]).toBe("0");
});

test("another address has its own budget", async () => {
  const res = await post(PAGE, {}, "198.51.100.9");
  expect(res.statusCode).toBe(200);
  expect(Number(res.headers["ratelimit-remaining"])).toBeGreaterThan(50);
});

test("a request with an API key is charged to the key, not to the exhausted address", async () => {
  const reader = await createKey(app, "reader");
  const res = await post(PAGE, reader.headers);
  expect(res.statusCode).toBe(200);
  expect(res.headers["ratelimit-limit"]).toBe("400");
  const other = await createKey(app, "reader", "second reader");
  const fresh = await post(PAGE, other.headers);
  expect(fresh.headers["ratelimit-remaining"]).toBe(res.headers["ratelimit-remaining"]);
});

test("an operation costing more than the whole budget is refused at once", async () => {
  const reader = await createKey(app, "reader", "big spender");
  const res = await post(`{ articles(first: 100) { nodes { headline quotes { text } } } }`, reader.headers);
  expect(res.statusCode).toBe(429);
  expect(JSON.parse(res.body).errors[0].extensions).toMatchObject({ code: "RATE_LIMITED", by: "key", limit: 400 });
});

test("refusals are counted in /metrics", async () => {
  const res = await app.running.app.inject({ method: "GET", url: "/metrics" });
  expect(res.body).toMatch(/newsgraph_rate_limit_refusals_total\{by="address"\} [1-9]/);
  expect(res.body).toMatch(/newsgraph_rate_limit_refusals_total\{by="key"\} [1-9]/);
});

test("without limits configured, no RateLimit headers are sent", async () => {
  const plain = await createTestApp();
  try {
    const res = await plain.running.app.inject({ method: "POST", url: "/graphql", headers: { "content-type": "application/json" }, payload: JSON.stringify({ query: PAGE }) });
    expect(res.statusCode).toBe(200);
    expect(res.headers["ratelimit-limit"]).toBeUndefined();
  } finally {
    await plain.close();
  }
});
