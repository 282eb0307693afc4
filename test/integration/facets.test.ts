import "reflect-metadata";
import { createTestApp, type GraphQLResult, type TestApp } from "../helpers/app";
import { createKey } from "../helpers/keys";
import { EXAMPLE_TABS } from "../../src/graphiql/examples";

/**
 * `facets` on the articles, quotes and events connections, through the real pipeline on PGlite or
 * (with TEST_DATABASE_URL) PostgreSQL, over articles written through the API in 2030 (the demo
 * data is older). Every read is asked twice: planned (one statement) and through the executor
 * (an unplanned `__schema` beside it), and both answers must be equal.
 */
let app: TestApp;

const CREATE = `mutation($input: ArticleInput!) { createArticle(input: $input) { status } }`;

interface Seed {
  slug: string;
  publishedAt: string;
  publisher?: string;
  sections: string[];
  language: string;
  topics: string[];
  speakers: Array<{ name: string; organization?: string } | { organization: string }>;
  events?: Array<{ title: string; startsOn: string }>;
}

const SEEDS: Seed[] = [
  { slug: "facet-1", publishedAt: "2030-01-06T09:00:00Z", publisher: "Facet Wire", sections: ["World"], language: "en", topics: ["Facet Alpha", "Facet Beta"],
    speakers: [{ name: "Facet Person One", organization: "Facet Institute" }, { name: "Facet Person Two" }] },
  { slug: "facet-2", publishedAt: "2030-01-07T23:30:00Z", publisher: "Facet Wire", sections: ["World", "Asia"], language: "en", topics: ["Facet Alpha"],
    speakers: [{ name: "Facet Person One", organization: "Facet Institute" }] },
  { slug: "facet-3", publishedAt: "2030-01-20T12:00:00Z", publisher: "Facet Daily", sections: ["Business"], language: "fr", topics: ["Facet Beta"],
    speakers: [{ name: "Facet Person Two" }, { name: "Facet Person Two" }] },
  { slug: "facet-4", publishedAt: "2030-02-03T08:00:00Z", sections: [], language: "de", topics: [], speakers: [{ organization: "Facet Ministry" }] },
  { slug: "facet-5", publishedAt: "2030-02-03T18:00:00Z", publisher: "Facet Daily", sections: ["World"], language: "en", topics: ["Facet Alpha"], speakers: [],
    events: [{ title: "Facet Summit", startsOn: "2030-02-05" }] },
];

beforeAll(async () => {
  app = await createTestApp();
  const editor = (await createKey(app, "editor", "facets")).headers;
  for (const s of SEEDS) {
    const body = `Body of ${s.slug}. ` + s.speakers.map((_, i) => `Quote ${i} of ${s.slug}.`).join(" ");
    const input = {
      url: `https://facets.example.com/${s.slug}`,
      slug: s.slug,
      headline: `Headline ${s.slug}`,
      body,
      language: s.language,
      publishedAt: s.publishedAt,
      ...(s.publisher ? { publisher: { name: s.publisher } } : {}),
      sections: s.sections,
      topics: s.topics.map((name) => ({ name })),
      quotes: s.speakers.map((speaker, i) => ({ text: `Quote ${i} of ${s.slug}.`, speaker })),
      events: (s.events ?? []).map((e) => ({ title: e.title, kind: "SUMMIT", startsOn: e.startsOn })),
    };
    const r = await app.graphql(CREATE, { input }, editor);
    expect(r.errors).toBeUndefined();
    expect(r.data.createArticle.status).toBe("CREATED");
  }
});
afterAll(async () => {
  await app?.close();
});

