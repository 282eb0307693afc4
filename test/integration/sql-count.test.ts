import { createTestApp, type TestApp } from "../helpers/app";

/**
 * No N+1: the number of SQL statements a nested query runs must not grow with the page size.
 * 60 extra articles each get quotes (by experts with organizations, and by an organization),
 * mentioned experts, and events with places, so every level below the page has rows to load.
 */
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  await app.sql(`
    INSERT INTO article (slug, headline, body, published_at)
    SELECT 'count-article-' || g, 'Count article ' || g, 'Body of article ' || g || ' with some words.', timestamptz '2024-01-01' + g * interval '1 hour'
    FROM generate_series(1, 60) g`);
  await app.sql(`
    INSERT INTO quote (text, article_id, speaker_expert_id, position)
    SELECT 'Quote ' || n || ' in ' || a.slug, a.id, (SELECT id FROM expert WHERE organization_id IS NOT NULL ORDER BY slug OFFSET (n % 5) LIMIT 1), n
    FROM article a CROSS JOIN generate_series(0, 2) n WHERE a.slug LIKE 'count-article-%'`);
  await app.sql(`
    INSERT INTO quote (text, article_id, speaker_organization_id, position)
    SELECT 'Statement in ' || a.slug, a.id, (SELECT id FROM organization ORDER BY slug LIMIT 1), 3
    FROM article a WHERE a.slug LIKE 'count-article-%'`);
  await app.sql(`
    INSERT INTO article_expert (article_id, expert_id)
    SELECT a.id, x.id FROM article a CROSS JOIN (SELECT id FROM expert ORDER BY slug LIMIT 3) x WHERE a.slug LIKE 'count-article-%'`);
  await app.sql(`
    INSERT INTO event (title, kind, starts_on)
    SELECT 'Count event ' || g, 'meeting', date '2024-01-01' + g FROM generate_series(1, 60) g`);
  await app.sql(`
    INSERT INTO event_article (event_id, article_id)
    SELECT e.id, a.id FROM event e JOIN article a ON substring(a.slug from 'count-article-(.*)') = substring(e.title from 'Count event (.*)')`);
  await app.sql(`
    INSERT INTO event_place (event_id, place_id)
    SELECT e.id, p.id FROM event e CROSS JOIN (SELECT id FROM place ORDER BY slug LIMIT 2) p WHERE e.title LIKE 'Count event %'`);
});

afterAll(async () => {
  await app?.close();
});

const FRONT_PAGE = `
  query FrontPage($first: Int!) {
    articles(first: $first) {
      edges {
        node {
          headline
          publisher { name }
          quotes {
            text
            speaker { name ... on Expert { title organization { name } } }
          }
          experts { name organization { name } }
          events { title places { name } participants { name } }
        }
      }
    }
  }`;

// The same page through the resolvers and loaders: `__schema` is outside the planner, which would
// answer the page in one statement (since Event.participants is planned).
const EXECUTED_FRONT_PAGE = FRONT_PAGE.replace("articles(first", "__schema { queryType { name } } articles(first");

test("articles(first: 5) and articles(first: 50) with quotes → speaker → organization, experts and events → places run the same number of statements", async () => {
  const small = await app.graphql(EXECUTED_FRONT_PAGE, { first: 5 });
  const large = await app.graphql(EXECUTED_FRONT_PAGE, { first: 50 });
  expect(small.errors).toBeUndefined();
  expect(large.errors).toBeUndefined();
  expect(small.data.articles.edges).toHaveLength(5);
  expect(large.data.articles.edges).toHaveLength(50);

  // The page really has nested rows at every level, or the count would prove nothing.
  const nodes = large.data.articles.edges.map((e: any) => e.node);
  expect(nodes.every((n: any) => n.quotes.length === 4)).toBe(true);
  expect(nodes.flatMap((n: any) => n.quotes).some((q: any) => q.speaker.organization?.name)).toBe(true);
  expect(nodes.every((n: any) => n.experts.length === 3)).toBe(true);
  expect(nodes.every((n: any) => n.events.length === 1 && n.events[0].places.length === 2)).toBe(true);

  expect(Number.isFinite(small.sql)).toBe(true);
  expect(small.sql).toBeGreaterThan(5);
  expect(large.sql).toBe(small.sql);
  // articles, quotes, experts (speakers), organizations, mentioned experts, events, places,
  // event experts, event organizations: a small constant.
  expect(large.sql).toBeLessThanOrEqual(12);

  const planned = await app.graphql(FRONT_PAGE, { first: 50 });
  expect(planned.data).toEqual({ articles: large.data.articles });
  expect(planned.sql).toBe(1);
});

