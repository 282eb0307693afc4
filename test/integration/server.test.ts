import type { InjectOptions } from "fastify";
import pino from "pino";
import { createServer } from "../../src/server";
import { createTestApp, type TestApp } from "../helpers/app";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app?.close();
});

const inject = (opts: InjectOptions) => app.running.app.inject(opts);

test("GET /healthz answers without touching the database", async () => {
  const res = await inject({ method: "GET", url: "/healthz" });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ status: "ok" });
});

test("GET /readyz checks the database", async () => {
  const res = await inject({ method: "GET", url: "/readyz" });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ status: "ready", database: app.kind });
});

test("a browser's GET /graphql gets GraphiQL as utf-8 HTML from local assets", async () => {
  const res = await inject({ method: "GET", url: "/graphql", headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
  expect(res.statusCode).toBe(200);
  expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
  expect(res.body).toContain("newsgraph · GraphiQL");
  expect(res.body).toContain("query FrontPage");
  const scripts = [...res.body.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u.startsWith("data:"));
  expect(scripts.length).toBeGreaterThanOrEqual(3);
  for (const src of scripts) {
    expect(src.startsWith("/")).toBe(true);
    const asset = await inject({ method: "GET", url: src });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["content-type"]).toMatch(/charset=utf-8/);
  }
});

test("GET /graphql with a query still answers GraphQL", async () => {
  const res = await inject({ method: "GET", url: "/graphql?query=%7B__typename%7D", headers: { accept: "application/json", "apollo-require-preflight": "true" } });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ data: { __typename: "Query" } });
});

test("every response carries a request id, and a sane incoming one is kept", async () => {
  const given = await inject({ method: "GET", url: "/healthz", headers: { "x-request-id": "abc-123" } });
  expect(given.headers["x-request-id"]).toBe("abc-123");
  const hostile = await inject({ method: "GET", url: "/healthz", headers: { "x-request-id": "<script>" } });
  expect(hostile.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

describe("concurrency on the configured database", () => {
  const count = async () => (await app.graphql(`{ articles { totalCount } }`)).data.articles.totalCount as number;

  test("reads during an open transaction neither see its rows nor hang, and see them after commit", async () => {
    const before = await count();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedSignal = new Promise<void>((r) => (inserted = r));
    const tx = app.running.database.dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO article (slug, headline, body, published_at) VALUES ('tx-article', 'In a transaction', 'Body', now())`);
      inserted();
      await gate;
    });
    await insertedSignal;
    const reads = Promise.all(Array.from({ length: 10 }, () => count()));
    let seen: number[];
    if (app.kind === "postgres") {
      // Reads run beside the open transaction: all of them must answer before it commits.
      seen = await reads;
      release();
    } else {
      // PGlite has one connection, held by the transaction: reads wait until it commits.
      setTimeout(release, 200);
      seen = await reads;
    }
    await tx;
    // On PostgreSQL reads run beside the transaction and see the old count; on PGlite they wait
    // for the single connection, which the transaction releases only after COMMIT.
    for (const n of seen) expect([before, before + 1]).toContain(n);
    if (app.kind === "postgres") expect(seen.every((n) => n === before)).toBe(true);
    expect(await count()).toBe(before + 1);
  });

  test("a rolled-back transaction leaves nothing, while a concurrent one commits", async () => {
    const before = await count();
    const failing = app.running.database.dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO article (slug, headline, body, published_at) VALUES ('rolled-back', 'Rolled back', 'Body', now())`);
      await new Promise((r) => setTimeout(r, 50));
      throw new Error("abort");
    });
    const ok = app.running.database.dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO article (slug, headline, body, published_at) VALUES ('committed', 'Committed', 'Body', now())`);
    });
    await expect(failing).rejects.toThrow("abort");
    await ok;
    expect(await count()).toBe(before + 1);
    const r = await app.graphql(`{ a: article(slug: "rolled-back") { id } b: article(slug: "committed") { headline } }`);
    expect(r.data).toEqual({ a: null, b: { headline: "Committed" } });
  });

  test("50 concurrent GraphQL requests all complete correctly", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        app.graphql(`query($s: String!) { experts(filter: { search: $s }, first: 1) { nodes { name } } }`, { s: i % 2 ? "Easly" : "Xi Jingping" }),
      ),
    );
    results.forEach((r, i) => {
      expect(r.errors).toBeUndefined();
      expect(r.data.experts.nodes[0].name).toBe(i % 2 ? "Leif-Eric Easley" : "Xi Jinping");
    });
  });
});

describe("start-up before the database is ready", () => {
  test("GraphiQL and /healthz answer at once; /readyz says starting; a GraphQL request waits for the database", async () => {
    let open!: () => void;
    const ready = new Promise<void>((r) => (open = r));
    const server = await createServer({ config: app.config, database: () => app.running.database, log: pino({ level: "silent" }), ready });
    try {
      expect((await server.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
      const readyz = await server.app.inject({ method: "GET", url: "/readyz" });
      expect(readyz.statusCode).toBe(503);
      expect(readyz.json()).toMatchObject({ status: "starting" });
      expect((await server.app.inject({ method: "GET", url: "/graphql", headers: { accept: "text/html" } })).statusCode).toBe(200);
      let answered = false;
      const pending = server.app.inject({ method: "POST", url: "/graphql", payload: { query: "{ articles { totalCount } }" } }).then((r) => {
        answered = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(answered).toBe(false);
      open();
      const res = await pending;
      expect(res.statusCode).toBe(200);
      expect(res.json().data.articles.totalCount).toBeGreaterThan(0);
      expect((await server.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    } finally {
      await server.app.close();
    }
  });
});