/** The planned answer (one statement), checked equal to the executor's; returns the planned one. */
async function read(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult> {
  const planned = await app.graphql(query, variables);
  const executed = await app.graphql(query.replace(/^(query[^{]*\{|\{)/, "$1 __schema { queryType { name } } "), variables);
  if (executed.data) delete executed.data.__schema;
  expect(planned.errors).toBeUndefined();
  expect(executed.errors).toBeUndefined();
  expect(planned.data).toEqual(executed.data);
  expect(planned.sql).toBe(1);
  expect(executed.sql).toBeGreaterThan(1);
  return planned;
}

type Bucket = { count: number; node?: { name: string } | null; key?: string | null; start?: string | null };
const label = (b: Bucket) => (b.node !== undefined ? (b.node?.name ?? null) : b.key !== undefined ? b.key : b.start);
/** Buckets as [label, count], ties (same count) in label order: tie order is by id, not asserted. */
const pairs = (buckets: Bucket[]) =>
  buckets.map((b) => [label(b), b.count] as const).sort((x, y) => y[1] - x[1] || String(x[0]).localeCompare(String(y[0])));
const sum = (buckets: Bucket[]) => buckets.reduce((n, b) => n + b.count, 0);

const IN_2030 = `filter: { publishedAfter: "2030-01-01T00:00:00Z" }`;
const ALL = `topics { count node { name } } experts { count node { name } } organizations { count node { name } } places { count node { name } }
  publishers { count node { name } } sections { key count } languages { key count } byDay { start count } byWeek { start count } byMonth { start count }`;

test("articles: every facet counts the filter's articles, not the page; single-valued facets sum to totalCount", async () => {
  const r = await read(`{ articles(first: 1, ${IN_2030}) { totalCount nodes { slug } facets { ${ALL} } } }`);
  const { totalCount, nodes, facets } = r.data.articles;
  expect(totalCount).toBe(5);
  expect(nodes).toHaveLength(1);
  expect(pairs(facets.topics)).toEqual([["Facet Alpha", 3], ["Facet Beta", 2]]);
  // People the articles name or quote: facet-3 quotes Person Two twice and counts once.
  expect(pairs(facets.experts)).toEqual([["Facet Person One", 2], ["Facet Person Two", 2]]);
  expect(pairs(facets.publishers)).toEqual([["Facet Daily", 2], ["Facet Wire", 2], [null, 1]]);
  // Publishers, the quoted Facet Ministry, and Facet Institute, which the articles quoting its member name.
  expect(pairs(facets.organizations)).toEqual([["Facet Daily", 2], ["Facet Institute", 2], ["Facet Wire", 2], ["Facet Ministry", 1]]);
  // A bucket's count is the totalCount of the filter narrowed to its node.
  for (const org of ["facet-institute", "facet-ministry", "facet-wire"]) {
    const narrowed = await app.graphql(`{ articles(filter: { publishedAfter: "2030-01-01T00:00:00Z", organization: "${org}" }) { totalCount } }`);
    expect({ org, n: narrowed.data.articles.totalCount }).toEqual({ org, n: org === "facet-ministry" ? 1 : 2 });
  }
  expect(pairs(facets.sections)).toEqual([["World", 3], ["Business", 1], [null, 1]]);
  expect(pairs(facets.languages)).toEqual([["en", 3], ["de", 1], ["fr", 1]]);
  expect(facets.byMonth).toEqual([{ start: "2030-02-01", count: 2 }, { start: "2030-01-01", count: 3 }]);
  // ISO weeks start on Monday: Sunday 2030-01-06 is in the week of 2029-12-31.
  expect(facets.byWeek).toEqual([
    { start: "2030-01-28", count: 2 },
    { start: "2030-01-14", count: 1 },
    { start: "2030-01-07", count: 1 },
    { start: "2029-12-31", count: 1 },
  ]);
  expect(facets.byDay).toEqual([
    { start: "2030-02-03", count: 2 },
    { start: "2030-01-20", count: 1 },
    { start: "2030-01-07", count: 1 },
    { start: "2030-01-06", count: 1 },
  ]);
  for (const single of ["publishers", "sections", "languages", "byDay", "byWeek", "byMonth"]) expect({ single, sum: sum(facets[single]) }).toEqual({ single, sum: totalCount });
  // Each topic bucket is the totalCount of the filter narrowed to that topic.
  const alpha = await read(`{ articles(filter: { publishedAfter: "2030-01-01T00:00:00Z", topic: "facet-alpha" }) { totalCount facets { publishers { count node { name } } byMonth { start count } } } }`);
  expect(alpha.data.articles.totalCount).toBe(3);
  expect(pairs(alpha.data.articles.facets.publishers)).toEqual([["Facet Wire", 2], ["Facet Daily", 1]]);
  expect(sum(alpha.data.articles.facets.byMonth)).toBe(3);
});

test("articles: a person quoted where they are not named counts once under experts, and no longer once the quote goes", async () => {
  const editor = (await createKey(app, "editor", "facets-quoted")).headers;
  const ids = await app.graphql(`{ a5: article(slug: "facet-5") { id } a1: article(slug: "facet-1") { id } one: expert(slug: "facet-person-one") { id } }`);
  const experts = async () => pairs((await read(`{ articles(${IN_2030}) { totalCount facets { experts { count node { name } } } } }`)).data.articles.facets.experts);
  const quote = async (article: string, text: string) => {
    const r = await app.graphql(`mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id } } }`, { input: { article, text, speaker: { id: ids.data.one.id } } }, editor);
    expect(r.errors).toBeUndefined();
    return r.data.createQuote.quote.id as string;
  };
  // facet-5 names no one; facet-1 names and quotes Person One already.
  const added = [await quote(ids.data.a5.id, "Quoted in facet-5 without a mention."), await quote(ids.data.a1.id, "Quoted again in facet-1.")];
  expect(await experts()).toEqual([["Facet Person One", 3], ["Facet Person Two", 2]]);
  for (const id of added) expect((await app.graphql(`mutation($id: ID!) { deleteQuote(id: $id) { deletedId } }`, { id }, editor)).errors).toBeUndefined();
  // Whatever the writes left named or quoted, the bucket is the count of articles naming or quoting the person.
  const [{ n }] = await app.sql<{ n: number }>(
    `SELECT count(DISTINCT s.article_id)::integer AS n
       FROM expert x, LATERAL (SELECT article_id FROM article_expert WHERE expert_id = x.id UNION ALL SELECT article_id FROM quote WHERE speaker_expert_id = x.id) s
       JOIN article a ON a.id = s.article_id
      WHERE x.slug = 'facet-person-one' AND a.published_at >= '2030-01-01'`,
  );
  expect(await experts()).toEqual([["Facet Person One", n], ["Facet Person Two", 2]].sort((x, y) => Number(y[1]) - Number(x[1]) || String(x[0]).localeCompare(String(y[0]))));
});

test("filters are respected and first cuts to the top buckets; only selected facets are counted", async () => {
  const r = await read(`{ articles(filter: { publishedAfter: "2030-01-01T00:00:00Z", language: "en" }) { totalCount facets { topics(first: 1) { count node { name } } sections(first: 0) { key } } } }`);
  expect(r.data.articles).toEqual({ totalCount: 3, facets: { topics: [{ count: 3, node: { name: "Facet Alpha" } }], sections: [] } });
  // Through the executor: the page's statement is not run for facets alone, one statement per selected facet, one loader batch.
  const executed = await app.graphql(`{ __schema { queryType { name } } articles(${IN_2030}) { facets { topics { count node { name } } } } }`);
  expect(executed.errors).toBeUndefined();
  expect(executed.sql).toBe(3);
});

test("quotes: counts of quotes by speaker, their organizations, their articles' publisher and day said", async () => {
  const r = await read(`{ quotes(filter: { saidAfter: "2030-01-01" }) { totalCount facets { ${ALL} } } }`);
  const { totalCount, facets } = r.data.quotes;
  expect(totalCount).toBe(6);
  expect(pairs(facets.experts)).toEqual([["Facet Person Two", 3], ["Facet Person One", 2]]);
  expect(pairs(facets.organizations)).toEqual([["Facet Institute", 2], ["Facet Ministry", 1]]);
  expect(pairs(facets.publishers)).toEqual([["Facet Wire", 3], ["Facet Daily", 2], [null, 1]]);
  expect(pairs(facets.topics)).toEqual([["Facet Beta", 4], ["Facet Alpha", 3]]);
  for (const single of ["publishers", "sections", "languages", "byDay", "byWeek", "byMonth"]) expect({ single, sum: sum(facets[single]) }).toEqual({ single, sum: totalCount });
  const one = await read(`{ quotes(filter: { saidAfter: "2030-01-01", speaker: "facet-person-two" }) { totalCount facets { publishers { count node { name } } } } }`);
  expect(one.data.quotes.totalCount).toBe(3);
  expect(pairs(one.data.quotes.facets.publishers)).toEqual([["Facet Daily", 2], ["Facet Wire", 1]]);
});

test("events: by the event's date, and by what the reporting articles carry", async () => {
  const r = await read(`{ events(filter: { from: "2030-01-01" }) { totalCount facets { topics { count node { name } } publishers { count node { name } } languages { key count } byMonth { start count } byDay { start count } } } }`);
  expect(r.data.events).toEqual({
    totalCount: 1,
    facets: {
      topics: [{ count: 1, node: { name: "Facet Alpha" } }],
      publishers: [{ count: 1, node: { name: "Facet Daily" } }],
      languages: [{ key: "en", count: 1 }],
      byMonth: [{ start: "2030-02-01", count: 1 }],
      byDay: [{ start: "2030-02-05", count: 1 }],
    },
  });
});

test("bad arguments are coded errors, planned or not; nested connections have no facets", async () => {
  for (const q of [`{ articles { facets { topics(first: -1) { count } } } }`, `{ quotes { facets { byDay(first: 101) { count } } } }`, `query($n: Int!) { events { facets { places(first: $n) { count } } } }`]) {
    const res = await app.graphql(q, { n: 1000 });
    expect({ q, status: res.status < 500, code: res.errors?.[0].extensions?.code, facets: Object.values(res.data ?? {})[0] }).toEqual({ q, status: true, code: "BAD_USER_INPUT", facets: { facets: null } });
  }
  for (const q of [`{ articles { facets { topics(top: 3) { count } } } }`, `{ articles { facets { topics(first: "x") { count } } } }`, `{ articles { facets { byYear { count } } } }`]) {
    const res = await app.graphql(q);
    expect({ q, code: res.errors?.[0].extensions?.code }).toEqual({ q, code: "GRAPHQL_VALIDATION_FAILED" });
  }
  const nested = await app.graphql(`{ topic(slug: "facet-alpha") { articles { totalCount facets { topics { count } } } } }`);
  expect(nested.errors).toBeUndefined();
  expect(nested.data.topic.articles).toEqual({ totalCount: 3, facets: null });
});

test("GraphiQL's Facets tab runs on the demo data, planned in one statement", async () => {
  const tab = EXAMPLE_TABS.find((t) => t.name === "Facets")!;
  const res = await app.graphql(tab.query);
  expect(res.errors).toBeUndefined();
  expect(res.sql).toBe(1);
  expect(res.data.articles.totalCount).toBeGreaterThan(0);
  expect(res.data.articles.facets.experts.length).toBeGreaterThan(0);
  expect(res.data.quotes.facets.byDay.length).toBeGreaterThan(0);
});
