import { Writable } from "node:stream";
import pino from "pino";
import { createTestApp, type TestApp } from "../helpers/app";
import { insertArticle, query } from "../helpers/fixtures";
import { SEARCH_EXACT_COUNT_UP_TO } from "../../src/common/search";

/**
 * Full-text search at a size where the planner has a choice: 5,100 filler articles (each with a
 * quote) beside a handful that a rare word finds. The statements the service builds are taken from
 * the SQL log and explained on the same database; ranking and counting are checked through the API.
 */
const FILLERS = SEARCH_EXACT_COUNT_UP_TO + 100;
const statements: Array<{ sql: string; parameters: unknown[] }> = [];
let app: TestApp;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) {
        if (!line) continue;
        const entry = JSON.parse(line) as { msg?: string; sql?: string; parameters?: unknown[] };
        if (entry.msg === "sql" && entry.sql) statements.push({ sql: entry.sql, parameters: entry.parameters ?? [] });
      }
      done();
    },
  });
  app = await createTestApp({}, { log: pino({ level: "trace" }, sink) });
  await app.sql(`
    INSERT INTO article (slug, headline, body, published_at)
    SELECT 'filler-' || g, 'Filler report ' || g, 'Filler body ' || g || ' about markets and trade.', timestamptz '2023-01-01' + g * interval '1 minute'
    FROM generate_series(1, ${FILLERS}) g`);
  await app.sql(`
    INSERT INTO quote (text, article_id, speaker_organization_id, position)
    SELECT 'A filler statement about ' || a.slug, a.id, (SELECT id FROM organization ORDER BY slug LIMIT 1), 0
    FROM article a WHERE a.slug LIKE 'filler-%'`);
  const deep = `${"Unrelated words fill the opening of this report. ".repeat(30)}Only here, far past the lead, quillfeather appears.`;
  await insertArticle(app, { slug: "rank-body-deep", headline: "Deep mention", body: deep, publishedAt: "2024-05-04T00:00:00Z" });
  await insertArticle(app, { slug: "rank-body-lead", headline: "Lead mention", body: "The quillfeather harbor opened on Monday.", publishedAt: "2024-05-03T00:00:00Z" });
  await insertArticle(app, { slug: "rank-summary", headline: "Summary mention", summary: "A quillfeather story.", body: "Nothing to see.", publishedAt: "2024-05-02T00:00:00Z" });
  await insertArticle(app, {
    slug: "rank-headline",
    headline: "Quillfeather harbor reopens",
    body: "The port is busy again.",
    publishedAt: "2024-05-01T00:00:00Z",
    quotes: [{ text: "The quillfeather harbor is open for business", organizationSlug: await firstOrganizationSlug() }],
  });
  // As autovacuum would: statistics, and the GIN indexes' pending lists merged into their trees.
  await app.sql(`VACUUM ANALYZE article`);
  await app.sql(`VACUUM ANALYZE quote`);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

async function firstOrganizationSlug(): Promise<string> {
  const rows = await app.sql<{ slug: string }>(`SELECT slug FROM organization ORDER BY slug LIMIT 1`);
  return rows[0]!.slug;
}

/** The plan of each statement a GraphQL request ran that matches `pick`. */
async function plansOf(text: string, variables: Record<string, unknown>, pick: (sql: string) => boolean): Promise<Array<{ sql: string; plan: string }>> {
  statements.length = 0;
  await query(app, text, variables);
  const picked = statements.filter((s) => pick(s.sql));
  const out = [];
  for (const s of picked) {
    const rows = await app.sql<Record<string, string>>(`EXPLAIN ${s.sql}`, s.parameters);
    out.push({ sql: s.sql, plan: rows.map((r) => r["QUERY PLAN"]).join("\n") });
  }
  return out;
}

const ARTICLE_SEARCH = `query ($q: String!) { articles(filter: { search: $q }, first: 10) { totalCount totalCountIsEstimate nodes { slug } } }`;
const QUOTE_SEARCH = `query ($q: String!) { quotes(filter: { search: $q }, first: 10) { totalCount totalCountIsEstimate nodes { text } } }`;

