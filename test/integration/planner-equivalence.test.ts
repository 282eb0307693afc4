import "reflect-metadata";
import { type FragmentDefinitionNode, type GraphQLSchema, Kind, type OperationDefinitionNode, parse } from "graphql";
import { planOperation } from "../../src/planner/planner";
import { createSchema } from "../../src/schema";
import { createTestApp, type TestApp } from "../helpers/app";
import { randomFacets } from "../helpers/facets-selection";

/**
 * The planner's one-statement answer must equal the executor's, byte for byte after parsing, for
 * random selections. The executor's answer to the same selection is had by adding a root field the
 * planner does not plan (`__schema`), which sends the whole operation to the executor; that field
 * is removed before comparing. The planned request must have run exactly one statement.
 */
let app: TestApp;
let schema: GraphQLSchema;
/** Cursors the executor gave, by ordering (the key of ORDERINGS). */
const cursors: Record<string, string[]> = {};
/** Article global ids, and slugs, for article(id:) and article(slug:). */
let articleIds: string[] = [];

const ORDERINGS: Record<string, string> = {
  default: "",
  publishedAsc: "orderBy: { field: PUBLISHED_AT, direction: ASC }",
  created: "orderBy: { field: CREATED_AT }",
  headline: "orderBy: { field: HEADLINE }",
  headlineDesc: "orderBy: { field: HEADLINE, direction: DESC }",
};

/** Full-text searches (relevance order unless told otherwise), with their cursors taken from the executor. */
const SEARCHES = ["planner", "harbor words", "summary -summit", '"planner article" or summit', "harbor or summary"];
const SEARCH_ORDERS: Record<string, string> = { relevance: "", relevanceAsc: "orderBy: { field: RELEVANCE, direction: ASC }", publishedAsc: ORDERINGS.publishedAsc };
const searchKey = (search: string, order: string) => `search:${search}:${order}`;
/** Full-text searches of quotes (quotes(filter: { search })), with cursors taken from the executor. */
const QUOTE_SEARCHES = ["quote", "marks braces", "anonymous or planner", '"quote 1"', "quote -marks"];
const quoteCursors: Record<string, string[]> = {};
/**
 * Cross-type searches (`search(query:)`), with cursors taken from the executor. "lone expert" and
 * "planner" also find the expert 'Lone "Planner" Expert' by name; "planner event" finds events.
 */
const CROSS_SEARCHES = ["planner", "harbor words", "summary -summit", '"planner article" or summit', "planner event", "lone expert", "quote marks"];
const crossCursors: Record<string, string[]> = {};

