import type { Context } from "../context";
import { badUserInput } from "../common/errors";
import { expectGlobalId } from "../common/global-id";
import { type Connection, type Ordering, type PageArgs, pageRequest, paginate } from "../common/pagination";
import { loadRelation, refSql } from "../common/refs";
import { SEARCH_CONFIG, SEARCH_EXACT_COUNT_UP_TO, searchTerm } from "../common/search";
import { SqlParams } from "../common/sql";
import { ARTICLE_FACETS } from "./article.facets";
import { ARTICLE_COLUMNS, articleColumns, toArticle } from "./article.loaders";
import DataLoader from "dataloader";
import type { ArticleRow, RelatedArticleRow } from "./article.type";
import { type ArticleFilter, type ArticleOrder, ArticleOrderField } from "./article.inputs";


/** Article orderings by field; RELEVANCE is built per query since it embeds the search. */
export function articleOrdering(order: ArticleOrder | null | undefined, searchParam: string | null): Ordering {
  const field = order?.field ?? (searchParam ? ArticleOrderField.RELEVANCE : ArticleOrderField.PUBLISHED_AT);
  const direction = order?.direction ?? (field === ArticleOrderField.HEADLINE ? "ASC" : "DESC");
  switch (field) {
    case ArticleOrderField.PUBLISHED_AT:
      return { name: "article:published", direction, keys: [{ expr: "a.published_at", type: "timestamptz" }, { expr: "a.id", type: "uuid" }] };
    case ArticleOrderField.CREATED_AT:
      return { name: "article:created", direction, keys: [{ expr: "a.created_at", type: "timestamptz" }, { expr: "a.id", type: "uuid" }] };
    case ArticleOrderField.HEADLINE:
      return { name: "article:headline", direction, keys: [{ expr: "a.headline", type: "text" }, { expr: "a.id", type: "uuid" }] };
    case ArticleOrderField.RELEVANCE:
      if (!searchParam) throw badUserInput("Ordering by RELEVANCE needs filter.search", "orderBy");
      return {
        name: "article:relevance",
        direction,
        // Ranked on `search_rank` (headline, summary, lead; kept in the row), not on `search`, whose
        // TOAST value would be fetched for every hit: see migrations/1764547200000-search-rank.ts.
        keys: [{ expr: `ts_rank_cd(a.search_rank, websearch_to_tsquery(${SEARCH_CONFIG}, ${searchParam}))`, type: "real" }, { expr: "a.id", type: "uuid" }],
      };
  }
}

/** WHERE conditions for an ArticleFilter over alias `a`. */
export function articleConditions(filter: ArticleFilter | null | undefined, p: SqlParams): { where: string[]; searchParam: string | null } {
  const where: string[] = [];
  let searchParam: string | null = null;
  if (!filter) return { where, searchParam };
  if (filter.search != null) {
    const search = searchTerm(filter.search, "filter.search");
    searchParam = p.add(search);
    where.push(`a.search @@ websearch_to_tsquery(${SEARCH_CONFIG}, ${searchParam})`);
  }
  if (filter.publishedAfter) where.push(`a.published_at >= ${p.add(filter.publishedAfter)}`);
  if (filter.publishedBefore) where.push(`a.published_at < ${p.add(filter.publishedBefore)}`);
  if (filter.topic != null) {
    where.push(`EXISTS (SELECT 1 FROM article_topic f WHERE f.article_id = a.id AND f.topic_id = ${refSql(filter.topic, "Topic", "topic", "filter.topic", p)})`);
  }
  if (filter.expert != null) {
    const ref = refSql(filter.expert, "Expert", "expert", "filter.expert", p);
    where.push(
      `EXISTS (SELECT 1 FROM article_expert f WHERE f.article_id = a.id AND f.expert_id = ${ref}) OR ` +
        `EXISTS (SELECT 1 FROM quote f WHERE f.article_id = a.id AND f.speaker_expert_id = ${ref})`,
    );
  }
  if (filter.organization != null) {
    const ref = refSql(filter.organization, "Organization", "organization", "filter.organization", p);
    where.push(
      `a.publisher_id = ${ref} OR EXISTS (SELECT 1 FROM article_organization f WHERE f.article_id = a.id AND f.organization_id = ${ref}) OR ` +
        `EXISTS (SELECT 1 FROM quote f WHERE f.article_id = a.id AND f.speaker_organization_id = ${ref})`,
    );
  }
  if (filter.place != null) {
    where.push(`EXISTS (SELECT 1 FROM article_place f WHERE f.article_id = a.id AND f.place_id = ${refSql(filter.place, "Place", "place", "filter.place", p)})`);
  }
  if (filter.section != null) where.push(`a.sections @> ARRAY[${p.add(filter.section)}]::text[]`);
  if (filter.language != null) where.push(`a.language = ${p.add(filter.language)}`);
  return { where, searchParam };
}

