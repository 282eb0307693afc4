import { createTestApp, type TestApp } from "../helpers/app";
import { createKey } from "../helpers/keys";

/**
 * The expert finder (issue 11): experts(filter: { topic, country, quotedAfter, quotedBefore, ... },
 * orderBy: QUOTE_COUNT | LAST_QUOTED), Expert.quoteCount / lastQuotedAt / topics / channels /
 * coQuoted, on data written through the API, and the counts kept right by createQuote,
 * deleteQuote, updateQuote, mergeExperts, article writes and import (upsertArticles). Every read
 * is answered twice, planned (one statement) and by the executor (`__schema` keeps the planner
 * out), and the two answers must be equal.
 */
let app: TestApp;
let editor: Record<string, string>;
const run = Math.random().toString(36).slice(2, 8);
const name = (n: string) => `Finder ${n} ${run}`;
const TOPIC = `Finder sanctions ${run}`;
const OTHER_TOPIC = `Finder trade ${run}`;
let topicSlug: string;
const articles: Record<string, string> = {};
let ids: Record<"alpha" | "beta" | "gamma", string>;

async function write(query: string, variables: Record<string, unknown> = {}) {
  const res = await app.graphql(query, variables, editor);
  expect(res.errors).toBeUndefined();
  return res.data;
}

