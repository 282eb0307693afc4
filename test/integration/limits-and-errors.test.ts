import { Writable } from "node:stream";
import pino from "pino";
import { createTestApp, type TestApp } from "../helpers/app";
import { measured } from "../helpers/cpu";

describe("depth and cost limits", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ NEWSGRAPH_MAX_DEPTH: "6", NEWSGRAPH_MAX_COST: "500" });
  });
  afterAll(async () => {
    await app?.close();
  });

  test("a query within both limits runs", async () => {
    const r = await app.graphql(`{ articles(first: 2) { edges { node { headline quotes { speaker { name } } } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.articles.edges.length).toBeGreaterThan(0);
  });

  test("too deep: QUERY_TOO_DEEP naming depth and limit, before any SQL runs", async () => {
    const r = await app.graphql(`{ articles(first: 1) { edges { node { quotes { speaker { ... on Expert { organization { members(first: 1) { nodes { name } } } } } } } } } }`);
    expect(r.status).toBe(400);
    expect(r.data).toBeUndefined();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].extensions).toMatchObject({ code: "QUERY_TOO_DEEP", limit: 6 });
    expect(r.errors![0].extensions!.depth).toBeGreaterThan(6);
    expect(r.errors![0].message).toMatch(/limit is 6/);
    expect(r.sql).toBe(0);
  });

  test("depth follows named fragments", async () => {
    const r = await app.graphql(`
      query { articles(first: 1) { edges { node { ...Deep } } } }
      fragment Deep on Article { quotes { speaker { ... on Expert { organization { members(first: 1) { nodes { name } } } } } } }`);
    expect(r.errors![0].extensions!.code).toBe("QUERY_TOO_DEEP");
  });

  test("too costly: QUERY_TOO_COSTLY naming cost and limit; page sizes multiply", async () => {
    const cheap = await app.graphql(`{ articles(first: 2) { edges { node { experts { name } } } } }`);
    expect(cheap.errors).toBeUndefined();
    const r = await app.graphql(`{ articles(first: 100) { edges { node { experts { name organization { name } } quotes { text } } } } }`);
    expect(r.status).toBe(400);
    expect(r.errors![0].extensions).toMatchObject({ code: "QUERY_TOO_COSTLY", limit: 500 });
    expect(r.errors![0].extensions!.cost).toBeGreaterThan(500);
    expect(r.sql).toBe(0);
  });

  test("cost counts variables for page sizes", async () => {
    const q = `query($n: Int) { experts(first: $n) { edges { node { quotes(first: $n) { nodes { text } } } } } }`;
    expect((await app.graphql(q, { n: 3 })).errors).toBeUndefined();
    expect((await app.graphql(q, { n: 50 })).errors![0].extensions!.code).toBe("QUERY_TOO_COSTLY");
  });

  test("the same document sent again is assessed for its own variables each time (what is remembered is per variables)", async () => {
    const q = `query($n: Int) { experts(first: $n) { edges { node { quotes(first: $n) { nodes { text } } } } } }`;
    for (const n of [3, 50, 3, 50, 2]) {
      const r = await app.graphql(q, { n });
      if (n === 50) {
        expect(r.status).toBe(400);
        expect(r.errors![0].extensions).toMatchObject({ code: "QUERY_TOO_COSTLY", limit: 500 });
        expect(r.sql).toBe(0);
      } else {
        expect(r.errors).toBeUndefined();
        expect(r.data.experts.edges.length).toBe(n);
      }
    }
  });

  test("a document holding NUL stays refused when sent again; the same text without it runs", async () => {
    const bad = `{ expert(slug: "a\\u0000b") { name } }`;
    for (let i = 0; i < 2; i++) expect((await app.graphql(bad)).errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect((await app.graphql(`{ expert(slug: "ab") { name } }`)).errors).toBeUndefined();
  });
});

describe("limits that fail closed (default limits)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  test("variables holding more than 100,000 values are BAD_USER_INPUT, before any SQL; 100,000 pass", async () => {
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, i]));
    const refused = await app.graphql(`{ __typename }`, many(200_000));
    expect(refused.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", maxValues: 100_000 }) })]);
    expect(refused.sql).toBe(0);
    const nested = await app.graphql(`{ __typename }`, { list: Array.from({ length: 100_001 }, (_, i) => ({ i })) });
    expect(nested.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fine = await app.graphql(`{ __typename }`, many(100_000));
    expect(fine.errors).toBeUndefined();
  });

  const aliased = (n: number) => "{" + Array.from({ length: n }, (_, i) => `a${i}: articles(first: 100) { totalCount nodes { body quotes { text } } }`).join(" ") + "}";

  test.each([2_000, 10_000, 50_000])("%i aliases of a full page are refused with a code, quickly, before any SQL", async (n) => {
    const { result: r, cpuMs } = await measured(() => app.graphql(aliased(n)));
    expect(r.status).toBe(400);
    expect(r.data).toBeUndefined();
    expect(["QUERY_TOO_COSTLY", "GRAPHQL_PARSE_FAILED"]).toContain(r.errors![0].extensions!.code);
    expect(r.sql).toBe(0);
    // CPU time, which a loaded machine does not stretch as it does wall-clock time (a few hundred
    // ms here at 50,000); before this limit the 10,000-alias query ran for 13.8 s.
    expect(cpuMs).toBeLessThan(5_000);
  });

  test("more aliases than NEWSGRAPH_MAX_ALIASES: QUERY_TOO_COSTLY naming the limit", async () => {
    const r = await app.graphql("{" + Array.from({ length: 101 }, (_, i) => `h${i}: __typename`).join(" ") + "}");
    expect(r.errors![0].extensions).toMatchObject({ code: "QUERY_TOO_COSTLY", limit: 100 });
    expect(r.errors![0].message).toMatch(/aliases/);
  });

  test("aliases inside a fragment count once per spread", async () => {
    const fields = Array.from({ length: 30 }, (_, i) => `x${i}: headline`).join(" ");
    const spreads = Array.from({ length: 4 }, (_, i) => `s${i}: article(slug: "none") { ...F }`).join(" ");
    const r = await app.graphql(`{ ${spreads} } fragment F on Article { ${fields} }`);
    expect(r.errors![0].extensions!.code).toBe("QUERY_TOO_COSTLY");
  });

  test("a document longer than NEWSGRAPH_MAX_TOKENS is refused while parsing", async () => {
    const r = await app.graphql("{ " + "__typename ".repeat(25_000) + "}");
    expect(r.status).toBe(400);
    expect(r.errors![0].extensions!.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(r.errors![0].message).toMatch(/token/i);
  });

  test.each([[20, 2], [30, 2], [8, 10]])("fragments spreading fragments (%i levels of %i spreads) are refused in milliseconds, counted without expanding them", async (levels, width) => {
    const frags = [`fragment F0 on Article { headline }`];
    for (let i = 1; i <= levels; i++) frags.push(`fragment F${i} on Article { ${Array.from({ length: width }, () => `...F${i - 1}`).join(" ")} }`);
    const { result: r, cpuMs } = await measured(() => app.graphql(`{ articles(first: 100) { nodes { ...F${levels} } } } ${frags.join(" ")}`));
    expect(r.errors![0].extensions).toMatchObject({ code: "QUERY_TOO_COSTLY", limit: 10_000, fields: 2 + width ** levels });
    expect(r.errors![0].message).toMatch(/fields once its fragments are expanded/);
    expect(r.sql).toBe(0);
    // CPU time, not wall-clock time: expanding 2^30 fields would take minutes of it.
    expect(cpuMs).toBeLessThan(2_000);
  });

  test("a few aliases still run", async () => {
    const r = await app.graphql(`{ a: articles(first: 1) { totalCount } b: articles(first: 2) { totalCount } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.a.totalCount).toBe(r.data.b.totalCount);
  });

  test("a body over the limit gets 413 with a GraphQL-shaped, coded error", async () => {
    const res = await app.running.app.inject({
      method: "POST",
      url: "/graphql",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(10 * 1024 * 1024) } }),
    });
    expect(res.statusCode).toBe(413);
    const body = JSON.parse(res.body);
    expect(body.errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
    expect(body.errors[0].message).toMatch(/larger than the limit/);
  });

  test("a body that is not JSON gets 400 with a coded error", async () => {
    const res = await app.running.app.inject({ method: "POST", url: "/graphql", headers: { "content-type": "application/json" }, payload: "{ not json" });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).errors[0].extensions.code).toBe("BAD_REQUEST");
  });
});

