import { day, instant, lower, newsgraphSpeaker, postgraphileSpeaker, sortedBy, type Speaker } from "./compare";

/**
 * The pages of `npm run bench:peer`, each written three times: as a newsgraph GraphQL query, as a
 * PostGraphile v5 query (amber preset, its own field names), and as ONE hand-written SQL statement
 * that builds newsgraph's JSON answer itself (json_build_object / json_agg) for the limit server.
 * Each page also turns a newsgraph-shaped or PostGraphile-shaped answer into a common form.
 */

/** What the pages ask for, picked from the imported corpus. */
export interface PageParams {
  articleSlug: string;
  expertSlug: string;
  topicSlug: string;
  from: string;
  to: string;
  search: string;
  /** The expert finder's window start: people quoted on `topicSlug` since then. */
  quotedAfter: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are JSON read back from three servers */
export interface Page {
  name: string;
  title: string;
  newsgraph: { query: string; variables: Record<string, unknown> };
  /** null: PostGraphile has no equivalent (full-text search). */
  postgraphile: { query: string; variables: Record<string, unknown> } | null;
  /**
   * One statement; $1... are `limit.values`; returns one row with one column `json` (text).
   * `planPerRequest`: run unnamed, planned with its values each time (as newsgraph runs a
   * full-text search), not prepared once with a generic plan.
   */
  limit: { sql: string; values: unknown[]; planPerRequest?: boolean };
  /** The common form of a newsgraph-shaped answer's `data` (the limit server answers in that shape too). */
  fromNewsgraph(data: any): unknown;
  fromPostgraphile(data: any): unknown;
}

/** Builds the speaker JSON newsgraph answers, from `q` joined to `x` (expert), `xo` (its organization) and `so` (speaking organization). */
const SPEAKER_JSON = `CASE WHEN x.id IS NOT NULL
    THEN json_build_object('__typename', 'Expert', 'name', x.name, 'title', x.title, 'organization', CASE WHEN xo.id IS NULL THEN NULL ELSE json_build_object('name', xo.name) END)
    ELSE json_build_object('__typename', 'Organization', 'name', so.name) END`;
const SPEAKER_JOINS = `LEFT JOIN expert x ON x.id = q.speaker_expert_id
    LEFT JOIN organization xo ON xo.id = x.organization_id
    LEFT JOIN organization so ON so.id = q.speaker_organization_id`;
/** The quotes of article `a`, in order of position, as a JSON array. */
const ARTICLE_QUOTES_JSON = `(SELECT coalesce(json_agg(json_build_object('text', q.text, 'channel', q.channel, 'speaker', ${SPEAKER_JSON}) ORDER BY q.position, q.id), '[]'::json)
    FROM quote q ${SPEAKER_JOINS} WHERE q.article_id = a.id)`;

const NG_SPEAKER = `speaker { __typename name ... on Expert { title organization { name } } }`;
const PG_SPEAKER = `expertBySpeakerExpertId { name title organizationByOrganizationId { name } } organizationBySpeakerOrganizationId { name }`;

interface CommonQuote {
  text: string;
  channel: string | null;
  speaker: Speaker;
}
const ngQuote = (q: any): CommonQuote => ({ text: q.text, channel: q.channel ?? null, speaker: newsgraphSpeaker(q.speaker) });
const pgQuote = (q: any): CommonQuote => ({ text: q.text, channel: q.channel ?? null, speaker: postgraphileSpeaker(q) });

export function frontPage(first: number): Page {
  return {
    name: first === 20 ? "front" : `front-${first}`,
    title: `front page: ${first} newest articles, their quotes, speaker, speaker's organization`,
    newsgraph: {
      query: `query FrontPage($first: Int!) { articles(first: $first) { nodes { slug headline publishedAt quotes { text channel ${NG_SPEAKER} } } } }`,
      variables: { first },
    },
    postgraphile: {
      query: `query FrontPage($first: Int!) { allArticles(first: $first, orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC]) { nodes { slug headline publishedAt
        quotesByArticleId(orderBy: [POSITION_ASC, ROW_ID_ASC]) { nodes { text channel ${PG_SPEAKER} } } } } }`,
      variables: { first },
    },
    limit: {
      sql: `SELECT json_build_object('data', json_build_object('articles', json_build_object('nodes', coalesce(json_agg(
          json_build_object('slug', a.slug, 'headline', a.headline, 'publishedAt', a.published_at, 'quotes', ${ARTICLE_QUOTES_JSON})
          ORDER BY a.published_at DESC, a.id DESC), '[]'::json))))::text AS json
        FROM (SELECT id, slug, headline, published_at FROM article ORDER BY published_at DESC, id DESC LIMIT $1) a`,
      values: [first],
    },
    fromNewsgraph: (d) => d.articles.nodes.map((a: any) => ({ slug: a.slug, headline: a.headline, publishedAt: instant(a.publishedAt), quotes: a.quotes.map(ngQuote) })),
    fromPostgraphile: (d) =>
      d.allArticles.nodes.map((a: any) => ({ slug: a.slug, headline: a.headline, publishedAt: instant(a.publishedAt), quotes: a.quotesByArticleId.nodes.map(pgQuote) })),
  };
}

interface CommonEvent {
  title: string;
  kind: string | null;
  startsOn: string | null;
  endsOn: string | null;
  places: string[];
}
const commonEvent = (e: any, places: string[]): CommonEvent => ({ title: e.title, kind: lower(e.kind), startsOn: day(e.startsOn), endsOn: day(e.endsOn), places: [...places].sort() });

export function articlePage(slug: string): Page {
  return {
    name: "article",
    title: "article page by slug: body, images, quotes + speakers, experts, events + places",
    newsgraph: {
      query: `query ArticlePage($slug: String!) { article(slug: $slug) { slug headline body publishedAt
        images { position caption credit url } quotes { text channel ${NG_SPEAKER} }
        experts { slug name title } events { title kind startsOn endsOn places { name } } } }`,
      variables: { slug },
    },
    postgraphile: {
      query: `query ArticlePage($slug: String!) { articleBySlug(slug: $slug) { slug headline body publishedAt
        articleImagesByArticleId(orderBy: POSITION_ASC) { nodes { position caption credit url } }
        quotesByArticleId(orderBy: [POSITION_ASC, ROW_ID_ASC]) { nodes { text channel ${PG_SPEAKER} } }
        articleExpertsByArticleId { nodes { expertByExpertId { slug name title } } }
        eventArticlesByArticleId { nodes { eventByEventId { title kind startsOn endsOn eventPlacesByEventId { nodes { placeByPlaceId { name } } } } } } } }`,
      variables: { slug },
    },
    limit: {
      sql: `SELECT json_build_object('data', json_build_object('article', (
        SELECT json_build_object('slug', a.slug, 'headline', a.headline, 'body', a.body, 'publishedAt', a.published_at,
          'images', (SELECT coalesce(json_agg(json_build_object('position', i.position, 'caption', i.caption, 'credit', i.credit, 'url', i.url) ORDER BY i.position), '[]'::json)
                     FROM article_image i WHERE i.article_id = a.id),
          'quotes', ${ARTICLE_QUOTES_JSON},
          'experts', (SELECT coalesce(json_agg(json_build_object('slug', e.slug, 'name', e.name, 'title', e.title) ORDER BY e.name, e.id), '[]'::json)
                      FROM article_expert l JOIN expert e ON e.id = l.expert_id WHERE l.article_id = a.id),
          'events', (SELECT coalesce(json_agg(json_build_object('title', v.title, 'kind', upper(v.kind), 'startsOn', v.starts_on, 'endsOn', v.ends_on,
                       'places', (SELECT coalesce(json_agg(json_build_object('name', p.name) ORDER BY p.name), '[]'::json)
                                  FROM event_place ep JOIN place p ON p.id = ep.place_id WHERE ep.event_id = v.id)) ORDER BY v.starts_on, v.id), '[]'::json)
                     FROM event_article l JOIN event v ON v.id = l.event_id WHERE l.article_id = a.id))
        FROM article a WHERE a.slug = $1)))::text AS json`,
      values: [slug],
    },
    fromNewsgraph: (d) => {
      const a = d.article;
      if (!a) return null;
      return {
        slug: a.slug,
        headline: a.headline,
        body: a.body,
        publishedAt: instant(a.publishedAt),
        images: a.images.map((i: any) => ({ position: i.position, caption: i.caption, credit: i.credit ?? null, url: i.url ?? null })),
        quotes: a.quotes.map(ngQuote),
        experts: sortedBy(a.experts.map((e: any) => ({ slug: e.slug, name: e.name, title: e.title ?? null })), (e: any) => e.slug),
        events: sortedBy(a.events.map((e: any) => commonEvent(e, e.places.map((p: any) => p.name))), (e: any) => [e.title, e.startsOn]),
      };
    },
    fromPostgraphile: (d) => {
      const a = d.articleBySlug;
      if (!a) return null;
      return {
        slug: a.slug,
        headline: a.headline,
        body: a.body,
        publishedAt: instant(a.publishedAt),
        images: a.articleImagesByArticleId.nodes.map((i: any) => ({ position: i.position, caption: i.caption, credit: i.credit ?? null, url: i.url ?? null })),
        quotes: a.quotesByArticleId.nodes.map(pgQuote),
        experts: sortedBy(
          a.articleExpertsByArticleId.nodes.map((l: any) => ({ slug: l.expertByExpertId.slug, name: l.expertByExpertId.name, title: l.expertByExpertId.title ?? null })),
          (e: any) => e.slug,
        ),
        events: sortedBy(
          a.eventArticlesByArticleId.nodes.map((l: any) => commonEvent(l.eventByEventId, l.eventByEventId.eventPlacesByEventId.nodes.map((p: any) => p.placeByPlaceId.name))),
          (e: any) => [e.title, e.startsOn],
        ),
      };
    },
  };
}

export function expertPage(slug: string): Page {
  return {
    name: "expert",
    title: "expert profile by slug: organization, 20 latest quotes with article headline",
    newsgraph: {
      query: `query ExpertPage($slug: String!) { expert(slug: $slug) { slug name title organization { name }
        quotes(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { text article { headline } } } } }`,
      variables: { slug },
    },
    postgraphile: {
      query: `query ExpertPage($slug: String!) { expertBySlug(slug: $slug) { slug name title organizationByOrganizationId { name }
        quotesBySpeakerExpertId(first: 20, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) { nodes { text articleByArticleId { headline } } } } }`,
      variables: { slug },
    },
    limit: {
      sql: `SELECT json_build_object('data', json_build_object('expert', (
        SELECT json_build_object('slug', x.slug, 'name', x.name, 'title', x.title,
          'organization', (SELECT json_build_object('name', o.name) FROM organization o WHERE o.id = x.organization_id),
          'quotes', json_build_object('nodes', (SELECT coalesce(json_agg(json_build_object('text', q.text, 'article', json_build_object('headline', q.headline)) ORDER BY q.created_at DESC, q.id DESC), '[]'::json)
            FROM (SELECT q.id, q.text, q.created_at, a.headline FROM quote q JOIN article a ON a.id = q.article_id
                  WHERE q.speaker_expert_id = x.id ORDER BY q.created_at DESC, q.id DESC LIMIT 20) q)))
        FROM expert x WHERE x.slug = $1)))::text AS json`,
      values: [slug],
    },
    fromNewsgraph: (d) => {
      const x = d.expert;
      return x && { slug: x.slug, name: x.name, title: x.title ?? null, organization: x.organization?.name ?? null, quotes: x.quotes.nodes.map((q: any) => ({ text: q.text, headline: q.article.headline })) };
    },
    fromPostgraphile: (d) => {
      const x = d.expertBySlug;
      return (
        x && {
          slug: x.slug,
          name: x.name,
          title: x.title ?? null,
          organization: x.organizationByOrganizationId?.name ?? null,
          quotes: x.quotesBySpeakerExpertId.nodes.map((q: any) => ({ text: q.text, headline: q.articleByArticleId.headline })),
        }
      );
    },
  };
}

const TSQUERY = `websearch_to_tsquery('english'::regconfig, $1)`;

export function searchPage(search: string): Page {
  return {
    name: "search",
    title: `search "${search}": first 10 + totalCount`,
    newsgraph: { query: `query Search($q: String!) { articles(filter: { search: $q }, first: 10) { totalCount nodes { slug headline } } }`, variables: { q: search } },
    postgraphile: null,
    limit: {
      sql: `SELECT json_build_object('data', json_build_object('articles', json_build_object(
          'totalCount', (SELECT count(*) FROM article WHERE search @@ ${TSQUERY}),
          'nodes', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'headline', p.headline) ORDER BY p.rank DESC, p.id DESC), '[]'::json) FROM (
            SELECT id, slug, headline, ts_rank_cd(search_rank, ${TSQUERY}) AS rank FROM article WHERE search @@ ${TSQUERY}
            ORDER BY rank DESC, id DESC LIMIT 10) p))))::text AS json`,
      values: [search],
    },
    fromNewsgraph: (d) => ({ totalCount: Number(d.articles.totalCount), nodes: d.articles.nodes.map((a: any) => a.slug) }),
    fromPostgraphile: () => null,
  };
}

/*
 * Cross-type search (`search(query:)`), ranked as src/search/search.service.ts ranks (the README's
 * "Cross-type search" formula), with highlights. The limit statement marks matches with ts_headline
 * and the same private-use marks; the common form puts «» at the offsets newsgraph gives, or in
 * place of the limit's marks. Names (experts, organizations) are marked in JavaScript by newsgraph:
 * their highlights are left out of the common form.
 */
const START = "\uE000";
const STOP = "\uE001";
const HL_WHOLE = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;
const HL_PASSAGES = `StartSel=${START}, StopSel=${STOP}, MaxFragments=2, MaxWords=24, MinWords=10, FragmentDelimiter=" … "`;
const XQ = `websearch_to_tsquery('english'::regconfig, $1::text)`;
const NEWEST = `(SELECT coalesce((max(published_at) AT TIME ZONE 'UTC')::date, current_date) FROM article)`;
const FRESH = (day: string) => `coalesce(0.5 / (1 + greatest(0, ${NEWEST} - (${day})) / 365.0), 0)`;
const NAMES = (t: string) => `newsgraph_names(${t}.name, ${t}.aliases)`;
const NAME_MATCH = (t: string) => `($2::text <% ${NAMES(t)} OR ${NAMES(t)} LIKE $3::text)`;
const HL = (field: string, column: string, options: string) =>
  `json_build_object('field', '${field}', 'snippet', ts_headline('english'::regconfig, translate(${column}, E'\\uE000\\uE001', '  '), ${XQ}, '${options}'), 'matches', '[]'::json)`;
/** An article's score; a hit with none of the query's words in search_rank scores its freshness alone (the bench's query has no negation). */
const X_ARTICLE_SCORE = `(CASE WHEN NOT (a.search_rank @@ (SELECT string_agg(w.m[1], ' | ')::tsquery FROM regexp_matches(${XQ}::text, '(''(?:[^'']|'''')*'')', 'g') w (m)))
     THEN 0 + 0::real + ${FRESH(`(a.published_at AT TIME ZONE 'UTC')::date`)}
     ELSE CASE WHEN ts_filter(a.search_rank, '{a}') @@ ${XQ} THEN 2 ELSE 0 END + ts_rank_cd(a.search_rank, ${XQ}, 32) + ${FRESH(`(a.published_at AT TIME ZONE 'UTC')::date`)} END)::float8`;
/**
 * The 10 best headline matches (scores of 2 and more, any other article hit below 1.5), through the
 * headline index; a headline match of a query without negation matches `search` too.
 */
const X_HEADLINES = `headlines AS MATERIALIZED (SELECT 'Article' AS type, a.id, ${X_ARTICLE_SCORE} AS score FROM article a
     WHERE ts_filter(a.search_rank, '{a}') @@ ${XQ} ORDER BY 3 DESC, 2 DESC LIMIT 10)`;
/** The best 10 articles: the headline matches when there are 10, else every hit ranked. */
const X_ARTICLE_TOP = `(SELECT * FROM headlines WHERE (SELECT count(*) FROM headlines) = 10)
   UNION ALL (SELECT 'Article', a.id, ${X_ARTICLE_SCORE} FROM article a WHERE a.search @@ ${XQ} AND (SELECT count(*) FROM headlines) < 10 ORDER BY 3 DESC, 2 DESC LIMIT 10)`;
const X_BRANCHES = [
  `SELECT 'Article' AS type, a.id, (CASE WHEN ts_filter(a.search_rank, '{a}') @@ ${XQ} THEN 2 ELSE 0 END + ts_rank_cd(a.search_rank, ${XQ}, 32)
     + ${FRESH(`(a.published_at AT TIME ZONE 'UTC')::date`)})::float8 AS score FROM article a WHERE a.search @@ ${XQ}`,
  `SELECT 'Quote', q.id, (1 + ts_rank_cd(q.search, ${XQ}, 32) + ${FRESH(`coalesce(q.said_on, (a.published_at AT TIME ZONE 'UTC')::date)`)}
     + CASE WHEN q.speaker_expert_id = ANY(ARRAY(SELECT x.id FROM expert x WHERE ${NAME_MATCH("x")}))
              OR q.speaker_organization_id = ANY(ARRAY(SELECT o.id FROM organization o WHERE ${NAME_MATCH("o")})) THEN 0.5 ELSE 0 END
     + CASE WHEN q.speaker_description IS NULL THEN 0.25 ELSE 0 END)::float8
   FROM quote q JOIN article a ON a.id = q.article_id
   WHERE q.search @@ ${XQ} OR q.speaker_expert_id = ANY(ARRAY(SELECT x.id FROM expert x WHERE ${NAME_MATCH("x")}))
      OR q.speaker_organization_id = ANY(ARRAY(SELECT o.id FROM organization o WHERE ${NAME_MATCH("o")}))`,
  `SELECT 'Expert', x.id, (2 + word_similarity($2::text, ${NAMES("x")}))::float8 FROM expert x WHERE ${NAME_MATCH("x")}`,
  `SELECT 'Organization', o.id, (2 + word_similarity($2::text, ${NAMES("o")}))::float8 FROM organization o WHERE ${NAME_MATCH("o")}`,
  `SELECT 'Event', e.id, (CASE WHEN ts_filter(e.search, '{a}') @@ ${XQ} THEN 2 ELSE 0 END + ts_rank_cd(e.search, ${XQ}, 32) + ${FRESH("e.starts_on")})::float8
   FROM event e WHERE e.search @@ ${XQ}`,
];

/** A highlight in the common form: the snippet with «» around each match. */
function markedHighlight(h: any): string | null {
  let text: string = h.snippet;
  if (h.matches.length) {
    for (const m of [...h.matches].reverse()) text = `${text.slice(0, m.start)}«${text.slice(m.start, m.end)}»${text.slice(m.end)}`;
  } else text = text.replaceAll(START, "«").replaceAll(STOP, "»");
  return text.includes("«") ? `${h.field}: ${text}` : null;
}

export function crossSearchPage(search: string): Page {
  const names = search.toLowerCase();
  return {
    name: "xsearch",
    title: `search(query: "${search}") across types: first 10 with score, highlights and totalCount`,
    newsgraph: {
      query: `query CrossSearch($q: String!) { search(query: $q, first: 10) { totalCount edges { score highlights { field snippet matches { start end } }
        node { __typename ... on Article { slug headline } ... on Quote { text } ... on Expert { slug name } ... on Organization { slug name } ... on Event { title } } } } }`,
      variables: { q: search },
    },
    postgraphile: null,
    limit: {
      sql: `WITH ${X_HEADLINES},
        hits AS (${X_BRANCHES.map((b, i) => (i === 0 ? X_ARTICLE_TOP : `(SELECT * FROM (${b}) h (type, id, score) ORDER BY h.score DESC, h.id DESC LIMIT 10)`)).join(" UNION ALL ")}),
        top AS (SELECT * FROM hits ORDER BY score DESC, id DESC LIMIT 10)
        SELECT json_build_object('data', json_build_object('search', json_build_object(
          'totalCount', (${X_BRANCHES.map((b) => `(SELECT count(*) FROM (${b} LIMIT 5001) c)`).join(" + ")}),
          'edges', (SELECT coalesce(json_agg(json_build_object('score', t.score,
            'node', CASE t.type
              WHEN 'Article' THEN (SELECT json_build_object('__typename', 'Article', 'slug', a.slug, 'headline', a.headline) FROM article a WHERE a.id = t.id)
              WHEN 'Quote' THEN (SELECT json_build_object('__typename', 'Quote', 'text', q.text) FROM quote q WHERE q.id = t.id)
              WHEN 'Expert' THEN (SELECT json_build_object('__typename', 'Expert', 'slug', x.slug, 'name', x.name) FROM expert x WHERE x.id = t.id)
              WHEN 'Organization' THEN (SELECT json_build_object('__typename', 'Organization', 'slug', o.slug, 'name', o.name) FROM organization o WHERE o.id = t.id)
              ELSE (SELECT json_build_object('__typename', 'Event', 'title', e.title) FROM event e WHERE e.id = t.id) END,
            'highlights', CASE t.type
              WHEN 'Article' THEN (SELECT json_build_array(${HL("headline", "a.headline", HL_WHOLE)}, ${HL("summary", "coalesce(a.summary, '')", HL_WHOLE)}, ${HL("body", "a.body", HL_PASSAGES)}) FROM article a WHERE a.id = t.id)
              WHEN 'Quote' THEN (SELECT json_build_array(${HL("text", "q.text", HL_WHOLE)}) FROM quote q WHERE q.id = t.id)
              WHEN 'Event' THEN (SELECT json_build_array(${HL("title", "e.title", HL_WHOLE)}, ${HL("description", "coalesce(e.description, '')", HL_WHOLE)}) FROM event e WHERE e.id = t.id)
              ELSE '[]'::json END) ORDER BY t.score DESC, t.id DESC), '[]'::json) FROM top t))))::text AS json`,
      values: [search, names, `%${names}%`],
      planPerRequest: true,
    },
    fromNewsgraph: (d) => ({
      totalCount: Number(d.search.totalCount),
      edges: d.search.edges.map((e: any) => ({
        type: e.node.__typename,
        node: e.node.slug ?? e.node.text ?? e.node.title,
        score: Number(e.score).toFixed(6),
        highlights: e.node.__typename === "Expert" || e.node.__typename === "Organization" ? [] : e.highlights.map(markedHighlight).filter((h: string | null) => h != null),
      })),
    }),
    fromPostgraphile: () => null,
  };
}

/**
 * PostGraphile's amber preset cannot order a many-to-many list by a column of the far table, nor
 * filter events by a date range (no connection-filter plugin): the runner adds these two SQL
 * functions to the scratch database, which it exposes as `Topic.newestArticles` (a computed
 * column) and `Query.peerEventsInRange`.
 */
export const POSTGRAPHILE_FUNCTIONS = [
  `CREATE FUNCTION topic_newest_articles(t topic) RETURNS SETOF article LANGUAGE sql STABLE AS $$
     SELECT a.* FROM article_topic l JOIN article a ON a.id = l.article_id WHERE l.topic_id = t.id ORDER BY a.published_at DESC, a.id DESC $$`,
  `CREATE FUNCTION peer_events_in_range(range_from date, range_to date) RETURNS SETOF event LANGUAGE sql STABLE AS $$
     SELECT * FROM event WHERE coalesce(ends_on, starts_on) >= range_from AND starts_on <= range_to ORDER BY coalesce(starts_on, 'infinity'::date), id $$`,
];

export function topicPage(slug: string): Page {
  return {
    name: "topic",
    title: "topic page: the topic's 20 newest articles",
    newsgraph: { query: `query TopicPage($slug: String!) { topic(slug: $slug) { name articles(first: 20) { nodes { slug headline publishedAt } } } }`, variables: { slug } },
    postgraphile: { query: `query TopicPage($slug: String!) { topicBySlug(slug: $slug) { name newestArticles(first: 20) { nodes { slug headline publishedAt } } } }`, variables: { slug } },
    limit: {
      sql: `SELECT json_build_object('data', json_build_object('topic', (
        SELECT json_build_object('name', t.name, 'articles', json_build_object('nodes', (
          SELECT coalesce(json_agg(json_build_object('slug', a.slug, 'headline', a.headline, 'publishedAt', a.published_at) ORDER BY a.published_at DESC, a.id DESC), '[]'::json)
          FROM (SELECT a.id, a.slug, a.headline, a.published_at FROM article_topic l JOIN article a ON a.id = l.article_id
                WHERE l.topic_id = t.id ORDER BY a.published_at DESC, a.id DESC LIMIT 20) a)))
        FROM topic t WHERE t.slug = $1)))::text AS json`,
      values: [slug],
    },
    fromNewsgraph: (d) => d.topic && { name: d.topic.name, articles: d.topic.articles.nodes.map((a: any) => ({ slug: a.slug, headline: a.headline, publishedAt: instant(a.publishedAt) })) },
    fromPostgraphile: (d) =>
      d.topicBySlug && { name: d.topicBySlug.name, articles: d.topicBySlug.newestArticles.nodes.map((a: any) => ({ slug: a.slug, headline: a.headline, publishedAt: instant(a.publishedAt) })) },
  };
}

export function eventsPage(from: string, to: string): Page {
  return {
    name: "events",
    title: `events from ${from} to ${to}: first 20 by date, with places`,
    newsgraph: {
      query: `query EventsPage($from: LocalDate!, $to: LocalDate!) { events(filter: { from: $from, to: $to }, first: 20) { nodes { title kind startsOn endsOn places { name } } } }`,
      variables: { from, to },
    },
    postgraphile: {
      query: `query EventsPage($from: Date!, $to: Date!) { peerEventsInRange(rangeFrom: $from, rangeTo: $to, first: 20) { nodes { title kind startsOn endsOn eventPlacesByEventId { nodes { placeByPlaceId { name } } } } } }`,
      variables: { from, to },
    },
    limit: {
      sql: `SELECT json_build_object('data', json_build_object('events', json_build_object('nodes', (
        SELECT coalesce(json_agg(json_build_object('title', e.title, 'kind', upper(e.kind), 'startsOn', e.starts_on, 'endsOn', e.ends_on,
          'places', (SELECT coalesce(json_agg(json_build_object('name', p.name) ORDER BY p.name), '[]'::json) FROM event_place ep JOIN place p ON p.id = ep.place_id WHERE ep.event_id = e.id))
          ORDER BY coalesce(e.starts_on, 'infinity'::date), e.id), '[]'::json)
        FROM (SELECT * FROM event WHERE coalesce(ends_on, starts_on) >= $1::date AND starts_on <= $2::date ORDER BY coalesce(starts_on, 'infinity'::date), id LIMIT 20) e))))::text AS json`,
      values: [from, to],
    },
    fromNewsgraph: (d) => d.events.nodes.map((e: any) => commonEvent(e, e.places.map((p: any) => p.name))),
    fromPostgraphile: (d) => d.peerEventsInRange.nodes.map((e: any) => commonEvent(e, e.eventPlacesByEventId.nodes.map((p: any) => p.placeByPlaceId.name))),
  };
}

/**
 * The expert finder (issue 11): "who has been quoted on this topic lately": the 20 people quoted
 * most, each with a quote on the topic since `quotedAfter`, their counts, top topics, channels and
 * the people quoted beside them. No PostGraphile peer (the issue asks newsgraph against the limit).
 */
export function expertFinderPage(topicSlug: string, quotedAfter: string, counted = false): Page {
  const window = `EXISTS (SELECT 1 FROM expert_article fe JOIN article fa ON fa.id = fe.article_id JOIN article_topic ft ON ft.article_id = fe.article_id
    WHERE fe.expert_id = x.id AND fa.published_at >= $2::timestamptz AND ft.topic_id = (SELECT id FROM topic WHERE slug = $1))`;
  return {
    name: counted ? "finder-count" : "finder",
    title: `expert finder: 20 most quoted on a topic since a date${counted ? " and how many match (totalCount)" : ""}, their counts, top 3 topics, channels, co-quoted`,
    newsgraph: {
      query: `query ExpertFinder($topic: ID!, $after: DateTime!) { experts(filter: { topic: $topic, quotedAfter: $after }, orderBy: { field: QUOTE_COUNT }, first: 20) {
        ${counted ? "totalCount " : ""}nodes { slug name title quoteCount lastQuotedAt organization { name }
          topics(first: 3) { count topic { name } } channels(first: 3) { channel count } coQuoted(first: 3) { sharedArticles expert { name } } } } }`,
      variables: { topic: topicSlug, after: quotedAfter },
    },
    postgraphile: null,
    limit: {
      sql: `SELECT json_build_object('data', json_build_object('experts', json_build_object(
          ${counted ? `'totalCount', (SELECT count(*) FROM expert x WHERE ${window}),` : ""}
          'nodes', (SELECT coalesce(json_agg(json_build_object('slug', x.slug, 'name', x.name, 'title', x.title, 'quoteCount', x.quote_count, 'lastQuotedAt', x.last_quoted_at,
              'organization', (SELECT json_build_object('name', o.name) FROM organization o WHERE o.id = x.organization_id),
              'topics', (SELECT coalesce(json_agg(json_build_object('count', s.articles, 'topic', json_build_object('name', s.name)) ORDER BY s.articles DESC, s.name, s.id), '[]'::json)
                         FROM (SELECT s.articles, t.name, t.id FROM expert_topic s JOIN topic t ON t.id = s.topic_id WHERE s.expert_id = x.id ORDER BY s.articles DESC, t.name, t.id LIMIT 3) s),
              'channels', (SELECT coalesce(json_agg(json_build_object('channel', s.channel, 'count', s.quotes) ORDER BY s.quotes DESC, s.channel), '[]'::json)
                           FROM (SELECT channel, quotes FROM expert_channel WHERE expert_id = x.id ORDER BY quotes DESC, channel LIMIT 3) s),
              'coQuoted', (SELECT coalesce(json_agg(json_build_object('sharedArticles', s.articles, 'expert', json_build_object('name', s.name)) ORDER BY s.articles DESC, s.name, s.id), '[]'::json)
                           FROM (SELECT s.articles, o.name, o.id FROM expert_co_quoted s JOIN expert o ON o.id = s.other_id WHERE s.expert_id = x.id ORDER BY s.articles DESC, o.name, o.id LIMIT 3) s))
            ORDER BY x.quote_count DESC, x.id DESC), '[]'::json)
            FROM (SELECT * FROM expert x WHERE ${window} ORDER BY x.quote_count DESC, x.id DESC LIMIT 20) x))))::text AS json`,
      values: [topicSlug, quotedAfter],
    },
    fromNewsgraph: (d) => ({
      totalCount: counted ? Number(d.experts.totalCount) : null,
      nodes: d.experts.nodes.map((x: any) => ({ ...x, title: x.title ?? null, organization: x.organization?.name ?? null, lastQuotedAt: instant(x.lastQuotedAt) })),
    }),
    fromPostgraphile: () => null,
  };
}

/**
 * Facets on a filtered article connection (issue 11): the topic's articles, their count and 10
 * newest, and the top people, co-topics, publishers, and the weeks. The limit reads the matching
 * articles once (a materialized CTE) and counts each facet from them.
 */
export function facetsPage(topicSlug: string): Page {
  const bucket = (node: string) => `{ count node { ${node} } }`;
  const top = (from: string, nodeJson: string, join: string) =>
    `(SELECT coalesce(json_agg(json_build_object('count', b.n, 'node', ${nodeJson}) ORDER BY b.n DESC, b.k NULLS LAST), '[]'::json)
      FROM (SELECT s.k, count(*)::integer AS n FROM (${from}) s GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST LIMIT 5) b ${join})`;
  return {
    name: "facets",
    title: `facets of topic ${topicSlug}'s articles: totalCount, 10 newest, top 5 experts / topics / publishers, weeks`,
    newsgraph: {
      query: `query FacetsPage($topic: ID!) { articles(filter: { topic: $topic }, first: 10) { totalCount nodes { slug headline }
        facets { experts(first: 5) ${bucket("slug name")} topics(first: 5) ${bucket("slug name")} publishers(first: 5) ${bucket("slug name")} byWeek { start count } } } }`,
      variables: { topic: topicSlug },
    },
    postgraphile: null,
    limit: {
      sql: `WITH m AS MATERIALIZED (
          SELECT a.id, a.slug, a.headline, a.published_at, a.publisher_id FROM article a
          WHERE EXISTS (SELECT 1 FROM article_topic f WHERE f.article_id = a.id AND f.topic_id = (SELECT id FROM topic WHERE slug = $1)))
        SELECT json_build_object('data', json_build_object('articles', json_build_object(
          'totalCount', (SELECT count(*) FROM m),
          'nodes', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'headline', p.headline) ORDER BY p.published_at DESC, p.id DESC), '[]'::json)
                    FROM (SELECT * FROM m ORDER BY published_at DESC, id DESC LIMIT 10) p),
          'facets', json_build_object(
            'experts', ${top(`SELECT l.expert_id AS k, l.article_id FROM m JOIN article_expert l ON l.article_id = m.id
                              UNION SELECT q.speaker_expert_id, q.article_id FROM m JOIN quote q ON q.article_id = m.id WHERE q.speaker_expert_id IS NOT NULL`,
                             `json_build_object('slug', x.slug, 'name', x.name)`, `JOIN expert x ON x.id = b.k`)},
            'topics', ${top(`SELECT l.topic_id AS k FROM m JOIN article_topic l ON l.article_id = m.id`, `json_build_object('slug', t.slug, 'name', t.name)`, `JOIN topic t ON t.id = b.k`)},
            'publishers', ${top(`SELECT m.publisher_id AS k FROM m`, `CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('slug', o.slug, 'name', o.name) END`, `LEFT JOIN organization o ON o.id = b.k`)},
            'byWeek', (SELECT coalesce(json_agg(json_build_object('start', b.k, 'count', b.n) ORDER BY b.k DESC), '[]'::json)
                       FROM (SELECT date_trunc('week', m.published_at AT TIME ZONE 'UTC')::date AS k, count(*)::integer AS n FROM m GROUP BY 1 ORDER BY 1 DESC LIMIT 100) b)))))::text AS json`,
      values: [topicSlug],
    },
    fromNewsgraph: (d) => ({
      totalCount: Number(d.articles.totalCount),
      nodes: d.articles.nodes.map((a: any) => a.slug),
      facets: {
        experts: d.articles.facets.experts.map((b: any) => [b.node.slug, b.count]),
        topics: d.articles.facets.topics.map((b: any) => [b.node.slug, b.count]),
        publishers: d.articles.facets.publishers.map((b: any) => [b.node?.slug ?? null, b.count]),
        byWeek: d.articles.facets.byWeek.map((b: any) => [b.start, b.count]),
      },
    }),
    fromPostgraphile: () => null,
  };
}

/**
 * Article.related (issue 11): an article page's "related coverage": the 10 articles sharing the
 * most events (x3), quoted experts (x2) and topics (x1) with it, as the README's formula ranks them
 * (each expert's 200 newest quotes and each topic's 200 newest articles are the candidates). No
 * PostGraphile peer. The limit finds the candidates in one CTE and scores them once.
 */
export function relatedPage(slug: string): Page {
  return {
    name: "related",
    title: "article by slug with related(first: 10): score, shared events / experts / topics, each article's slug, headline, date",
    newsgraph: {
      query: `query Related($slug: String!) { article(slug: $slug) { slug headline related(first: 10) { score sharedEvents sharedExperts sharedTopics article { slug headline publishedAt } } } }`,
      variables: { slug },
    },
    postgraphile: null,
    limit: {
      sql: `WITH p AS (SELECT id, slug, headline FROM article WHERE slug = $1),
        c AS (
          SELECT o.article_id AS id, 1 AS ev, 0 AS ex, 0 AS tp
            FROM p JOIN event_article m ON m.article_id = p.id JOIN event_article o ON o.event_id = m.event_id AND o.article_id <> p.id
          UNION ALL
          SELECT DISTINCT ON (q.article_id, x.sid) q.article_id, 0, 1, 0
            FROM p CROSS JOIN LATERAL (SELECT DISTINCT speaker_expert_id AS sid FROM quote WHERE article_id = p.id AND speaker_expert_id IS NOT NULL) x
            CROSS JOIN LATERAL (SELECT q.article_id FROM quote q WHERE q.speaker_expert_id = x.sid AND q.article_id <> p.id ORDER BY q.created_at DESC, q.id DESC LIMIT 200) q
          UNION ALL
          SELECT t.id, 0, 0, 1
            FROM p JOIN article_topic m ON m.article_id = p.id
            CROSS JOIN LATERAL (SELECT oa.id FROM article_topic o JOIN article oa ON oa.id = o.article_id
                                 WHERE o.topic_id = m.topic_id AND oa.id <> p.id ORDER BY oa.published_at DESC, oa.id DESC LIMIT 200) t),
        top AS (SELECT c.id, sum(c.ev)::int AS ev, sum(c.ex)::int AS ex, sum(c.tp)::int AS tp, (3 * sum(c.ev) + 2 * sum(c.ex) + sum(c.tp))::int AS score,
                       a.slug, a.headline, a.published_at
                  FROM c JOIN article a ON a.id = c.id GROUP BY c.id, a.slug, a.headline, a.published_at
                 ORDER BY score DESC, a.published_at DESC, c.id LIMIT 10)
        SELECT json_build_object('data', json_build_object('article', (SELECT json_build_object('slug', p.slug, 'headline', p.headline,
          'related', (SELECT coalesce(json_agg(json_build_object('score', t.score, 'sharedEvents', t.ev, 'sharedExperts', t.ex, 'sharedTopics', t.tp,
                        'article', json_build_object('slug', t.slug, 'headline', t.headline, 'publishedAt', t.published_at))
                        ORDER BY t.score DESC, t.published_at DESC, t.id), '[]'::json) FROM top t)) FROM p)))::text AS json`,
      values: [slug],
    },
    fromNewsgraph: (d) =>
      d.article && {
        slug: d.article.slug,
        headline: d.article.headline,
        related: d.article.related.map((r: any) => ({ ...r, article: { ...r.article, publishedAt: instant(r.article.publishedAt) } })),
      },
    fromPostgraphile: () => null,
  };
}

/**
 * eventTimeline (issue 11): the events page's 60 days by week, each week's event count, coverage
 * and its 5 most covered events. No PostGraphile peer. The limit counts coverage once per event.
 */
export function timelinePage(from: string, to: string): Page {
  return {
    name: "timeline",
    title: `eventTimeline from ${from} to ${to} by WEEK: counts, coverage, the 5 most covered events of each week with places`,
    newsgraph: {
      query: `query Timeline($from: LocalDate!, $to: LocalDate!) { eventTimeline(from: $from, to: $to, granularity: WEEK, eventsPerBucket: 5) {
        start end eventCount articleCount events { title kind startsOn places { name } } } }`,
      variables: { from, to },
    },
    postgraphile: null,
    limit: {
      sql: `WITH ev AS (SELECT e.id, e.title, e.kind, e.starts_on, date_trunc('week', e.starts_on)::date AS week,
                              (SELECT count(*) FROM event_article l WHERE l.event_id = e.id)::int AS coverage
                         FROM event e WHERE e.starts_on >= $1::date AND e.starts_on <= $2::date),
             ranked AS (SELECT ev.*, row_number() OVER (PARTITION BY ev.week ORDER BY ev.coverage DESC, ev.starts_on, ev.id) AS rn FROM ev),
             weeks AS (SELECT g::date AS start FROM generate_series(date_trunc('week', $1::date), date_trunc('week', $2::date), interval '1 week') g)
        SELECT json_build_object('data', json_build_object('eventTimeline', (SELECT coalesce(json_agg(json_build_object(
            'start', w.start, 'end', w.start + 6,
            'eventCount', (SELECT count(*) FROM ev WHERE ev.week = w.start)::int,
            'articleCount', (SELECT coalesce(sum(ev.coverage), 0) FROM ev WHERE ev.week = w.start)::int,
            'events', (SELECT coalesce(json_agg(json_build_object('title', r.title, 'kind', upper(r.kind), 'startsOn', r.starts_on,
                         'places', (SELECT coalesce(json_agg(json_build_object('name', pl.name) ORDER BY pl.name, pl.id), '[]'::json)
                                    FROM event_place ep JOIN place pl ON pl.id = ep.place_id WHERE ep.event_id = r.id)) ORDER BY r.rn), '[]'::json)
                       FROM ranked r WHERE r.week = w.start AND r.rn <= 5))
          ORDER BY w.start), '[]'::json) FROM weeks w)))::text AS json`,
      values: [from, to],
    },
    fromNewsgraph: (d) => d.eventTimeline,
    fromPostgraphile: () => null,
  };
}

export function allPages(p: PageParams): Page[] {
  return [
    frontPage(20),
    articlePage(p.articleSlug),
    expertPage(p.expertSlug),
    searchPage(p.search),
    crossSearchPage(p.search),
    topicPage(p.topicSlug),
    eventsPage(p.from, p.to),
    expertFinderPage(p.topicSlug, p.quotedAfter),
    expertFinderPage(p.topicSlug, p.quotedAfter, true),
    facetsPage(p.topicSlug),
    relatedPage(p.articleSlug),
    timelinePage(p.from, p.to),
  ];
}