test("connections nested under a list (Expert.quotes, Organization.members) do not grow with the page size either", async () => {
  const query = `
    query Nested($first: Int!) {
      experts(first: $first) {
        edges { node { name quotes(first: 2) { totalCount edges { node { text article { headline } } } } articles(first: 1) { totalCount } } }
      }
      organizations(first: $first) { edges { node { name members(first: 3) { totalCount nodes { name } } } } }
    }`;
  const small = await app.graphql(query, { first: 2 });
  const large = await app.graphql(query, { first: 13 });
  expect(small.errors).toBeUndefined();
  expect(large.errors).toBeUndefined();
  expect(large.data.experts.edges.length).toBeGreaterThan(small.data.experts.edges.length);
  const quoted = large.data.experts.edges.filter((e: any) => e.node.quotes.totalCount > 0);
  expect(quoted.length).toBeGreaterThan(1);
  expect(large.sql).toBe(small.sql);
});

test("Article.mentions with their nodes loads in the same number of statements for 5 and for 50 articles", async () => {
  const query = `
    query Mentions($first: Int!) {
      articles(first: $first) { nodes { mentions { startOffset confidence node { id ... on Expert { name } ... on Event { title } } } } }
    }`;
  const small = await app.graphql(query, { first: 5 });
  const large = await app.graphql(query, { first: 50 });
  expect(small.errors).toBeUndefined();
  expect(large.errors).toBeUndefined();
  const nodes = large.data.articles.nodes;
  // Three people and one event on every page article, or the count would prove nothing.
  expect(nodes.every((n: any) => n.mentions.length === 4 && n.mentions.filter((m: any) => m.node.title).length === 1)).toBe(true);
  expect(large.sql).toBe(small.sql);
  // articles, mentions, experts, events.
  expect(large.sql).toBeLessThanOrEqual(4);
});

test("a page the planner covers (articles with scalars, images and totalCount) runs exactly 1 statement at first: 5 and first: 100", async () => {
  const page = `query($first: Int!) { articles(first: $first) { totalCount nodes { id headline publishedAt images { caption } } } }`;
  const small = await app.graphql(page, { first: 5 });
  const large = await app.graphql(page, { first: 100 });
  expect(small.errors).toBeUndefined();
  expect(large.errors).toBeUndefined();
  expect(small.data.articles.nodes).toHaveLength(5);
  expect(large.data.articles.nodes.length).toBeGreaterThan(60);
  expect(small.sql).toBe(1);
  expect(large.sql).toBe(1);
});

// The pages of `npm run bench:peer` (bench/peer/pages.ts), as newsgraph is asked for them.
const BENCH_SPEAKER = `speaker { __typename name ... on Expert { title organization { name } } }`;
const BENCH_FRONT = `query FrontPage($first: Int!) { articles(first: $first) { nodes { slug headline publishedAt quotes { text channel ${BENCH_SPEAKER} } } } }`;
const BENCH_ARTICLE = `query ArticlePage($slug: String!) { article(slug: $slug) { slug headline body publishedAt
  images { position caption credit url } quotes { text channel ${BENCH_SPEAKER} }
  experts { slug name title } events { title kind startsOn endsOn places { name } } } }`;

test("the benchmark's front page (quotes → Speaker → organization) is 1 statement at first: 5 and first: 100", async () => {
  for (const first of [5, 100]) {
    const res = await app.graphql(BENCH_FRONT, { first });
    expect(res.errors).toBeUndefined();
    expect(res.data.articles.nodes.length).toBeGreaterThanOrEqual(Math.min(first, 60));
    const quotes = res.data.articles.nodes.flatMap((n: any) => n.quotes);
    expect(quotes.some((q: any) => q.speaker.__typename === "Organization")).toBe(true);
    expect(quotes.some((q: any) => q.speaker.organization?.name)).toBe(true);
    expect({ first, sql: res.sql }).toEqual({ first, sql: 1 });
  }
});

test("the benchmark's article page (body, images, quotes + speakers, experts, events + places) is 1 statement", async () => {
  for (const slug of ["count-article-5", "count-article-60"]) {
    const res = await app.graphql(BENCH_ARTICLE, { slug });
    expect(res.errors).toBeUndefined();
    const a = res.data.article;
    expect({ quotes: a.quotes.length, experts: a.experts.length, events: a.events.length, places: a.events[0].places.length }).toEqual({ quotes: 4, experts: 3, events: 1, places: 2 });
    expect({ slug, sql: res.sql }).toEqual({ slug, sql: 1 });
  }
});

