import { EXAMPLE_TABS } from "../../src/graphiql/examples";
import { createTestApp, type TestApp } from "../helpers/app";
import { expectBadUserInput, globalId, insertArticle, insertEvent, insertExpert, insertOrganization, insertQuote, insertTopic, query } from "../helpers/fixtures";

/**
 * `search(query:)` across articles, quotes, experts, organizations and events, on articles written
 * for the test around a made-up word ("zephyrine"), so that the demo data never matches and the
 * right order is known from the formula in the README ("Cross-type search").
 */
let app: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await createTestApp();
  const topic = await insertTopic(app, { name: "Zephyr studies" });
  const expert = await insertExpert(app, { name: "Marguerite Oyelaran-Pike", title: "analyst" });
  const org = await insertOrganization(app, { name: "Zephyrine Harbour Authority", aliases: ["ZHA"] });
  ids.org = org.id;
  ids.expert = expert.id;
  // Same headline, a year apart: the newer ranks first.
  ids.headlineNew = await insertArticle(app, {
    headline: "Zephyrine accord signed in Geneva",
    body: "Delegates met for three days.",
    publishedAt: "2025-05-01T09:00:00Z",
    sections: ["World"],
    topicSlugs: [topic.slug],
  });
  ids.headlineOld = await insertArticle(app, {
    headline: "Zephyrine accord signed in Geneva",
    body: "Delegates met for three days.",
    publishedAt: "2024-05-01T09:00:00Z",
    sections: ["Archive"],
  });
  // Only in the lead of the body.
  ids.lead = await insertArticle(app, {
    headline: "Talks continue in the port",
    body: "The zephyrine accord was mentioned once by the mayor.",
    publishedAt: "2025-05-02T09:00:00Z",
    language: "fr",
    quotes: [{ text: "The zephyrine accord is a breakthrough for the port", expertSlug: expert.slug }],
  });
  // Only deep in the body, past the lead that ranking reads.
  ids.deep = await insertArticle(app, {
    headline: "A long report",
    body: `${"Unrelated words fill the opening of this report. ".repeat(30)}Far down, the zephyrine accord appears.`,
    publishedAt: "2025-05-03T09:00:00Z",
  });
  ids.namedQuote = (await app.sql<{ id: string }>(`SELECT id FROM quote WHERE article_id = $1`, [ids.lead]))[0]!.id;
  // The same words from an anonymous source: a named speaker counts for more.
  ids.anonymousQuote = await insertQuote(app, ids.deep, 0, { text: "The zephyrine accord is a breakthrough for the port", organizationSlug: org.slug });
  await app.sql(`UPDATE quote SET speaker_organization_id = NULL, speaker_description = 'a harbour official', speaker_description_organization_id = $2 WHERE id = $1`, [
    ids.anonymousQuote,
    org.id,
  ]);
  // A quote of hers that does not say the word: found through her name.
  await insertQuote(app, ids.headlineOld, 0, { text: "We will see what the delegates decide.", expertSlug: expert.slug });
  ids.event = await insertEvent(app, { title: "Zephyrine accord signing", kind: "meeting", startsOn: "2025-04-30", articleIds: [ids.headlineNew] });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const SEARCH = `query ($q: String!, $types: [SearchType!], $filter: SearchFilter, $first: Int, $after: String) {
  search(query: $q, types: $types, filter: $filter, first: $first, after: $after) {
    totalCount
    totalCountIsEstimate
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      cursor
      score
      highlights { field snippet matches { start end } }
      node {
        __typename
        ... on Article { id headline }
        ... on Quote { id text }
        ... on Expert { id name }
        ... on Organization { id name }
        ... on Event { id title }
      }
    }
  }
}`;

interface Edge {
  cursor: string;
  score: number;
  highlights: Array<{ field: string; snippet: string; matches: Array<{ start: number; end: number }> }>;
  node: { __typename: string; id: string; headline?: string; text?: string; name?: string; title?: string };
}

async function search(variables: Record<string, unknown>) {
  return (await query<{ search: { totalCount: number; totalCountIsEstimate: boolean; pageInfo: any; edges: Edge[] } }>(app, SEARCH, variables)).search;
}

/** Global ids of fixture rows, by their key in `ids`. */
function expectedIds(...pairs: Array<[Parameters<typeof globalId>[0], string]>): string[] {
  return pairs.map(([type, key]) => globalId(type, ids[key]!));
}

