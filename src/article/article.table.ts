import { EVENT_TABLE } from "../event/event.table";
import { EXPERT_TABLE } from "../expert/expert.table";
import { ORGANIZATION_TABLE } from "../organization/organization.table";
import { PLACE_TABLE } from "../place/place.table";
import { type TableDescription, enumSql, globalIdSql, isoSql, trackedSql } from "../planner/sql-json";
import { QUOTE_TABLE } from "../quote/quote.table";
import { TOPIC_TABLE } from "../topic/topic.table";

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
  },
  // ArticleService.list's alias.
  page: { from: "article a", alias: "a" },
};