describe("errors", () => {
  let app: TestApp;
  const lines: any[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    app = await createTestApp({}, { log: pino({ level: "info" }, sink) });
  });
  afterAll(async () => {
    await app?.close();
  });

  test("page size above the maximum is BAD_USER_INPUT naming the argument and the limit", async () => {
    const r = await app.graphql(`{ quotes(first: 101) { totalCount } }`);
    expect(r.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "first", limit: 100 });
    expect(r.errors![0].message).toContain("100");
  });

  test("a value of the wrong type is a validation error, not a 500", async () => {
    const r = await app.graphql(`{ articles(first: "ten") { totalCount } }`);
    expect(r.status).toBe(400);
    expect(r.errors![0].extensions!.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  test("a malformed scalar in variables is BAD_USER_INPUT", async () => {
    const r = await app.graphql(`query($d: DateTime) { articles(filter: { publishedAfter: $d }) { totalCount } }`, { d: "not a date" });
    expect(r.status).toBe(400);
    expect(r.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });

  test("a syntax error is GRAPHQL_PARSE_FAILED", async () => {
    const r = await app.graphql(`{ articles(first: 1 { totalCount } }`);
    expect(r.errors![0].extensions!.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  test("an unexpected failure is masked, carries the request id, and is logged with it", async () => {
    await app.sql(`ALTER TABLE topic RENAME TO topic_moved`);
    try {
      const r = await app.graphql(`{ topics(first: 1) { totalCount } }`, undefined, { "x-request-id": "test-req-42" });
      expect(r.status).toBe(200);
      expect(r.headers["x-request-id"]).toBe("test-req-42");
      expect(r.errors).toHaveLength(1);
      const error = r.errors![0];
      expect(error.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: "test-req-42" });
      expect(error.message).toBe("Internal server error (request test-req-42)");
      expect(JSON.stringify(r.errors)).not.toMatch(/topic_moved|relation|SELECT|does not exist/i);
      const logged = lines.find((l) => l.msg === "unexpected error" && l.requestId === "test-req-42");
      expect(logged).toBeDefined();
      expect(JSON.stringify(logged.err)).toMatch(/topic/);
    } finally {
      await app.sql(`ALTER TABLE topic_moved RENAME TO topic`);
    }
  });

  test("every request is logged once with its status, duration and SQL count", async () => {
    await app.graphql(`{ articles(first: 1) { totalCount } }`, undefined, { "x-request-id": "log-line-1" });
    const entries = lines.filter((l) => l.msg === "request" && l.reqId === "log-line-1");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 200, method: "POST" });
    expect(entries[0].sql).toBeGreaterThan(0);
  });
});
