import { createTestApp, type TestApp } from "../helpers/app";
import { createKey } from "../helpers/keys";

/**
 * Pipelines retry and run in parallel: twenty identical writes at once must leave one row. On
 * PostgreSQL (TEST_DATABASE_URL) the twenty requests really run in parallel over a pool of five
 * connections; on PGlite they queue for its one connection.
 */
let app: TestApp;
let editor: Record<string, string>;
beforeAll(async () => {
  app = await createTestApp();
  editor = (await createKey(app, "editor", "parallel importer")).headers;
});
afterAll(() => app.close());

const N = 20;

async function count(sql: string, params: unknown[]): Promise<number> {
  return (await app.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
}

test(`${N} concurrent upserts of the same article create one article, one new expert and one new organization`, async () => {
  const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const person = `Casey Concurrent ${tag}`;
  const org = `Parallel Institute ${tag}`;
  const input = {
    url: `https://wire.example.com/${tag}`,
    headline: `Concurrency ${tag}`,
    body: "“One,” said Casey. “Two,” the institute said.",
    publishedAt: "2021-03-14T00:00:00Z",
    quotes: [
      { text: "One,", speaker: { name: person, title: "fellow", organization: org } },
      { text: "Two,", speaker: { organization: org } },
    ],
    topics: [{ name: `Topic ${tag}` }],
    events: [{ title: `Event ${tag}`, startsOn: "2021-03-15", participants: [{ name: person }] }],
  };
  const query = `mutation($input: ArticleInput!) { upsertArticle(input: $input) { status article { id quotes { id speaker { id } } } } }`;
  const results = await Promise.all(Array.from({ length: N }, () => app.graphql(query, { input }, editor)));
  for (const r of results) expect(r.errors).toBeUndefined();
  const ids = new Set(results.map((r) => r.data.upsertArticle.article.id));
  expect(ids.size).toBe(1);
  expect(new Set(results.map((r) => JSON.stringify(r.data.upsertArticle.article))).size).toBe(1);
  const statuses = results.map((r) => r.data.upsertArticle.status).sort();
  expect(statuses).toEqual(["CREATED", ...Array(N - 1).fill("UNCHANGED")]);
  expect(await count("article WHERE url = $1", [input.url])).toBe(1);
  expect(await count("quote q JOIN article a ON a.id = q.article_id WHERE a.url = $1", [input.url])).toBe(2);
  expect(await count("expert WHERE name = $1", [person])).toBe(1);
  expect(await count("organization WHERE name = $1", [org])).toBe(1);
  expect(await count("topic WHERE name = $1", [`Topic ${tag}`])).toBe(1);
  expect(await count("event WHERE title = $1", [`Event ${tag}`])).toBe(1);
});

test(`${N} concurrent upserts of different articles quoting the same new person make one expert`, async () => {
  const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const person = `Robin Everywhere ${tag}`;
  const query = `mutation($input: ArticleInput!) { upsertArticle(input: $input) { article { quotes { speaker { id } } } } }`;
  const results = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      app.graphql(
        query,
        {
          input: {
            url: `https://wire.example.com/${tag}/${i}`,
            headline: `Story ${i} ${tag}`,
            body: "“Quoted everywhere,” Robin said.",
            publishedAt: "2021-03-14T00:00:00Z",
            quotes: [{ text: "Quoted everywhere,", speaker: { name: person, organization: `Everywhere Org ${tag}` } }],
          },
        },
        editor,
      ),
    ),
  );
  for (const r of results) expect(r.errors).toBeUndefined();
  expect(new Set(results.map((r) => r.data.upsertArticle.article.quotes[0].speaker.id)).size).toBe(1);
  expect(await count("expert WHERE name = $1", [person])).toBe(1);
  expect(await count("organization WHERE name = $1", [`Everywhere Org ${tag}`])).toBe(1);
  expect(await count("article WHERE url LIKE $1", [`https://wire.example.com/${tag}/%`])).toBe(N);
});

