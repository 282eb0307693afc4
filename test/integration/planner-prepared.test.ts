import { createTestApp, type TestApp } from "../helpers/app";

/**
 * The planner's statement runs as a named prepared statement, named by a hash of its text, so a
 * query shape is parsed and planned once per session. Read off `pg_prepared_statements` of the one
 * pooled session (a pool of one): PostgreSQL with TEST_DATABASE_URL, PGlite (one session) otherwise.
 */
const ARTICLE = `query ($slug: String!) { article(slug: $slug) { headline quotes { text speaker { name } } } }`;
const PAGE = `query ($first: Int!) { articles(first: $first) { nodes { slug } pageInfo { hasNextPage } } }`;

interface Prepared {
  name: string;
  statement: string;
  executions: number;
}

async function withArticles(app: TestApp): Promise<void> {
  await app.sql(`
    INSERT INTO article (slug, headline, body, published_at)
    SELECT 'prepared-article-' || g, 'Prepared article ' || g, 'Body ' || g, timestamptz '2024-01-01' + g * interval '1 hour'
    FROM generate_series(1, 4) g`);
}

function prepared(app: TestApp): Promise<Prepared[]> {
  return app.sql<Prepared>(
    `SELECT name, statement, (generic_plans + custom_plans)::integer AS executions FROM pg_prepared_statements WHERE name LIKE 'ng\\_%' ORDER BY prepare_time`,
  );
}

describe("prepared planner statements", () => {
  let app: TestApp;
  let slugs: string[];

  beforeAll(async () => {
    app = await createTestApp({ DATABASE_POOL_SIZE: "1", NEWSGRAPH_PLANNER_PREPARED_MAX: "2" });
    await withArticles(app);
    slugs = (await app.sql<{ slug: string }>(`SELECT slug FROM article ORDER BY slug LIMIT 2`)).map((r) => r.slug);
  });

  afterAll(async () => {
    await app?.close();
  });

  test("the second run of a query shape, with other values, executes the statement the first one prepared", async () => {
    expect(slugs).toHaveLength(2);
    const first = await app.graphql(ARTICLE, { slug: slugs[0] });
    const second = await app.graphql(ARTICLE, { slug: slugs[1] });
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(first.data.article.headline).not.toBe(second.data.article.headline);
    // Still one counted statement per request (x-sql-statements).
    expect(first.sql).toBe(1);
    expect(second.sql).toBe(1);
    const held = await prepared(app);
    expect(held).toHaveLength(1);
    expect(held[0].statement).toMatch(/^SELECT json_build_object\(/);
    // The values are parameters: no slug in the text, and one statement executed twice.
    expect(held[0].statement).not.toContain(slugs[0]);
    expect(held[0].executions).toBe(2);
  });

  test("a session keeps at most NEWSGRAPH_PLANNER_PREPARED_MAX statements, dropping the least recently used", async () => {
    // The page size is written into the statement (LIMIT n), so each `first` is its own shape.
    const sizes = [1, 2, 3, 1];
    for (const first of sizes) {
      const res = await app.graphql(PAGE, { first });
      expect(res.errors).toBeUndefined();
      expect(res.data.articles.nodes).toHaveLength(first);
      expect(res.sql).toBe(1);
    }
    const held = await prepared(app);
    expect(held).toHaveLength(2);
    // first: 3, then first: 1 prepared again after it was deallocated.
    expect(held[0].statement).toContain("LIMIT 4)");
    expect(held[1].statement).toContain("LIMIT 1)");
    expect(held.every((h) => h.executions === 1)).toBe(true);
  });

  test("a plan is remembered per document and variables: alternating values get each their own answer, equal to the executor's", async () => {
    const executor = await createTestApp({ NEWSGRAPH_PLANNER: "false" });
    try {
      await withArticles(executor);
      for (const [query, variables] of [
        [ARTICLE, { slug: slugs[0] }],
        [PAGE, { first: 2 }],
        [ARTICLE, { slug: slugs[1] }],
        [PAGE, { first: 3 }],
        [ARTICLE, { slug: slugs[0] }],
        [PAGE, { first: 2 }],
        [ARTICLE, { slug: "no-such-article" }],
      ] as const) {
        const planned = await app.graphql(query, variables);
        expect(planned.errors).toBeUndefined();
        expect(planned.sql).toBe(1);
        expect(planned.data).toEqual((await executor.graphql(query, variables)).data);
      }
    } finally {
      await executor.close();
    }
  });
});

test("NEWSGRAPH_PLANNER_PREPARED=off runs the planner's statement unnamed, with the same answer", async () => {
  const app = await createTestApp({ DATABASE_POOL_SIZE: "1", NEWSGRAPH_PLANNER_PREPARED: "off" });
  try {
    await withArticles(app);
    const res = await app.graphql(PAGE, { first: 2 });
    expect(res.errors).toBeUndefined();
    expect(res.data.articles.nodes).toHaveLength(2);
    expect(res.sql).toBe(1);
    expect(await prepared(app)).toEqual([]);
  } finally {
    await app.close();
  }
});

test("on PostgreSQL, newsgraph's sessions start no parallel workers (DATABASE_PARALLEL_WORKERS 0), or keep the server's setting with `server`", async () => {
  const app = await createTestApp({ DATABASE_POOL_SIZE: "1" });
  const kept = await createTestApp({ DATABASE_POOL_SIZE: "1", DATABASE_PARALLEL_WORKERS: "server" });
  try {
    const [setting] = await app.sql<{ max_parallel_workers_per_gather: string }>(`SHOW max_parallel_workers_per_gather`);
    const [server] = await kept.sql<{ setting: string; source: string }>(`SELECT setting, source FROM pg_settings WHERE name = 'max_parallel_workers_per_gather'`);
    if (app.kind === "postgres") {
      expect(setting.max_parallel_workers_per_gather).toBe("0");
      expect(server.source).not.toBe("client");
    } else {
      expect(setting.max_parallel_workers_per_gather).toBe(server.setting);
    }
  } finally {
    await app.close();
    await kept.close();
  }
});

test("on PostgreSQL, newsgraph's sessions plan with random_page_cost 1.1 (DATABASE_RANDOM_PAGE_COST), or the server's own with `server`", async () => {
  const app = await createTestApp({ DATABASE_POOL_SIZE: "1" });
  const kept = await createTestApp({ DATABASE_POOL_SIZE: "1", DATABASE_RANDOM_PAGE_COST: "server" });
  try {
    const [setting] = await app.sql<{ random_page_cost: string }>(`SHOW random_page_cost`);
    const [server] = await kept.sql<{ setting: string; source: string }>(`SELECT setting, source FROM pg_settings WHERE name = 'random_page_cost'`);
    if (app.kind === "postgres") {
      expect(setting.random_page_cost).toBe("1.1");
      expect(server.source).not.toBe("client");
    } else {
      // PGlite: one embedded session, its own settings; the variable is PostgreSQL's only.
      expect(setting.random_page_cost).toBe(server.setting);
    }
    // The planned front page gives the same answer either way.
    const front = `{ articles(first: 3) { nodes { slug quotes { text speaker { name } } } } }`;
    expect((await app.graphql(front)).data).toEqual((await kept.graphql(front)).data);
  } finally {
    await app.close();
    await kept.close();
  }
});
