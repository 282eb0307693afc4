import { randomBytes } from "node:crypto";
import type { Client } from "graphql-ws";
import { Redis } from "ioredis";
import { toGlobalId } from "../../src/common/global-id";
import { createTestDatabase } from "../helpers/app";
import { createKey } from "../helpers/keys";
import { startTestServer, type TestServer } from "../helpers/server";
import { firstAfter, subscribe, wsClient } from "../helpers/subscriptions";

/**
 * Two server instances over one PostgreSQL database and one Redis: a subscriber on one sees what
 * the other publishes. Needs both servers, so it runs only with TEST_REDIS_URL and
 * TEST_DATABASE_URL set (.ci/run sets them); `npm test` on a machine without them skips it.
 */
const redisUrl = process.env.TEST_REDIS_URL;
const databaseServerUrl = process.env.TEST_DATABASE_URL;
const describeWithRedis = redisUrl && databaseServerUrl ? describe : describe.skip;

describeWithRedis("two instances over Redis pub/sub and one database", () => {
  // A channel prefix of this run's own: parallel runs on one Redis do not see each other's events.
  const prefix = `newsgraph-test-${process.pid}-${randomBytes(4).toString("hex")}:`;
  let database: { url: string; drop(): Promise<void> };
  let a: TestServer;
  let b: TestServer;
  const clients: Client[] = [];
  const client = (server: TestServer) => {
    const c = wsClient(server.wsUrl);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    database = await createTestDatabase(databaseServerUrl!);
    const env = { REDIS_URL: redisUrl!, NEWSGRAPH_REDIS_PREFIX: prefix };
    // One after the other: the first migrates and seeds, the second finds it done.
    a = await startTestServer(env, { databaseUrl: database.url });
    b = await startTestServer(env, { databaseUrl: database.url });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  test("both instances are on Redis with this run's prefix", async () => {
    const redis = new Redis(redisUrl!);
    try {
      const stream = subscribe(client(a), `subscription { articlePublished { id } }`);
      const [{ id }] = await b.app.sql(`SELECT id FROM article LIMIT 1`);
      await firstAfter(stream, () => b.app.running.pubsub.publish("ARTICLE_PUBLISHED", { articleId: id }));
      const [, subscribers] = (await redis.pubsub("NUMSUB", `${prefix}ARTICLE_PUBLISHED`)) as [string, number];
      expect(Number(subscribers)).toBeGreaterThanOrEqual(1);
    } finally {
      redis.disconnect();
    }
  });

  test("a subscriber on A receives the article B publishes, read from the shared database", async () => {
    const [row] = await b.app.sql(
      `INSERT INTO article (slug, headline, body, published_at) VALUES ($1, 'Written through B', 'Body.', now()) RETURNING id`,
      [`via-b-${randomBytes(3).toString("hex")}`],
    );
    const stream = subscribe(client(a), `subscription { articlePublished { id headline quotes { text } } }`);
    const result = await firstAfter(stream, () => b.app.running.pubsub.publish("ARTICLE_PUBLISHED", { articleId: row.id }));
    expect(result).toEqual({ data: { articlePublished: { id: toGlobalId("Article", row.id), headline: "Written through B", quotes: [] } } });
  });

  test("quoteAdded(speaker:) on B filters what A publishes", async () => {
    const quotes = await a.app.sql(
      `SELECT q.id, q.article_id AS "articleId", coalesce(q.speaker_expert_id, q.speaker_organization_id) AS "speakerId", x.slug
         FROM quote q LEFT JOIN expert x ON x.id = q.speaker_expert_id ORDER BY q.position`,
    );
    const kim = quotes.find((q) => q.slug === "patricia-kim");
    const other = quotes.find((q) => q.speakerId !== kim.speakerId);
    const publish = (q: typeof kim) => a.app.running.pubsub.publish("QUOTE_ADDED", { quoteId: q.id, articleId: q.articleId, speakerId: q.speakerId });
    const stream = subscribe(client(b), `subscription { quoteAdded(speaker: "patricia-kim") { id speaker { name } } }`);
    const first = await firstAfter(stream, () => publish(kim));
    expect(first.data?.quoteAdded).toEqual({ id: toGlobalId("Quote", kim.id), speaker: { name: "Patricia Kim" } });
    publish(other);
    const [added] = await a.app.sql(
      `INSERT INTO quote (text, article_id, speaker_expert_id, position) VALUES ('Said on A.', $1, $2, 99) RETURNING id`,
      [kim.articleId, kim.speakerId],
    );
    publish({ ...kim, id: added.id });
    const seen: string[] = [];
    for (let next = await stream.next(); ; next = await stream.next()) {
      seen.push(next.data.quoteAdded.id);
      if (next.data.quoteAdded.id === toGlobalId("Quote", added.id)) break;
    }
    expect(seen).not.toContain(toGlobalId("Quote", other.id));
  });

  test("an article written with a mutation on B reaches a subscriber on A", async () => {
    const { headers } = await createKey(b.app, "editor", "instance b desk");
    const [existing] = await a.app.sql(`SELECT id FROM article LIMIT 1`);
    const probeId = toGlobalId("Article", existing.id);
    const stream = subscribe(client(a), `subscription { articlePublished { id headline quotes { text speaker { name } } } }`);
    await firstAfter(stream, () => b.app.running.pubsub.publish("ARTICLE_PUBLISHED", { articleId: existing.id }));
    const res = await fetch(`${b.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({
        query: `mutation($input: ArticleInput!) { createArticle(input: $input) { article { id } } }`,
        variables: { input: { headline: "Written on B", body: "“From B,” Kim said.", publishedAt: "2021-03-18T00:00:00Z", quotes: [{ text: "From B,", speaker: { id: "patricia-kim" } }] } },
      }),
    });
    const body = (await res.json()) as { data: { createArticle: { article: { id: string } } } };
    const id = body.data.createArticle.article.id;
    let next = await stream.next();
    while (next.data.articlePublished.id === probeId) next = await stream.next();
    expect(next.data.articlePublished).toEqual({ id, headline: "Written on B", quotes: [{ text: "From B,", speaker: { name: "Patricia Kim" } }] });
  });

  test("a key revoked on B ends the subscription opened with it on A", async () => {
    const reader = await createKey(a.app, "reader", "reader on A");
    const admin = await createKey(b.app, "admin", "admin on B");
    const [existing] = await a.app.sql(`SELECT id FROM article LIMIT 1`);
    const c = wsClient(a.wsUrl, { Authorization: reader.headers.authorization });
    clients.push(c);
    const stream = subscribe(c, `subscription { articlePublished { id } }`);
    await firstAfter(stream, () => a.app.running.pubsub.publish("ARTICLE_PUBLISHED", { articleId: existing.id }));
    const res = await fetch(`${b.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...admin.headers },
      body: JSON.stringify({ query: `mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { revokedAt } } }`, variables: { id: toGlobalId("ApiKey", reader.id) } }),
    });
    expect(res.status).toBe(200);
    let closed: unknown;
    try {
      for (;;) await stream.next(5_000);
    } catch (err) {
      closed = err;
    }
    expect(closed).toMatchObject({ code: 4403 });
  });
});
