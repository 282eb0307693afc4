import { Writable } from "node:stream";
import pino from "pino";
import { toGlobalId } from "../../src/common/global-id";
import { createTestApp, type GraphQLResult, type TestApp } from "../helpers/app";
import { globalId } from "../helpers/fixtures";
import { createKey } from "../helpers/keys";

/**
 * Compiled execution (graphql-jit) must answer exactly as graphql-js does: the same data, the same
 * errors (message, path, locations, extensions.code, masking), the same HTTP status and the same
 * number of SQL statements. Two servers over the same data, one with NEWSGRAPH_COMPILED_EXECUTION
 * on and one with it off; every operation is sent to both and the responses are deep-compared.
 * Each is sent three times to the compiled server, so answers from the compiled cache are compared
 * too. The planner is off here, so that every read reaches the executor; one pair runs with it on.
 */
let compiled: TestApp;
let interpreted: TestApp;
/** Each server's own database, or one shared (PostgreSQL): where arranged SQL has to run. */
let databases: TestApp[];
let keys: Map<TestApp, Record<string, string>>;
/** The compiled server's log lines at debug: which operations were compiled, which could not be. */
const logged: Array<{ msg: string }> = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split("\n").filter(Boolean)) logged.push(JSON.parse(line));
    done();
  },
});

async function pair(env: Record<string, string>): Promise<[TestApp, TestApp]> {
  const on = await createTestApp({ ...env, NEWSGRAPH_COMPILED_EXECUTION: "true" }, { log: pino({ level: "debug" }, sink) });
  const url = on.config.database.kind === "postgres" ? on.config.database.url : undefined;
  // PGlite: each app starts from a copy of the same seeded template, so ids agree. PostgreSQL: one database.
  const off = await createTestApp({ ...env, NEWSGRAPH_COMPILED_EXECUTION: "false" }, url ? { databaseUrl: url } : {});
  return [on, off];
}

beforeAll(async () => {
  [compiled, interpreted] = await pair({ NEWSGRAPH_PLANNER: "false" });
  databases = compiled.kind === "postgres" ? [compiled] : [compiled, interpreted];
  // More articles and quotes than the demo's one, with fixed ids so that both PGlite copies agree.
  for (const db of databases) {
    await db.sql(`
      INSERT INTO article (id, slug, url, headline, summary, body, published_at, bylines, sections)
      SELECT md5('jit-article-' || g)::uuid, 'jit-article-' || g, 'https://example.test/jit/' || g, 'Jit article ' || g,
             CASE WHEN g % 2 = 0 THEN NULL ELSE 'Summary ' || g END, 'The summit of article ' || g || ' was held.',
             timestamptz '2022-01-01 10:00:00+00' + g * interval '1 day', ARRAY['Writer ' || g], ARRAY['World']
      FROM generate_series(1, 12) g`);
    await db.sql(`
      INSERT INTO quote (id, text, article_id, speaker_expert_id, speaker_organization_id, is_partial, position)
      SELECT md5('jit-quote-' || g || '-' || n)::uuid, 'Quote ' || n || ' of article ' || g, md5('jit-article-' || g)::uuid,
             CASE WHEN n % 2 = 0 THEN (SELECT id FROM expert ORDER BY slug LIMIT 1 OFFSET n) END,
             CASE WHEN n % 2 = 1 THEN (SELECT id FROM organization ORDER BY slug LIMIT 1 OFFSET n) END, false, n
      FROM generate_series(1, 12) g CROSS JOIN generate_series(0, 3) n WHERE g % 3 <> 0`);
  }
  keys = new Map();
  for (const app of [compiled, interpreted]) {
    keys.set(app, (await createKey(app, "admin", "equivalence admin")).headers);
    // The key's first use looks it up (one more statement); later ones are compared.
    await app.graphql(`{ __typename }`, undefined, keys.get(app));
  }
});

afterAll(async () => {
  // The interpreted app leaves a shared PostgreSQL database in place; the compiled one drops it.
  await interpreted?.close();
  await compiled?.close();
});

/**
 * Sends the operation to `b` once and to `a` three times, all with the request id "eq" (masked
 * errors carry it), and expects the same status, data, errors and statement count each time.
 */
