import type { FieldNode } from "graphql";
import { ARTICLE_TABLE } from "../article/article.table";
import { type NodeType, expectGlobalId, parseGlobalId } from "../common/global-id";
import { SqlParams } from "../common/sql";
import type { EventFilter, EventOrder, EventTimelineArgs } from "../event/event.inputs";
import { eventConditions, eventOrdering, timelineSql } from "../event/event.service";
import { EVENT_FACETS } from "../event/event.facets";
import { EVENT_TABLE, TIMELINE_BUCKET_TABLE } from "../event/event.table";
import type { ExpertFilter, ExpertOrder } from "../expert/expert.inputs";
import { expertConditions, expertOrdering } from "../expert/expert.service";
import { EXPERT_TABLE } from "../expert/expert.table";
import { ORGANIZATION_TABLE } from "../organization/organization.table";
import { PLACE_TABLE } from "../place/place.table";
import type { QuoteFilter, QuoteOrder } from "../quote/quote.inputs";
import { quoteConditions, quoteOrdering } from "../quote/quote.service";
import { QUOTE_FACETS } from "../quote/quote.facets";
import { QUOTE_TABLE } from "../quote/quote.table";
import { TOPIC_TABLE } from "../topic/topic.table";
import { connectionSql } from "./connection.plan";
import { rowObject } from "./rows";
import { searchEdgeFields } from "./search-edges.plan";
import type { TableDescription } from "./sql-json";
import { type Walk, aliasFor, argumentsOf, orExecutor, unplannable } from "./walk";


/** A root field's plan: an SQL expression yielding its JSON value. */
export type RootPlan = (walk: Walk, field: FieldNode) => string;

/** The row of `table` with a global id of its type, or null; a malformed id goes to the executor. */
function byId(walk: Walk, field: FieldNode, table: TableDescription, id: unknown): string {
  const parsed = orExecutor(() => expectGlobalId(String(id), [table.typeName as NodeType], "id"));
  const r = aliasFor(walk, "r");
  return `(SELECT ${rowObject(walk, field.selectionSet, table, r)} FROM ${table.table} ${r} WHERE ${r}.id = ${walk.params.add(parsed.id)}::uuid)`;
}

/** `thing(id:, slug:)`: exactly one of them (else the executor gives its coded error). */
function byIdOrSlug(table: TableDescription): RootPlan {
  return (walk, field) => {
    const { id, slug } = argumentsOf(walk, "Query", field);
    if ((id == null) === (slug == null)) return unplannable();
    if (id != null) return byId(walk, field, table, id);
    const r = aliasFor(walk, "r");
    return `(SELECT ${rowObject(walk, field.selectionSet, table, r)} FROM ${table.table} ${r} WHERE ${r}.slug = ${walk.params.add(slug)}::text)`;
  };
}

const NODE_TABLES: Partial<Record<NodeType, TableDescription>> = {
  Article: ARTICLE_TABLE,
  Quote: QUOTE_TABLE,
  Expert: EXPERT_TABLE,
  Organization: ORGANIZATION_TABLE,
  Place: PLACE_TABLE,
  Topic: TOPIC_TABLE,
  Event: EVENT_TABLE,
};

/** The root fields planned here beyond `article(s)`; planner.ts sends each to its plan. */
export const ROOT_PLANS: Readonly<Record<string, RootPlan>> = {
  expert: byIdOrSlug(EXPERT_TABLE),
  topic: byIdOrSlug(TOPIC_TABLE),
  event: (walk, field) => byId(walk, field, EVENT_TABLE, argumentsOf(walk, "Query", field).id),
  quote: (walk, field) => byId(walk, field, QUOTE_TABLE, argumentsOf(walk, "Query", field).id),

  node: (walk, field) => {
    const { id } = argumentsOf(walk, "Query", field);
    const parsed = parseGlobalId(String(id)) ?? unplannable();
    const table = NODE_TABLES[parsed.type] ?? unplannable();
    return byId(walk, field, table, id);
  },

  experts: (walk, field) => {
    const { filter, orderBy, ...args } = argumentsOf(walk, "Query", field) as { filter?: ExpertFilter; orderBy?: ExpertOrder };
    // A name search orders by a similarity (a real): left to the executor.
    if (filter?.search != null) return unplannable();
    const where = (p: SqlParams) => expertConditions(filter, p);
    const ordering = orExecutor(() => expertOrdering(orderBy, null));
    return connectionSql(walk, field, { table: EXPERT_TABLE, ordering, where, args });
  },

  quotes: (walk, field) => {
    const { filter, orderBy, ...args } = argumentsOf(walk, "Query", field) as { filter?: QuoteFilter; orderBy?: QuoteOrder };
    const where = (p: SqlParams) => quoteConditions(filter, p);
    const search = filter?.search;
    // How many rows a search matches decides its plan (index or not): planned with its values each time.
    if (search != null) walk.planPerRequest = true;
    const edgeFields = searchEdgeFields(walk, "Quote", search);
    return connectionSql(walk, field, { table: QUOTE_TABLE, ordering: quoteOrdering(orderBy), where, args, facets: QUOTE_FACETS, edgeFields, estimated: search != null });
  },

  events: (walk, field) => {
    const { filter, orderBy, ...args } = argumentsOf(walk, "Query", field) as { filter?: EventFilter; orderBy?: EventOrder };
    const where = (p: SqlParams) => eventConditions(filter, p);
    return connectionSql(walk, field, { table: EVENT_TABLE, ordering: eventOrdering(orderBy), where, args, facets: EVENT_FACETS });
  },

  /** `eventTimeline`: the buckets EventService.timeline reads (the same SQL), each with its events. */
  eventTimeline: (walk, field) => {
    const args = argumentsOf(walk, "Query", field) as unknown as EventTimelineArgs;
    // class-validator's @Min(0) @Max(50), which the executor applies.
    const n = args.eventsPerBucket;
    if (!Number.isInteger(n) || n < 0 || n > 50) return unplannable();
    orExecutor(() => timelineSql(args, new SqlParams()));
    const b = aliasFor(walk, "b");
    return `(SELECT coalesce(json_agg(${rowObject(walk, field.selectionSet, TIMELINE_BUCKET_TABLE, b)} ORDER BY ${b}.start), '[]'::json) FROM (${timelineSql(args, walk.params)}) ${b})`;
  },
};