/** Reads articles for the API. */
/** Weights of Article.related's score, documented in the README. */
export const RELATED_WEIGHTS = { events: 3, experts: 2, topics: 1 } as const;
/**
 * Per topic its newest articles, per expert the articles of their newest quotes, are candidates (at
 * most this many each): a broad topic or a much-quoted official would otherwise bring in most of the corpus.
 */
export const RELATED_CANDIDATES = 200;

/**
 * The articles related to the article whose id is `parentId` (an SQL expression over an outer
 * alias), at most `limit` (an SQL integer) of them: the other articles that report one of its
 * events, quote one of its experts, or share a topic (within {@link RELATED_CANDIDATES} per expert
 * and per topic), with the counts of each and `rank`, their place in the order (best score first,
 * then newest, then id). Shared by the loader and the planner (article.table.ts).
 */
export function relatedRowsSql(parentId: string, limit: string): string {
  return `SELECT c.id, sum(c.ev)::int AS "sharedEvents", sum(c.ex)::int AS "sharedExperts", sum(c.tp)::int AS "sharedTopics",
            (${RELATED_WEIGHTS.events} * sum(c.ev) + ${RELATED_WEIGHTS.experts} * sum(c.ex) + ${RELATED_WEIGHTS.topics} * sum(c.tp))::int AS score,
            row_number() OVER (ORDER BY ${RELATED_WEIGHTS.events} * sum(c.ev) + ${RELATED_WEIGHTS.experts} * sum(c.ex) + ${RELATED_WEIGHTS.topics} * sum(c.tp) DESC, ra.published_at DESC, c.id) AS rank
       FROM (SELECT ro.article_id AS id, 1 AS ev, 0 AS ex, 0 AS tp
               FROM event_article rm JOIN event_article ro ON ro.event_id = rm.event_id AND ro.article_id <> rm.article_id WHERE rm.article_id = ${parentId}
             UNION ALL
             SELECT DISTINCT ON (rq.article_id, rx.speaker_expert_id) rq.article_id, 0, 1, 0
               FROM (SELECT DISTINCT speaker_expert_id FROM quote WHERE article_id = ${parentId} AND speaker_expert_id IS NOT NULL) rx
               CROSS JOIN LATERAL (
                 SELECT rq.article_id FROM quote rq WHERE rq.speaker_expert_id = rx.speaker_expert_id AND rq.article_id <> ${parentId}
                  ORDER BY rq.created_at DESC, rq.id DESC LIMIT ${RELATED_CANDIDATES}) rq
             UNION ALL
             SELECT rt.id, 0, 0, 1
               FROM article_topic rm CROSS JOIN LATERAL (
                 SELECT roa.id FROM article roa
                  WHERE roa.id <> ${parentId} AND EXISTS (SELECT 1 FROM article_topic ro WHERE ro.article_id = roa.id AND ro.topic_id = rm.topic_id)
                  ORDER BY roa.published_at DESC, roa.id DESC LIMIT ${RELATED_CANDIDATES}) rt
              WHERE rm.article_id = ${parentId}) c
       JOIN article ra ON ra.id = c.id
      GROUP BY c.id, ra.published_at
      ORDER BY rank
      LIMIT ${limit}`;
}

/** Article.related for many articles at once, in one statement ({@link relatedRowsSql} per article). */
function relatedLoader(ctx: Context, first: number) {
  return ctx.loaders.keyed(`article.related:${first}`, () =>
    new DataLoader<string, Array<Omit<RelatedArticleRow, "article"> & { id: string }>>(async (ids) => {
      const rows = await ctx.db.query<Array<{ parent: string; id: string; sharedEvents: number; sharedExperts: number; sharedTopics: number; score: number; rank: string }>>(
        `SELECT p.id AS parent, s.* FROM unnest($1::uuid[]) AS p(id) CROSS JOIN LATERAL (${relatedRowsSql("p.id", "$2")}) s`,
        [ids, first],
      );
      const byParent = new Map<string, Array<Omit<RelatedArticleRow, "article"> & { id: string }>>();
      for (const { parent, rank: _rank, ...r } of rows) (byParent.get(parent) ?? byParent.set(parent, []).get(parent)!).push(r);
      return ids.map((id) => byParent.get(id) ?? []);
    }),
  );
}

