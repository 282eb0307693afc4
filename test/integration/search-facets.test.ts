import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { EXAMPLE_TABS } from "../../src/graphiql/examples";
import { createTestApp, type TestApp } from "../helpers/app";
import { createKey } from "../helpers/keys";

/**
 * `search(query:) { facets }` through the real pipeline on PGlite or (with TEST_DATABASE_URL)
 * PostgreSQL, over articles written through the API around a made-up word ("quillfeather"), so
 * that the demo data never matches.
 */
let app: TestApp;

const CREATE = `mutation($input: ArticleInput!) { createArticle(input: $input) { status } }`;

interface Seed {
  slug: string;
  headline: string;
  body: string;
  publishedAt: string;
  publisher?: string;
  sections: string[];
  language: string;
  topics: string[];
  quotes: Array<{ text: string; speaker: { name: string } | { organization: string } }>;
  events?: Array<{ title: string; startsOn: string }>;
}

// Hits: articles qf-1, qf-2, qf-4 (not qf-3); quotes of qf-1 (one), qf-2 (one), qf-3 (one); the event of qf-1.
const SEEDS: Seed[] = [
  { slug: "qf-1", headline: "Quillfeather talks open", body: "Delegates met.", publishedAt: "2031-03-02T09:00:00Z", publisher: "QF Wire", sections: ["World"], language: "en",
    topics: ["QF Alpha", "QF Beta"], quotes: [{ text: "The quillfeather deal is close.", speaker: { name: "QF Person One" } }, { text: "Nothing to add.", speaker: { name: "QF Person Two" } }],
    events: [{ title: "Quillfeather summit", startsOn: "2031-03-01" }] },
  { slug: "qf-2", headline: "Harbour news", body: "The quillfeather plan was raised again.", publishedAt: "2031-03-03T10:00:00Z", publisher: "QF Daily", sections: [], language: "fr",
    topics: ["QF Alpha"], quotes: [{ text: "Quillfeather again, we said.", speaker: { organization: "QF Ministry" } }] },
  { slug: "qf-3", headline: "Unrelated report", body: "Nothing here.", publishedAt: "2031-03-10T10:00:00Z", publisher: "QF Wire", sections: ["World"], language: "en",
    topics: ["QF Alpha"], quotes: [{ text: "The quillfeather plan is ours.", speaker: { name: "QF Person Two" } }] },
  { slug: "qf-4", headline: "Quillfeather, a footnote", body: "Short.", publishedAt: "2031-04-01T10:00:00Z", sections: ["Business"], language: "en", topics: [], quotes: [] },
];