/** The planned answer, checked against the executor's; returns the data. */
async function read(query: string, variables: Record<string, unknown> = {}, statements?: number) {
  const planned = await app.graphql(query, variables);
  expect({ query, errors: planned.errors }).toEqual({ query, errors: undefined });
  const executed = await app.graphql(query.replace(/^\s*(query[^{]*)?\{/, (m) => `${m} __schema { queryType { name } } `), variables);
  expect({ query, errors: executed.errors }).toEqual({ query, errors: undefined });
  delete executed.data.__schema;
  expect({ query, data: planned.data }).toEqual({ query, data: executed.data });
  expect({ query, sql: planned.sql }).toEqual({ query, sql: 1 });
  if (statements !== undefined) expect({ query, executorStatements: executed.sql }).toEqual({ query, executorStatements: statements });
  return planned.data;
}

const quote = (text: string, who: string, channel?: string) => ({ text, speaker: { name: name(who) }, ...(channel ? { channel } : {}) });

function article(key: string, publishedAt: string, topics: string[], quotes: unknown[]) {
  return {
    url: `https://finder.example.com/${run}/${key}`,
    headline: `Finder ${key} ${run}`,
    body: `Body of finder article ${key}.`,
    publishedAt,
    topics: topics.map((t) => ({ name: t })),
    quotes,
  };
}

const PROFILE = `query($slug: String!) { expert(slug: $slug) { name quoteCount lastQuotedAt version
  topics { topic { name } count } channels { channel count } coQuoted { expert { name } sharedArticles } } }`;

async function profile(key: keyof typeof ids) {
  const slug = (await app.sql<{ slug: string }>(`SELECT slug FROM expert WHERE id = $1`, [ids[key]]))[0]!.slug;
  return (await read(PROFILE, { slug })).expert;
}

/** The counts as the quotes table has them, computed here, independent of the tables the triggers keep. */
async function counted(id: string) {
  const [row] = await app.sql<{ n: number; last: Date | null }>(
    `SELECT count(q.id)::int AS n, max(a.published_at) AS last FROM quote q JOIN article a ON a.id = q.article_id WHERE q.speaker_expert_id = $1`,
    [id],
  );
  const topics = await app.sql<{ name: string; count: number }>(
    `SELECT t.name, count(DISTINCT q.article_id)::int AS count FROM quote q JOIN article_topic l ON l.article_id = q.article_id JOIN topic t ON t.id = l.topic_id
      WHERE q.speaker_expert_id = $1 GROUP BY t.id, t.name ORDER BY count DESC, t.name, t.id LIMIT 10`,
    [id],
  );
  const channels = await app.sql<{ channel: string; count: number }>(
    `SELECT channel, count(*)::int AS count FROM quote WHERE speaker_expert_id = $1 AND channel IS NOT NULL GROUP BY channel ORDER BY count DESC, channel LIMIT 10`,
    [id],
  );
  const coQuoted = await app.sql<{ name: string; n: number }>(
    `SELECT o.name, count(DISTINCT q.article_id)::int AS n FROM quote q JOIN quote c ON c.article_id = q.article_id AND c.speaker_expert_id <> q.speaker_expert_id
       JOIN expert o ON o.id = c.speaker_expert_id WHERE q.speaker_expert_id = $1 GROUP BY o.id, o.name ORDER BY n DESC, o.name, o.id LIMIT 10`,
    [id],
  );
  return {
    quoteCount: row!.n,
    lastQuotedAt: row!.last ? new Date(row!.last).toISOString() : null,
    topics: topics.map((t) => ({ topic: { name: t.name }, count: t.count })),
    channels: channels.map((c) => ({ channel: c.channel, count: c.count })),
    coQuoted: coQuoted.map((c) => ({ expert: { name: c.name }, sharedArticles: c.n })),
  };
}

beforeAll(async () => {
  app = await createTestApp();
  editor = (await createKey(app, "editor", "finder desk")).headers;
  const create = `mutation($input: ArticleInput!) { createArticle(input: $input) { article { id } } }`;
  const inputs = {
    a1: article("a1", "2024-01-10T09:00:00.000Z", [TOPIC], [quote("Sanctions bite.", "Alpha", "told reporters"), quote("They do not.", "Beta", "in an emailed statement")]),
    a2: article("a2", "2024-02-10T09:00:00.000Z", [TOPIC], [
      quote("Talks may resume.", "Alpha", "told reporters"),
      quote("Or may not.", "Alpha", "told reporters"),
      quote("We will see.", "Gamma"),
    ]),
    a3: article("a3", "2024-03-10T09:00:00.000Z", [OTHER_TOPIC], [quote("Tariffs rise.", "Alpha", "in an emailed statement"), quote("Exports fall.", "Beta", "told reporters")]),
  };
  for (const [key, input] of Object.entries(inputs)) articles[key] = (await write(create, { input })).createArticle.article.id;
  const rows = await app.sql<{ id: string; name: string }>(`SELECT id, name FROM expert WHERE name LIKE $1`, [`Finder % ${run}`]);
  const by = (n: string) => rows.find((r) => r.name === name(n))!.id;
  ids = { alpha: by("Alpha"), beta: by("Beta"), gamma: by("Gamma") };
  topicSlug = (await app.sql<{ slug: string }>(`SELECT slug FROM topic WHERE name = $1`, [TOPIC]))[0]!.slug;
});
afterAll(() => app?.close());

test("quoteCount, lastQuotedAt, topics, channels and coQuoted of people quoted in written articles", async () => {
  const alpha = await profile("alpha");
  expect(alpha).toMatchObject({ quoteCount: 4, lastQuotedAt: "2024-03-10T09:00:00.000Z" });
  expect(alpha.topics).toEqual([{ topic: { name: TOPIC }, count: 2 }, { topic: { name: OTHER_TOPIC }, count: 1 }]);
  expect(alpha.channels).toEqual([{ channel: "told reporters", count: 3 }, { channel: "in an emailed statement", count: 1 }]);
  expect(alpha.coQuoted).toEqual([{ expert: { name: name("Beta") }, sharedArticles: 2 }, { expert: { name: name("Gamma") }, sharedArticles: 1 }]);
  const beta = await profile("beta");
  expect(beta).toMatchObject({ quoteCount: 2, lastQuotedAt: "2024-03-10T09:00:00.000Z" });
  // Ties: by topic name, by channel.
  expect(beta.topics.map((t: any) => t.topic.name)).toEqual([TOPIC, OTHER_TOPIC].sort());
  expect(beta.channels).toEqual([{ channel: "in an emailed statement", count: 1 }, { channel: "told reporters", count: 1 }]);
  const gamma = await profile("gamma");
  expect(gamma).toMatchObject({ quoteCount: 1, lastQuotedAt: "2024-02-10T09:00:00.000Z", channels: [], topics: [{ topic: { name: TOPIC }, count: 1 }] });
  for (const key of ["alpha", "beta", "gamma"] as const) expect(await profile(key)).toMatchObject(await counted(ids[key]));
  // first caps each list.
  const slug = (await app.sql(`SELECT slug FROM expert WHERE id = $1`, [ids.alpha]))[0].slug;
  const capped = await read(`query($slug: String!) { expert(slug: $slug) { topics(first: 1) { count } channels(first: 0) { count } coQuoted(first: 1) { sharedArticles } } }`, { slug });
  expect(capped.expert).toEqual({ topics: [{ count: 2 }], channels: [], coQuoted: [{ sharedArticles: 2 }] });
});

test("coQuoted is symmetric: each pair shares the same number of articles both ways", async () => {
  const data = await read(`query($topic: ID!) { experts(first: 100, filter: { topic: $topic }) { nodes { id coQuoted(first: 100) { expert { id } sharedArticles } } } }`, { topic: topicSlug });
  const pairs = new Map<string, number>();
  for (const x of data.experts.nodes) for (const c of x.coQuoted) pairs.set(`${x.id}|${c.expert.id}`, c.sharedArticles);
  expect(pairs.size).toBeGreaterThanOrEqual(4);
  for (const [key, n] of pairs) {
    const [a, b] = key.split("|");
    if (data.experts.nodes.some((x: any) => x.id === b)) expect({ key, n: pairs.get(`${b}|${a}`) }).toEqual({ key, n });
  }
});

test("filters: topic, quotedAfter / quotedBefore (on one quote), country, kind, search; in QUOTE_COUNT order", async () => {
  await write(`mutation($id: ID!) { updateExpert(id: $id, input: { country: "KR", kind: ANALYST }, expectedVersion: 1) { expert { country } } }`, {
    id: Buffer.from(`Expert:${ids.gamma}`).toString("base64url"),
  });
  const names = async (filter: string, orderBy = "{ field: QUOTE_COUNT }") =>
    (await read(`{ experts(first: 50, filter: ${filter}, orderBy: ${orderBy}) { totalCount nodes { name } } }`)).experts;
  expect(await names(`{ topic: "${topicSlug}" }`)).toEqual({ totalCount: 3, nodes: [{ name: name("Alpha") }, { name: name("Beta") }, { name: name("Gamma") }] });
  expect((await names(`{ topic: "${topicSlug}", quotedAfter: "2024-02-01T00:00:00Z" }`)).nodes).toEqual([{ name: name("Alpha") }, { name: name("Gamma") }]);
  expect((await names(`{ topic: "${topicSlug}", quotedBefore: "2024-01-15T00:00:00Z" }`)).nodes).toEqual([{ name: name("Alpha") }, { name: name("Beta") }]);
  // Beta was quoted in February's window only on the other topic: not on the topic in that window.
  expect((await names(`{ topic: "${topicSlug}", quotedAfter: "2024-03-01T00:00:00Z" }`)).nodes).toEqual([]);
  expect((await names(`{ quotedAfter: "2024-03-01T00:00:00Z", quotedBefore: "2024-03-31T00:00:00Z" }`)).nodes).toEqual(
    expect.arrayContaining([{ name: name("Alpha") }, { name: name("Beta") }]),
  );
  expect((await names(`{ topic: "${topicSlug}", country: "KR" }`)).nodes).toEqual([{ name: name("Gamma") }]);
  expect((await names(`{ topic: "${topicSlug}", kind: ANALYST }`)).nodes).toEqual([{ name: name("Gamma") }]);
  // Gamma was last quoted in February, Alpha and Beta in March (then by id).
  const byLast = (await names(`{ topic: "${topicSlug}" }`, "{ field: LAST_QUOTED, direction: ASC }")).nodes.map((n: any) => n.name);
  expect([byLast[0], [...byLast.slice(1)].sort()]).toEqual([name("Gamma"), [name("Alpha"), name("Beta")]]);
  // Search is answered by the executor (it ranks by similarity), with the other filters.
  const searched = await app.graphql(`{ experts(filter: { search: "${name("Alpha")}", topic: "${topicSlug}" }) { nodes { name quoteCount } } }`);
  expect(searched.errors).toBeUndefined();
  expect(searched.data.experts.nodes[0]).toEqual({ name: name("Alpha"), quoteCount: 4 });
});

test("orderings with cursors: QUOTE_COUNT and LAST_QUOTED both ways page through every expert once, in order", async () => {
  const all = await app.sql<{ id: string; n: number; last: Date | null }>(
    `SELECT x.id, count(q.id)::int AS n, max(a.published_at) AS last FROM expert x LEFT JOIN quote q ON q.speaker_expert_id = x.id LEFT JOIN article a ON a.id = q.article_id GROUP BY x.id`,
  );
  const globalId = (id: string) => Buffer.from(`Expert:${id}`).toString("base64url");
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const time = (d: Date | null, never: number) => (d ? new Date(d).getTime() : never);
  const expected: Record<string, string[]> = {
    "QUOTE_COUNT DESC": [...all].sort((a, b) => b.n - a.n || byId(b.id, a.id)).map((r) => globalId(r.id)),
    "QUOTE_COUNT ASC": [...all].sort((a, b) => a.n - b.n || byId(a.id, b.id)).map((r) => globalId(r.id)),
    "LAST_QUOTED DESC": [...all].sort((a, b) => time(b.last, -Infinity) - time(a.last, -Infinity) || byId(b.id, a.id)).map((r) => globalId(r.id)),
    "LAST_QUOTED ASC": [...all].sort((a, b) => time(a.last, Infinity) - time(b.last, Infinity) || byId(a.id, b.id)).map((r) => globalId(r.id)),
  };
  for (const [order, ids] of Object.entries(expected)) {
    const [field, direction] = order.split(" ");
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const data = await read(`query($after: String) { experts(first: 3, after: $after, orderBy: { field: ${field}, direction: ${direction} }) {
        edges { cursor node { id quoteCount lastQuotedAt } } pageInfo { hasNextPage endCursor } } }`, { after });
      seen.push(...data.experts.edges.map((e: any) => e.node.id));
      if (!data.experts.pageInfo.hasNextPage) break;
      after = data.experts.pageInfo.endCursor;
    }
    expect({ order, seen }).toEqual({ order, seen: ids });
    // Backwards from the end gives the last page.
    const last = await read(`{ experts(last: 2, orderBy: { field: ${field}, direction: ${direction} }) { nodes { id } } }`);
    expect(last.experts.nodes.map((n: any) => n.id)).toEqual(ids.slice(-2));
  }
  // A cursor of one ordering is refused by another, with a coded error.
  const page = await app.graphql(`{ experts(first: 1, orderBy: { field: QUOTE_COUNT }) { pageInfo { endCursor } } }`);
  const wrong = await app.graphql(`query($c: String) { experts(after: $c, orderBy: { field: LAST_QUOTED }) { nodes { id } } }`, { c: page.data.experts.pageInfo.endCursor });
  expect(wrong.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
});

test("bad input is a coded error, never a 500", async () => {
  for (const query of [
    `{ experts(filter: { quotedAfter: "2024-03-01T00:00:00Z", quotedBefore: "2024-01-01T00:00:00Z" }) { nodes { id } } }`,
    `{ experts(filter: { topic: "Not a slug!" }) { nodes { id } } }`,
    `{ experts(first: 1) { nodes { topics(first: 101) { count } } } }`,
    `{ experts(first: 1) { nodes { coQuoted(first: -1) { sharedArticles } } } }`,
  ]) {
    const res = await app.graphql(query);
    expect({ query, status: res.status < 500, code: res.errors?.[0].extensions?.code }).toEqual({ query, status: true, code: "BAD_USER_INPUT" });
  }
});

test("the executor loads topics, channels and coQuoted of a page of experts in a fixed number of statements (no N+1)", async () => {
  const query = `{ experts(first: 20, orderBy: { field: QUOTE_COUNT }) { nodes { name quoteCount topics { count topic { name } } channels { channel } coQuoted { sharedArticles expert { name } } } } }`;
  // The page, topics, channels, coQuoted: 4 statements, however many experts.
  await read(query, {}, 4);
});

test("counts stay right after createQuote, updateQuote, deleteQuote, mergeExperts, article updates, import and deleteArticle; being quoted does not bump an expert's version", async () => {
  // Everyone these writes touch, the demo's people included, agrees with a count from the quotes.
  const check = async () => {
    for (const key of ["alpha", "beta", "gamma"] as const) {
      const exists = (await app.sql(`SELECT 1 FROM expert WHERE id = $1`, [ids[key]])).length > 0;
      if (exists) expect({ key, ...(await profile(key)) }).toMatchObject({ key, ...(await counted(ids[key])) });
    }
    const everyone = await app.sql<{ id: string; slug: string }>(`SELECT id, slug FROM expert`);
    for (const x of everyone) expect({ slug: x.slug, ...(await read(PROFILE, { slug: x.slug })).expert }).toMatchObject({ slug: x.slug, ...(await counted(x.id)) });
    // expert_article.named (the articles facet's experts) is whether the quoted person is also named.
    const wrong = await app.sql(
      `SELECT ea.expert_id, ea.article_id, ea.named FROM expert_article ea
        WHERE ea.named <> EXISTS (SELECT 1 FROM article_expert ae WHERE ae.article_id = ea.article_id AND ae.expert_id = ea.expert_id)`,
    );
    expect(wrong).toEqual([]);
  };
  const alphaVersion = (await profile("alpha")).version;
  const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64url");

  const created = await write(`mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id version } } }`, {
    input: { article: articles.a3, text: "Gamma in March.", speaker: { id: gid("Expert", ids.gamma) }, channel: "told reporters" },
  });
  const gamma = await profile("gamma");
  expect(gamma).toMatchObject({ quoteCount: 2, lastQuotedAt: "2024-03-10T09:00:00.000Z", channels: [{ channel: "told reporters", count: 1 }] });
  expect(gamma.coQuoted).toEqual([{ expert: { name: name("Alpha") }, sharedArticles: 2 }, { expert: { name: name("Beta") }, sharedArticles: 1 }]);
  await check();

  // The quote moves to Beta, then is deleted.
  const q = created.createQuote.quote;
  await write(`mutation($id: ID!, $v: Int!, $s: ID!) { updateQuote(id: $id, input: { speaker: { id: $s } }, expectedVersion: $v) { quote { id } } }`, {
    id: q.id, v: q.version, s: gid("Expert", ids.beta),
  });
  expect((await profile("gamma")).quoteCount).toBe(1);
  expect((await profile("beta")).quoteCount).toBe(3);
  await check();
  await write(`mutation($id: ID!) { deleteQuote(id: $id) { deletedId } }`, { id: q.id });
  expect((await profile("beta")).quoteCount).toBe(2);
  await check();

  // Import: a new article quoting Alpha, then the same article again without that quote.
  const upsert = `mutation($inputs: [ArticleInput!]!) { upsertArticles(inputs: $inputs) { results { status error { message } article { id version } } } }`;
  const a4 = article("a4", "2024-05-01T00:00:00.000Z", [TOPIC], [quote("Imported words.", "Alpha", "told reporters"), quote("More imported words.", "Beta")]);
  const imported = await write(upsert, { inputs: [a4] });
  expect(imported.upsertArticles.results[0].error).toBeNull();
  expect(await profile("alpha")).toMatchObject({ quoteCount: 5, lastQuotedAt: "2024-05-01T00:00:00.000Z" });
  await check();
  await write(upsert, { inputs: [{ ...a4, quotes: [quote("More imported words.", "Beta")] }] });
  expect(await profile("alpha")).toMatchObject({ quoteCount: 4, lastQuotedAt: "2024-03-10T09:00:00.000Z" });
  expect((await profile("beta")).lastQuotedAt).toBe("2024-05-01T00:00:00.000Z");
  await check();

  // The article's date is its quotes' date.
  const a4Row = (await app.sql<{ id: string; version: number }>(`SELECT id, version FROM article WHERE url = $1`, [a4.url]))[0]!;
  await write(`mutation($id: ID!, $v: Int!) { updateArticle(id: $id, input: { publishedAt: "2024-04-01T00:00:00.000Z" }, expectedVersion: $v) { article { id } } }`, {
    id: gid("Article", a4Row.id), v: a4Row.version,
  });
  expect((await profile("beta")).lastQuotedAt).toBe("2024-04-01T00:00:00.000Z");
  await check();
  await write(`mutation($id: ID!) { deleteArticle(id: $id) { deletedId } }`, { id: gid("Article", a4Row.id) });
  expect(await profile("beta")).toMatchObject({ quoteCount: 2, lastQuotedAt: "2024-03-10T09:00:00.000Z" });
  await check();
  expect((await profile("alpha")).version).toBe(alphaVersion);

  // Merge Gamma into Beta: Beta has their quotes, and shares A1, A2 and A3 with Alpha.
  const merged = await write(`mutation($into: ID!, $from: [ID!]!) { mergeExperts(into: $into, from: $from) { expert { quoteCount lastQuotedAt } } }`, {
    into: gid("Expert", ids.beta), from: [gid("Expert", ids.gamma)],
  });
  expect(merged.mergeExperts.expert).toEqual({ quoteCount: 3, lastQuotedAt: "2024-03-10T09:00:00.000Z" });
  const beta = await profile("beta");
  expect(beta.coQuoted).toEqual([{ expert: { name: name("Alpha") }, sharedArticles: 3 }]);
  expect((await profile("alpha")).coQuoted).toEqual([{ expert: { name: name("Beta") }, sharedArticles: 3 }]);
  await check();

  // An article's topics change: its people's topic counts follow.
  const a2 = (await app.sql<{ version: number }>(`SELECT version FROM article WHERE id = $1`, [Buffer.from(articles.a2, "base64url").toString().split(":")[1]]))[0]!;
  await write(`mutation($id: ID!, $v: Int!, $t: [TopicRefInput!]) { updateArticle(id: $id, input: { topics: $t }, expectedVersion: $v) { article { id } } }`, {
    id: articles.a2, v: a2.version, t: [{ name: OTHER_TOPIC }],
  });
  expect((await profile("alpha")).topics).toEqual([{ topic: { name: OTHER_TOPIC }, count: 2 }, { topic: { name: TOPIC }, count: 1 }]);
  await check();
});
