import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { createTestDatabase } from "../helpers/app";
import { startTestServer, type TestServer } from "../helpers/server";

/** Two instances over one Redis draw on one rate-limit budget. Runs with TEST_REDIS_URL and TEST_DATABASE_URL (.ci/run). */
const redisUrl = process.env.TEST_REDIS_URL;
const databaseServerUrl = process.env.TEST_DATABASE_URL;
const describeWithRedis = redisUrl && databaseServerUrl ? describe : describe.skip;

describeWithRedis("rate limits shared through Redis", () => {
  const prefix = `newsgraph-test-${process.pid}-${randomBytes(4).toString("hex")}:`;
  let database: { url: string; drop(): Promise<void> };
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase(databaseServerUrl!);
    const env = { REDIS_URL: redisUrl!, NEWSGRAPH_REDIS_PREFIX: prefix, NEWSGRAPH_RATE_LIMIT_ADDRESS: "100" };
    a = await startTestServer(env, { databaseUrl: database.url });
    b = await startTestServer(env, { databaseUrl: database.url });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    const redis = new Redis(redisUrl!);
    try {
      const keys = await redis.keys(`${prefix}ratelimit:*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    await database?.drop();
  });

  const post = (server: TestServer) =>
    server.app.running.app.inject({
      method: "POST",
      url: "/graphql",
      remoteAddress: "192.0.2.44",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ query: `{ articles(first: 10) { nodes { headline } } }` }),
    });

  test("what one address spends on A is gone on B, and B refuses once the shared budget is spent", async () => {
    const onA = await post(a);
    const cost = 100 - Number(onA.headers["ratelimit-remaining"]);
    expect(cost).toBeGreaterThan(1);
    const onB = await post(b);
    expect(Number(onB.headers["ratelimit-remaining"])).toBe(100 - 2 * cost);
    let refused;
    for (let i = 0; i < 20 && !refused; i++) {
      const res = await post(i % 2 ? a : b);
      if (res.statusCode === 429) refused = res;
    }
    expect(refused).toBeDefined();
    expect(JSON.parse(refused!.body).errors[0].extensions.code).toBe("RATE_LIMITED");
  });
});
