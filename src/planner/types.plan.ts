import type { FieldNode } from "graphql";
import { ARTICLE_TABLE } from "../article/article.table";
import { articleOrdering } from "../article/article.service";
import { EVENT_TABLE } from "../event/event.table";
import { EXPERT_TABLE } from "../expert/expert.table";
import { ORGANIZATION_TABLE } from "../organization/organization.table";
import { PLACE_TABLE } from "../place/place.table";
import { QUOTE_TABLE } from "../quote/quote.table";
import { quoteOrdering } from "../quote/quote.service";
import { TOPIC_TABLE } from "../topic/topic.table";
import { type PlanCtx, type PlannedType, argumentsOf, connectionSql, freshAlias, objectSql, toOneSql } from "./connection.plan";
import { rowObject } from "./planner";

/**
 * The object types the root plans of roots.plan.ts reach, with the relations they plan. A field
 * missing here (Expert.articles, Quote.speaker, ...) sends the whole operation to the executor.
 */

/** Quotes joined to their article: the quote orderings read the article's publication time. */
export const QUOTE_FROM = "quote q JOIN article a ON a.id = q.article_id";

/** Articles are built by planner.ts's rowObject (scalars, images, and what it learns to plan). */
export const ARTICLE_TYPE: PlannedType = {
  table: ARTICLE_TABLE,
  interfaces: ["Node"],
  relations: {},
  object: (ctx, set, alias) => rowObject(ctx.walk, set, ARTICLE_TABLE, alias, ["Node"]),
};

/** `<speaker>.quotes(first, after, last, before, orderBy)`, the quotes whose `column` is the row's id. */
const speakerQuotes = (column: string) => (ctx: PlanCtx, field: FieldNode, alias: string, parentType: string) => {
  const { orderBy, ...args } = argumentsOf(ctx, parentType, field);
  return connectionSql(ctx, field, {
    type: QUOTE_TYPE,
    ordering: quoteOrdering(orderBy as Parameters<typeof quoteOrdering>[0]),
    from: QUOTE_FROM,
    alias: "q",
    where: [`q.${column} = ${alias}.id`],
    args,
  });
};

export const ORGANIZATION_TYPE: PlannedType = {
  table: ORGANIZATION_TABLE,
  interfaces: ["Speaker", "Node"],
  relations: {
    quotes: (ctx, field, alias) => speakerQuotes("speaker_organization_id")(ctx, field, alias, "Organization"),
  },
};

export const EXPERT_TYPE: PlannedType = {
  table: EXPERT_TABLE,
  interfaces: ["Speaker", "Node"],
  relations: {
    organization: (ctx, field, alias) => toOneSql(ctx, field, ORGANIZATION_TYPE, "organization", (o) => `${o}.id = ${alias}.organization_id`),
    quotes: (ctx, field, alias) => speakerQuotes("speaker_expert_id")(ctx, field, alias, "Expert"),
  },
};

export const QUOTE_TYPE: PlannedType = {
  table: QUOTE_TABLE,
  interfaces: ["Node"],
  relations: {
    // Only the selected article columns: a headline never reads the body.
    article: (ctx, field, alias) => toOneSql(ctx, field, ARTICLE_TYPE, "article", (a) => `${a}.id = ${alias}.article_id`),
  },
};

export const PLACE_TYPE: PlannedType = { table: PLACE_TABLE, interfaces: ["Node"], relations: {} };

export const TOPIC_TYPE: PlannedType = {
  table: TOPIC_TABLE,
  interfaces: ["Node"],
  relations: {
    // Topic.articles, newest first, as relatedArticles pages it.
    articles: (ctx, field, alias) =>
      connectionSql(ctx, field, {
        type: ARTICLE_TYPE,
        ordering: articleOrdering(null, null),
        from: "article_topic l JOIN article a ON a.id = l.article_id",
        alias: "a",
        where: [`l.topic_id = ${alias}.id`],
        args: argumentsOf(ctx, "Topic", field),
      }),
  },
};

export const EVENT_TYPE: PlannedType = {
  table: EVENT_TABLE,
  interfaces: ["Node"],
  relations: {
    // placesByEvent: by name, then id.
    places: (ctx, field, alias) => {
      const l = freshAlias(ctx, "l");
      const p = freshAlias(ctx, "p");
      const obj = objectSql(ctx, field.selectionSet, PLACE_TYPE, p);
      return `(SELECT coalesce(json_agg(${obj} ORDER BY ${p}.name, ${p}.id), '[]'::json) FROM event_place ${l} JOIN place ${p} ON ${p}.id = ${l}.place_id WHERE ${l}.event_id = ${alias}.id)`;
    },
    // The people (by name, then id), then the organizations (likewise), as the resolver lists them.
    participants: (ctx, field, alias) => {
      const [l, x, m, o, s] = ["l", "x", "l", "o", "s"].map((prefix) => freshAlias(ctx, prefix));
      const expert = objectSql(ctx, field.selectionSet, EXPERT_TYPE, x);
      const organization = objectSql(ctx, field.selectionSet, ORGANIZATION_TYPE, o);
      return (
        `(SELECT coalesce(json_agg(${s}.j ORDER BY ${s}.g, ${s}.n, ${s}.i), '[]'::json) FROM (` +
        `SELECT 0 AS g, ${x}.name AS n, ${x}.id AS i, ${expert} AS j FROM event_expert ${l} JOIN expert ${x} ON ${x}.id = ${l}.expert_id WHERE ${l}.event_id = ${alias}.id ` +
        `UNION ALL SELECT 1, ${o}.name, ${o}.id, ${organization} FROM event_organization ${m} JOIN organization ${o} ON ${o}.id = ${m}.organization_id WHERE ${m}.event_id = ${alias}.id) ${s})`
      );
    },
  },
};