async function both(a: TestApp, b: TestApp, query: string, variables?: Record<string, unknown>, opts: { admin?: boolean; invalid?: boolean } = {}): Promise<GraphQLResult[]> {
  const headers = (app: TestApp) => ({ "x-request-id": "eq", ...(opts.admin ? keys.get(app) : {}) });
  const strip = (r: GraphQLResult) => ({ status: r.status, data: r.data, errors: r.errors, sql: r.sql });
  const expected = await b.graphql(query, variables, headers(b));
  // An operation that does not validate never reaches an executor: only where that is the point.
  if (!opts.invalid && expected.errors?.some((e) => e.extensions?.code === "GRAPHQL_VALIDATION_FAILED")) throw new Error(`invalid operation: ${JSON.stringify(expected.errors)}`);
  const answers: GraphQLResult[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await a.graphql(query, variables, headers(a));
    expect(strip(r)).toEqual(strip(expected));
    answers.push(r);
  }
  return [answers[0]!, expected];
}

const same = (query: string, variables?: Record<string, unknown>, opts: { admin?: boolean; invalid?: boolean } = {}) => both(compiled, interpreted, query, variables, opts);

const ARTICLE_FIELDS = `id slug headline summary language publishedAt bylines sections wordCount __typename`;
const SPEAKER = `speaker { __typename id name ... on Expert { slug title kind organization { name } } ... on Organization { slug orgKind: kind country } }`;