beforeAll(async () => {
  app = await createTestApp();
  const editor = (await createKey(app, "editor", "search facets")).headers;
  for (const s of SEEDS) {
    const input = {
      url: `https://search-facets.example.com/${s.slug}`,
      slug: s.slug,
      headline: s.headline,
      // The quotes stay out of the body, so that qf-3's quote matches and its article does not.
      body: s.body,
      language: s.language,
      publishedAt: s.publishedAt,
      ...(s.publisher ? { publisher: { name: s.publisher } } : {}),
      sections: s.sections,
      topics: s.topics.map((name) => ({ name })),
      quotes: s.quotes,
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

type Bucket = { count: number; node?: { name: string } | null; key?: string | null; start?: string | null };
const label = (b: Bucket) => (b.node !== undefined ? (b.node?.name ?? null) : b.key !== undefined ? b.key : b.start);
const pairs = (buckets: Bucket[]) =>
  buckets.map((b) => [label(b), b.count] as const).sort((x, y) => y[1] - x[1] || String(x[0]).localeCompare(String(y[0])));
const sum = (buckets: Array<{ count: number }>) => buckets.reduce((n, b) => n + b.count, 0);

const ALL = `types { type count } topics { count node { name } } experts { count node { name } } organizations { count node { name } } places { count node { name } }
  publishers { count node { name } } sections { key count } languages { key count } byDay { start count } byWeek { start count } byMonth { start count }`;
const SINGLE = ["publishers", "sections", "languages", "byDay", "byWeek", "byMonth"];

async function search(args: string, selection: string) {
  const r = await app.graphql(`{ search(${args}) { ${selection} } }`);
  expect(r.errors).toBeUndefined();
  return { ...r.data.search, sql: r.sql };
}

test("buckets by type sum to totalCount; the article facets count the article and quote results", async () => {
  const r = await search(`query: "quillfeather", first: 2`, `totalCount totalCountIsEstimate edges { cursor } facets { ${ALL} }`);
  expect(r.totalCount).toBe(7);
  expect(r.totalCountIsEstimate).toBe(false);
  expect(r.edges).toHaveLength(2);
  expect(r.facets.types).toEqual([{ type: "ARTICLE", count: 3 }, { type: "QUOTE", count: 3 }, { type: "EVENT", count: 1 }]);
  expect(sum(r.facets.types)).toBe(r.totalCount);
  const articlesAndQuotes = 6;
  for (const single of SINGLE) expect({ single, sum: sum(r.facets[single]) }).toEqual({ single, sum: articlesAndQuotes });
  // qf-1, qf-2 and the quotes of qf-1, qf-2, qf-3 have Alpha; qf-1 and its quote Beta.
  expect(pairs(r.facets.topics)).toEqual([["QF Alpha", 5], ["QF Beta", 2]]);
  // Articles count whom they quote (qf-1: both people), quotes their speaker.
  expect(pairs(r.facets.experts)).toEqual([["QF Person One", 2], ["QF Person Two", 2]]);
  expect(pairs(r.facets.publishers)).toEqual([["QF Wire", 3], ["QF Daily", 2], [null, 1]]);
  expect(pairs(r.facets.sections)).toEqual([["World", 3], [null, 2], ["Business", 1]]);
  expect(pairs(r.facets.languages)).toEqual([["en", 4], ["fr", 2]]);
  expect(r.facets.byMonth).toEqual([{ start: "2031-04-01", count: 1 }, { start: "2031-03-01", count: 5 }]);
});

test("topic buckets equal the counts of articles(filter: { search, topic }) and of the search narrowed to the topic", async () => {
  const onlyArticles = await search(`query: "quillfeather", types: [ARTICLE]`, `totalCount facets { types { type count } topics { count node { slug } } }`);
  expect(onlyArticles.facets.types).toEqual([{ type: "ARTICLE", count: onlyArticles.totalCount }]);
  expect(onlyArticles.facets.topics.length).toBe(2);
  const both = await search(`query: "quillfeather"`, `facets { topics { count node { slug } } }`);
  expect(both.facets.topics.length).toBe(2);
  for (const bucket of onlyArticles.facets.topics) {
    const slug = bucket.node.slug as string;
    const articles = await app.graphql(`{ articles(filter: { search: "quillfeather", topic: "${slug}" }) { totalCount } }`);
    expect({ slug, count: bucket.count }).toEqual({ slug, count: articles.data.articles.totalCount });
    const narrowed = await search(`query: "quillfeather", types: [ARTICLE, QUOTE], filter: { topic: "${slug}" }`, `totalCount`);
    expect({ slug, count: both.facets.topics.find((b: { node: { slug: string } }) => b.node.slug === slug).count }).toEqual({ slug, count: narrowed.totalCount });
  }
});

test("the filter narrows the facets as it narrows the results", async () => {
  const r = await search(`query: "quillfeather", filter: { language: "en" }`, `totalCount facets { types { type count } languages { key count } publishers { count node { name } } }`);
  expect(r.facets.types).toEqual([{ type: "ARTICLE", count: 2 }, { type: "QUOTE", count: 2 }, { type: "EVENT", count: 1 }]);
  expect(sum(r.facets.types)).toBe(r.totalCount);
  expect(r.facets.languages).toEqual([{ key: "en", count: 4 }]);
  expect(pairs(r.facets.publishers)).toEqual([["QF Wire", 3], [null, 1]]);
  const quotesOnly = await search(`query: "quillfeather", types: [QUOTE]`, `totalCount facets { types { type count } byDay { start count } }`);
  expect(quotesOnly.facets.types).toEqual([{ type: "QUOTE", count: 3 }]);
  expect(sum(quotesOnly.facets.byDay)).toBe(3);
  const none = await search(`query: "quillfeather", types: [EVENT]`, `totalCount facets { types { type count } topics { count } }`);
  expect(none).toMatchObject({ totalCount: 1, facets: { types: [{ type: "EVENT", count: 1 }], topics: [] } });
});

test("planned: the page, totalCount and every selected facet with its nodes are one statement", async () => {
  const keys = `facets { types { count } sections { key count } languages { key count } byDay { start count } byWeek { start count } byMonth(first: 3) { start count } }`;
  const nodes = `facets { topics { node { name } } experts { node { name } } sections { key } }`;
  for (const selection of [`totalCount edges { cursor }`, `totalCount edges { cursor } facets { types { type count } }`, `totalCount edges { cursor } ${keys}`, `totalCount edges { cursor } ${nodes}`]) {
    const r = await search(`query: "quillfeather", first: 3`, selection);
    expect({ selection, sql: r.sql }).toEqual({ selection, sql: 1 });
  }
});

test("through the executor, every selected facet is counted by one extra statement; types reuse totalCount's", async () => {
  // __schema is outside the planner: the whole operation goes through the resolvers and loaders.
  const executed = async (selection: string) => {
    const r = await app.graphql(`{ __schema { queryType { name } } search(query: "quillfeather", first: 3) { ${selection} } }`);
    expect(r.errors).toBeUndefined();
    return r.sql;
  };
  const page = await executed(`totalCount edges { cursor }`);
  expect(await executed(`totalCount edges { cursor } facets { types { type count } }`)).toBe(page);
  const keys = `facets { types { count } sections { key count } languages { key count } byDay { start count } byWeek { start count } byMonth(first: 3) { start count } }`;
  expect(await executed(`totalCount edges { cursor } ${keys}`)).toBe(page + 1);
  // The nodes come through the request's loaders: one statement per node type.
  expect(await executed(`totalCount edges { cursor } facets { topics { node { name } } experts { node { name } } sections { key } }`)).toBe(page + 1 + 2);
});

test("bad facet arguments are coded errors", async () => {
  for (const q of [`{ search(query: "quillfeather") { facets { topics(first: -1) { count } } } }`, `{ search(query: "quillfeather") { facets { byDay(first: 101) { count } } } }`]) {
    const r = await app.graphql(q);
    expect({ q, status: r.status < 500, code: r.errors?.[0].extensions?.code }).toEqual({ q, status: true, code: "BAD_USER_INPUT" });
  }
});

/** A search answer with each facet's buckets in (count, then content) order: ties come in id order, which is not the README's to fix. */
function tiesAside(answer: { data: { search: { facets: Record<string, Array<{ count: number }>> } } }) {
  const facets = Object.fromEntries(
    Object.entries(answer.data.search.facets).map(([name, buckets]) => [
      name,
      [...buckets].sort((x, y) => y.count - x.count || JSON.stringify(x).localeCompare(JSON.stringify(y))),
    ]),
  );
  return { data: { search: { ...answer.data.search, facets } } };
}

test("GraphiQL's \"Search with facets\" tab runs as it is shipped and answers what the README shows (the browser test clicks it where Chromium is installed)", async () => {
  const tab = EXAMPLE_TABS.find((t) => t.name === "Search with facets")!;
  const r = await app.graphql(tab.query, tab.variables ? JSON.parse(tab.variables) : undefined);
  expect(r.errors).toBeUndefined();
  const { totalCount, facets, edges } = r.data.search;
  expect(edges.length).toBeGreaterThan(0);
  expect(edges[0].highlights.length).toBeGreaterThan(0);
  expect(sum(facets.types)).toBe(totalCount);
  expect(facets.topics.length).toBeGreaterThan(0);
  // This file's own articles (2031) move the freshness day, not the order of the demo's three results nor the counts.
  const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const shown = /GraphiQL's "Search with facets" tab:\s*```graphql\n([\s\S]*?)```[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)!;
  expect(shown).not.toBeNull();
  expect(shown[1]!.trim()).toBe(tab.query.replace(/^#.*\n/gm, "").trim());
  expect(tiesAside({ data: r.data })).toEqual(tiesAside(JSON.parse(shown[2]!)));
});
