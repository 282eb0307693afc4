import type { Client } from "graphql-ws";
import { toGlobalId } from "../../src/common/global-id";
import { startTestServer, type TestServer } from "../helpers/server";
import { createKey } from "../helpers/keys";
import { type Stream, firstAfter, subscribe, wsClient } from "../helpers/subscriptions";

/**
 * Mutations announce what they commit: a client subscribed over graphql-ws sees new articles and
 * new quotes as editors write them over HTTP. PGlite by default, PostgreSQL with TEST_DATABASE_URL.
 */
let server: TestServer;
let editor: Record<string, string>;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer();
  editor = (await createKey(server.app, "editor", "live desk")).headers;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});
afterAll(() => server?.close());

async function mutate(query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...editor }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Subscribes and waits until the server delivers (a probe event published directly), so nothing written after this is missed. */
async function live(query: string, variables: Record<string, unknown>, probe: () => void): Promise<Stream> {
  const client = wsClient(server.wsUrl);
  clients.push(client);
  const stream = subscribe(client, query, variables);
  await firstAfter(stream, probe);
  return stream;
}

/** The next result matching `pick`, skipping repeated probes. */
async function nextWhere(stream: Stream, pick: (data: any) => boolean): Promise<any> {
  for (;;) {
    const r = await stream.next();
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    if (pick(r.data)) return r.data;
  }
}

test("upsertArticle announces a new article (once: sending it again is not news) and its quotes", async () => {
  const [existing] = await server.app.sql(`SELECT id FROM article LIMIT 1`);
  const articles = await live(`subscription { articlePublished { id headline quotes { text speaker { name } } } }`, {}, () =>
    server.app.running.pubsub.publish("ARTICLE_PUBLISHED", { articleId: existing.id }),
  );
  const input = {
    url: `https://live.example.com/${Date.now()}`,
    headline: "Live from the desk",
    body: "“It is happening now,” Kim said.",
    publishedAt: "2021-03-18T00:00:00Z",
    quotes: [{ text: "It is happening now,", speaker: { id: "patricia-kim" } }],
  };
  const written = await mutate(`mutation($input: ArticleInput!) { upsertArticle(input: $input) { article { id } } }`, { input });
  const id = written.upsertArticle.article.id;
  const event = await nextWhere(articles, (d) => d.articlePublished.id === id);
  expect(event.articlePublished).toEqual({ id, headline: "Live from the desk", quotes: [{ text: "It is happening now,", speaker: { name: "Patricia Kim" } }] });

  // The same article again changes nothing and announces nothing: the next event is a later article.
  await mutate(`mutation($input: ArticleInput!) { upsertArticle(input: $input) { status } }`, { input });
  const later = await mutate(`mutation($input: ArticleInput!) { createArticle(input: $input) { article { id } } }`, {
    input: { ...input, url: `${input.url}/later`, headline: "Later", quotes: [] },
  });
  const next = await nextWhere(articles, (d) => d.articlePublished.id !== toGlobalId("Article", existing.id));
  expect(next.articlePublished.id).toBe(later.createArticle.article.id);
});

test("quoteAdded(speaker:) delivers the new quotes of that speaker, from createArticle and createQuote, and no one else's", async () => {
  const [kimQuote] = await server.app.sql(
    `SELECT q.id, q.article_id AS "articleId", q.speaker_expert_id AS "speakerId" FROM quote q JOIN expert x ON x.id = q.speaker_expert_id WHERE x.slug = 'patricia-kim' LIMIT 1`,
  );
  const quotes = await live(`subscription($speaker: ID) { quoteAdded(speaker: $speaker) { id text speaker { name } article { headline } } }`, { speaker: "patricia-kim" }, () =>
    server.app.running.pubsub.publish("QUOTE_ADDED", { quoteId: kimQuote.id, articleId: kimQuote.articleId, speakerId: kimQuote.speakerId }),
  );
  const body = "“Austin first,” Austin said. “Kim second,” Kim said.";
  const created = await mutate(`mutation($input: ArticleInput!) { createArticle(input: $input) { article { id quotes { id } } } }`, {
    input: {
      headline: "Two voices",
      body,
      publishedAt: "2021-03-18T00:00:00Z",
      quotes: [
        { text: "Austin first,", speaker: { id: "lloyd-austin" } },
        { text: "Kim second,", speaker: { name: "Patricia Kim", organization: "USIP" } },
      ],
    },
  });
  const [, kimId] = created.createArticle.article.quotes.map((q: any) => q.id);
  const probe = toGlobalId("Quote", kimQuote.id);
  const first = await nextWhere(quotes, (d) => d.quoteAdded.id !== probe);
  expect(first.quoteAdded).toEqual({ id: kimId, text: "Kim second,", speaker: { name: "Patricia Kim" }, article: { headline: "Two voices" } });

  const added = await mutate(`mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id } } }`, {
    input: { article: created.createArticle.article.id, text: "One more thing.", speaker: { id: "patricia-kim" } },
  });
  const second = await nextWhere(quotes, (d) => d.quoteAdded.id !== probe);
  expect(second.quoteAdded).toMatchObject({ id: added.createQuote.quote.id, text: "One more thing." });
});

test("revoking a key ends the subscriptions opened with it at once (close 4403); others go on", async () => {
  const reader = await createKey(server.app, "reader", "soon revoked reader");
  const other = await createKey(server.app, "reader", "other reader");
  const admin = await createKey(server.app, "admin", "live admin");
  const [existing] = await server.app.sql(`SELECT id FROM article LIMIT 1`);
  const probe = () => server.app.running.pubsub.publish("ARTICLE_PUBLISHED", { articleId: existing.id });
  const open = async (headers: Record<string, string>) => {
    const client = wsClient(server.wsUrl, { Authorization: headers.authorization });
    clients.push(client);
    const stream = subscribe(client, `subscription { articlePublished { id } }`);
    await firstAfter(stream, probe);
    return stream;
  };
  const doomed = await open(reader.headers);
  const kept = await open(other.headers);

  const res = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...admin.headers },
    body: JSON.stringify({ query: `mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { revokedAt } } }`, variables: { id: toGlobalId("ApiKey", reader.id) } }),
  });
  expect(((await res.json()) as any).data.revokeApiKey.apiKey.revokedAt).toEqual(expect.any(String));

  // The revoked key's stream ends with the close (after any events already on their way).
  let closed: unknown;
  try {
    for (;;) await doomed.next(5_000);
  } catch (err) {
    closed = err;
  }
  expect(closed).toMatchObject({ code: 4403, reason: "API key revoked" });
  // The other key's subscription still delivers.
  probe();
  expect((await kept.next()).data).toEqual({ articlePublished: { id: toGlobalId("Article", existing.id) } });
});