beforeAll(async () => {
  app = await createTestApp();
  schema = await createSchema();
  await app.sql(`
    INSERT INTO article (slug, url, headline, summary, body, published_at, bylines, sections)
    SELECT 'planner-article-' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'https://example.test/p/' || g END,
           'Planner article ' || g, CASE WHEN g % 2 = 0 THEN NULL ELSE 'Summary ' || g END,
           'Body of planner article ' || g || ' with a few words in it.' || repeat(' More planner words about the harbor.', g % 4) || CASE WHEN g % 5 = 0 THEN ' A harbor summit.' ELSE '' END,
           timestamptz '2023-05-01 10:00:00.123+00' + g * interval '37 minutes',
           CASE WHEN g % 4 = 0 THEN '{}'::text[] ELSE ARRAY['Writer ' || g, 'Other "writer"'] END,
           ARRAY['Section ' || (g % 5)]
    FROM generate_series(1, 40) g`);
  // Characters past U+FFFF and accents before the matched words: highlight offsets count UTF-16 units.
  await app.sql(`
    INSERT INTO article (slug, url, headline, summary, body, published_at, sections)
    VALUES ('planner-article-41', 'https://example.test/p/41', '🚢 Harbor planner café summit 🚢', 'Résumé: the 🌊 harbor words',
            'Body of planner article 41: 🚢🚢 naïve harbor words, then a summit. ' || repeat('Filler words about nothing much. ', 30) || 'The 𝔥arbor planner again.',
            timestamptz '2023-05-02 11:00:00+00', ARRAY['Section 1'])`);
  // Two articles at the same instant: the id breaks the tie.
  await app.sql(`UPDATE article SET published_at = (SELECT published_at FROM article WHERE slug = 'planner-article-7') WHERE slug = 'planner-article-8'`);
  await app.sql(`
    INSERT INTO article_image (article_id, position, caption, credit, url)
    SELECT a.id, n, 'Caption ' || n || ' of ' || a.slug, CASE WHEN n = 1 THEN NULL ELSE 'Credit ' || n END, CASE WHEN n = 0 THEN 'https://example.test/i/' || n || '.jpg' END
    FROM article a CROSS JOIN generate_series(0, 2) n WHERE a.slug LIKE 'planner-article-%' AND length(a.slug) % 2 = 0`);
  // Quotes by experts with an organization, by an expert without one, by organizations; one
  // article (planner-article-3, an older one) also has anonymous quotes, with and without affiliation.
  await app.sql(`INSERT INTO expert (slug, name, kind, title) VALUES ('planner-loner', 'Lone "Planner" Expert', 'academic', NULL)`);
  await app.sql(`
    INSERT INTO quote (text, article_id, speaker_expert_id, speaker_organization_id, channel, said_on, is_partial, position, start_offset, end_offset, confidence)
    SELECT 'Quote ' || n || ' in ' || a.slug || CASE WHEN n = 1 THEN ' with "marks" and {"braces"}' ELSE '' END, a.id,
           CASE WHEN n % 3 = 0 THEN (SELECT id FROM expert WHERE organization_id IS NOT NULL ORDER BY slug OFFSET (n % 4) LIMIT 1)
                WHEN n % 3 = 1 THEN (SELECT id FROM expert WHERE slug = 'planner-loner') END,
           CASE WHEN n % 3 = 2 THEN (SELECT id FROM organization ORDER BY slug OFFSET (n % 3) LIMIT 1) END,
           CASE WHEN n = 2 THEN 'told reporters' END, CASE WHEN n = 0 THEN date '2023-04-30' END, n = 1, n, CASE WHEN n < 2 THEN n * 10 END, CASE WHEN n < 2 THEN n * 10 + 5 END,
           CASE WHEN n = 3 THEN 0.75 ELSE 1 END
    FROM article a CROSS JOIN generate_series(0, 3) n WHERE a.slug LIKE 'planner-article-%' AND length(a.slug) % 3 <> 1`);
  await app.sql(`
    INSERT INTO quote (text, article_id, speaker_description, speaker_description_organization_id, position)
    SELECT 'Anonymous ' || n, a.id, CASE WHEN n = 5 THEN 'a senior official' ELSE 'two people familiar with the talks' END,
           CASE WHEN n = 5 THEN (SELECT id FROM organization ORDER BY slug LIMIT 1) END, n
    FROM article a CROSS JOIN generate_series(5, 6) n WHERE a.slug = 'planner-article-3'`);
  await app.sql(`
    INSERT INTO article_expert (article_id, expert_id)
    SELECT a.id, x.id FROM article a CROSS JOIN (SELECT id FROM expert ORDER BY slug LIMIT 3) x WHERE a.slug LIKE 'planner-article-%' AND length(a.slug) % 2 = 1
    UNION SELECT a.id, (SELECT id FROM expert WHERE slug = 'planner-loner') FROM article a WHERE a.slug LIKE 'planner-article-1%'`);
  await app.sql(`
    INSERT INTO event (title, kind, starts_on, ends_on, status, description)
    SELECT 'Planner event ' || g, CASE WHEN g % 2 = 0 THEN 'summit' ELSE 'talks' END, CASE WHEN g % 3 <> 0 THEN date '2023-05-01' + g END,
           CASE WHEN g % 4 = 0 AND g % 3 <> 0 THEN date '2023-05-03' + g END, 'scheduled', CASE WHEN g % 2 = 1 THEN 'About ' || g END
    FROM generate_series(1, 12) g`);
  await app.sql(`
    INSERT INTO event_article (event_id, article_id)
    SELECT e.id, a.id FROM event e JOIN article a ON a.slug LIKE 'planner-article-%'
      AND (substring(a.slug from 'planner-article-(.*)')::int % 12) + 1 IN (substring(e.title from 'Planner event (.*)')::int, (substring(e.title from 'Planner event (.*)')::int % 12) + 1)`);
  await app.sql(`
    INSERT INTO event_place (event_id, place_id)
    SELECT e.id, p.id FROM event e CROSS JOIN (SELECT id FROM place ORDER BY slug LIMIT 2) p WHERE e.title LIKE 'Planner event %' AND e.title NOT LIKE '%5'`);
  await app.sql(`
    INSERT INTO article_topic (article_id, topic_id)
    SELECT a.id, t.id FROM article a CROSS JOIN (SELECT id FROM topic ORDER BY slug LIMIT 2) t WHERE a.slug LIKE 'planner-article-2%'`);

  for (const [name, order] of Object.entries(ORDERINGS)) {
    const res = await app.graphql(`{ __schema { queryType { name } } articles(first: 100${order ? `, ${order}` : ""}) { edges { cursor } } }`);
    cursors[name] = res.data.articles.edges.map((e: { cursor: string }) => e.cursor);
  }
  for (const search of SEARCHES) {
    for (const [name, order] of Object.entries(SEARCH_ORDERS)) {
      const res = await app.graphql(`{ __schema { queryType { name } } articles(first: 100, filter: { search: ${JSON.stringify(search)} }${order ? `, ${order}` : ""}) { edges { cursor } } }`);
      cursors[searchKey(search, name)] = res.data.articles.edges.map((e: { cursor: string }) => e.cursor);
      expect(cursors[searchKey(search, name)].length).toBeGreaterThan(3);
    }
  }
  for (const search of QUOTE_SEARCHES) {
    const res = await app.graphql(`{ __schema { queryType { name } } quotes(first: 100, filter: { search: ${JSON.stringify(search)} }) { edges { cursor } } }`);
    quoteCursors[search] = res.data.quotes.edges.map((e: { cursor: string }) => e.cursor);
    expect(quoteCursors[search].length).toBeGreaterThan(1);
  }
  for (const search of CROSS_SEARCHES) {
    const res = await app.graphql(`{ __schema { queryType { name } } search(query: ${JSON.stringify(search)}, first: 100) { edges { cursor } } }`);
    crossCursors[search] = res.data.search.edges.map((e: { cursor: string }) => e.cursor);
    expect(crossCursors[search].length).toBeGreaterThan(1);
  }
  const ids = await app.graphql(`{ __schema { queryType { name } } articles(first: 100) { nodes { id } } }`);
  articleIds = ids.data.articles.nodes.map((n: { id: string }) => n.id);
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
const ARTICLE_FIELDS = ["id", "slug", "url", "headline", "summary", "body", "language", "publishedAt", "version", "bylines", "sections", "wordCount", "__typename", ...TRACKED];
const IMAGE_FIELDS = ["id", "position", "caption", "credit", "url", "__typename"];
const QUOTE_FIELDS = ["id", "text", "channel", "saidOn", "isPartial", "position", "startOffset", "endOffset", "speakerDescription", "anonymous", "confidence", "__typename", ...TRACKED];
const EXPERT_FIELDS = ["id", "slug", "name", "aliases", "title", "kind", "country", "description", "__typename", ...TRACKED];
const ORG_FIELDS = ["id", "slug", "name", "aliases", "kind", "country", "__typename", ...TRACKED];
const EVENT_FIELDS = ["id", "title", "titles", "kind", "description", "startsOn", "endsOn", "datePrecision", "status", "__typename", ...TRACKED];
const PLACE_FIELDS = ["id", "slug", "name", "kind", "region", "countryCode", "__typename"];
const TOPIC_FIELDS = ["id", "slug", "name", "__typename"];
const PAGE_INFO_FIELDS = ["hasNextPage", "hasPreviousPage", "startCursor", "endCursor", "__typename"];

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
  const alias = (f: string) => (!f.includes(":") && r.chance(0.2) ? `a${n++}: ${f}` : f);
  const fields = (names: string[]) => {
    const picked = r.some(names);
    return picked.map((f) => `${alias(f)}${directive()}`).join(" ");
  };
  const named = (on: string, body: string) => {
    const name = `F${n++}`;
    fragments.push(`fragment ${name} on ${on} { ${body} }`);
    return `...${name}`;
  };
  const organization = () => fields(ORG_FIELDS);
  // Expert.description (nullable) and AnonymousSource.description (non-null) under one Speaker need two keys, like kind.
  // Beside Expert.kind under one Speaker, Organization.kind (another enum) needs its own key.
  const speakingOrganization = () => fields(ORG_FIELDS.map((f) => (f === "kind" ? "orgKind: kind" : f)));
  const expert = () => `${fields(EXPERT_FIELDS)}${r.chance(0.5) ? ` ${alias("organization")}${directive()} { ${organization()} }` : ""}`;
  const speaker = () => {
    const parts: string[] = [];
    if (r.chance(0.5)) parts.push(fields(["__typename", "id", "name"]));
    if (r.chance(0.6)) parts.push(`... on Expert${directive()} { ${expert()} }`);
    if (r.chance(0.5)) parts.push(`... on Organization { ${speakingOrganization()} }`);
    if (r.chance(0.4)) parts.push(`... on AnonymousSource { ${fields(["anonDescription: description", "id", "__typename"])}${r.chance(0.5) ? ` affiliation { ${organization()} }` : ""}${r.chance(0.2) ? " quote { text }" : ""} }`);
    if (r.chance(0.3)) parts.push(named("Speaker", fields(["name", "id", "__typename"])));
    if (r.chance(0.3)) parts.push(named(r.pick(["Expert", "Organization"]), "slug name"));
    if (r.chance(0.2)) parts.push(`... on Node { id }`);
    return parts.length ? parts.join(" ") : "name";
  };
  const quote = () => {
    const parts = [fields(QUOTE_FIELDS)];
    if (r.chance(0.7)) parts.push(`${alias("speaker")}${directive()} { ${speaker()} }`);
    if (r.chance(0.2)) parts.push(`speakerAffiliation { ${organization()} }`);
    return parts.join(" ");
  };
  const intArg = (name: string, value: number) => {
    if (r.chance(0.5)) {
      const v = `${name}${n++}`;
      defs.push(`$${v}: Int`);
      variables[v] = value;
      return `${name}: $${v}`;
    }
    return `${name}: ${value}`;
  };
  const highlights = () => {
    const parts = [fields(["field", "snippet", "__typename"])];
    if (r.chance(0.7)) parts.push(`${alias("matches")} { ${fields(["start", "end", "__typename"])} }`);
    return `${alias("highlights")}${directive()} { ${parts.join(" ")} }`;
  };
  const related = () => {
    const size = r.pick([null, 0, 1, 3, 100]);
    const parts = [fields(["score", "sharedEvents", "sharedExperts", "sharedTopics", "__typename"])];
    if (r.chance(0.8)) {
      const inner = [fields(ARTICLE_FIELDS)];
      if (r.chance(0.3)) inner.push(`events { ${fields(EVENT_FIELDS)} }`);
      if (r.chance(0.2)) inner.push(`topics { ${fields(TOPIC_FIELDS)} }`);
      parts.push(`${alias("article")} { ${inner.join(" ")} }`);
    }
    return `${alias("related")}${size === null ? "" : `(${intArg("first", size)})`}${directive()} { ${parts.join(" ")} }`;
  };
  const article = (depth = 0) => {
    const parts = [fields(ARTICLE_FIELDS)];
    if (depth === 0 && r.chance(0.25)) parts.push(related());
    if (r.chance(0.3)) parts.push(`${alias("images")}${directive()} { ${fields(IMAGE_FIELDS)} ${r.chance(0.3) ? "... on Node { id }" : ""} }`);
    if (r.chance(0.5)) parts.push(`${alias("quotes")}${directive()} { ${quote()} }`);
    if (r.chance(0.3)) parts.push(`${alias("experts")} { ${expert()} }`);
    if (r.chance(0.3)) parts.push(`${alias("events")} { ${fields(EVENT_FIELDS)} ${r.chance(0.6) ? `places { ${fields(PLACE_FIELDS)} }` : ""} }`);
    if (r.chance(0.15)) parts.push(`topics { ${fields(TOPIC_FIELDS)} }`);
    if (r.chance(0.15)) parts.push(`publisher { ${organization()} }`);
    if (r.chance(0.1)) parts.push(`places { ${fields(PLACE_FIELDS)} } organizations { ${organization()} }`);
    if (r.chance(0.3)) parts.push(`... on Node { ${r.pick(["id", "__typename"])} }`);
    if (r.chance(0.3)) parts.push(named("Article", fields(ARTICLE_FIELDS)));
    if (r.chance(0.2)) parts.push(`... on Article${directive()} { ${fields(["headline", "slug", "id"])} }`);
    return parts.join(" ");
  };
  const connection = () => {
    const args: string[] = [];
    const search = r.chance(0.3) ? r.pick(SEARCHES) : null;
    const order = search ? r.pick(Object.keys(SEARCH_ORDERS)) : r.chance(0.6) ? "default" : r.pick(Object.keys(ORDERINGS));
    const orderArg = search ? SEARCH_ORDERS[order] : ORDERINGS[order];
    if (orderArg) args.push(orderArg);
    const size = r.pick([null, 0, 1, 5, 17, 100]);
    const backward = r.chance(0.25);
    if (size !== null) args.push(intArg(backward ? "last" : "first", size));
    const list = search ? cursors[searchKey(search, order)] : cursors[order];
    if (list.length && r.chance(0.35)) args.push(`after: "${r.pick(list)}"`);
    if (list.length && r.chance(backward ? 0.5 : 0.15)) args.push(`before: "${r.pick(list)}"`);
    if (search) {
      const more = r.chance(0.3) ? `, ${r.pick([`language: "en"`, `section: "Section 2"`, `publishedAfter: "2023-05-01T20:00:00.000Z"`])}` : "";
      if (r.chance(0.5)) {
        const v = `q${n++}`;
        defs.push(`$${v}: String`);
        variables[v] = search;
        args.push(`filter: { search: $${v}${more} }`);
      } else args.push(`filter: { search: ${JSON.stringify(search)}${more} }`);
    } else if (r.chance(0.15)) args.push(`filter: ${r.pick([`{ language: "en" }`, `{ section: "Section 2" }`, `{ publishedAfter: "2023-05-01T20:00:00.000Z", publishedBefore: "2023-05-02T02:00:00Z" }`])}`);
    const conn: string[] = [];
    if (r.chance(0.6)) conn.push(`${alias("nodes")} { ${article()} }`);
    if (r.chance(0.5)) conn.push(`${alias("edges")} { ${r.chance(0.3) ? "__typename " : ""}${r.chance(0.5) ? "cursor " : ""}${r.chance(search ? 0.6 : 0.2) ? `${highlights()} ` : ""}node { ${article()} } }`);
    if (r.chance(0.4)) conn.push(`${alias("totalCount")}${directive()}`);
    if (r.chance(0.4)) conn.push(`${alias("pageInfo")} { ${fields(PAGE_INFO_FIELDS)} }`);
    if (r.chance(0.2)) conn.push("totalCountIsEstimate __typename");
    if (r.chance(0.3)) {
      const node = { Topic: () => fields(TOPIC_FIELDS), Expert: expert, Organization: organization, Place: () => fields(PLACE_FIELDS) };
      conn.push(randomFacets({ ...r, fields, alias, int: (v) => intArg("first", v).slice("first: ".length), node }));
    }
    if (!conn.length) conn.push("totalCount");
    return `${args.length ? `(${args.join(", ")})` : ""} { ${conn.join(" ")} }`;
  };
  const single = () => {
    const by = r.int(0, 3);
    const arg =
      by === 0 ? `slug: "planner-article-${r.int(1, 42)}"` : by === 1 ? `id: "${r.pick(articleIds)}"` : by === 2 ? `url: "https://example.test/p/${r.int(1, 5)}"` : `slug: $slug${n}`;
    if (by === 3) {
      defs.push(`$slug${n}: String!`);
      variables[`slug${n}`] = `planner-article-${r.int(1, 40)}`;
      n++;
    }
    return `(${arg}) { ${article()} }`;
  };
  const quotesSearch = () => {
    const search = r.pick(QUOTE_SEARCHES);
    const args = [`filter: { search: ${JSON.stringify(search)}${r.chance(0.2) ? `, anonymous: false` : ""} }`];
    if (r.chance(0.3)) args.push(`orderBy: { field: ${r.pick(["SAID_ON", "CREATED_AT"])}, direction: ${r.pick(["ASC", "DESC"])} }`);
    const backward = r.chance(0.25);
    const size = r.pick([null, 0, 1, 5, 100]);
    if (size !== null) args.push(intArg(backward ? "last" : "first", size));
    const list = args.length === 1 || !args[1].startsWith("orderBy") ? quoteCursors[search] : [];
    if (list.length && r.chance(0.3)) args.push(`${backward ? "before" : "after"}: "${r.pick(list)}"`);
    const conn: string[] = [];
    if (r.chance(0.8)) conn.push(`${alias("edges")} { ${r.chance(0.3) ? "cursor " : ""}${r.chance(0.8) ? `${highlights()} ` : ""}${r.chance(0.7) ? `node { ${quote()} }` : ""} __typename }`);
    if (r.chance(0.4)) conn.push(`${alias("totalCount")} totalCountIsEstimate`);
    if (r.chance(0.3)) conn.push(`pageInfo { ${fields(PAGE_INFO_FIELDS)} }`);
    if (r.chance(0.3)) conn.push(`nodes { ${fields(QUOTE_FIELDS)} }`);
    if (!conn.length) conn.push("totalCount");
    return `(${args.join(", ")}) { ${conn.join(" ")} }`;
  };
  /** `search(query:)`: nodes of every member type, score, cursors, pageInfo, totals, facets. */
  const crossSearch = () => {
    const search = r.pick(CROSS_SEARCHES);
    const args = [`query: ${JSON.stringify(search)}`];
    // Names are highlighted in JavaScript (the executor answers those rows): with highlights, types without people and organizations.
    const withHighlights = r.chance(0.5);
    const types = withHighlights ? r.some(["ARTICLE", "QUOTE", "EVENT"]) : r.chance(0.3) ? r.some(["ARTICLE", "QUOTE", "EXPERT", "ORGANIZATION", "EVENT"]) : null;
    if (types || withHighlights) args.push(`types: [${(types ?? ["ARTICLE", "QUOTE", "EVENT"]).join(", ")}]`);
    if (r.chance(0.2)) args.push(`filter: ${r.pick([`{ language: "en" }`, `{ section: "Section 2" }`, `{ publishedAfter: "2023-05-01T20:00:00.000Z" }`])}`);
    const size = r.pick([null, 0, 1, 5, 17, 100]);
    if (size !== null) args.push(intArg("first", size));
    if (r.chance(0.35)) args.push(`after: "${r.pick(crossCursors[search])}"`);
    const member = () => {
      const parts = [fields(["__typename"])];
      if (r.chance(0.7)) parts.push(`... on Article { ${article(1)} }`);
      if (r.chance(0.6)) parts.push(`... on Quote { ${quote()} }`);
      if (r.chance(0.5)) parts.push(`... on Expert { ${expert()} }`);
      if (r.chance(0.4)) parts.push(`... on Organization { ${speakingOrganization()} }`);
      if (r.chance(0.5)) parts.push(`... on Event { ${fields(EVENT_FIELDS.map((f) => (f === "title" ? "eventTitle: title" : f === "kind" ? "eventKind: kind" : f)))} }`);
      if (r.chance(0.2)) parts.push(`... on Node { id }`);
      if (r.chance(0.2)) parts.push(named("SearchResult", "__typename"));
      return parts.join(" ");
    };
    const conn: string[] = [];
    if (r.chance(0.7)) {
      const edge = [r.chance(0.3) ? "__typename" : "", r.chance(0.5) ? "cursor" : "", r.chance(0.6) ? "score" : "", withHighlights ? highlights() : "", r.chance(0.8) ? `node { ${member()} }` : ""];
      conn.push(`${alias("edges")} { ${edge.filter(Boolean).join(" ") || "score"} }`);
    }
    if (r.chance(0.3)) conn.push(`nodes { ${member()} }`);
    if (r.chance(0.5)) conn.push(`${alias("totalCount")}${directive()}`);
    if (r.chance(0.3)) conn.push("totalCountIsEstimate __typename");
    if (r.chance(0.4)) conn.push(`pageInfo { ${fields(PAGE_INFO_FIELDS)} }`);
    if (r.chance(0.25)) {
      const facet = [r.chance(0.6) ? `types { ${fields(["type", "count", "__typename"])} }` : ""];
      if (r.chance(0.5)) facet.push(`topics(first: ${r.pick([0, 1, 5])}) { count node { ${fields(TOPIC_FIELDS)} } }`);
      if (r.chance(0.4)) facet.push(`experts { count node { ${fields(["name", "slug"])} } }`);
      if (r.chance(0.4)) facet.push(`${r.pick(["sections", "languages"])} { key count }`);
      if (r.chance(0.4)) facet.push(`${r.pick(["byDay", "byWeek", "byMonth"])} { start count }`);
      conn.push(`facets { ${facet.filter(Boolean).join(" ") || "__typename"} }`);
    }
    // first: 0 reads no page: something must make the executor run a statement, for the comparison to mean anything.
    if (!conn.length || size === 0) conn.push("totalCount");
    return `(${args.join(", ")}) { ${conn.join(" ")} }`;
  };
  const timeline = () => {
    const from = `2023-05-${String(r.int(1, 9)).padStart(2, "0")}`;
    const to = r.pick(["2023-05-10", "2023-05-20", "2023-06-30", from]);
    const args = [`from: "${from}"`, `to: "${to}"`];
    if (r.chance(0.7)) args.push(`granularity: ${r.pick(["DAY", "WEEK", "MONTH"])}`);
    if (r.chance(0.5)) args.push(intArg("eventsPerBucket", r.pick([0, 1, 3, 50])));
    if (r.chance(0.3)) args.push(`filter: ${r.pick([`{ kind: SUMMIT }`, `{ kind: TALKS }`, `{ from: "2023-05-05" }`])}`);
    const bucket = [fields(["start", "end", "eventCount", "articleCount", "__typename"])];
    if (r.chance(0.7)) {
      const event = [fields(EVENT_FIELDS)];
      if (r.chance(0.4)) event.push(`places { ${fields(PLACE_FIELDS)} }`);
      if (r.chance(0.2)) event.push(`participants { name }`);
      bucket.push(`${alias("events")}${directive()} { ${event.join(" ")} }`);
    }
    return `(${args.join(", ")}) { ${bucket.join(" ")} }`;
  };
  const roots: string[] = [];
  for (let i = r.int(1, 2); i > 0; i--) {
    const kind = r.pick(["article", "articles", "articles", "articles", "quotes", "eventTimeline", "search", "search"]);
    const field = roots.length === 0 ? kind : `r${n++}: ${kind}`;
    const body =
      kind === "article" ? single() : kind === "articles" ? connection() : kind === "quotes" ? quotesSearch() : kind === "search" ? crossSearch() : timeline();
    roots.push(`${field}${body}`);
  }
  if (r.chance(0.2)) roots.push("__typename");
  const query = `query Q${defs.length ? `(${defs.join(", ")})` : ""} { ${roots.join(" ")} } ${fragments.join(" ")}`;
  return { query, variables };
}

/** The executor's answer: `__schema` is outside the planner, so the whole operation is executed. */
async function viaExecutor(query: string, variables: Record<string, unknown>) {
  const withIntrospection = query.replace(/^(query Q[^{]*\{)/, "$1 __schema { queryType { name } } ");
  const res = await app.graphql(withIntrospection, variables);
  if (res.data) delete res.data.__schema;
  return res;
}

/** Whether the planner takes the operation (one statement), as the plugin would ask it: a one-statement executor answer proves nothing. */
function plans(query: string, variables: Record<string, unknown>): boolean {
  const doc = parse(query);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return planOperation(schema, operation, fragments, variables, app.config.limits) !== null;
}

const SEEDS = Number(process.env.SEEDS ?? 400);
const FIRST_SEED = Number(process.env.FIRST_SEED ?? 1);

test(`${SEEDS} random selections (quotes, Speaker fragments, facets, article(slug/id/url), cursors, pageInfo, Article.related, highlights on article and quote searches, eventTimeline, cross-type search with facets): the planned answer (1 statement) equals the executor's`, async () => {
  let planned = 0;
  for (let seed = FIRST_SEED; seed <= SEEDS; seed++) {
    const { query, variables } = generate(seed);
    const a = await app.graphql(query, variables);
    const b = await viaExecutor(query, variables);
    // No selection the generator makes is an error: anonymous quotes' speakers are AnonymousSources.
    const errors = (res: typeof a) => res.errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code }));
    expect({ seed, query, errors: errors(a) }).toEqual({ seed, query, errors: errors(b) });
    expect({ seed, query, data: a.data }).toEqual({ seed, query, data: b.data });
    expect({ seed, query, executorSql: b.sql > 0 }).toEqual({ seed, query, executorSql: true });
    expect({ seed, query, errors: b.errors }).toEqual({ seed, query, errors: undefined });
    expect({ seed, query, sql: a.sql, planned: plans(query, variables) }).toEqual({ seed, query, sql: 1, planned: true });
    planned++;
  }
  expect(planned).toBe(SEEDS - FIRST_SEED + 1);
  // Two requests per seed, with facets in some: minutes on a loaded two-core machine.
}, 300_000);