describe("the same answers", () => {
  test("nested lists: articles, their quotes, speakers and the speakers' organizations", async () => {
    const [r] = await same(`{ articles(first: 20) { nodes { ${ARTICLE_FIELDS} quotes { id text position ${SPEAKER} } publisher { name } } } }`);
    expect(r!.data.articles.nodes.length).toBeGreaterThan(0);
    expect(r!.data.articles.nodes.some((a: { quotes: unknown[] }) => a.quotes.length > 0)).toBe(true);
  });

  test("connections: edges, cursors, pageInfo, totalCount, and the next page", async () => {
    const [r] = await same(`{ articles(first: 2) { totalCount totalCountIsEstimate pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { slug } } } }`);
    expect(r!.data.articles.edges).toHaveLength(2);
    const after = r!.data.articles.pageInfo.endCursor;
    await same(`query($after: String) { articles(first: 2, after: $after) { pageInfo { hasNextPage hasPreviousPage } edges { cursor node { slug } } } }`, { after });
    await same(`{ articles(last: 2) { pageInfo { hasNextPage hasPreviousPage } nodes { slug } } }`);
    await same(`{ experts(first: 3) { totalCount nodes { slug quotes(first: 2) { totalCount pageInfo { hasNextPage } nodes { text article { headline } } } } } }`);
  });

  test("an article page by slug with every relation", async () => {
    const slug = (await interpreted.graphql(`{ articles(first: 1) { nodes { slug } } }`)).data.articles.nodes[0].slug;
    const [r] = await same(
      `query($slug: String) { article(slug: $slug) { ${ARTICLE_FIELDS} body images { position caption credit url } quotes { text ${SPEAKER} speakerAffiliation { name } }
         experts { slug name } events { title kind places { name } participants { __typename name } } topics { slug name } places { slug name } organizations { slug name } mentions { __typename } } }`,
      { slug },
    );
    expect(r!.data.article.slug).toBe(slug);
  });

  test("fragments, inline fragments on interfaces, aliases, @include and @skip", async () => {
    const query = `query($withBody: Boolean!, $skipQuotes: Boolean!) {
      latest: articles(first: 3) { nodes { ...Card body @include(if: $withBody) quotes @skip(if: $skipQuotes) { said: text who: speaker { ...Who } } } }
      oldest: articles(first: 2, orderBy: { field: PUBLISHED_AT, direction: ASC }) { nodes { ...Card } }
      kim: expert(slug: "patricia-kim") { ...Who aliases }
    }
    fragment Card on Article { id title: headline publishedAt }
    fragment Who on Speaker { __typename name ... on Node { id } ... on Expert { organization { name } } }`;
    for (const vars of [{ withBody: true, skipQuotes: false }, { withBody: false, skipQuotes: true }]) await same(query, vars);
  });

  test("node and nodes by global id, of every kind and of none", async () => {
    const ids = (await interpreted.graphql(`{ articles(first: 2) { nodes { id quotes { id speaker { id } } } } }`)).data.articles.nodes;
    const all = ids.flatMap((a: { id: string; quotes: Array<{ id: string; speaker: { id: string } }> }) => [a.id, ...a.quotes.flatMap((q) => [q.id, q.speaker.id])]);
    await same(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Article { slug } ... on Quote { text } ... on Speaker { name } } }`, { ids: all });
    await same(`query($id: ID!) { node(id: $id) { id __typename } }`, { id: globalId("Article", "00000000-0000-4000-8000-000000000000") });
  });

  test("a search and introspection", async () => {
    await same(`{ articles(first: 5, filter: { search: "summit" }) { totalCount nodes { slug } } }`);
    await same(`{ __schema { queryType { name } types { name kind } } __type(name: "Speaker") { possibleTypes { name } } }`);
  });

  test("with the planner on too", async () => {
    const [on, off] = await pair({ NEWSGRAPH_PLANNER: "true" });
    try {
      await both(on, off, `{ articles(first: 5) { totalCount nodes { slug headline images { url } } } }`);
      await both(on, off, `{ articles(first: 5) { nodes { slug quotes { ${SPEAKER} } } } }`);
    } finally {
      await off.close();
      await on.close();
    }
  });
});

describe("the same errors", () => {
  test("coded errors raised in resolvers, with their paths, beside data", async () => {
    const [r] = await same(`{ ok: articles(first: 1) { nodes { slug } } bad: article(id: "nonsense") { slug } two: article(slug: "a", url: "https://b.test/") { slug } }`);
    expect(r!.errors!.map((e) => e.extensions!.code)).toEqual(["BAD_USER_INPUT", "BAD_USER_INPUT"]);
    expect(r!.data.ok.nodes).toHaveLength(1);
    await same(`{ articles(first: -1) { totalCount } }`);
    await same(`{ articles(first: 5000) { totalCount } }`);
    await same(`{ articles(orderBy: { field: RELEVANCE }) { totalCount } }`);
    await same(`{ experts(first: 1) { nodes { quotes(first: 1, after: "not a cursor") { totalCount } } } }`);
  });

  test("variables that do not coerce are BAD_USER_INPUT with status 400", async () => {
    const [r] = await same(`query($n: Int, $d: DateTime) { articles(first: $n, filter: { publishedAfter: $d }) { totalCount } }`, { n: "ten", d: "not a date" });
    expect(r!.status).toBe(400);
    expect(r!.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    await same(`query($slug: String!) { article(slug: $slug) { id } }`, {});
    await same(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [null] });
  });

  test("validation errors, an unknown operation name, an unsupported operation", async () => {
    await same(`{ articles(first: "ten") { totalCount } }`, undefined, { invalid: true });
    await same(`{ articles { nope } }`, undefined, { invalid: true });
    const r = await compiled.running.app.inject({ method: "POST", url: "/graphql", headers: { "content-type": "application/json" }, payload: JSON.stringify({ query: "query A { __typename }", operationName: "B" }) });
    const s = await interpreted.running.app.inject({ method: "POST", url: "/graphql", headers: { "content-type": "application/json" }, payload: JSON.stringify({ query: "query A { __typename }", operationName: "B" }) });
    expect([r.statusCode, JSON.parse(r.body).errors]).toEqual([s.statusCode, JSON.parse(s.body).errors]);
  });

  test("an unexpected failure is masked the same way, with the request id", async () => {
    for (const db of databases) await db.sql(`ALTER TABLE topic RENAME TO topic_moved`);
    try {
      const [r] = await same(`{ topics(first: 1) { totalCount nodes { name } } articles(first: 1) { nodes { slug } } }`);
      await same(`{ articles(first: 3) { nodes { slug topics { name } } } }`);
      expect(r!.errors![0]!.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: "eq" });
      // Topic.totalCount is non-null, and so is Query.topics: the null reaches data.
      expect(r!.data).toBeNull();
    } finally {
      for (const db of databases) await db.sql(`ALTER TABLE topic_moved RENAME TO topic`);
    }
  });

  test("mutations (run by graphql-js in both): NOT_FOUND and BAD_USER_INPUT", async () => {
    const [r] = await same(`mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { id } } }`, { id: toGlobalId("ApiKey", "00000000-0000-4000-8000-000000000000") }, { admin: true });
    expect(r!.errors![0]!.extensions!.code).toBe("NOT_FOUND");
    await same(`mutation { revokeApiKey(id: "nonsense") { apiKey { id } } }`, undefined, { admin: true });
    await same(`{ apiKeys { name role } }`, undefined, { admin: true });
  });
});

// Last: the comparisons above compared compiled answers, not graphql-js's twice.
test("every query above was compiled; none fell back to graphql-js", () => {
  expect(logged.filter((l) => l.msg === "operation compiled").length).toBeGreaterThan(20);
  expect(logged.filter((l) => /cannot compile|failed compiling/.test(l.msg))).toEqual([]);
});