test("ranks headline matches over quotes over body matches, newer first, with named speakers before anonymous ones", async () => {
  const r = await search({ q: "zephyrine accord" });
  const order = r.edges.map((e) => e.node.id);
  const want = expectedIds(
    ["Article", "headlineNew"], // headline match (2), 2025-05-01
    ["Event", "event"], // title match (2), the same rank, a day older (2025-04-30)
    ["Article", "headlineOld"], // headline match (2), a year older
    ["Quote", "namedQuote"], // a quote (1), named speaker (+0.25)
    ["Quote", "anonymousQuote"], // the same words, anonymous
    ["Article", "lead"], // in the lead of the body
    ["Article", "deep"], // only deep in the body (rank 0)
  );
  // "Zephyrine Harbour Authority" is not like the whole query "zephyrine accord": no name match.
  expect(order).toEqual(want);
  const scores = r.edges.map((e) => e.score);
  expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  expect(r.totalCount).toBe(r.edges.length);
  expect(r.totalCountIsEstimate).toBe(false);
});

test("headline, body and quote highlights point at the matched words", async () => {
  const r = await search({ q: "zephyrine accord" });
  let checked = 0;
  for (const edge of r.edges) {
    for (const h of edge.highlights) {
      expect(h.matches.length).toBeGreaterThan(0);
      expect(h.snippet).not.toMatch(/[<>\uE000\uE001]/);
      for (const m of h.matches) {
        expect(h.snippet.slice(m.start, m.end).toLowerCase()).toMatch(/^(zephyrine|accord)$/);
        checked++;
      }
    }
  }
  expect(checked).toBeGreaterThanOrEqual(10);
  const byNode = (id: string) => r.edges.find((e) => e.node.id === id)!;
  const [headlineNew, deep, namedQuote, event] = expectedIds(["Article", "headlineNew"], ["Article", "deep"], ["Quote", "namedQuote"], ["Event", "event"]);
  expect(byNode(headlineNew).highlights).toEqual([
    { field: "headline", snippet: "Zephyrine accord signed in Geneva", matches: [{ start: 0, end: 9 }, { start: 10, end: 16 }] },
  ]);
  const deepBody = byNode(deep).highlights.find((h) => h.field === "body")!;
  expect(deepBody.snippet).toContain("zephyrine accord appears");
  expect(deepBody.snippet.length).toBeLessThan(300);
  expect(byNode(namedQuote).highlights.map((h) => h.field)).toEqual(["text"]);
  expect(byNode(event).highlights[0]).toEqual({ field: "title", snippet: "Zephyrine accord signing", matches: [{ start: 0, end: 9 }, { start: 10, end: 16 }] });
});

test("names tolerate typos: \"Xi Jingping\" and \"Margerite Oyelaran Pike\" find the people, and her quotes follow", async () => {
  const xi = await search({ q: "Xi Jinpin", types: ["EXPERT"] });
  expect(xi.edges[0]!.node.name).toBe("Xi Jinping");
  const alias = await search({ q: "Xi Jingping", types: ["EXPERT"] });
  expect(alias.edges[0]!.node.name).toBe("Xi Jinping");
  expect(alias.edges[0]!.highlights[0]!.field).toMatch(/^(name|aliases)$/);

  const org = await search({ q: "Zephyrine Harbor Authority", types: ["ORGANIZATION"] });
  expect(org.edges.map((e) => e.node.name)).toEqual(["Zephyrine Harbour Authority"]);

  const r = await search({ q: "Margerite Oyelaran Pike" });
  expect(r.edges[0]!.node).toMatchObject({ __typename: "Expert", name: "Marguerite Oyelaran-Pike" });
  const name = r.edges[0]!.highlights[0]!;
  expect(name.field).toBe("name");
  expect(name.matches.map((m) => name.snippet.slice(m.start, m.end))).toEqual(["Marguerite", "Oyelaran", "Pike"]);
  // Both of her quotes, though neither contains her name, before anything else.
  expect(r.edges.slice(1, 3).map((e) => e.node.__typename)).toEqual(["Quote", "Quote"]);
});

test("websearch syntax: phrases, exclusions and or", async () => {
  const phrase = await search({ q: `"accord signed"`, types: ["ARTICLE"] });
  expect(phrase.edges.map((e) => e.node.id).sort()).toEqual((expectedIds(["Article", "headlineNew"], ["Article", "headlineOld"])).sort());
  const excluded = await search({ q: "zephyrine -geneva", types: ["ARTICLE"] });
  expect(excluded.edges.map((e) => e.node.headline)).not.toContain("Zephyrine accord signed in Geneva");
  expect(excluded.edges.length).toBe(2);
  const either = await search({ q: "mayor or delegates", types: ["ARTICLE"] });
  expect(either.edges.length).toBe(3);
});