export const ArticleService = {
  /** Article.related: see {@link relatedLoader}; the articles load through articleById. */
  async related(ctx: Context, articleId: string, first: number): Promise<RelatedArticleRow[]> {
    const found = await relatedLoader(ctx, first).load(articleId);
    const articles = await ctx.loaders.get("articleById").loadMany(found.map((r) => r.id));
    return found.flatMap(({ id: _id, ...r }, i) => {
      const article = articles[i];
      return article && !(article instanceof Error) ? [{ ...r, article }] : [];
    });
  },

  /** One article by exactly one of id, slug or url; null when there is none. */
  async findOne(ctx: Context, by: { id?: string | null; slug?: string | null; url?: string | null }): Promise<ArticleRow | null> {
    const given = (["id", "slug", "url"] as const).filter((k) => by[k] != null);
    if (given.length !== 1) throw badUserInput("Pass exactly one of id, slug or url", given[1] ?? "id");
    if (by.id != null) return ctx.loaders.get("articleById").load(expectGlobalId(by.id, ["Article"], "id").id);
    const column = by.slug != null ? "slug" : "url";
    const rows = await ctx.db.query<Record<string, unknown>[]>(`SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.${column} = $1`, [by[column]]);
    return rows.length ? toArticle(rows[0]) : null;
  },

  /** `selected`: the fields asked for on the nodes, when known; the body is read only if asked for. */
  async list(ctx: Context, filter: ArticleFilter | null | undefined, order: ArticleOrder | null | undefined, args: PageArgs, selected: ReadonlySet<string> | null = null): Promise<Connection<ArticleRow>> {
    const p = new SqlParams();
    const { where, searchParam } = articleConditions(filter, p);
    const ordering = articleOrdering(order, searchParam);
    const page = pageRequest(args, ordering, ctx.config.limits);
    const exactCountUpTo = searchParam ? SEARCH_EXACT_COUNT_UP_TO : undefined;
    const facets = { facets: ARTICLE_FACETS, from: "article a", where, values: [...p.values] };
    const connection = await paginate(ctx.db, { select: articleColumns(selected), from: "article a", where, params: p, exactCountUpTo }, ordering, page, toArticle);
    if (filter?.search != null) for (const edge of connection.edges) edge.highlightQuery = filter.search.trim();
    return { ...connection, facets };
  },
};

/**
 * How articles relate to a parent, as `(article_id, parent_id)` rows: the link table, and for
 * people and organizations also the articles that quote them (or that an organization publishes),
 * matching what `articles(filter: { expert | organization })` finds.
 */
const ARTICLE_LINKS = {
  topic: "article_topic l",
  expert: `(SELECT article_id, expert_id AS parent_id FROM article_expert
            UNION SELECT article_id, speaker_expert_id FROM quote WHERE speaker_expert_id IS NOT NULL) l`,
  place: "article_place l",
  organization: `(SELECT article_id, organization_id AS parent_id FROM article_organization
                  UNION SELECT article_id, speaker_organization_id FROM quote WHERE speaker_organization_id IS NOT NULL
                  UNION SELECT id, publisher_id FROM article WHERE publisher_id IS NOT NULL) l`,
  event: "event_article l",
} as const;
const PARENT_COLUMN = { topic: "l.topic_id", expert: "l.parent_id", place: "l.place_id", organization: "l.parent_id", event: "l.event_id" } as const;

const NEWEST_FIRST: Ordering = articleOrdering(null, null);

/** Articles related to a parent (Topic.articles, Expert.articles, ...), newest first, batched across parents. */
export function relatedArticles(ctx: Context, parent: keyof typeof ARTICLE_LINKS, parentId: string, args: PageArgs, selected: ReadonlySet<string> | null = null): Promise<Connection<ArticleRow>> {
  const columns = articleColumns(selected);
  return loadRelation(ctx, `${parent}.articles:${columns.length}`, parentId, args, NEWEST_FIRST, (p) => ({
    select: columns,
    from: `${ARTICLE_LINKS[parent]} JOIN article a ON a.id = l.article_id`,
    where: [],
    params: p,
    partition: PARENT_COLUMN[parent],
  }), toArticle);
}
