import { EVENT_TABLE } from "../event/event.table";
import { EXPERT_TABLE } from "../expert/expert.table";
import { ORGANIZATION_TABLE } from "../organization/organization.table";
import { PLACE_TABLE } from "../place/place.table";
import type { PageLimits } from "../common/pagination";
import { unplannable } from "../planner/walk";
import { type TableDescription, enumSql, globalIdSql, isoSql, trackedSql } from "../planner/sql-json";
import { QUOTE_TABLE } from "../quote/quote.table";
import { TOPIC_TABLE } from "../topic/topic.table";
import { relatedRowsSql } from "./article.service";

/** ArticleImage fields from `article_image`. */
export const ARTICLE_IMAGE_TABLE: TableDescription = {
  typeName: "ArticleImage",
  table: "article_image",
  interfaces: ["Node"],
  fields: {
    __typename: () => `'ArticleImage'`,
    id: (i) => globalIdSql("ArticleImage", `${i}.id`),
    position: (i) => `${i}.position`,
    caption: (i) => `${i}.caption`,
    credit: (i) => `${i}.credit`,
    url: (i) => `${i}.url`,
  },
};

/**
 * A RelatedArticle: a row of `relatedRowsSql` (its counts and score) and its article. The
 * relation Article.related reads those rows for the article, in their `rank`.
 */
export const RELATED_ARTICLE_TABLE: TableDescription = {
  typeName: "RelatedArticle",
  table: "article",
  interfaces: [],
  fields: {
    __typename: () => `'RelatedArticle'`,
    score: (r) => `${r}.score`,
    sharedEvents: (r) => `${r}."sharedEvents"`,
    sharedExperts: (r) => `${r}."sharedExperts"`,
    sharedTopics: (r) => `${r}."sharedTopics"`,
  },
  relations: {
    article: { kind: "one", target: () => ARTICLE_TABLE, from: (a, r) => `FROM article ${a} WHERE ${a}.id = ${r}.id` },
  },
};

/** `first` of Article.related as the resolver validates it (0 to maxPageSize); else the executor answers. */
function relatedFirst(args: Record<string, unknown>, limits: PageLimits): number {
  const first = args.first;
  return typeof first === "number" && Number.isInteger(first) && first >= 0 && first <= limits.maxPageSize ? first : unplannable();
}

/** A many-to-many list of an article through link table `link`, ordered as its loader orders it. */
const linked = (target: TableDescription, link: string, column: string, orderBy: (t: string) => string) =>
  ({
    kind: "list",
    target: () => target,
    from: (t: string, a: string) => `FROM ${link} l JOIN ${target.table} ${t} ON ${t}.id = l.${column} WHERE l.article_id = ${a}.id`,
    orderBy,
  }) as const;

/**
 * The Article fields the planner reads from the `article` table, as the resolvers serialise them,
 * and the relations it follows (in the orders of the loaders in article.loaders.ts and the
 * concepts' loaders). Anything not listed (mentions) makes the planner fall back.
 */
export const ARTICLE_TABLE: TableDescription = {
  typeName: "Article",
  table: "article",
  interfaces: ["Node"],
  fields: {
    __typename: () => `'Article'`,
    id: (a) => globalIdSql("Article", `${a}.id`),
    slug: (a) => `${a}.slug`,
    url: (a) => `${a}.url`,
    headline: (a) => `${a}.headline`,
    summary: (a) => `${a}.summary`,
    body: (a) => `${a}.body`,
    language: (a) => `${a}.language`,
    publishedAt: (a) => isoSql(`${a}.published_at`),
    publishedAtSource: (a) => enumSql(`${a}.published_at_source`),
    bylines: (a) => `to_json(${a}.bylines)`,
    sections: (a) => `to_json(${a}.sections)`,
    wordCount: (a) => `${a}.word_count`,
    ...trackedSql(),
  },
  relations: {
    images: { kind: "list", target: () => ARTICLE_IMAGE_TABLE, from: (i, a) => `FROM article_image ${i} WHERE ${i}.article_id = ${a}.id`, orderBy: (i) => `${i}.position, ${i}.id` },
    quotes: { kind: "list", target: () => QUOTE_TABLE, from: (q, a) => `FROM quote ${q} WHERE ${q}.article_id = ${a}.id`, orderBy: (q) => `${q}.position, ${q}.id` },
    publisher: { kind: "one", target: () => ORGANIZATION_TABLE, from: (o, a) => `FROM organization ${o} WHERE ${o}.id = ${a}.publisher_id` },
    experts: linked(EXPERT_TABLE, "article_expert", "expert_id", (x) => `${x}.name, ${x}.id`),
    events: linked(EVENT_TABLE, "event_article", "event_id", (e) => `${e}.starts_on NULLS LAST, ${e}.id`),
    topics: linked(TOPIC_TABLE, "article_topic", "topic_id", (t) => `${t}.name, ${t}.id`),
    places: linked(PLACE_TABLE, "article_place", "place_id", (p) => `${p}.name, ${p}.id`),
    organizations: linked(ORGANIZATION_TABLE, "article_organization", "organization_id", (o) => `${o}.name, ${o}.id`),
    // The parent's id goes through a one-row FROM item of its own, whose alias nothing inside shadows.
    related: {
      kind: "list",
      target: () => RELATED_ARTICLE_TABLE,
      arguments: ["first"],
      from: (r, a, args, limits) =>
        `FROM (SELECT ${a}.id) ${r}_p (id) CROSS JOIN LATERAL (${relatedRowsSql(`${r}_p.id`, String(relatedFirst(args, limits)))}) ${r}`,
      orderBy: (r) => `${r}.rank`,
    },
  },
  // ArticleService.list's alias.
  page: { from: "article a", alias: "a" },
};