describe("the bench's expert profile, topic page and events page (planned at the roots beyond articles)", () => {
  let expertSlug: string;
  let topicSlug: string;

  beforeAll(async () => {
    // Every count article on one topic, so the topic page has more than 100 candidates to page over.
    const [topic] = await app.sql(`SELECT id, slug FROM topic ORDER BY slug LIMIT 1`);
    topicSlug = topic.slug;
    await app.sql(`INSERT INTO article_topic (article_id, topic_id) SELECT id, $1 FROM article WHERE slug LIKE 'count-article-%' ON CONFLICT DO NOTHING`, [topic.id]);
    const [expert] = await app.sql(`SELECT x.slug FROM expert x JOIN quote q ON q.speaker_expert_id = x.id WHERE x.organization_id IS NOT NULL GROUP BY x.slug ORDER BY count(*) DESC, x.slug LIMIT 1`);
    expertSlug = expert.slug;
  });

  const pages = {
    expert: `query ExpertPage($slug: String!, $first: Int!) { expert(slug: $slug) { slug name title organization { name }
      quotes(first: $first, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount pageInfo { hasNextPage endCursor } nodes { text article { headline } } } } }`,
    topic: `query TopicPage($slug: String!, $first: Int!) { topic(slug: $slug) { name articles(first: $first) { totalCount nodes { slug headline publishedAt } } } }`,
    events: `query EventsPage($from: LocalDate!, $to: LocalDate!, $first: Int!) {
      events(filter: { from: $from, to: $to }, first: $first) { totalCount edges { cursor node { title kind startsOn endsOn places { name } participants { name } } } } }`,
  };
  const list = (name: string, data: any): unknown[] =>
    name === "expert" ? data.expert.quotes.nodes : name === "topic" ? data.topic.articles.nodes : data.events.edges;

  test.each(Object.keys(pages))("%s page: 1 statement at first: 5 and at first: 100", async (name) => {
    const vars = name === "expert" ? { slug: expertSlug } : name === "topic" ? { slug: topicSlug } : { from: "2024-01-01", to: "2024-12-31" };
    const small = await app.graphql(pages[name as keyof typeof pages], { ...vars, first: 5 });
    const large = await app.graphql(pages[name as keyof typeof pages], { ...vars, first: 100 });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(list(name, small.data)).toHaveLength(5);
    expect(list(name, large.data).length).toBeGreaterThan(20);
    expect({ name, small: small.sql, large: large.sql }).toEqual({ name, small: 1, large: 1 });
  });
});

