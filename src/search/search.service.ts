import type { ArticleFilter } from "../article/article.inputs";
import { ARTICLE_FACETS } from "../article/article.facets";
import { articleConditions } from "../article/article.service";
import { badUserInput } from "../common/errors";
import { type PageLimits, memo, estimateRows } from "../common/pagination";
import { SEARCH_CONFIG, SEARCH_EXACT_COUNT_UP_TO } from "../common/search";
import { SqlParams, and } from "../common/sql";
import type { Context } from "../context";
import type { CombinedFacetSource, FacetPart } from "../facet/facet";
import { QUOTE_FACETS } from "../quote/quote.facets";
import { type SearchCursor, decodeSearchCursor, encodeSearchCursor } from "./search.cursor";
import { type SearchFilter, SearchType } from "./search.inputs";
import { type SearchQuery, parseSearchQuery } from "./search-query";
import type { SearchFacetsRoot, SearchHit, SearchTypeBucketRow } from "./search.type";

/** What `search` returns before GraphQL resolves nodes and highlights. */
export interface SearchPage {
  edges: SearchHit[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: () => Promise<boolean>; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
  totalCountIsEstimate: () => Promise<boolean>;
  facets: () => SearchFacetsRoot;
}

/** One type's candidates: `SELECT type, id, score FROM ... WHERE ...`, with its parameters added. */
export type Branch = (p: SqlParams) => string;

export interface Terms {
  query: SearchQuery;
  filter: SearchFilter | null | undefined;
  /** Parameter holding the day freshness is measured from. */
  day: (p: SqlParams) => string;
}

const tsquery = (p: SqlParams, t: Terms) => `websearch_to_tsquery(${SEARCH_CONFIG}, ${p.add(t.query.text)}::text)`;

/**
 * The day freshness counts from: the newest article's publication day (UTC), so that an archive's
 * scores do not fall as the calendar moves on, and a page's scores stay the same until news arrives;
 * the cursor carries it to the next pages.
 */
const NEWEST_DAY = `(SELECT coalesce((max(published_at) AT TIME ZONE 'UTC')::date, current_date) FROM article)`;

/** 0.5 for something dated on the search day, half that a year before it, 0 when undated. */
const freshness = (dayExpr: string, dayParam: string) => `coalesce(0.5 / (1 + greatest(0, ${dayParam}::date - (${dayExpr})) / 365.0), 0)`;

const NAMES = (alias: string) => `newsgraph_names(${alias}.name, ${alias}.aliases)`;

/** The trigram name match of `name-search.ts`, over the query's name words; the LIKE only for 3 characters or more. */
function nameMatch(alias: string, names: string, p: SqlParams): { condition: string; similarity: string } {
  const term = p.add(names);
  const conditions = [`${term}::text <% ${NAMES(alias)}`];
  if (names.length >= 3) conditions.push(`${NAMES(alias)} LIKE ${p.add(`%${names.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}::text`);
  return { condition: conditions.join(" OR "), similarity: `word_similarity(${term}::text, ${NAMES(alias)})` };
}

/** The filter's conditions over article `a`; empty without a filter. */
function articleFilter(filter: SearchFilter | null | undefined, p: SqlParams): string[] {
  return articleConditions(filter as ArticleFilter | null | undefined, p).where;
}

/** EXISTS an article passing the filter among `articleIds` (a subquery of article ids); null without a filter. */
function throughArticles(filter: SearchFilter | null | undefined, articleIds: string, p: SqlParams): string | null {
  const where = articleFilter(filter, p);
  if (!where.length) return null;
  return `EXISTS (SELECT 1 FROM article a WHERE a.id IN (${articleIds}) AND ${and(where)})`;
}

const ARTICLE_HITS = "article a";
const QUOTE_HITS = "quote q JOIN article a ON a.id = q.article_id";

/** The articles a search finds, over alias `a` of {@link ARTICLE_HITS}: its query's match and the filter. */
function articleHits(t: Terms, p: SqlParams): { q: string; where: string[] } {
  const q = tsquery(p, t);
  return { q, where: [`a.search @@ ${q}`, ...articleFilter(t.filter, p)] };
}

/** The quotes a search finds, over {@link QUOTE_HITS}: its text matches or its speaker's name does, and its article passes the filter. */
function quoteHits(t: Terms, p: SqlParams): { q: string; where: string[]; speakerBonus: string } {
  const q = tsquery(p, t);
  const matched: string[] = [];
  let speakerBonus = "0";
  if (t.query.names) {
    const x = nameMatch("x", t.query.names, p);
    const o = nameMatch("o", t.query.names, p);
    const experts = `ARRAY(SELECT x.id FROM expert x WHERE ${x.condition})`;
    const organizations = `ARRAY(SELECT o.id FROM organization o WHERE ${o.condition})`;
    matched.push(`q.speaker_expert_id = ANY(${experts})`, `q.speaker_organization_id = ANY(${organizations})`);
    speakerBonus = `CASE WHEN ${matched.join(" OR ")} THEN 0.5 ELSE 0 END`;
  }
  const found = [`q.search @@ ${q}`, ...matched].join(" OR ");
  return { q, where: [found, ...articleFilter(t.filter, p)], speakerBonus };
}

/**
 * The article candidates: every hit with its score. `matched` replaces the match on `search` (a
 * tier of {@link articleTop}). A hit none of whose query words is in `search_rank` (the words found
 * only deeper in the body) scores its freshness alone: for a query without `!` (websearch's `-word`)
 * its headline cannot match and ts_rank_cd is 0, so its score is written as the same sum of the
 * same types with those terms 0, and neither is computed for it.
 */
function articleCandidates(t: Terms, p: SqlParams, matched?: (q: string) => string[]): string {
  const { q, where } = articleHits(t, p);
  const fresh = freshness(`(a.published_at AT TIME ZONE 'UTC')::date`, t.day(p));
  const full = `CASE WHEN ts_filter(a.search_rank, '{a}') @@ ${q} THEN 2 ELSE 0 END + ts_rank_cd(a.search_rank, ${q}, 32) + ${fresh}`;
  const score = `CASE WHEN ${monotone(q)} AND NOT (a.search_rank @@ ${anyWord(q)}) THEN 0 + 0::real + ${fresh} ELSE ${full} END`;
  const conditions = matched ? [...matched(q), ...where.slice(1)] : where;
  return `SELECT 'Article'::text AS type, a.id, (${score})::float8 AS score FROM ${ARTICLE_HITS} WHERE ${and(conditions)}`;
}

/** Whether a tsquery has no negation: then a text without any of its words cannot match it. Lexemes never hold `!`. */
const monotone = (q: string) => `strpos((${q})::text, '!') = 0`;

/** Any of a tsquery's words, as a tsquery (`'tokyo' | 'summit'`); NULL (matching nothing) when it has none. */
const anyWord = (q: string) => `(SELECT string_agg(w.m[1], ' | ')::tsquery FROM regexp_matches((${q})::text, '(''(?:[^'']|'''')*'')', 'g') w (m))`;

/**
 * The best `limit` article hits past the cursor (`beyond`, over alias `s`), without ranking every
 * hit: a headline match scores at least 2, any other hit less than 1.5 (ts_rank_cd(…, 32) is below
 * 1, freshness at most 0.5), so when the headline matches (found through the expression index
 * `article_headline_search_idx`) fill the page they are the page and the other hits are not read
 * (a one-time filter); else every hit is ranked, as before.
 * For a query without negation a headline match is a match of `search`, not checked again (that
 * reads `search` from TOAST).
 */
function articleTop(t: Terms, p: SqlParams, beyond: (p: SqlParams) => string | null, limit: number, cte: string): string {
  const top = (candidates: string, extra: string[] = []) =>
    `SELECT s.type, s.id, s.score FROM (${candidates}) s WHERE ${and([beyond(p), ...extra])} ORDER BY s.score DESC, s.id DESC LIMIT ${limit}`;
  const headline = top(articleCandidates(t, p, (q) => [`ts_filter(a.search_rank, '{a}') @@ ${q}`, `(${monotone(q)} OR a.search @@ ${q})`]));
  const filled = `(SELECT count(*) FROM ${cte}) = ${limit}`;
  return `WITH ${cte} AS MATERIALIZED (${headline}) SELECT * FROM ${cte} WHERE ${filled} UNION ALL (${top(articleCandidates(t, p), [`NOT ${filled}`])})`;
}

const BRANCHES: Record<SearchType, (t: Terms) => Branch | null> = {
  [SearchType.ARTICLE]: (t) => (p) => articleCandidates(t, p),

  [SearchType.QUOTE]: (t) => (p) => {
    const { q, where, speakerBonus } = quoteHits(t, p);
    const named = `CASE WHEN q.speaker_description IS NULL THEN 0.25 ELSE 0 END`;
    const day = `coalesce(q.said_on, (a.published_at AT TIME ZONE 'UTC')::date)`;
    const score = `1 + ts_rank_cd(q.search, ${q}, 32) + ${freshness(day, t.day(p))} + ${speakerBonus} + ${named}`;
    return `SELECT 'Quote'::text AS type, q.id, (${score})::float8 AS score FROM ${QUOTE_HITS} WHERE ${and(where)}`;
  },

  [SearchType.EXPERT]: (t) => {
    const names = t.query.names;
    if (!names) return null;
    return (p) => {
      const m = nameMatch("x", names, p);
      const links = `SELECT article_id FROM article_expert WHERE expert_id = x.id UNION ALL SELECT article_id FROM quote WHERE speaker_expert_id = x.id`;
      return `SELECT 'Expert'::text AS type, x.id, (2 + ${m.similarity})::float8 AS score FROM expert x WHERE ${and([m.condition, throughArticles(t.filter, links, p)])}`;
    };
  },

  [SearchType.ORGANIZATION]: (t) => {
    const names = t.query.names;
    if (!names) return null;
    return (p) => {
      const m = nameMatch("o", names, p);
      const links =
        `SELECT article_id FROM article_organization WHERE organization_id = o.id UNION ALL ` +
        `SELECT article_id FROM quote WHERE speaker_organization_id = o.id UNION ALL SELECT id FROM article WHERE publisher_id = o.id`;
      return `SELECT 'Organization'::text AS type, o.id, (2 + ${m.similarity})::float8 AS score FROM organization o WHERE ${and([m.condition, throughArticles(t.filter, links, p)])}`;
    };
  },

  [SearchType.EVENT]: (t) => (p) => {
    const q = tsquery(p, t);
    const score = `CASE WHEN ts_filter(e.search, '{a}') @@ ${q} THEN 2 ELSE 0 END + ts_rank_cd(e.search, ${q}, 32) + ${freshness("e.starts_on", t.day(p))}`;
    const links = `SELECT article_id FROM event_article WHERE event_id = e.id`;
    return `SELECT 'Event'::text AS type, e.id, (${score})::float8 AS score FROM event e WHERE ${and([`e.search @@ ${q}`, throughArticles(t.filter, links, p)])}`;
  },
};

export const ALL_TYPES = Object.values(SearchType);

/** What `facets` counts (parameters added to `p`): the article hits (as `articles` counts them) and the quote hits (as `quotes` does), together. */
export function facetParts(t: Terms, types: ReadonlySet<SearchType>, p: SqlParams): FacetPart[] {
  const parts: FacetPart[] = [];
  if (types.has(SearchType.ARTICLE)) parts.push({ facets: ARTICLE_FACETS, from: ARTICLE_HITS, where: articleHits(t, p).where });
  if (types.has(SearchType.QUOTE)) parts.push({ facets: QUOTE_FACETS, from: QUOTE_HITS, where: quoteHits(t, p).where });
  return parts;
}

function facetSource(t: Terms, types: ReadonlySet<SearchType>): CombinedFacetSource {
  const p = new SqlParams();
  return { parts: facetParts(t, types, p), values: p.values };
}

/** The arguments of `search(query, types, filter, first, after)`. */
export interface SearchArgsInput {
  query: string;
  types?: SearchType[] | null;
  filter?: SearchFilter | null;
  first?: number | null;
  after?: string | null;
}

/**
 * A search's SQL, read once from its arguments: the executor runs its parts as statements, the
 * read planner (src/planner/search.plan.ts) puts the same parts into its one statement.
 */
export interface SearchStatements {
  query: SearchQuery;
  first: number;
  after: SearchCursor | null;
  types: ReadonlySet<SearchType>;
  /** The types looked through, in order, each with its candidates' SQL. */
  searched: ReadonlyArray<{ type: SearchType; branch: Branch }>;
  terms: Terms;
  /** Up to `first + 1` rows `(type, id, score, day)` past the cursor, best first; null when nothing is searched or `first` is 0. */
  page: (p: SqlParams) => string | null;
  /** Searched type `i`'s matches, counted up to SEARCH_EXACT_COUNT_UP_TO + 1 (an SQL bigint). */
  count: (i: number, p: SqlParams) => string;
  /** Whether anything lies before the cursor (an SQL boolean; false without one). */
  hasPrevious: (p: SqlParams) => string;
}

/** Checks a search's arguments (BAD_USER_INPUT as the executor answers) and builds its SQL. */
export function searchStatements(args: SearchArgsInput, limits: PageLimits): SearchStatements {
  const query = parseSearchQuery(args.query, "query");
  if (args.types && args.types.length === 0) throw badUserInput(`Argument "types" must name at least one type`, "types");
  const { defaultPageSize, maxPageSize } = limits;
  const first = args.first ?? defaultPageSize;
  if (!Number.isInteger(first) || first < 0) throw badUserInput(`Argument "first" must be a non-negative integer`, "first");
  if (first > maxPageSize) throw badUserInput(`Argument "first" must be at most ${maxPageSize}; got ${first}`, "first", { limit: maxPageSize });
  const after = args.after != null ? decodeSearchCursor(args.after, "after") : null;
  const terms: Terms = { query, filter: args.filter, day: (p) => (after ? `${p.add(after.day)}::text` : NEWEST_DAY) };
  // Validated once with throwaway parameters, so that bad filter input fails before any statement.
  articleFilter(args.filter, new SqlParams());
  const types = new Set(args.types ?? ALL_TYPES);
  const searched = [...types].flatMap((type) => {
    const branch = BRANCHES[type](terms);
    return branch ? [{ type, branch }] : [];
  });
  const beyond = (p: SqlParams, side: "after" | "not after") =>
    after ? `${side === "not after" ? "NOT " : ""}((s.score, s.id) < (${p.add(after.score)}::float8, ${p.add(after.id)}::uuid))` : null;
  return {
    query,
    first,
    after,
    types,
    searched,
    terms,
    page: (p) => {
      if (!searched.length || first === 0) return null;
      const parts = searched.map(({ type, branch }, i) =>
        type === SearchType.ARTICLE
          ? `(${articleTop(terms, p, (q) => beyond(q, "after"), first + 1, `headline_hits${i}`)})`
          : `(SELECT s.type, s.id, s.score FROM (${branch(p)}) s WHERE ${and([beyond(p, "after")])} ORDER BY s.score DESC, s.id DESC LIMIT ${first + 1})`,
      );
      return `SELECT r.type, r.id, r.score, ${terms.day(p)}::text AS day FROM (${parts.join(" UNION ALL ")}) r ORDER BY r.score DESC, r.id DESC LIMIT ${first + 1}`;
    },
    count: (i, p) => `(SELECT count(*) FROM (${searched[i].branch(p)} LIMIT ${SEARCH_EXACT_COUNT_UP_TO + 1}) s)`,
    hasPrevious: (p) => {
      if (!after || !searched.length) return "false";
      return `(${searched.map(({ branch }) => `EXISTS (SELECT 1 FROM (${branch(p)}) s WHERE ${beyond(p, "not after")})`).join(" OR ")})`;
    },
  };
}

/** Reads `search(query, types, filter, first, after)`: one statement for the page, counts only when asked for. */
export const SearchService = {
  async search(ctx: Context, args: SearchArgsInput): Promise<SearchPage> {
    const st = searchStatements(args, ctx.config.limits);
    const { query, first, types, terms, searched } = st;
    const branches = searched.map((s) => s.branch);
    const page = new SqlParams();
    const pageSql = st.page(page);
    const rows: Array<{ type: SearchHit["type"]; id: string; score: number; day: string }> = pageSql ? await ctx.db.query(pageSql, page.values) : [];
    const more = rows.length > first;
    if (more) rows.pop();
    const edges: SearchHit[] = rows.map((r) => ({
      type: r.type,
      dbId: r.id,
      score: Number(r.score),
      cursor: encodeSearchCursor({ day: r.day, score: Number(r.score), id: r.id }),
      query: query.text,
    }));

    // Every type counted by one statement, each exactly up to SEARCH_EXACT_COUNT_UP_TO; above it, the planner's estimate.
    const counted = memo(async () => {
      const byType: SearchTypeBucketRow[] = [];
      if (!branches.length) return { count: 0, estimate: false, byType };
      const p = new SqlParams();
      const r = await ctx.db.query<Array<Record<string, string>>>(`SELECT ${branches.map((_, i) => `${st.count(i, p)} AS "c${i}"`).join(", ")}`, p.values);
      let count = 0;
      let estimate = false;
      for (const [i, branch] of branches.entries()) {
        let n = Number(r[0][`c${i}`]);
        if (n > SEARCH_EXACT_COUNT_UP_TO) {
          estimate = true;
          const q = new SqlParams();
          n = Math.max(SEARCH_EXACT_COUNT_UP_TO + 1, await estimateRows(ctx.db, branch(q), q.values));
        }
        count += n;
        if (n > 0) byType.push({ type: searched[i].type, count: n });
      }
      byType.sort((x, y) => y.count - x.count || ALL_TYPES.indexOf(x.type) - ALL_TYPES.indexOf(y.type));
      return { count, estimate, byType };
    });
    let facets: SearchFacetsRoot | undefined;

    return {
      edges,
      pageInfo: {
        hasNextPage: more,
        hasPreviousPage: memo(async () => {
          const p = new SqlParams();
          const sql = st.hasPrevious(p);
          if (sql === "false") return false;
          const r = await ctx.db.query<Array<{ found: boolean }>>(`SELECT ${sql} AS found`, p.values);
          return r[0].found;
        }),
        startCursor: edges.length ? edges[0].cursor : null,
        endCursor: edges.length ? edges[edges.length - 1].cursor : null,
      },
      totalCount: async () => (await counted()).count,
      totalCountIsEstimate: async () => (await counted()).estimate,
      facets: () => (facets ??= { source: facetSource(terms, types), types: async () => (await counted()).byType }),
    };
  },
};
