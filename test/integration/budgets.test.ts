import { createTestApp, type TestApp } from "../helpers/app";

// Per-request budgets, through the real pipeline on the configured database.

/** Locks `article` for `ms`: PostgreSQL readers wait for the lock, PGlite's for its one connection. */
async function lockArticles(app: TestApp, ms: number): Promise<{ done: Promise<void> }> {
  let locked!: () => void;
  const ready = new Promise<void>((r) => (locked = r));
  const done = app.running.database.dataSource.transaction(async (m) => {
    await m.query("LOCK TABLE article IN ACCESS EXCLUSIVE MODE");
    locked();
    await new Promise((r) => setTimeout(r, ms));
  });
  await ready;
  return { done };
}

describe("request time budget (NEWSGRAPH_REQUEST_TIMEOUT_MS)", () => {
  let app: TestApp;
  beforeAll(async () => {
    // The loader path (planner off): a nested read is several statements, and the budget stops the
    // ones after the deadline. A planned page is one statement, sent at once, so it answers whole.
    app = await createTestApp({ NEWSGRAPH_REQUEST_TIMEOUT_MS: "300", NEWSGRAPH_PLANNER: "false" });
  });
  afterAll(async () => {
    await app?.close();
  });

  test("a request whose first read waits past its budget sends no further statements and answers TIMEOUT", async () => {
    const lock = await lockArticles(app, 600);
    const r = await app.graphql(`{ articles(first: 3) { nodes { headline quotes { text speaker { name } } } } }`);
    await lock.done;
    // The root read ran (it was sent in time); everything below it would have been sent after the deadline.
    expect(r.status).toBe(200);
    expect(r.errors?.length).toBeGreaterThan(0);
    expect(r.errors!.every((e) => e.extensions?.code === "TIMEOUT")).toBe(true);
    expect(r.errors![0].extensions).toMatchObject({ limit: 300 });
    expect(r.errors![0].message).toMatch(/300 ms/);
    expect(r.sql).toBeLessThanOrEqual(2);
  });

  test("within the budget the same request answers in full", async () => {
    const r = await app.graphql(`{ articles(first: 3) { nodes { headline quotes { text speaker { name } } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.articles.nodes.length).toBeGreaterThan(0);
  });
});

describe("request time budget on the planner's one statement", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ NEWSGRAPH_REQUEST_TIMEOUT_MS: "300" });
  });
  afterAll(async () => {
    await app?.close();
  });

  const PAGE = `{ articles(first: 3) { totalCount nodes { headline quotes { text speaker { name } } } } }`;

  test("a planned page that cannot finish within the budget answers TIMEOUT once, without running again through the executor", async () => {
    const lock = await lockArticles(app, 1_500);
    const started = Date.now();
    const r = await app.graphql(PAGE);
    const ms = Date.now() - started;
    await lock.done;
    expect(r.status).toBe(200);
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].extensions).toMatchObject({ code: "TIMEOUT", limit: 300 });
    expect(r.errors![0].message).toMatch(/300 ms/);
    expect(r.data ?? null).toBeNull();
    // One statement, the planned one: no fallback to the loaders.
    expect(r.sql).toBe(1);
    if (app.running.database.kind === "postgres") {
      // PostgreSQL cancels it at the deadline (a statement_timeout of what was left, for it alone).
      expect(ms).toBeLessThan(1_200);
    } else {
      // PGlite cannot cancel a statement: this one waited for the only connection past the
      // deadline, and is then not sent at all.
      expect(ms).toBeGreaterThanOrEqual(1_400);
    }
  });

  test("afterwards the same page answers in full, and the sessions keep their own statement_timeout", async () => {
    for (let i = 0; i < 6; i++) {
      const r = await app.graphql(PAGE);
      expect(r.errors).toBeUndefined();
      expect(r.sql).toBe(1);
      expect(r.data.articles.nodes.length).toBeGreaterThan(0);
    }
    if (app.running.database.kind === "postgres") {
      const rows = await app.sql<{ statement_timeout: string }>("SHOW statement_timeout");
      expect(rows[0]!.statement_timeout).toBe(`${app.config.limits.statementTimeoutMs / 1000}s`);
    }
  });
});

describe("response size cap (NEWSGRAPH_MAX_RESPONSE_BYTES)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ NEWSGRAPH_MAX_RESPONSE_BYTES: "4096" });
  });
  afterAll(async () => {
    await app?.close();
  });

  test("an answer over the cap is replaced by one RESPONSE_TOO_LARGE error naming its size and the limit", async () => {
    const r = await app.graphql(`{ articles(first: 20) { nodes { body } } }`);
    expect(r.data).toBeUndefined();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].extensions).toMatchObject({ code: "RESPONSE_TOO_LARGE", limit: 4096 });
    expect(r.errors![0].extensions!.bytes).toBeGreaterThan(4096);
  });

  test("an answer under the cap is untouched", async () => {
    const r = await app.graphql(`{ articles(first: 2) { nodes { headline } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.articles.nodes.length).toBeGreaterThan(0);
  });
});

const onPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onPostgres("statement timeout (NEWSGRAPH_STATEMENT_TIMEOUT_MS, PostgreSQL)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ NEWSGRAPH_STATEMENT_TIMEOUT_MS: "200", NEWSGRAPH_REQUEST_TIMEOUT_MS: "0" });
  });
  afterAll(async () => {
    await app?.close();
  });

  test("the server's sessions carry the timeout", async () => {
    const [{ statement_timeout }] = await app.sql("SHOW statement_timeout");
    expect(statement_timeout).toBe("200ms");
  });

  test("a read that waits past it is cancelled by PostgreSQL and answered TIMEOUT, not a masked 500", async () => {
    const lock = await lockArticles(app, 1_000);
    const started = Date.now();
    const r = await app.graphql(`{ articles(first: 3) { totalCount nodes { headline } } }`);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(r.errors?.[0].extensions?.code).toBe("TIMEOUT");
    expect(r.errors![0].message).toMatch(/NEWSGRAPH_STATEMENT_TIMEOUT_MS/);
    // The planned statement was cancelled; it is not run again through the loaders.
    expect(r.sql).toBe(1);
    await lock.done;
    const after = await app.graphql(`{ articles(first: 1) { totalCount } }`);
    expect(after.errors).toBeUndefined();
  });
});