describe("events as happenings: titles, coverage, the timeline and related articles load in a fixed number of statements", () => {
  beforeAll(async () => {
    // A second article on each count event (so related articles and titles have rows), each link titled.
    await app.sql(`UPDATE event_article l SET title = 'Report of ' || e.title FROM event e WHERE e.id = l.event_id AND e.title LIKE 'Count event %'`);
    await app.sql(`
      INSERT INTO event_article (event_id, article_id, title)
      SELECT e.id, a.id, 'Another report of ' || e.title FROM event e
        JOIN article a ON substring(a.slug from 'count-article-(.*)')::int = substring(e.title from 'Count event (.*)')::int % 60 + 1
       WHERE e.title LIKE 'Count event %' ON CONFLICT DO NOTHING`);
  });

  const executed = (q: string) => q.replace("{", "{ __schema { queryType { name } } ");

  test("articles with related(first: 3) → article, events → titles: the same statements for 5 and for 50 articles", async () => {
    const q = executed(`query($first: Int!) { articles(first: $first, filter: { publishedBefore: "2024-02-01T00:00:00Z" }) { nodes { headline
      related(first: 3) { score article { headline events { title titles } } } events { titles articles { totalCount } } } } }`);
    const small = await app.graphql(q, { first: 5 });
    const large = await app.graphql(q, { first: 50 });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    const nodes = large.data.articles.nodes;
    expect(nodes).toHaveLength(50);
    expect(nodes.every((n: any) => n.related.length === 3 && n.related[0].score >= 3)).toBe(true);
    expect(nodes.every((n: any) => n.events.every((e: any) => e.titles.length === 3 && e.articles.totalCount >= 2))).toBe(true);
    expect(large.sql).toBe(small.sql);
  });

  test("events(orderBy: COVERAGE) with titles is planned in 1 statement; eventTimeline runs 1 planned (a fixed few through the executor) however many buckets and events", async () => {
    const page = `query($first: Int!) { events(first: $first, orderBy: { field: COVERAGE }) { totalCount nodes { title titles startsOn } } }`;
    for (const first of [5, 100]) {
      const res = await app.graphql(page, { first });
      expect(res.errors).toBeUndefined();
      expect(res.data.events.nodes[0].titles.length).toBeGreaterThanOrEqual(2);
      expect({ first, sql: res.sql }).toEqual({ first, sql: 1 });
    }
    const timeline = `query($g: TimelineGranularity!, $n: Int!) { eventTimeline(from: "2024-01-01", to: "2024-03-31", granularity: $g, eventsPerBucket: $n) {
      eventCount events { title titles places { name } participants { name } } } }`;
    const days = await app.graphql(timeline, { g: "DAY", n: 10 });
    const months = await app.graphql(timeline, { g: "MONTH", n: 10 });
    const few = await app.graphql(timeline, { g: "MONTH", n: 1 });
    expect(days.errors).toBeUndefined();
    expect(days.data.eventTimeline).toHaveLength(91);
    expect(months.data.eventTimeline.map((b: any) => b.events.length)).toEqual([10, 10, 1]);
    expect(months.data.eventTimeline[0].events.every((e: any) => e.places.length === 2 && e.titles.length === 3)).toBe(true);
    expect(few.data.eventTimeline.map((b: any) => b.events.length)).toEqual([1, 1, 1]);
    expect(days.data.eventTimeline.reduce((n: number, b: any) => n + b.eventCount, 0)).toBe(months.data.eventTimeline.reduce((n: number, b: any) => n + b.eventCount, 0));
    expect({ days: days.sql, months: months.sql, few: few.sql }).toEqual({ days: 1, months: 1, few: 1 });
    const executedMonths = await app.graphql(executed(timeline), { g: "MONTH", n: 10 });
    expect(executedMonths.data.eventTimeline).toEqual(months.data.eventTimeline);
    // The buckets, the events, their titles, places, experts and organizations.
    expect(executedMonths.sql).toBeLessThanOrEqual(6);
  });

  test("planned: articles with related(first: 3 | 20) → article → events → titles is 1 statement at first: 5 and at first: 50", async () => {
    const q = `query($first: Int!, $related: Int!) { articles(first: $first, filter: { publishedBefore: "2024-02-01T00:00:00Z" }) { nodes { headline
      related(first: $related) { score sharedEvents sharedExperts sharedTopics article { headline events { title titles } } } } } }`;
    for (const [first, related] of [[5, 3], [50, 3], [50, 20]]) {
      const res = await app.graphql(q, { first, related });
      expect(res.errors).toBeUndefined();
      expect(res.data.articles.nodes).toHaveLength(first);
      expect(res.data.articles.nodes.every((n: any) => n.related.length >= 3 && n.related[0].score >= 3)).toBe(true);
      expect({ first, related, sql: res.sql }).toEqual({ first, related, sql: 1 });
      const viaExecutor = await app.graphql(executed(q), { first, related });
      expect(viaExecutor.data.articles).toEqual(res.data.articles);
    }
  });

  test("planned: highlights on articles(filter: { search }) and quotes(filter: { search }) edges are 1 statement at first: 5 and at first: 50", async () => {
    const articles = `query($first: Int!, $q: String!) { articles(first: $first, filter: { search: $q }) { totalCount edges { highlights { field snippet matches { start end } } node { headline } } } }`;
    const quotes = `query($first: Int!, $q: String!) { quotes(first: $first, filter: { search: $q }) { totalCount totalCountIsEstimate edges { highlights { field snippet matches { start end } } node { text } } } }`;
    for (const first of [5, 50]) {
      const a = await app.graphql(articles, { first, q: "article words" });
      const q = await app.graphql(quotes, { first, q: "quote" });
      expect(a.errors).toBeUndefined();
      expect(q.errors).toBeUndefined();
      expect(a.data.articles.edges).toHaveLength(first);
      expect(q.data.quotes.edges).toHaveLength(first);
      expect(a.data.articles.edges.every((e: any) => e.highlights.some((h: any) => h.field === "body" && h.matches.length > 0))).toBe(true);
      expect(q.data.quotes.edges.every((e: any) => e.highlights[0].matches.length > 0)).toBe(true);
      expect({ first, articles: a.sql, quotes: q.sql }).toEqual({ first, articles: 1, quotes: 1 });
      expect((await app.graphql(executed(articles), { first, q: "article words" })).data.articles).toEqual(a.data.articles);
      expect((await app.graphql(executed(quotes), { first, q: "quote" })).data.quotes).toEqual(q.data.quotes);
    }
  });

  test("planned: the cross-type search page (bench:peer's xsearch: score, highlights, nodes of every type, totalCount) is 1 statement at first: 5 and at first: 50", async () => {
    const q = `query($first: Int!, $q: String!) { search(query: $q, first: $first) { totalCount totalCountIsEstimate pageInfo { hasNextPage endCursor }
      edges { score cursor highlights { field snippet matches { start end } }
        node { __typename ... on Article { slug headline } ... on Quote { text } ... on Event { title } } } } }`;
    for (const first of [5, 50]) {
      const res = await app.graphql(q, { first, q: "article words" });
      expect(res.errors).toBeUndefined();
      expect(res.data.search.edges).toHaveLength(first);
      expect(res.data.search.edges.every((e: any) => e.highlights.length > 0)).toBe(true);
      expect({ first, sql: res.sql }).toEqual({ first, sql: 1 });
      expect((await app.graphql(executed(q), { first, q: "article words" })).data.search).toEqual(res.data.search);
    }
  });
});