test("concurrent batches naming the same new people and event, each with names of its own, create each once", async () => {
  const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const shared = ["Ada", "Bo", "Cy"].map((first) => `${first} Shared ${tag}`);
  const BATCHES = 6;
  const inputs = (b: number) =>
    Array.from({ length: 5 }, (_, i) => {
      const own = `Own ${b} ${tag}`;
      const speaker = i % 2 ? own : shared[i % 3]!;
      const body = `“Batched together,” said ${speaker}. ${shared.join(", ")} were there.`;
      return {
        url: `https://wire.example.com/${tag}/${b}/${i}`,
        headline: `Batch ${b} story ${i} ${tag}`,
        body,
        publishedAt: "2021-03-14T00:00:00Z",
        quotes: [{ text: "Batched together,", speaker: { name: speaker, organization: `Shared Org ${tag}` } }],
        mentions: { people: shared.map((name) => ({ name })), places: [{ name: `Place ${b % 2} ${tag}` }] },
        events: [{ title: `Shared Event ${tag}`, startsOn: "2021-03-15", participants: [{ name: own }] }],
      };
    });
  const query = `mutation($inputs: [ArticleInput!]!) { upsertArticles(inputs: $inputs) { results { status error { message } } } }`;
  const results = await Promise.all(Array.from({ length: BATCHES }, (_, b) => app.graphql(query, { inputs: inputs(b) }, editor)));
  for (const r of results) {
    expect(r.errors).toBeUndefined();
    expect(r.data.upsertArticles.results.map((x: { status: string }) => x.status)).toEqual(Array(5).fill("CREATED"));
  }
  for (const name of shared) expect(await count("expert WHERE name = $1", [name])).toBe(1);
  for (let b = 0; b < BATCHES; b++) expect(await count("expert WHERE name = $1", [`Own ${b} ${tag}`])).toBe(1);
  expect(await count("organization WHERE name = $1", [`Shared Org ${tag}`])).toBe(1);
  expect(await count("place WHERE name LIKE $1", [`Place % ${tag}`])).toBe(2);
  expect(await count("event WHERE title = $1", [`Shared Event ${tag}`])).toBe(1);
  expect(await count("event_expert l JOIN event e ON e.id = l.event_id WHERE e.title = $1", [`Shared Event ${tag}`])).toBe(BATCHES);
  expect(await count("article WHERE url LIKE $1", [`https://wire.example.com/${tag}/%`])).toBe(BATCHES * 5);
});

test(`${N} concurrent createExpert of the same person: one is created, the others are CONFLICT naming it`, async () => {
  const name = `Drew Duplicate ${Date.now()}`;
  const query = `mutation($input: ExpertInput!) { createExpert(input: $input) { expert { id } } }`;
  const results = await Promise.all(Array.from({ length: N }, () => app.graphql(query, { input: { name, organization: { name: "Duplicate Studies Center" } } }, editor)));
  const created = results.filter((r) => !r.errors);
  expect(created).toHaveLength(1);
  const id = created[0]!.data.createExpert.expert.id;
  for (const r of results.filter((r) => r.errors)) expect(r.errors![0].extensions).toMatchObject({ code: "CONFLICT", existingId: id });
  expect(await count("expert WHERE name = $1", [name])).toBe(1);
});

test(`${N} concurrent updates with the same expectedVersion: exactly one wins, the rest are CONFLICT`, async () => {
  const created = await app.graphql(
    `mutation($input: TopicInput!) { upsertTopic(input: $input) { topic { id } } }`,
    { input: { name: `Race ${Date.now()}` } },
    editor,
  );
  expect(created.errors).toBeUndefined();
  const article = await app.graphql(
    `mutation($input: ArticleInput!) { createArticle(input: $input) { article { id version } } }`,
    { input: { headline: `Race article ${Date.now()}`, body: "Body.", publishedAt: "2021-03-14T00:00:00Z" } },
    editor,
  );
  const { id, version } = article.data.createArticle.article;
  const results = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      app.graphql(`mutation($id: ID!, $h: String!, $v: Int!) { updateArticle(id: $id, input: { headline: $h }, expectedVersion: $v) { article { version } } }`, { id, h: `Headline ${i}`, v: version }, editor),
    ),
  );
  expect(results.filter((r) => !r.errors)).toHaveLength(1);
  expect(results.filter((r) => r.errors?.[0]?.extensions?.code === "CONFLICT")).toHaveLength(N - 1);
  const final = await app.graphql(`query($id: ID!) { node(id: $id) { ... on Article { version } } }`, { id });
  expect(final.data.node.version).toBe(version + 1);
});

test("statements per upsert do not grow with the number of quotes when the speakers are known", async () => {
  const speakers = ["Antony Blinken", "Lloyd Austin", "Patricia Kim", "Leif-Eric Easley", "Xi Jinping", "Joe Biden"];
  const input = (n: number, url: string) => ({
    url,
    headline: `Many voices ${n}`,
    body: "Quotes follow.",
    publishedAt: "2021-03-14T00:00:00Z",
    publisher: { name: "VOA" },
    quotes: Array.from({ length: n }, (_, i) => ({ text: `Line ${i}.`, speaker: { name: speakers[i % speakers.length] } })),
  });
  const query = `mutation($input: ArticleInput!) { upsertArticle(input: $input) { status } }`;
  const statements: Record<string, number> = {};
  // Warm-up: the key's first use of the minute records last_used_at, one statement more.
  await app.graphql(`mutation { upsertTopic(input: { name: "Warm-up" }) { status } }`, {}, editor);
  for (const n of [3, 30]) {
    const url = `https://wire.example.com/voices-${n}-${Date.now()}`;
    const created = await app.graphql(query, { input: input(n, url) }, editor);
    const again = await app.graphql(query, { input: input(n, url) }, editor);
    expect(again.data.upsertArticle.status).toBe("UNCHANGED");
    statements[`create ${n}`] = created.sql;
    statements[`unchanged ${n}`] = again.sql;
  }
  expect(statements["create 30"]).toBe(statements["create 3"]);
  expect(statements["unchanged 30"]).toBe(statements["unchanged 3"]);
});