test("the answers compared above are not empty: quotes with each kind of speaker, experts with and without organization, events with places", async () => {
  const res = await app.graphql(`{ article(slug: "planner-article-3") { quotes { anonymous speakerDescription } experts { slug } events { places { name } } } }`);
  expect(res.sql).toBe(1);
  expect(res.data.article.quotes.filter((q: { anonymous: boolean }) => q.anonymous)).toHaveLength(2);
  const page = await app.graphql(`{ articles(first: 100) { nodes { quotes { speaker { __typename name ... on AnonymousSource { affiliation { name } } } } } } }`);
  expect(page.errors).toBeUndefined();
  expect(page.sql).toBe(1);
  const anonymous = page.data.articles.nodes.flatMap((n: any) => n.quotes).filter((q: any) => q.speaker.__typename === "AnonymousSource");
  expect(anonymous).toHaveLength(2);
  expect(anonymous.some((q: any) => q.speaker.affiliation?.name)).toBe(true);
  expect(anonymous.some((q: any) => q.speaker.affiliation === null)).toBe(true);
  const other = await app.graphql(`{ articles(first: 100, filter: { publishedAfter: "2023-05-01T13:00:00Z" }) { nodes { quotes { speaker { __typename ... on Expert { organization { name } } } } experts { slug } events { places { name } } } } }`);
  expect(other.errors).toBeUndefined();
  expect(other.sql).toBe(1);
  const quotes = other.data.articles.nodes.flatMap((n: any) => n.quotes);
  expect(quotes.some((q: any) => q.speaker.__typename === "Organization")).toBe(true);
  expect(quotes.some((q: any) => q.speaker.__typename === "Expert" && q.speaker.organization)).toBe(true);
  expect(quotes.some((q: any) => q.speaker.__typename === "Expert" && q.speaker.organization === null)).toBe(true);
  expect(other.data.articles.nodes.some((n: any) => n.events.some((e: any) => e.places.length === 2))).toBe(true);
});

