/**
 * Relay paging with keyset cursors: forwards and backwards through root and relation connections,
 * ties on the sort key, rows written between pages, page-size limits and forged cursors.
 * Expected orders come from the database itself, so ties resolve by id exactly as the API's do.
 */
import { randomUUID } from "node:crypto";
import { createTestApp, type TestApp } from "../helpers/app";
import { expectBadUserInput, globalId, insertArticle, query } from "../helpers/fixtures";

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Conn {
  totalCount: number;
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: PageInfo;
}
interface PageArgs {
  first?: number;
  after?: string | null;
  last?: number;
  before?: string | null;
}
type Fetch = (args: PageArgs) => Promise<Conn>;

const PAGE = `totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
const ARGS_DEF = `$first: Int, $after: String, $last: Int, $before: String`;
const ARGS = `first: $first, after: $after, last: $last, before: $before`;

let app: TestApp;

/** Extra articles: published on these days of February 2021 (repeats are ties), plus one tied with the demo. */
const DAYS = [1, 2, 3, 4, 5, 6, 6, 6, 7, 8, 9, 10, 11, 11, 12, 13, 14, 15, 16, 17, 18, 18, 18, 18];
const EXTRA = DAYS.length + 1; // 25
const TOTAL = EXTRA + 1; // with the demo article

beforeAll(async () => {
  app = await createTestApp();
  for (let i = 0; i < EXTRA; i++) {
    const publishedAt = i < DAYS.length ? `2021-02-${String(DAYS[i]).padStart(2, "0")}T10:00:00Z` : "2021-03-14T12:00:00Z";
    const austin = i % 3 === 0 || [5, 7, 20, 22, 23].includes(i);
    await insertArticle(app, {
      // Repeating headlines: ties for HEADLINE ordering too.
      headline: `Bulletin ${String(i % 10).padStart(2, "0")}`,
      publishedAt,
      topicSlugs: [...(i % 2 === 0 ? ["defense"] : []), ...(i % 3 === 0 ? ["north-korea"] : [])],
      quotes: [
        ...(austin ? [{ text: `Austin on report ${i}`, expertSlug: "lloyd-austin" }] : []),
        ...(i % 4 === 0 ? [{ text: `Kim on report ${i}`, expertSlug: "patricia-kim", saidOn: i % 8 === 0 ? "2021-02-10" : null }] : []),
      ],
    });
  }
});

afterAll(async () => {
  await app?.close();
});

/* ---------- fetchers ---------- */

const articles = (orderBy?: Record<string, unknown>, filter?: Record<string, unknown>): Fetch => async (args) =>
  (await query(app, `query(${ARGS_DEF}, $orderBy: ArticleOrder, $filter: ArticleFilter) { articles(${ARGS}, orderBy: $orderBy, filter: $filter) { ${PAGE} } }`, {
    ...args, orderBy, filter,
  })).articles;

const topicArticles = (slug: string): Fetch => async (args) =>
  (await query(app, `query(${ARGS_DEF}, $slug: String!) { topic(slug: $slug) { articles(${ARGS}) { ${PAGE} } } }`, { ...args, slug })).topic.articles;

const expertQuotes = (slug: string): Fetch => async (args) =>
  (await query(app, `query(${ARGS_DEF}, $slug: String!) { expert(slug: $slug) { quotes(${ARGS}) { ${PAGE} } } }`, { ...args, slug })).expert.quotes;

/* ---------- expected orders, from SQL ---------- */

const ids = (rows: Array<{ id: string }>, type: "Article" | "Quote") => rows.map((r) => globalId(type, r.id));
/** The database uuid inside a global id (test-side knowledge of the encoding, checked in node.test.ts). */
const uuidOf = (id: string) => Buffer.from(id, "base64url").toString("utf8").split(":")[1]!;

async function articlesByPublished(): Promise<string[]> {
  return ids(await app.sql(`SELECT id FROM article ORDER BY published_at DESC, id DESC`), "Article");
}

async function topicArticlesByPublished(slug: string): Promise<string[]> {
  return ids(
    await app.sql(
      `SELECT a.id FROM article_topic l JOIN article a ON a.id = l.article_id JOIN topic t ON t.id = l.topic_id
       WHERE t.slug = $1 ORDER BY a.published_at DESC, a.id DESC`,
      [slug],
    ),
    "Article",
  );
}

async function expertQuotesBySaid(slug: string): Promise<string[]> {
  return ids(
    await app.sql(
      `SELECT q.id FROM quote q JOIN article a ON a.id = q.article_id JOIN expert x ON x.id = q.speaker_expert_id WHERE x.slug = $1
       ORDER BY coalesce(q.said_on, (a.published_at AT TIME ZONE 'UTC')::date) DESC, a.published_at DESC, q.position ASC, q.id DESC`,
      [slug],
    ),
    "Quote",
  );
}

/* ---------- walking ---------- */

function checkCursors(c: Conn): void {
  expect(c.pageInfo.startCursor).toBe(c.edges[0]?.cursor ?? null);
  expect(c.pageInfo.endCursor).toBe(c.edges[c.edges.length - 1]?.cursor ?? null);
}

const nodeIds = (c: Conn) => c.edges.map((e) => e.node.id);

/** Pages forwards with first/after to the end; checks each page's flags and cursors. */
async function forwards(fetch: Fetch, size: number, start: string | null = null): Promise<{ ids: string[]; pages: Conn[] }> {
  const pages: Conn[] = [];
  let after = start;
  for (;;) {
    const c = await fetch({ first: size, after });
    checkCursors(c);
    pages.push(c);
    if (!c.pageInfo.hasNextPage) break;
    expect(c.edges).toHaveLength(size);
    after = c.pageInfo.endCursor;
    if (pages.length > 100) throw new Error("paging does not end");
  }
  pages.forEach((p, i) => {
    expect(p.pageInfo.hasPreviousPage).toBe(i > 0 || start !== null);
    expect(p.pageInfo.hasNextPage).toBe(i < pages.length - 1);
  });
  return { ids: pages.flatMap(nodeIds), pages };
}

/** Pages backwards with last/before to the start; returns the ids in list order. */
async function backwards(fetch: Fetch, size: number): Promise<{ ids: string[]; pages: Conn[] }> {
  const pages: Conn[] = [];
  let before: string | null = null;
  for (;;) {
    const c = await fetch({ last: size, before });
    checkCursors(c);
    pages.push(c);
    if (!c.pageInfo.hasPreviousPage) break;
    expect(c.edges).toHaveLength(size);
    before = c.pageInfo.startCursor;
    if (pages.length > 100) throw new Error("paging does not end");
  }
  pages.forEach((p, i) => {
    expect(p.pageInfo.hasNextPage).toBe(i > 0);
    expect(p.pageInfo.hasPreviousPage).toBe(i < pages.length - 1);
  });
  return { ids: [...pages].reverse().flatMap(nodeIds), pages };
}

function expectNoDuplicates(list: string[]): void {
  expect(new Set(list).size).toBe(list.length);
}

/* ---------- tests ---------- */

describe("articles, PUBLISHED_AT DESC with ties", () => {
  it("one page of 100 is the whole list, in the database's order", async () => {
    const expected = await articlesByPublished();
    expect(expected).toHaveLength(TOTAL);
    const c = await articles()({ first: 100 });
    expect(nodeIds(c)).toEqual(expected);
    expect(c.totalCount).toBe(TOTAL);
    expect(c.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it("forwards with first: 5 visits every article once, in order", async () => {
    const expected = await articlesByPublished();
    const { ids: seen, pages } = await forwards(articles(), 5);
    expectNoDuplicates(seen);
    expect(seen).toEqual(expected);
    expect(pages.map((p) => p.edges.length)).toEqual([5, 5, 5, 5, 5, 1]);
    // Flags on the first, a middle and the last page.
    expect(pages[0]!.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    expect(pages[2]!.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(pages[5]!.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    for (const p of pages) expect(p.totalCount).toBe(TOTAL);
  });

  it("backwards with last: 5 from the end visits the same articles in reverse traversal", async () => {
    const expected = await articlesByPublished();
    const { ids: seen, pages } = await backwards(articles(), 5);
    expectNoDuplicates(seen);
    expect(seen).toEqual(expected);
    expect(pages.map((p) => p.edges.length)).toEqual([5, 5, 5, 5, 5, 1]);
    // The first backward page is the last five of the list.
    expect(nodeIds(pages[0]!)).toEqual(expected.slice(-5));
    expect(pages[0]!.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(pages[5]!.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it("a page size dividing the list exactly ends with hasNextPage false", async () => {
    const { pages } = await forwards(articles(), 13);
    expect(pages.map((p) => p.edges.length)).toEqual([13, 13]);
  });

  it("after and before together return the rows strictly between", async () => {
    const expected = await articlesByPublished();
    const all = await articles()({ first: 100 });
    const after = all.edges[3]!.cursor;
    const before = all.edges[10]!.cursor;
    expect(nodeIds(await articles()({ first: 100, after, before }))).toEqual(expected.slice(4, 10));
    expect(nodeIds(await articles()({ last: 3, after, before }))).toEqual(expected.slice(7, 10));
    expect(nodeIds(await articles()({ first: 3, after, before }))).toEqual(expected.slice(4, 7));
  });

  it("ASC pages through the same set in the opposite order", async () => {
    const expected = (await articlesByPublished()).reverse();
    const { ids: seen } = await forwards(articles({ field: "PUBLISHED_AT", direction: "ASC" }), 4);
    expect(seen).toEqual(expected);
    const { ids: back } = await backwards(articles({ field: "PUBLISHED_AT", direction: "ASC" }), 4);
    expect(back).toEqual(expected);
  });
});

describe("articles, other orderings and filters", () => {
  it("HEADLINE ASC with repeated headlines pages forwards and backwards by id within ties", async () => {
    const expected = ids(await app.sql(`SELECT id FROM article ORDER BY headline ASC, id ASC`), "Article");
    const order = { field: "HEADLINE", direction: "ASC" };
    const { ids: seen } = await forwards(articles(order), 3);
    expect(seen).toEqual(expected);
    const { ids: back } = await backwards(articles(order), 3);
    expect(back).toEqual(expected);
  });

  it("CREATED_AT DESC pages through every article", async () => {
    const expected = ids(await app.sql(`SELECT id FROM article ORDER BY created_at DESC, id DESC`), "Article");
    const { ids: seen } = await forwards(articles({ field: "CREATED_AT", direction: "DESC" }), 7);
    expect(seen).toEqual(expected);
  });

  it("a filtered list pages within the filter and totalCount counts the filter", async () => {
    const expected = await topicArticlesByPublished("north-korea");
    expect(expected.length).toBe(10); // the demo and every third extra article
    const { ids: seen, pages } = await forwards(articles(undefined, { topic: "north-korea" }), 3);
    expect(seen).toEqual(expected);
    for (const p of pages) expect(p.totalCount).toBe(10);
    const window = await articles(undefined, { publishedAfter: "2021-02-06T00:00:00Z", publishedBefore: "2021-02-12T00:00:00Z" })({ first: 2 });
    const [{ count }] = await app.sql<{ count: string }>(
      `SELECT count(*) AS count FROM article WHERE published_at >= '2021-02-06T00:00:00Z' AND published_at < '2021-02-12T00:00:00Z'`,
    );
    expect(window.totalCount).toBe(Number(count));
    expect(window.totalCount).toBe(9); // Feb 6 (three), 7, 8, 9, 10, 11 (two)
    expect(window.edges).toHaveLength(2);
  });

  it("RELEVANCE pages with its own cursors", async () => {
    const order = { field: "RELEVANCE", direction: "DESC" };
    const all = nodeIds(await articles(order, { search: "bulletin" })({ first: 100 }));
    expect(all).toHaveLength(EXTRA);
    const { ids: seen } = await forwards(articles(order, { search: "bulletin" }), 6);
    expect(seen).toEqual(all);
  });
});

describe("relation connections", () => {
  it("Topic.articles pages forwards and backwards", async () => {
    const expected = await topicArticlesByPublished("defense");
    expect(expected).toHaveLength(14); // the demo and every second extra article
    const { ids: seen, pages } = await forwards(topicArticles("defense"), 4);
    expectNoDuplicates(seen);
    expect(seen).toEqual(expected);
    for (const p of pages) expect(p.totalCount).toBe(14);
    const { ids: back } = await backwards(topicArticles("defense"), 4);
    expect(back).toEqual(expected);
  });

  it("Expert.quotes pages forwards and backwards through ties (same day, same publication, same position)", async () => {
    const expected = await expertQuotesBySaid("lloyd-austin");
    expect(expected).toHaveLength(16);
    const { ids: seen } = await forwards(expertQuotes("lloyd-austin"), 3);
    expectNoDuplicates(seen);
    expect(seen).toEqual(expected);
    const { ids: back } = await backwards(expertQuotes("lloyd-austin"), 3);
    expect(back).toEqual(expected);
  });

  it("several parents in one query each get their own first page and totalCount", async () => {
    const data = await query(app, `{ experts(first: 50) { edges { node { slug quotes(first: 1) { ${PAGE} } } } } }`);
    const experts: Array<{ slug: string; quotes: Conn }> = data.experts.edges.map((e: { node: unknown }) => e.node);
    expect(experts).toHaveLength(13);
    for (const x of experts) {
      const expected = await expertQuotesBySaid(x.slug);
      expect({ slug: x.slug, ids: nodeIds(x.quotes), total: x.quotes.totalCount, next: x.quotes.pageInfo.hasNextPage, previous: x.quotes.pageInfo.hasPreviousPage }).toEqual({
        slug: x.slug,
        ids: expected.slice(0, 1),
        total: expected.length,
        next: expected.length > 1,
        previous: false,
      });
      checkCursors(x.quotes);
    }
    // Page on from one parent's cursor.
    const kim = experts.find((x) => x.slug === "patricia-kim")!;
    const { ids: rest } = await forwards(expertQuotes("patricia-kim"), 2, kim.quotes.pageInfo.endCursor);
    expect([...nodeIds(kim.quotes), ...rest]).toEqual(await expertQuotesBySaid("patricia-kim"));
  });

  it("one after-cursor applied to several parents returns each parent's rows past that key", async () => {
    const defense = await topicArticles("defense")({ first: 3 });
    const after = defense.pageInfo.endCursor!;
    const cursorUuid = uuidOf(defense.edges[2]!.node.id);
    const data = await query(app, `query($after: String) { topics(first: 10) { nodes { slug articles(first: 2, after: $after) { ${PAGE} } } } }`, { after });
    expect(data.topics.nodes).toHaveLength(5);
    for (const t of data.topics.nodes as Array<{ slug: string; articles: Conn }>) {
      const rows = await app.sql<{ id: string }>(
        `SELECT a.id FROM article_topic l JOIN article a ON a.id = l.article_id JOIN topic t ON t.id = l.topic_id
         WHERE t.slug = $1 AND (a.published_at, a.id) < (SELECT published_at, id FROM article WHERE id = $2)
         ORDER BY a.published_at DESC, a.id DESC`,
        [t.slug, cursorUuid],
      );
      const expected = ids(rows, "Article");
      expect({ slug: t.slug, ids: nodeIds(t.articles), next: t.articles.pageInfo.hasNextPage }).toEqual({
        slug: t.slug,
        ids: expected.slice(0, 2),
        next: expected.length > 2,
      });
      // totalCount is the parent's whole list, not what lies past the cursor.
      expect(t.articles.totalCount).toBe((await topicArticlesByPublished(t.slug)).length);
    }
  });
});

describe("page sizes", () => {
  const Q = `query($first: Int, $last: Int) { articles(first: $first, last: $last) { ${PAGE} } }`;

  it("first: 0 returns no edges and null cursors, with the full totalCount and hasNextPage", async () => {
    const c = (await query(app, Q, { first: 0 })).articles;
    expect(c.edges).toEqual([]);
    expect(c.pageInfo.hasNextPage).toBe(true);
    expect(c.pageInfo.startCursor).toBeNull();
    expect(c.pageInfo.endCursor).toBeNull();
    expect(c.totalCount).toBe(TOTAL);
  });

  it("the default page size is 20", async () => {
    const c = (await query(app, Q, {})).articles;
    expect(c.edges).toHaveLength(20);
    expect(c.pageInfo.hasNextPage).toBe(true);
    expect(nodeIds(c)).toEqual((await articlesByPublished()).slice(0, 20));
  });

  it("first: 100 and last: 100 are allowed", async () => {
    expect((await query(app, Q, { first: 100 })).articles.edges).toHaveLength(TOTAL);
    expect((await query(app, Q, { last: 100 })).articles.edges).toHaveLength(TOTAL);
  });

  it("first: 101 is refused, naming the limit and the argument", async () => {
    const error = await expectBadUserInput(app, Q, { first: 101 }, "first");
    expect(error.message).toMatch(/\b100\b/);
    expect(error.extensions?.limit).toBe(100);
  });

  it("last: 101 is refused likewise", async () => {
    const error = await expectBadUserInput(app, Q, { last: 101 }, "last");
    expect(error.message).toMatch(/\b100\b/);
  });

  it("first and last together are refused", async () => {
    const error = await expectBadUserInput(app, Q, { first: 2, last: 2 });
    expect(error.message).toMatch(/first.*last/);
  });

  it("negative first or last is refused", async () => {
    await expectBadUserInput(app, Q, { first: -1 }, "first");
    await expectBadUserInput(app, Q, { last: -5 }, "last");
  });

  it("the limits apply to relation connections too", async () => {
    const R = `query($first: Int) { topic(slug: "defense") { articles(first: $first) { totalCount } } }`;
    await expectBadUserInput(app, R, { first: 101 }, "first");
    await expectBadUserInput(app, R, { first: -1 }, "first");
    await expectBadUserInput(app, `{ expert(slug: "lloyd-austin") { quotes(first: 1, last: 1) { totalCount } } }`, undefined);
  });
});

describe("malformed cursors are BAD_USER_INPUT, never a 500", () => {
  const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
  const uuid = "00000000-0000-4000-8000-000000000000";
  const Q = `query($after: String, $before: String, $orderBy: ArticleOrder) { articles(after: $after, before: $before, orderBy: $orderBy) { totalCount } }`;

  let headlineCursor: string;
  let expertCursor: string;
  beforeAll(async () => {
    headlineCursor = (await articles({ field: "HEADLINE", direction: "ASC" })({ first: 1 })).edges[0]!.cursor;
    expertCursor = (await query(app, `{ experts(first: 1) { edges { cursor } } }`)).experts.edges[0].cursor;
  });

  const cases: Array<[string, () => string]> = [
    ["garbage characters", () => "garbage!!"],
    ["base64 of non-JSON", () => b64("garbage")],
    ["base64 of a JSON object", () => b64({ a: 1 })],
    ["base64 of a JSON array of junk", () => b64([1, 2, 3])],
    ["an empty string", () => ""],
    ["a HEADLINE cursor used with PUBLISHED_AT", () => headlineCursor],
    ["a cursor of another list (experts)", () => expertCursor],
    ["a bad date value", () => b64(["article:published", "not-a-date", uuid])],
    ["an impossible date", () => b64(["article:published", "2021-13-45T00:00:00Z", uuid])],
    ["a number for a date", () => b64(["article:published", 1615723200000, uuid])],
    ["a bad uuid", () => b64(["article:published", "2021-03-14T12:00:00.000Z", "not-a-uuid"])],
    ["too few keys", () => b64(["article:published", "2021-03-14T12:00:00.000Z"])],
    ["too many keys", () => b64(["article:published", "2021-03-14T12:00:00.000Z", uuid, uuid])],
  ];

  it.each(cases)("after: %s", async (_name, cursor) => {
    const error = await expectBadUserInput(app, Q, { after: cursor() }, "after");
    expect(error.message).toMatch(/cursor/);
  });

  it.each(cases)("before: %s", async (_name, cursor) => {
    await expectBadUserInput(app, Q, { before: cursor() }, "before");
  });

  it("a cursor is accepted by the ordering it came from", async () => {
    const c = (await query(app, Q, { after: headlineCursor, orderBy: { field: "HEADLINE", direction: "ASC" } })).articles;
    expect(c.totalCount).toBe(TOTAL);
  });

  it("relation connections check cursors too", async () => {
    const R = `query($after: String) { topic(slug: "defense") { articles(after: $after) { totalCount } } }`;
    await expectBadUserInput(app, R, { after: "garbage!!" }, "after");
    await expectBadUserInput(app, R, { after: headlineCursor }, "after");
    await expectBadUserInput(app, `query($before: String) { expert(slug: "lloyd-austin") { quotes(before: $before) { totalCount } } }`, { before: headlineCursor }, "before");
  });

  it("event and quote cursors with a bad date value", async () => {
    await expectBadUserInput(app, `query($a: String) { events(after: $a) { totalCount } }`, { a: b64(["event:starts", "21-3-1", uuid]) }, "after");
    await expectBadUserInput(app, `query($a: String) { quotes(after: $a) { totalCount } }`, { a: b64(["quote:said", "yesterday", "2021-03-14T12:00:00.000Z", 0, uuid]) }, "after");
  });

  // Values JavaScript's Date.parse accepts but PostgreSQL rejects must still be refused as client errors.
  it.each<[string, string, () => string]>([
    ["a timestamp Date.parse reads as a year", Q, () => b64(["article:published", "1", uuid])],
    ["a timestamp in words", Q, () => b64(["article:published", "March 7", uuid])],
    ["a six-digit year", Q, () => b64(["article:published", "+010000-01-01T00:00:00Z", uuid])],
    ["an event day that does not exist (Feb 30)", `query($after: String) { events(after: $after) { totalCount } }`, () => b64(["event:starts", "2021-02-30", uuid])],
    ["an integer key beyond 32 bits", `query($after: String) { quotes(after: $after) { totalCount } }`, () => b64(["quote:said", "2021-02-01", "2021-03-14T12:00:00.000+00:00", 1e20, uuid])],
    ["a text key with NUL", `query($after: String) { articles(after: $after, orderBy: { field: HEADLINE }) { totalCount } }`, () => b64(["article:headline", "a\u0000b", uuid])],
  ])("a forged cursor: %s", async (_name, text, cursor) => {
    await expectBadUserInput(app, text, { after: cursor() }, "after");
  });
});

/* These write between pages; they run last and compute their expectations as they go. */
describe("rows written between pages (keyset, not OFFSET)", () => {
  it("root connection: inserts before and after the cursor neither repeat nor skip rows", async () => {
    const before = await articlesByPublished();
    const page1 = await articles()({ first: 5 });
    expect(nodeIds(page1)).toEqual(before.slice(0, 5));

    const newer = globalId("Article", await insertArticle(app, { headline: "Newer than everything", publishedAt: "2030-01-01T00:00:00Z" }));
    const newer2 = globalId("Article", await insertArticle(app, { headline: "Also newer", publishedAt: "2029-01-01T00:00:00Z" }));
    const older = globalId("Article", await insertArticle(app, { headline: "Older than everything", publishedAt: "2000-01-01T00:00:00Z" }));
    // Between two rows the client has not seen yet.
    const middle = globalId("Article", await insertArticle(app, { headline: "In the middle", publishedAt: "2021-02-09T12:00:00Z" }));

    const { ids: rest } = await forwards(articles(), 5, page1.pageInfo.endCursor);
    const seen = [...nodeIds(page1), ...rest];
    expectNoDuplicates(seen);
    expect(rest).not.toContain(newer);
    expect(rest).not.toContain(newer2);
    expect(rest).toContain(middle);
    expect(rest[rest.length - 1]).toBe(older);
    // Every row that existed before is there, once, in the original order.
    expect(seen.filter((id) => before.includes(id))).toEqual(before);
    expect(seen).toEqual((await articlesByPublished()).filter((id) => id !== newer && id !== newer2));
  });

  it("root connection: deleting the cursor's own row does not break the next page", async () => {
    const list = await articlesByPublished();
    const page1 = await articles()({ first: 5 });
    const last = page1.edges[4]!.node.id;
    await app.sql(`DELETE FROM article WHERE id = $1`, [uuidOf(last)]);
    const page2 = await articles()({ first: 5, after: page1.pageInfo.endCursor });
    expect(nodeIds(page2)).toEqual(list.slice(5, 10));
    // With the cursor row gone, rows before it still exist: hasPreviousPage stays true.
    expect(page2.pageInfo.hasPreviousPage).toBe(true);
  });

  it("root connection backwards: a newer row (before the cursor) appears, an older one (after it) does not", async () => {
    const list = await articlesByPublished();
    const end = await articles()({ last: 5 });
    expect(nodeIds(end)).toEqual(list.slice(-5));
    const newest = globalId("Article", await insertArticle(app, { headline: "Even newer", publishedAt: "2031-01-01T00:00:00Z" }));
    const oldest = globalId("Article", await insertArticle(app, { headline: "Even older", publishedAt: "1999-01-01T00:00:00Z" }));
    const previous = await articles()({ last: 100, before: end.pageInfo.startCursor });
    expect(nodeIds(previous)).toEqual([newest, ...list.slice(0, -5)]);
    expect(nodeIds(previous)).not.toContain(oldest);
  });

  it("relation connection: Topic.articles with inserts between pages", async () => {
    const before = await topicArticlesByPublished("defense");
    const page1 = await topicArticles("defense")({ first: 4 });
    expect(nodeIds(page1)).toEqual(before.slice(0, 4));

    const newer = globalId("Article", await insertArticle(app, { headline: "Defense news from the future", publishedAt: "2032-01-01T00:00:00Z", topicSlugs: ["defense"] }));
    const older = globalId("Article", await insertArticle(app, { headline: "Defense news from the past", publishedAt: "1998-01-01T00:00:00Z", topicSlugs: ["defense"] }));
    const elsewhere = globalId("Article", await insertArticle(app, { headline: "Not on defense", publishedAt: "2021-02-09T13:00:00Z", topicSlugs: ["china"] }));

    const { ids: rest, pages } = await forwards(topicArticles("defense"), 4, page1.pageInfo.endCursor);
    const seen = [...nodeIds(page1), ...rest];
    expectNoDuplicates(seen);
    expect(rest).not.toContain(newer);
    expect(rest).not.toContain(elsewhere);
    expect(rest[rest.length - 1]).toBe(older);
    expect(seen.filter((id) => before.includes(id))).toEqual(before);
    expect(pages[pages.length - 1]!.totalCount).toBe(before.length + 2);
  });

  it("relation connection: Expert.quotes with a quote inserted between pages", async () => {
    const before = await expertQuotesBySaid("patricia-kim");
    const page1 = await expertQuotes("patricia-kim")({ first: 3 });
    const [{ id: articleId }] = await app.sql<{ id: string }>(`SELECT id FROM article ORDER BY published_at LIMIT 1`);
    const [{ id: quoteId }] = await app.sql<{ id: string }>(
      `INSERT INTO quote (text, article_id, speaker_expert_id, said_on, position) SELECT 'A late quote', $1, id, '2040-01-01', 0 FROM expert WHERE slug = 'patricia-kim' RETURNING id`,
      [articleId],
    );
    const { ids: rest } = await forwards(expertQuotes("patricia-kim"), 3, page1.pageInfo.endCursor);
    const seen = [...nodeIds(page1), ...rest];
    expectNoDuplicates(seen);
    expect(seen).toEqual(before);
    expect(seen).not.toContain(globalId("Quote", quoteId));
    expect((await expertQuotes("patricia-kim")({ first: 1 })).edges[0]!.node.id).toBe(globalId("Quote", quoteId));
  });
});

describe("configurable limits", () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await createTestApp({ NEWSGRAPH_MAX_PAGE_SIZE: "10", NEWSGRAPH_DEFAULT_PAGE_SIZE: "3" });
    for (let i = 0; i < 11; i++) {
      await insertArticle(small, { headline: `Small ${i}`, publishedAt: `2021-01-${String(i + 1).padStart(2, "0")}T00:00:00Z`, topicSlugs: ["defense"] });
    }
  });
  afterAll(async () => {
    await small?.close();
  });

  const Q = `query($first: Int, $last: Int) { articles(first: $first, last: $last) { totalCount edges { node { id } } pageInfo { hasNextPage } } }`;

  it("the default page size follows NEWSGRAPH_DEFAULT_PAGE_SIZE, on root and relation connections", async () => {
    const c = (await query(small, Q, {})).articles;
    expect(c.edges).toHaveLength(3);
    expect(c.pageInfo.hasNextPage).toBe(true);
    expect(c.totalCount).toBe(12);
    const t = (await query(small, `{ topic(slug: "defense") { articles { totalCount edges { node { id } } } } }`)).topic.articles;
    expect(t.edges).toHaveLength(3);
    expect(t.totalCount).toBe(12);
  });

  it("the maximum follows NEWSGRAPH_MAX_PAGE_SIZE", async () => {
    expect((await query(small, Q, { first: 10 })).articles.edges).toHaveLength(10);
    const first = await expectBadUserInput(small, Q, { first: 11 }, "first");
    expect(first.message).toMatch(/\b10\b/);
    expect(first.extensions?.limit).toBe(10);
    const last = await expectBadUserInput(small, Q, { last: 11 }, "last");
    expect(last.message).toMatch(/\b10\b/);
    await expectBadUserInput(small, `{ topic(slug: "defense") { articles(first: 11) { totalCount } } }`, undefined, "first");
  });

  it("nodes(ids:) is limited to the maximum page size", async () => {
    const ids = Array.from({ length: 11 }, () => globalId("Article", randomUUID()));
    await expectBadUserInput(small, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids }, "ids");
    expect((await query(small, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ids.slice(0, 10) })).nodes).toEqual(Array(10).fill(null));
  });

  it("the other app keeps the defaults", async () => {
    expect((await query(app, Q, { first: 11 })).articles.edges).toHaveLength(11);
  });
});
