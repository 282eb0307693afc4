import { createTestApp, type TestApp } from "../helpers/app";

/**
 * The planner's one-statement answer must equal the executor's, byte for byte after parsing, for
 * random selections. The executor's answer to the same selection is had by adding a root field the
 * planner does not plan (`__schema`), which sends the whole operation to the executor; that field
 * is removed before comparing. The planned request must have run exactly one statement.
 */
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  await app.sql(`
    INSERT INTO article (slug, url, headline, summary, body, published_at, bylines, sections)
    SELECT 'planner-article-' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'https://example.test/p/' || g END,
           'Planner article ' || g, CASE WHEN g % 2 = 0 THEN NULL ELSE 'Summary ' || g END,
           'Body of planner article ' || g || ' with a few words in it.',
           timestamptz '2023-05-01 10:00:00.123+00' + g * interval '37 minutes',
           CASE WHEN g % 4 = 0 THEN '{}'::text[] ELSE ARRAY['Writer ' || g, 'Other "writer"'] END,
           ARRAY['Section ' || (g % 5)]
    FROM generate_series(1, 40) g`);
  // Two articles at the same instant: the id breaks the tie.
  await app.sql(`UPDATE article SET published_at = (SELECT published_at FROM article WHERE slug = 'planner-article-7') WHERE slug = 'planner-article-8'`);
  await app.sql(`
    INSERT INTO article_image (article_id, position, caption, credit, url)
    SELECT a.id, n, 'Caption ' || n || ' of ' || a.slug, CASE WHEN n = 1 THEN NULL ELSE 'Credit ' || n END, CASE WHEN n = 0 THEN 'https://example.test/i/' || n || '.jpg' END
    FROM article a CROSS JOIN generate_series(0, 2) n WHERE a.slug LIKE 'planner-article-%' AND length(a.slug) % 2 = 0`);
});

afterAll(async () => {
  await app?.close();
});

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return {
    chance: (p: number) => next() < p,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    some: <T>(xs: readonly T[]): T[] => {
      const out = xs.filter(() => next() < 0.5);
      return out.length ? out : [xs[0]];
    },
  };
}

const ARTICLE_FIELDS = ["id", "slug", "url", "headline", "summary", "body", "language", "publishedAt", "createdAt", "updatedAt", "version", "bylines", "sections", "wordCount", "__typename"];
const IMAGE_FIELDS = ["id", "position", "caption", "credit", "url", "__typename"];

function generate(seed: number): { query: string; variables: Record<string, unknown> } {
  const r = rng(seed);
  const variables: Record<string, unknown> = {};
  const defs: string[] = [];
  const fragments: string[] = [];
  let n = 0;
  const directive = () => {
    if (!r.chance(0.2)) return "";
    const name = `v${n++}`;
    defs.push(`$${name}: Boolean!`);
    variables[name] = r.chance(0.5);
    return r.chance(0.5) ? ` @skip(if: $${name})` : ` @include(if: $${name})`;
  };
  const alias = (f: string) => (r.chance(0.2) ? `a${n++}: ${f}` : f);
  const fields = (names: string[]) => {
    const picked = r.some(names);
    return picked.map((f) => `${alias(f)}${directive()}`).join(" ");
  };
  const article = () => {
    const parts = [fields(ARTICLE_FIELDS)];
    if (r.chance(0.4)) parts.push(`${alias("images")}${directive()} { ${fields(IMAGE_FIELDS)} ${r.chance(0.3) ? "... on Node { id }" : ""} }`);
    if (r.chance(0.3)) parts.push(`... on Node { ${r.pick(["id", "__typename"])} }`);
    if (r.chance(0.3)) {
      const name = `F${n++}`;
      fragments.push(`fragment ${name} on Article { ${fields(ARTICLE_FIELDS)} }`);
      parts.push(`...${name}`);
    }
    if (r.chance(0.2)) parts.push(`... on Article${directive()} { ${fields(["headline", "slug", "id"])} }`);
    return parts.join(" ");
  };
  const roots: string[] = [];
  for (let i = r.int(1, 2); i > 0; i--) {
    let args = "";
    const first = r.pick([null, 0, 1, 5, 17, 100]);
    if (first !== null) {
      if (r.chance(0.5)) {
        const name = `first${n++}`;
        defs.push(`$${name}: Int`);
        variables[name] = first;
        args = `(first: $${name})`;
      } else {
        args = `(first: ${first})`;
      }
    }
    const conn: string[] = [];
    if (r.chance(0.7)) conn.push(`${alias("nodes")} { ${article()} }`);
    if (r.chance(0.5)) conn.push(`${alias("edges")} { ${r.chance(0.3) ? "__typename " : ""}node { ${article()} } }`);
    if (r.chance(0.4)) conn.push(`${alias("totalCount")}${directive()}`);
    if (r.chance(0.2)) conn.push("totalCountIsEstimate __typename");
    if (!conn.length) conn.push("totalCount");
    roots.push(`${i === 1 && roots.length === 0 ? "articles" : `r${n++}: articles`}${args} { ${conn.join(" ")} }`);
  }
  if (r.chance(0.2)) roots.push("__typename");
  const query = `query Q${defs.length ? `(${defs.join(", ")})` : ""} { ${roots.join(" ")} } ${fragments.join(" ")}`;
  return { query, variables };
}

