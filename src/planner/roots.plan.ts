import type { FieldNode } from "graphql";
import { eventConditions, eventOrdering } from "../event/event.service";
import type { EventFilter, EventOrder } from "../event/event.inputs";
import { expertOrdering } from "../expert/expert.service";
import type { ExpertFilter, ExpertOrder } from "../expert/expert.inputs";
import { type NodeType, expectGlobalId, parseGlobalId } from "../common/global-id";
import { refSql } from "../common/refs";
import { quoteConditions, quoteOrdering } from "../quote/quote.service";
import type { QuoteFilter, QuoteOrder } from "../quote/quote.inputs";
import { type PlanCtx, type PlannedType, argumentsOf, connectionSql, objectSql, orExecutor } from "./connection.plan";
import { unplannable } from "./planner";
import { ARTICLE_TYPE, EVENT_TYPE, EXPERT_TYPE, ORGANIZATION_TYPE, PLACE_TYPE, QUOTE_FROM, QUOTE_TYPE, TOPIC_TYPE } from "./types.plan";

/** A root field's plan: an SQL expression yielding its JSON value. */
export type RootPlan = (ctx: PlanCtx, field: FieldNode) => string;

/** The row of `table` (aliased `alias`) with a global id of `type`, or null. */
function byId(ctx: PlanCtx, field: FieldNode, type: PlannedType, table: string, alias: string, id: unknown): string {
  const parsed = orExecutor(() => expectGlobalId(String(id), [type.table.typeName as NodeType], "id"));
  const obj = objectSql(ctx, field.selectionSet, type, alias);
  return `(SELECT ${obj} FROM ${table} ${alias} WHERE ${alias}.id = ${ctx.walk.params.add(parsed.id)}::uuid)`;
}

/** `thing(id:, slug:)`: exactly one of them (else the executor gives its coded error). */
function byIdOrSlug(type: PlannedType, table: string, alias: string): RootPlan {
  return (ctx, field) => {
    const { id, slug } = argumentsOf(ctx, "Query", field);
    if ((id == null) === (slug == null)) return unplannable();
    if (id != null) return byId(ctx, field, type, table, alias, id);
    const obj = objectSql(ctx, field.selectionSet, type, alias);
    return `(SELECT ${obj} FROM ${table} ${alias} WHERE ${alias}.slug = ${ctx.walk.params.add(slug)}::text)`;
  };
}

const NODE_TYPES: Record<string, [PlannedType, string, string]> = {
  Article: [ARTICLE_TYPE, "article", "a"],
  Quote: [QUOTE_TYPE, "quote", "q"],
  Expert: [EXPERT_TYPE, "expert", "x"],
  Organization: [ORGANIZATION_TYPE, "organization", "o"],
  Place: [PLACE_TYPE, "place", "p"],
  Topic: [TOPIC_TYPE, "topic", "t"],
  Event: [EVENT_TYPE, "event", "e"],
};

/** The root fields planned here; planner.ts sends each to its plan. */
export const ROOT_PLANS: Readonly<Record<string, RootPlan>> = {
  expert: byIdOrSlug(EXPERT_TYPE, "expert", "x"),
  topic: byIdOrSlug(TOPIC_TYPE, "topic", "t"),
  event: (ctx, field) => byId(ctx, field, EVENT_TYPE, "event", "e", argumentsOf(ctx, "Query", field).id),
  quote: (ctx, field) => byId(ctx, field, QUOTE_TYPE, "quote", "q", argumentsOf(ctx, "Query", field).id),

  node: (ctx, field) => {
    const { id } = argumentsOf(ctx, "Query", field);
    const parsed = parseGlobalId(String(id)) ?? unplannable();
    const [type, table, alias] = NODE_TYPES[parsed.type] ?? unplannable();
    return byId(ctx, field, type, table, alias, id);
  },

  experts: (ctx, field) => {
    const { filter, orderBy, ...args } = argumentsOf(ctx, "Query", field) as { filter?: ExpertFilter; orderBy?: ExpertOrder };
    // A name search orders by a similarity (a real): left to the executor.
    if (filter?.search != null) return unplannable();
    const where: string[] = [];
    if (filter?.kind != null) where.push(`x.kind = ${ctx.walk.params.add(filter.kind)}`);
    if (filter?.organization != null) {
      const organization = filter.organization;
      where.push(`x.organization_id = ${orExecutor(() => refSql(organization, "Organization", "organization", "filter.organization", ctx.walk.params))}`);
    }
    const ordering = orExecutor(() => expertOrdering(orderBy, null));
    return connectionSql(ctx, field, { type: EXPERT_TYPE, ordering, from: "expert x", alias: "x", where, args });
  },

  quotes: (ctx, field) => {
    const { filter, orderBy, ...args } = argumentsOf(ctx, "Query", field) as { filter?: QuoteFilter; orderBy?: QuoteOrder };
    // A full-text search may estimate its count: left to the executor.
    if (filter?.search != null) return unplannable();
    const where = orExecutor(() => quoteConditions(filter, ctx.walk.params));
    return connectionSql(ctx, field, { type: QUOTE_TYPE, ordering: quoteOrdering(orderBy), from: QUOTE_FROM, alias: "q", where, args });
  },

  events: (ctx, field) => {
    const { filter, orderBy, ...args } = argumentsOf(ctx, "Query", field) as { filter?: EventFilter; orderBy?: EventOrder };
    const where = orExecutor(() => eventConditions(filter, ctx.walk.params));
    return connectionSql(ctx, field, { type: EVENT_TYPE, ordering: eventOrdering(orderBy), from: "event e", alias: "e", where, args });
  },
};
