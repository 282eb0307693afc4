import { randomBytes } from "node:crypto";
import { createTestDatabase } from "../helpers/app";
import { createKey } from "../helpers/keys";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * Two instances with the response cache on, over one PostgreSQL database and one Redis: a write
 * through one drops the other's cached answers. Runs only with TEST_REDIS_URL and
 * TEST_DATABASE_URL set, as two-instances.test.ts does.
 */
const redisUrl = process.env.TEST_REDIS_URL;
const databaseServerUrl = process.env.TEST_DATABASE_URL;
const describeWithRedis = redisUrl && databaseServerUrl ? describe : describe.skip;

const FRONT = `query Front { articles(first: 5) { edges { node { id headline version } } } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $headline: String!) { updateArticle(id: $id, input: { headline: $headline }, expectedVersion: $v) { status } }`;

async function graphql(server: TestServer, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { json: (await res.json()) as any, sql: Number(res.headers.get("x-sql-statements")) };
}

describeWithRedis("the response cache on two instances over Redis", () => {
  const prefix = `newsgraph-test-${process.pid}-${randomBytes(4).toString("hex")}:`;
  let database: { url: string; drop(): Promise<void> };
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase(databaseServerUrl!);
    const env = { REDIS_URL: redisUrl!, NEWSGRAPH_REDIS_PREFIX: prefix, NEWSGRAPH_RESPONSE_CACHE: "on" };
    a = await startTestServer(env, { databaseUrl: database.url });
    b = await startTestServer(env, { databaseUrl: database.url });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  test("a write through A drops B's cached answer: B's next read runs its SQL and shows the write", async () => {
    const first = await graphql(b, FRONT);
    expect(first.json.errors).toBeUndefined();
    expect(first.sql).toBeGreaterThanOrEqual(1);
    expect((await graphql(b, FRONT)).sql).toBe(0);
    await graphql(a, FRONT);
    expect((await graphql(a, FRONT)).sql).toBe(0);

    const editor = (await createKey(a.app, "editor", "redis cache editor")).headers;
    const article = first.json.data.articles.edges[0].node;
    const headline = `Written through A ${randomBytes(3).toString("hex")}`;
    const write = await graphql(a, UPDATE, { id: article.id, v: article.version, headline }, editor);
    expect(write.json.errors).toBeUndefined();

    // B hears of the write through Redis, a round trip after A's commit (waited for up to 15 s, which
    // a loaded machine may need; a B that never hears of it still fails).
    const deadline = Date.now() + 15_000;
    let after = await graphql(b, FRONT);
    while (after.sql === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      after = await graphql(b, FRONT);
    }
    expect(after.sql).toBeGreaterThanOrEqual(1);
    expect(after.json.data.articles.edges[0].node.headline).toBe(headline);
    // And A, which wrote, dropped its own entry at the commit, before answering the mutation.
    const onA = await graphql(a, FRONT);
    expect(onA.json.data.articles.edges[0].node.headline).toBe(headline);
  });
});
