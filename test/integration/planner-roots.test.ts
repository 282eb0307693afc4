import { createTestApp, type TestApp } from "../helpers/app";
import { randomFacets } from "../helpers/facets-selection";

/**
 * The planner's one-statement answers for the roots beyond `articles` (expert, experts, topic,
 * event, events, quote, quotes, node; the expert finder's fields, filters and orderings) must equal the executor's, for random selections with every
 * ordering, both cursor directions, aliases, fragments and @skip/@include. As in
 * planner-equivalence.test.ts, the executor's answer is had by adding `__schema`, which the
 * planner does not plan; the planned request must have run exactly one statement.
 */
let app: TestApp;

/** Cursor pools, by ordering: keyset cursors are key values, valid under any parent of that list. */
const cursors: Record<string, string[]> = {};
let expertSlugs: string[] = [];
let expertIds: string[] = [];
let topicSlugs: string[] = [];
let nodeIds: string[] = [];

beforeAll(async () => {
  app = await createTestApp();
  await app.sql(`
    INSERT INTO article (slug, headline, summary, body, published_at)
    SELECT 'roots-article-' || g, 'Roots article ' || g, CASE WHEN g % 2 = 0 THEN 'Summary ' || g END,
           'Body of roots article ' || g || '.', timestamptz '2023-06-01 08:00:00.250+00' + (g / 2) * interval '3 hours'
    FROM generate_series(1, 30) g`);
  await app.sql(`
    INSERT INTO article_topic (article_id, topic_id)
    SELECT a.id, t.id FROM article a CROSS JOIN (SELECT id, row_number() OVER (ORDER BY slug) AS n FROM topic) t
    WHERE a.slug LIKE 'roots-article-%' AND (t.n = 1 OR (t.n = 2 AND length(a.slug) % 2 = 0))
    ON CONFLICT DO NOTHING`);
  // Quotes by three experts and one organization, created in pairs at the same instant (the id breaks ties).
  await app.sql(`
    INSERT INTO quote (text, article_id, speaker_expert_id, position, channel, said_on, created_at, confidence)
    SELECT 'Roots quote ' || n || ' in ' || a.slug || ' "quoted"', a.id,
           (SELECT id FROM expert ORDER BY slug OFFSET (n % 3) LIMIT 1), n + 1,
           CASE WHEN n = 1 THEN 'told reporters' END, CASE WHEN n = 2 THEN date '2023-05-20' + (length(a.slug) % 4) END,
           timestamptz '2024-02-01 12:00:00.5+00' + ((length(a.slug) * 3 + n) / 2) * interval '1 minute', 0.5 + n * 0.125
    FROM article a CROSS JOIN generate_series(0, 2) n WHERE a.slug LIKE 'roots-article-%'`);
  await app.sql(`
    INSERT INTO quote (text, article_id, speaker_organization_id, position)
    SELECT 'Roots statement in ' || a.slug, a.id, (SELECT id FROM organization ORDER BY slug LIMIT 1), 10
    FROM article a WHERE a.slug LIKE 'roots-article-1%'`);
  await app.sql(`
    INSERT INTO quote (text, article_id, speaker_description, position)
    SELECT 'Roots anonymous quote in ' || a.slug, a.id, 'a senior official', 11
    FROM article a WHERE a.slug LIKE 'roots-article-2%'`);
  // Events: some undated, ties on the day, some ranges; places, people and organizations taking part.
  await app.sql(`
    INSERT INTO event (title, kind, starts_on, ends_on, date_precision, description)
    SELECT 'Roots event ' || g, (ARRAY['meeting', 'visit', 'talks'])[1 + g % 3],
           CASE WHEN g % 7 = 0 THEN NULL ELSE date '2021-03-10' + (g / 2) END,
           CASE WHEN g % 5 = 0 AND g % 7 <> 0 THEN date '2021-03-10' + (g / 2) + 3 END,
           (ARRAY['day', 'week'])[1 + g % 2], CASE WHEN g % 3 = 0 THEN 'Description ' || g END
    FROM generate_series(1, 25) g`);
  await app.sql(`
    INSERT INTO event_place (event_id, place_id)
    SELECT e.id, p.id FROM event e CROSS JOIN (SELECT id, row_number() OVER (ORDER BY slug) AS n FROM place) p
    WHERE e.title LIKE 'Roots event %' AND p.n <= 1 + length(e.title) % 3`);
  await app.sql(`
    INSERT INTO event_expert (event_id, expert_id)
    SELECT e.id, x.id FROM event e CROSS JOIN (SELECT id, row_number() OVER (ORDER BY slug) AS n FROM expert) x
    WHERE e.title LIKE 'Roots event %' AND x.n <= length(e.title) % 3`);
  await app.sql(`
    INSERT INTO event_organization (event_id, organization_id)
    SELECT e.id, o.id FROM event e CROSS JOIN (SELECT id, row_number() OVER (ORDER BY slug) AS n FROM organization) o
    WHERE e.title LIKE 'Roots event %' AND o.n <= length(e.title) % 2`);

  // Coverage: 0 to 3 roots articles per event (ties on the count), each link with the article's own title, some none.
  await app.sql(`
    INSERT INTO event_article (event_id, article_id, title)
    SELECT e.id, a.id, CASE WHEN a.n % 3 = 1 THEN NULL WHEN a.n % 3 = 2 THEN e.title ELSE 'Roots report ' || a.n END
      FROM event e CROSS JOIN (SELECT id, row_number() OVER (ORDER BY slug) AS n FROM article WHERE slug LIKE 'roots-article-%') a
     WHERE e.title LIKE 'Roots event %' AND a.n <= length(e.title) % 4 + (CASE WHEN e.title LIKE '%1' THEN 1 ELSE 0 END)`);

  // Cursor pools, read through the executor (`__schema` keeps the planner out).
  const pool = async (name: string, query: string, pick: (d: any) => any[]) => {
    const res = await app.graphql(`{ __schema { queryType { name } } ${query} }`);
    expect(res.errors).toBeUndefined();
    cursors[name] = pick(res.data).map((e: any) => e.cursor);
  };
  const edges = "edges { cursor }";
  await pool("quote:created", `quotes(first: 100, orderBy: { field: CREATED_AT }) { ${edges} }`, (d) => d.quotes.edges);
  await pool("quote:said", `quotes(first: 100) { ${edges} }`, (d) => d.quotes.edges);
  await pool("expert:name", `experts(first: 100) { ${edges} }`, (d) => d.experts.edges);
  await pool("expert:created", `experts(first: 100, orderBy: { field: CREATED_AT }) { ${edges} }`, (d) => d.experts.edges);
  await pool("expert:quotes", `experts(first: 100, orderBy: { field: QUOTE_COUNT }) { ${edges} }`, (d) => d.experts.edges);
  await pool("expert:last_quoted:DESC", `experts(first: 100, orderBy: { field: LAST_QUOTED }) { ${edges} }`, (d) => d.experts.edges);
  await pool("expert:last_quoted:ASC", `experts(first: 100, orderBy: { field: LAST_QUOTED, direction: ASC }) { ${edges} }`, (d) => d.experts.edges);
  await pool("event:starts:ASC", `events(first: 100) { ${edges} }`, (d) => d.events.edges);
  await pool("event:starts:DESC", `events(first: 100, orderBy: { field: STARTS_ON, direction: DESC }) { ${edges} }`, (d) => d.events.edges);
  await pool("event:created", `events(first: 100, orderBy: { field: CREATED_AT }) { ${edges} }`, (d) => d.events.edges);
  await pool("event:coverage", `events(first: 100, orderBy: { field: COVERAGE }) { ${edges} }`, (d) => d.events.edges);
  await pool("article:published", `articles(first: 100) { ${edges} }`, (d) => d.articles.edges);
  const ids = await app.graphql(`{ __schema { queryType { name } } experts(first: 100) { nodes { id slug } } topics(first: 100) { nodes { id slug } }
    events(first: 3) { nodes { id } } quotes(first: 3) { nodes { id } } articles(first: 2) { nodes { id } } organizations(first: 2) { nodes { id } } places(first: 2) { nodes { id } } }`);
  expect(ids.errors).toBeUndefined();
  expertSlugs = ids.data.experts.nodes.map((x: any) => x.slug);
  expertIds = ids.data.experts.nodes.map((x: any) => x.id);
  topicSlugs = ids.data.topics.nodes.map((t: any) => t.slug);
  nodeIds = [...expertIds.slice(0, 3), ...["topics", "events", "quotes", "articles", "organizations", "places"].flatMap((k) => ids.data[k].nodes.map((n: any) => n.id))];
  expect(cursors["quote:created"].length).toBeGreaterThan(90);
  expect(cursors["event:starts:ASC"].length).toBeGreaterThan(25);
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

const TRACKED = ["createdAt", "updatedAt", "version", "createdBy", "updatedBy"];
const EXPERT_FIELDS = ["id", "slug", "name", "aliases", "title", "kind", "country", "description", "quoteCount", "lastQuotedAt", "__typename", ...TRACKED];
const ORGANIZATION_FIELDS = ["id", "slug", "name", "aliases", "kind", "country", "__typename", ...TRACKED];
const QUOTE_FIELDS = ["id", "text", "channel", "saidOn", "isPartial", "position", "startOffset", "endOffset", "speakerDescription", "anonymous", "confidence", "__typename", ...TRACKED];
const ARTICLE_FIELDS = ["id", "slug", "headline", "summary", "publishedAt", "language", "wordCount", "__typename"];
const TOPIC_FIELDS = ["id", "slug", "name", "__typename", ...TRACKED];
const EVENT_FIELDS = ["id", "title", "titles", "kind", "description", "startsOn", "endsOn", "datePrecision", "status", "__typename", ...TRACKED];
const PLACE_FIELDS = ["id", "slug", "name", "kind", "region", "countryCode", "__typename"];

function generate(seed: number): { query: string; variables: Record<string, unknown> } {
  const r = rng(seed);
  const variables: Record<string, unknown> = {};
  const defs: string[] = [];
  const fragments: string[] = [];
  let n = 0;
  const variable = (type: string, value: unknown) => {
    const name = `v${n++}`;
    defs.push(`$${name}: ${type}`);
    variables[name] = value;
    return `$${name}`;
  };
  const directive = () => {
    if (!r.chance(0.15)) return "";
    const v = variable("Boolean!", r.chance(0.5));
    return r.chance(0.5) ? ` @skip(if: ${v})` : ` @include(if: ${v})`;
  };
  const alias = (f: string) => (r.chance(0.2) && !f.includes(":") ? `a${n++}: ${f}` : f);
  const fields = (names: string[]) => r.some(names).map((f) => `${alias(f)}${directive()}`).join(" ");
  const fragment = (type: string, names: string[]) => {
    const name = `F${n++}`;
    fragments.push(`fragment ${name} on ${type} { ${fields(names)} }`);
    return `...${name}`;
  };

  /** Page arguments: first/after forwards or last/before backwards, literal or variable; cursors from the ordering's pool. */
  const page = (pool: string, extra: string[] = []) => {
    const args = [...extra];
    const size = r.pick([null, 0, 1, 2, 5, 17, 100]);
    const backward = r.chance(0.35);
    if (size !== null) args.push(`${backward ? "last" : "first"}: ${r.chance(0.5) ? variable("Int", size) : size}`);
    else if (backward) args.push(`last: 3`);
    const list = cursors[pool];
    if (r.chance(0.5)) {
      const c = r.pick(list);
      args.push(`${backward ? "before" : "after"}: ${r.chance(0.5) ? variable("String", c) : JSON.stringify(c)}`);
    }
    if (r.chance(0.15)) args.push(`${backward ? "after" : "before"}: ${JSON.stringify(r.pick(list))}`);
    return args.length ? `(${args.join(", ")})` : "";
  };
  /** `facets`: a root connection (articles, quotes, events), whose facets are planned. */
  const connection = (type: string, node: () => string, facets = false) => {
    const parts: string[] = [];
    if (r.chance(0.6)) parts.push(`${alias("nodes")}${directive()} { ${node()} }`);
    if (r.chance(0.5)) parts.push(`${alias("edges")} { ${r.chance(0.2) ? "__typename " : ""}${r.chance(0.7) ? "cursor " : ""}node { ${node()} } }`);
    if (r.chance(0.5)) parts.push(`pageInfo { ${fields(["hasNextPage", "hasPreviousPage", "startCursor", "endCursor", "__typename"])} }`);
    if (r.chance(0.4)) parts.push(`${alias("totalCount")}${directive()}`);
    if (r.chance(0.15)) parts.push(`totalCountIsEstimate __typename`);
    if (facets && r.chance(0.35)) {
      const nodeFields = { Topic: () => fields(TOPIC_FIELDS), Expert: () => fields(EXPERT_FIELDS), Organization: () => fields(ORGANIZATION_FIELDS), Place: () => fields(PLACE_FIELDS) };
      parts.push(randomFacets({ ...r, fields, alias, int: (v) => (r.chance(0.5) ? variable("Int", v) : String(v)), node: nodeFields }));
    }
    if (!parts.length) parts.push("totalCount");
    void type;
    return parts.join(" ");
  };

  // Article relations (front's) reached from these roots: Topic.articles, Quote.article.
  const article = () =>
    [
      fields(ARTICLE_FIELDS),
      r.chance(0.2) ? "... on Node { id }" : "",
      r.chance(0.2) ? fragment("Article", ["headline", "slug"]) : "",
      r.chance(0.2) ? `topics { ${fields(TOPIC_FIELDS)} }` : "",
      r.chance(0.15) ? "experts { name organization { name } }" : "",
    ].join(" ");
  const organization = () => [fields(ORGANIZATION_FIELDS), r.chance(0.2) ? "... on Speaker { name }" : ""].join(" ");
  /** `named`: no anonymous quote can be in the list, so `speaker` may be selected (on one, the resolver's error). */
  const quote = (named = false) => {
    const parts = [fields(QUOTE_FIELDS)];
    if (r.chance(0.5)) parts.push(`${alias("article")}${directive()} { ${article()} }`);
    if (named && r.chance(0.7)) parts.push(`${alias("speaker")} { __typename name ... on Expert { ${fields(["title", "slug", "kind"])} } ... on Organization { ${fields(["orgKind: kind", "slug"])} } }`);
    if (r.chance(0.2)) parts.push(`speakerAffiliation { name }`);
    if (r.chance(0.2)) parts.push(fragment("Quote", ["text", "position", "id"]));
    return parts.join(" ");
  };
  const quoteOrder = () => {
    const field = r.pick(["CREATED_AT", "SAID_ON", null]);
    const direction = r.pick(["ASC", "DESC", null]);
    const pool = field === "CREATED_AT" ? "quote:created" : "quote:said";
    if (!field) return { pool, args: [] };
    const value = `{ field: ${field}${direction ? `, direction: ${direction}` : ""} }`;
    return { pool, args: [`orderBy: ${r.chance(0.3) ? variable("QuoteOrder", { field, ...(direction ? { direction } : {}) }) : value}`] };
  };
  // `speakers`: the expert's quotes select their speaker (not under `experts`, where the cost limit is near).
  const expert = (depth: number, speakers = false): string => {
    const parts = [fields(EXPERT_FIELDS)];
    if (r.chance(0.5)) parts.push(`${alias("organization")}${directive()} { ${organization()} }`);
    if (depth === 0 && r.chance(0.6)) {
      const o = quoteOrder();
      parts.push(`${alias("quotes")}${page(o.pool, o.args)} { ${connection("Quote", () => quote(speakers))} }`);
    }
    if (r.chance(0.2)) parts.push(`... on Speaker { ${fields(["id", "name"])} }`);
    if (r.chance(0.2)) parts.push(fragment("Expert", ["name", "slug", "kind"]));
    // The expert finder's counted lists, with and without `first`.
    const first = () => (r.chance(0.5) ? `(first: ${r.chance(0.5) ? variable("Int", r.int(0, 3)) : r.int(0, 3)})` : "");
    if (r.chance(0.3)) parts.push(`${alias("topics")}${first()} { ${fields(["count", "__typename"])} topic { ${fields(TOPIC_FIELDS)} } }`);
    if (r.chance(0.3)) parts.push(`${alias("channels")}${first()} { ${fields(["channel", "count", "__typename"])} }`);
    if (r.chance(0.3)) parts.push(`${alias("coQuoted")}${first()} { ${fields(["sharedArticles", "__typename"])} expert { ${fields(["id", "name", "quoteCount"])} } }`);
    return parts.join(" ");
  };
  const event = () => {
    const parts = [fields(EVENT_FIELDS)];
    if (r.chance(0.5)) parts.push(`${alias("places")}${directive()} { ${fields(PLACE_FIELDS)} }`);
    if (r.chance(0.5)) {
      const speaker = [fields(["__typename", "id", "name"])];
      if (r.chance(0.5)) speaker.push(`... on Expert { ${fields(["title", "slug", "kind"])} }`);
      if (r.chance(0.4)) speaker.push(`... on Organization { ${fields(["orgKind: kind", "slug"])} }`);
      parts.push(`${alias("participants")} { ${speaker.join(" ")} }`);
    }
    return parts.join(" ");
  };

  const roots: string[] = [];
  const root = (name: string) => (roots.length === 0 ? name : `r${n++}: ${name}`);
  for (let i = r.int(1, 2); i > 0; i--) {
    switch (r.pick(["expert", "experts", "topic", "events", "quotes", "node", "event", "quote"])) {
      case "expert": {
        const by = r.chance(0.7)
          ? `slug: ${JSON.stringify(r.chance(0.9) ? r.pick(expertSlugs) : "no-such-expert")}`
          : `id: ${r.chance(0.5) ? variable("ID", r.pick(expertIds)) : JSON.stringify(r.pick(expertIds))}`;
        roots.push(`${root("expert")}(${by}) { ${expert(0, true)} }`);
        break;
      }
      case "experts": {
        const field = r.pick(["NAME", "CREATED_AT", "QUOTE_COUNT", "LAST_QUOTED", null]);
        const direction = r.pick(["ASC", "DESC", null]);
        const args = field ? [`orderBy: { field: ${field}${direction ? `, direction: ${direction}` : ""} }`] : [];
        const filter: string[] = [];
        if (r.chance(0.2)) filter.push(`kind: ${r.pick(["OFFICIAL", "ANALYST", "ACADEMIC"])}`);
        if (r.chance(0.2)) filter.push(`topic: ${JSON.stringify(r.pick(topicSlugs.slice(0, 3)))}`);
        if (r.chance(0.2)) filter.push(`quotedAfter: ${variable("DateTime", `2023-06-0${r.int(1, 4)}T00:00:00Z`)}`);
        if (r.chance(0.1)) filter.push(`quotedBefore: "2023-06-03T00:00:00Z"`);
        if (r.chance(0.1)) filter.push(`country: "US"`);
        if (filter.length) args.push(`filter: { ${filter.join(", ")} }`);
        const pool =
          field === "CREATED_AT" ? "expert:created" : field === "QUOTE_COUNT" ? "expert:quotes" : field === "LAST_QUOTED" ? `expert:last_quoted:${direction ?? "DESC"}` : "expert:name";
        roots.push(`${root("experts")}${page(pool, args)} { ${connection("Expert", () => expert(r.chance(0.5) ? 0 : 1))} }`);
        break;
      }
      case "topic": {
        const slug = r.chance(0.9) ? r.pick(topicSlugs.slice(0, 3)) : "no-such-topic";
        roots.push(`${root("topic")}(slug: ${variable("String!", slug)}) { ${fields(TOPIC_FIELDS)} articles${page("article:published")} { ${connection("Article", article)} } }`);
        break;
      }
      case "events": {
        const field = r.pick(["STARTS_ON", "CREATED_AT", "COVERAGE", null]);
        const direction = r.pick(["ASC", "DESC", null]);
        const args = field ? [`orderBy: { field: ${field}${direction ? `, direction: ${direction}` : ""} }`] : [];
        const filter: string[] = [];
        if (r.chance(0.6)) {
          const from = `2021-03-${String(r.int(8, 16)).padStart(2, "0")}`;
          const to = `2021-03-${String(r.int(16, 24)).padStart(2, "0")}`;
          if (r.chance(0.5)) filter.push(`from: ${variable("LocalDate", from)}, to: ${variable("LocalDate", to)}`);
          else filter.push(`from: "${from}"${r.chance(0.5) ? `, to: "${to}"` : ""}`);
        }
        if (r.chance(0.15)) filter.push("kind: MEETING");
        if (filter.length) args.push(`filter: { ${filter.join(", ")} }`);
        const pool = field === "CREATED_AT" ? "event:created" : field === "COVERAGE" ? "event:coverage" : direction === "DESC" ? "event:starts:DESC" : "event:starts:ASC";
        roots.push(`${root("events")}${page(pool, args)} { ${connection("Event", event, true)} }`);
        break;
      }
      case "quotes": {
        const o = quoteOrder();
        const args = [...o.args];
        const named = r.chance(0.3);
        if (named) args.push(`filter: { ${r.pick(["anonymous: false", `speaker: "${r.pick(expertSlugs)}"`])} }`);
        else if (r.chance(0.3)) args.push(`filter: { ${r.pick(["anonymous: true", "anonymous: false", `speaker: "${r.pick(expertSlugs)}"`, `article: "roots-article-${r.int(1, 30)}"`])} }`);
        roots.push(`${root("quotes")}${page(o.pool, args)} { ${connection("Quote", () => quote(named), true)} }`);
        break;
      }
      case "node": {
        const id = r.pick(nodeIds);
        roots.push(`${root("node")}(id: ${JSON.stringify(id)}) { id __typename ... on Expert { ${fields(EXPERT_FIELDS)} } ... on Topic { name } ... on Event { eventTitle: title places { name } } ... on Quote { text article { headline } } ... on Article { headline } ... on Speaker { name } }`);
        break;
      }
      case "event":
        roots.push(`${root("event")}(id: ${JSON.stringify(r.pick(nodeIds.filter((x) => Buffer.from(x, "base64url").toString().startsWith("Event:"))))}) { ${event()} }`);
        break;
      case "quote":
        roots.push(`${root("quote")}(id: ${JSON.stringify(r.pick(nodeIds.filter((x) => Buffer.from(x, "base64url").toString().startsWith("Quote:"))))}) { ${quote()} }`);
        break;
    }
  }
  if (r.chance(0.2)) roots.push("__typename");
  const query = `query Q${defs.length ? `(${defs.join(", ")})` : ""} { ${roots.join(" ")} } ${fragments.join(" ")}`;
  return { query, variables };
}

/** The executor's answer: `__schema` is outside the planner, so the whole operation is executed. */
async function viaExecutor(query: string, variables: Record<string, unknown>) {
  const withIntrospection = query.replace(/^(query Q[^{]*\{)/, "$1 __schema { queryType { name } } ");
  const res = await app.graphql(withIntrospection, variables);
  expect({ query, errors: res.errors }).toEqual({ query, errors: undefined });
  delete res.data.__schema;
  return res;
}

test("300 random selections over expert, experts, topic, event(s), quote(s) (with facets) and node: the planned answer (1 statement) equals the executor's", async () => {
  let rows = 0;
  let speakers = 0;
  let counted = 0;
  let facets = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const { query, variables } = generate(seed);
    const a = await app.graphql(query, variables);
    const b = await viaExecutor(query, variables);
    expect({ seed, query, errors: a.errors }).toEqual({ seed, query, errors: undefined });
    expect({ seed, query, data: a.data }).toEqual({ seed, query, data: b.data });
    expect({ seed, query, sql: a.sql }).toEqual({ seed, query, sql: 1 });
    rows += JSON.stringify(a.data).length;
    if (/speaker \{/.test(query)) speakers++;
    if (/"(sharedArticles|count)":[1-9]/.test(JSON.stringify(a.data))) counted++;
    if (/facets \{/.test(query)) facets++;
  }
  // The answers hold data, not only empty pages, and planned speakers (front's relations) are among them.
  expect(rows).toBeGreaterThan(300 * 200);
  expect(speakers).toBeGreaterThan(10);
  // The expert finder's counted lists are among them, with counts.
  expect(counted).toBeGreaterThan(10);
  expect(facets).toBeGreaterThan(10);
}, 300_000);

const PAGES = {
  expert: `query ExpertPage($slug: String!, $first: Int!) { expert(slug: $slug) { slug name title organization { name }
    quotes(first: $first, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { text article { headline } } } } }`,
  topic: `query TopicPage($slug: String!, $first: Int!) { topic(slug: $slug) { name articles(first: $first) { nodes { slug headline publishedAt } } } }`,
  events: `query EventsPage($from: LocalDate!, $to: LocalDate!, $first: Int!) { events(filter: { from: $from, to: $to }, first: $first) { nodes { title kind startsOn endsOn places { name } } } }`,
};

test("the bench's expert, topic and events pages equal the executor's answer and are not empty", async () => {
  const vars = { expert: { slug: expertSlugs[0] }, topic: { slug: topicSlugs[0] }, events: { from: "2021-03-01", to: "2021-03-31" } };
  for (const [name, query] of Object.entries(PAGES)) {
    const variables = { ...vars[name as keyof typeof vars], first: 20 };
    const a = await app.graphql(query, variables);
    const b = await viaExecutor(query.replace(/^query \w+/, "query Q"), variables);
    expect({ name, errors: a.errors }).toEqual({ name, errors: undefined });
    expect({ name, data: a.data }).toEqual({ name, data: b.data });
    expect({ name, sql: a.sql }).toEqual({ name, sql: 1 });
    expect(JSON.stringify(a.data).length).toBeGreaterThan(500);
  }
});

test("bad input on these roots is not planned: the executor answers with the same coded errors", async () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    [`{ expert(slug: "x", id: "y") { name } }`, {}],
    [`{ expert(id: "not-an-id") { name } }`, {}],
    [`{ experts(first: 101) { nodes { name } } }`, {}],
    [`{ experts(orderBy: { field: RELEVANCE }) { nodes { name } } }`, {}],
    [`query($c: String) { quotes(after: $c) { nodes { text } } }`, { c: "bm90IGEgY3Vyc29y" }],
    [`{ events(filter: { from: "2021-03-10", to: "2021-03-01" }) { nodes { title } } }`, {}],
    [`{ events(first: 2, last: 2) { nodes { title } } }`, {}],
    [`{ topic(slug: "north-korea") { articles(first: -1) { totalCount } } }`, {}],
    [`{ node(id: "bad") { id } }`, {}],
  ];
  for (const [query, variables] of cases) {
    const res = await app.graphql(query, variables);
    expect({ query, code: res.errors?.[0].extensions?.code }).toEqual({ query, code: "BAD_USER_INPUT" });
  }
});

test("an anonymous quote's speaker is an AnonymousSource, planned in the same one statement as the executor answers it", async () => {
  const query = `{ quotes(first: 2, filter: { anonymous: true }) { nodes { text speaker { __typename name ... on AnonymousSource { id description affiliation { name } quote { text } } } } } }`;
  const a = await app.graphql(query);
  const b = await viaExecutor(query.replace(/^\{/, "query Q {"), {});
  expect({ errors: a.errors, sql: a.sql }).toEqual({ errors: undefined, sql: 1 });
  expect(a.data).toEqual(b.data);
  expect(a.data.quotes.nodes.length).toBeGreaterThan(0);
  for (const q of a.data.quotes.nodes) expect(q.speaker).toMatchObject({ __typename: "AnonymousSource", name: q.speaker.description, quote: { text: q.text } });
});

test("a filtered connection whose selection reads no rows and no count is still 1 statement (its filter's parameters are left out)", async () => {
  const queries = [
    `{ quotes(filter: { speaker: "${expertSlugs[0]}" }) { __typename totalCountIsEstimate } }`,
    `{ events(filter: { from: "2021-03-10", kind: MEETING }) { totalCountIsEstimate } }`,
    `{ experts(filter: { kind: OFFICIAL }) { __typename } }`,
  ];
  for (const query of queries) {
    const a = await app.graphql(query);
    const b = await viaExecutor(query.replace(/^\{/, "query Q {"), {});
    expect({ query, errors: a.errors, data: a.data, sql: a.sql }).toEqual({ query, errors: undefined, data: b.data, sql: 1 });
  }
});