/** The executor's answer: `__schema` is outside the planner, so the whole operation is executed. */
async function viaExecutor(query: string, variables: Record<string, unknown>) {
  const withIntrospection = query.replace(/^(query Q[^{]*\{)/, "$1 __schema { queryType { name } } ");
  const res = await app.graphql(withIntrospection, variables);
  expect(res.errors).toBeUndefined();
  delete res.data.__schema;
  return res;
}

test("200 random selections over articles: the planned answer (1 statement) equals the executor's", async () => {
  let planned = 0;
  for (let seed = 1; seed <= 220; seed++) {
    const { query, variables } = generate(seed);
    const a = await app.graphql(query, variables);
    const b = await viaExecutor(query, variables);
    expect({ seed, query, errors: a.errors }).toEqual({ seed, query, errors: undefined });
    expect({ seed, query, data: a.data }).toEqual({ seed, query, data: b.data });
    expect({ seed, sql: a.sql }).toEqual({ seed, sql: 1 });
    expect(b.sql).toBeGreaterThan(0);
    planned++;
  }
  expect(planned).toBe(220);
});

test("bad input is not planned: the executor answers with the same coded errors", async () => {
  const over = await app.graphql(`{ articles(first: 101) { nodes { id } } }`);
  expect(over.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  const negative = await app.graphql(`query($n: Int) { articles(first: $n) { nodes { id } } }`, { n: -1 });
  expect(negative.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
});

test("an operationName the document does not hold is a coded error from the executor, not a 500 from the planner", async () => {
  const res = await app.running.app.inject({
    method: "POST",
    url: "/graphql",
    headers: { "content-type": "application/json" },
    payload: JSON.stringify({ query: "query A { articles(first: 2) { totalCount } }", operationName: "B" }),
  });
  const body = JSON.parse(res.body);
  expect({ status: res.statusCode, message: body.errors[0].message }).toEqual({ status: expect.any(Number), message: expect.stringContaining('"B"') });
  expect(res.statusCode).toBeLessThan(500);
  expect(body.errors[0].extensions.code).toEqual(expect.any(String));
  expect(body.errors[0].extensions.code).not.toBe("INTERNAL_SERVER_ERROR");
});

test("with NEWSGRAPH_PLANNER=false the same page runs through the loaders", async () => {
  const off = await createTestApp({ NEWSGRAPH_PLANNER: "false" });
  try {
    const res = await off.graphql(`{ articles(first: 5) { nodes { headline images { caption } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.articles.nodes.length).toBeGreaterThan(0);
    expect(res.sql).toBeGreaterThan(1);
  } finally {
    await off.close();
  }
});