test("the article filters apply through articles", async () => {
  const [headlineNew, lead, deep, event] = expectedIds(["Article", "headlineNew"], ["Article", "lead"], ["Article", "deep"], ["Event", "event"]);
  const after = await search({ q: "zephyrine accord", types: ["ARTICLE"], filter: { publishedAfter: "2025-01-01T00:00:00Z" } });
  expect(after.edges.map((e) => e.node.id).sort()).toEqual([headlineNew, lead, deep].sort());
  const section = await search({ q: "zephyrine accord", filter: { section: "World" } });
  // The article in the section and the event it reports; quotes, experts and organizations of other articles drop out.
  expect(section.edges.map((e) => e.node.id)).toEqual([headlineNew, event]);
  const french = await search({ q: "zephyrine accord", types: ["ARTICLE", "QUOTE"], filter: { language: "fr" } });
  expect(french.edges.map((e) => e.node.__typename).sort()).toEqual(["Article", "Quote"]);
  const topic = await search({ q: "zephyrine", types: ["ARTICLE"], filter: { topic: "zephyr-studies-nope" } });
  expect(topic.edges).toEqual([]);
});

test("cursors page through the same results once each, in order", async () => {
  // At first: 1 the two headline matches fill the first page (the others are not ranked); at 2 they do not.
  for (const q of ["zephyrine accord", "zephyrine -mayor", "geneva or zephyrine"]) {
    const all = await search({ q, first: 50 });
    expect(all.edges.length).toBeGreaterThan(3);
    for (const first of [1, 2]) {
      const seen: Array<[string, number]> = [];
      let after: string | null = null;
      for (let i = 0; i < 20; i++) {
        const page = await search({ q, first, after });
        seen.push(...page.edges.map((e): [string, number] => [e.node.id, e.score]));
        expect(page.pageInfo.hasPreviousPage).toBe(after != null);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect({ q, first, seen }).toEqual({ q, first, seen: all.edges.map((e) => [e.node.id, e.score]) });
    }
    expect(all.pageInfo.hasNextPage).toBe(false);
  }
});

test("the same highlights on articles(filter: { search }) and quotes(filter: { search }) edges", async () => {
  const r = await query(app, `{
    articles(filter: { search: "zephyrine accord" }, first: 10) { edges { node { headline } highlights { field snippet matches { start end } } } }
    quotes(filter: { search: "breakthrough" }) { edges { node { text } highlights { field snippet matches { start end } } } }
    plain: articles(first: 1) { edges { highlights { field } } }
  }`);
  expect(r.articles.edges.length).toBe(4);
  for (const edge of r.articles.edges) {
    expect(edge.highlights.length).toBeGreaterThan(0);
    for (const h of edge.highlights) for (const m of h.matches) expect(h.snippet.slice(m.start, m.end).toLowerCase()).toMatch(/^(zephyrine|accord)$/);
  }
  expect(r.quotes.edges.length).toBe(2);
  for (const edge of r.quotes.edges) {
    const [h] = edge.highlights;
    expect(h.field).toBe("text");
    expect(h.matches.map((m: { start: number; end: number }) => h.snippet.slice(m.start, m.end))).toEqual(["breakthrough"]);
  }
  expect(r.plain.edges[0].highlights).toEqual([]);
});

test("hostile input gives results or a coded error, never a 500", async () => {
  await expectBadUserInput(app, SEARCH, { q: "   " }, "query");
  await expectBadUserInput(app, SEARCH, { q: "x".repeat(1001) }, "query");
  await expectBadUserInput(app, SEARCH, { q: "zephyrine", types: [] }, "types");
  await expectBadUserInput(app, SEARCH, { q: "zephyrine", after: "not-a-cursor" }, "after");
  await expectBadUserInput(app, SEARCH, { q: "zephyrine", first: 101 }, "first");
  await expectBadUserInput(app, SEARCH, { q: "zephyrine", filter: { topic: "Not A Slug!" } }, "filter.topic");
  for (const q of [
    `- - " or -`,
    `""`,
    `!!! &&& ||| ::: *** <-> (( ))`,
    "北朝鮮 制裁 😀",
    "Zéphyrine accörd",
    "\u202eaccord\u202c",
    `${"zephyrine accord ".repeat(58)}`.slice(0, 1000),
    "a",
    "%_\\",
    "' OR 1=1 --",
  ]) {
    const r = await app.graphql(SEARCH, { q });
    expect(r.status).toBe(200);
    expect(r.errors).toBeUndefined();
    expect(Array.isArray(r.data.search.edges)).toBe(true);
  }
});

test("GraphiQL's search tab runs as it is shipped (the browser test clicks it where Chromium is installed)", async () => {
  const tab = EXAMPLE_TABS.find((t) => t.name === "Search everything")!;
  const r = await app.graphql(tab.query, JSON.parse(tab.variables!));
  expect(r.errors).toBeUndefined();
  // This file's own articles (2025) move the freshness day: the order is the README's, checked by readme.test.ts.
  expect(r.data.search.edges.map((e: Edge) => e.node.__typename).sort()).toEqual(["Article", "Event", "Quote"]);
});