test("the new planned fields compared above are not empty: related articles by each reason, highlights past astral characters, quote highlights, timeline buckets with events", async () => {
  const related = await app.graphql(`{ articles(first: 100) { nodes { related(first: 100) { score sharedEvents sharedExperts sharedTopics } } } }`);
  expect(related.sql).toBe(1);
  const rel = related.data.articles.nodes.flatMap((n: any) => n.related);
  for (const reason of ["sharedEvents", "sharedExperts", "sharedTopics"]) expect(rel.some((r: any) => r[reason] > 0)).toBe(true);
  const hl = await app.graphql(`{ articles(first: 3, filter: { search: "harbor planner" }) { edges { highlights { field snippet matches { start end } } node { slug } } } }`);
  expect(hl.sql).toBe(1);
  const astral = hl.data.articles.edges.find((e: any) => e.node.slug === "planner-article-41");
  expect(astral.highlights.map((h: any) => h.field)).toEqual(["headline", "summary", "body"]);
  const words = astral.highlights.flatMap((h: any) => h.matches.map((m: any) => h.snippet.slice(m.start, m.end).toLowerCase()));
  expect(new Set(words)).toEqual(new Set(["harbor", "planner"]));
  const quotes = await app.graphql(`{ quotes(first: 5, filter: { search: "marks braces" }) { totalCount edges { highlights { snippet matches { start end } } } } }`);
  expect(quotes.sql).toBe(1);
  expect(quotes.data.quotes.edges.length).toBeGreaterThan(0);
  expect(quotes.data.quotes.edges.every((e: any) => e.highlights[0].matches.length === 2)).toBe(true);
  const timeline = await app.graphql(`{ eventTimeline(from: "2023-05-01", to: "2023-05-31", granularity: WEEK) { eventCount articleCount events { title } } }`);
  expect(timeline.sql).toBe(1);
  expect(timeline.data.eventTimeline.some((b: any) => b.events.length > 1 && b.articleCount > 0)).toBe(true);
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