test("planned, the article search is one statement: the GIN index on article.search finds the hits, ranked once, counted from the same hits", async () => {
  const plans = await plansOf(ARTICLE_SEARCH, { q: "quillfeather harbor" }, (sql) => sql.includes("a.search @@"));
  expect(plans).toHaveLength(1);
  const [{ sql, plan }] = plans;
  expect(plan).toMatch(/Bitmap Index Scan on article_search_idx/);
  expect(plan).not.toMatch(/Seq Scan on article/);
  // Ranked on the small in-row vector, once per match (the hits), not again for the page or the count.
  expect(sql.match(/ts_rank_cd\(/g)).toHaveLength(1);
  expect(sql).toContain("ts_rank_cd(a.search_rank,");
  expect(sql).not.toContain("ts_rank_cd(a.search,");
  expect(sql.match(/a\.search @@/g)).toHaveLength(1);
});

test("through the executor, the article search page and its count both read the GIN index on article.search", async () => {
  const executed = ARTICLE_SEARCH.replace("{ articles", "{ __schema { queryType { name } } articles");
  const plans = await plansOf(executed, { q: "quillfeather harbor" }, (sql) => sql.includes("a.search @@"));
  expect(plans).toHaveLength(2); // the page, then totalCount
  for (const { plan } of plans) {
    expect(plan).toMatch(/Bitmap Index Scan on article_search_idx/);
    expect(plan).not.toMatch(/Seq Scan on article/);
  }
  expect(plans[0]!.sql).toContain("ts_rank_cd(a.search_rank,");
  expect(plans[0]!.sql).not.toContain("ts_rank_cd(a.search,");
});

test("above the threshold the planned estimate is the executor's, in relevance order and in date order", async () => {
  for (const order of ["", ", orderBy: { field: PUBLISHED_AT }"]) {
    const text = `query ($q: String!) { articles(filter: { search: $q }, first: 3${order}) { totalCount totalCountIsEstimate edges { cursor node { slug } } pageInfo { hasNextPage endCursor } } }`;
    const planned = await app.graphql(text, { q: "filler report" });
    const executed = await app.graphql(text.replace("{ articles", "{ __schema { queryType { name } } articles"), { q: "filler report" });
    delete executed.data.__schema;
    expect(planned.sql).toBe(1);
    expect(executed.sql).toBeGreaterThan(1);
    expect(planned.data).toEqual(executed.data);
    expect(planned.data.articles.totalCountIsEstimate).toBe(true);
  }
});

test("the quote search page and its count both read the GIN index on quote.search: planned in one statement, through the executor in two", async () => {
  const planned = await plansOf(QUOTE_SEARCH, { q: "quillfeather harbor" }, (sql) => sql.includes("q.search @@"));
  expect(planned).toHaveLength(1);
  expect(planned[0]!.plan).toMatch(/Bitmap Index Scan on quote_search_idx/);
  expect(planned[0]!.plan).not.toMatch(/Seq Scan on quote/);
  const executed = await plansOf(QUOTE_SEARCH.replace("{ quotes", "{ __schema { queryType { name } } quotes"), { q: "quillfeather harbor" }, (sql) => sql.includes("q.search @@"));
  expect(executed).toHaveLength(2);
  for (const { plan } of executed) expect(plan).toMatch(/Bitmap Index Scan on quote_search_idx/);
});

test("relevance puts a headline match before a summary match, before a match in the body's lead, before one deep in the body", async () => {
  const data = await query(app, ARTICLE_SEARCH, { q: "quillfeather" });
  expect(data.articles.nodes.map((n: { slug: string }) => n.slug)).toEqual(["rank-headline", "rank-summary", "rank-body-lead", "rank-body-deep"]);
  expect(data.articles.totalCount).toBe(4);
  expect(data.articles.totalCountIsEstimate).toBe(false);
});

test("relevance pages with cursors: every match once, in the same order as one page", async () => {
  const all = await query(app, `{ articles(filter: { search: "quillfeather" }, first: 10) { nodes { slug } } }`);
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = await query(app, `query ($after: String) { articles(filter: { search: "quillfeather" }, first: 1, after: $after) { nodes { slug } pageInfo { hasNextPage endCursor } } }`, { after });
    seen.push(...page.articles.nodes.map((n: { slug: string }) => n.slug));
    if (!page.articles.pageInfo.hasNextPage) break;
    after = page.articles.pageInfo.endCursor;
  }
  expect(seen).toEqual(all.articles.nodes.map((n: { slug: string }) => n.slug));
});

test(`totalCount is exact up to ${SEARCH_EXACT_COUNT_UP_TO} matches and marked as an estimate above`, async () => {
  const small = await query(app, QUOTE_SEARCH, { q: "quillfeather harbor" });
  expect(small.quotes).toMatchObject({ totalCount: 1, totalCountIsEstimate: false });

  const articles = await query(app, ARTICLE_SEARCH, { q: "filler" });
  expect(articles.articles.totalCountIsEstimate).toBe(true);
  expect(articles.articles.totalCount).toBeGreaterThan(SEARCH_EXACT_COUNT_UP_TO);
  expect(articles.articles.nodes).toHaveLength(10);

  const quotes = await query(app, QUOTE_SEARCH, { q: "filler statement" });
  expect(quotes.quotes.totalCountIsEstimate).toBe(true);
  expect(quotes.quotes.totalCount).toBeGreaterThan(SEARCH_EXACT_COUNT_UP_TO);

  // Without a search every count stays exact, however large.
  const plain = await query(app, `{ articles { totalCount totalCountIsEstimate } }`);
  const [{ n }] = await app.sql<{ n: number }>(`SELECT count(*)::int AS n FROM article`);
  expect(plain.articles).toEqual({ totalCount: n, totalCountIsEstimate: false });
});
