import type { Context } from "../context";
import { badUserInput } from "../common/errors";
import { parseGlobalId } from "../common/global-id";
import { type Connection, type Ordering, type PageArgs, pageRequest, paginate } from "../common/pagination";
import { loadRelation, refSql } from "../common/refs";
import { SqlParams } from "../common/sql";
import { type EventFilter, type EventOrder, EventOrderField } from "./event.inputs";
import { EVENT_FACETS } from "./event.facets";
import { EVENT_COLUMNS, toEvent } from "./event.loaders";
import type { EventRow } from "./event.type";

export function eventOrdering(order: EventOrder | null | undefined): Ordering {
  const direction = order?.direction ?? "ASC";
  if (order?.field === EventOrderField.CREATED_AT) {
    return { name: "event:created", direction, keys: [{ expr: "e.created_at", type: "timestamptz" }, { expr: "e.id", type: "uuid" }] };
  }
  // Undated events sort last in either direction.
  const missing = direction === "ASC" ? "infinity" : "-infinity";
  return { name: "event:starts", direction, keys: [{ expr: `coalesce(e.starts_on, '${missing}'::date)`, type: "date" }, { expr: "e.id", type: "uuid" }] };
}

export function eventConditions(filter: EventFilter | null | undefined, p: SqlParams): string[] {
  const where: string[] = [];
  if (!filter) return where;
  if (filter.from != null && filter.to != null && filter.to < filter.from) {
    throw badUserInput('Argument "filter.to" must not be before "filter.from"', "filter.to");
  }
  if (filter.from != null) where.push(`coalesce(e.ends_on, e.starts_on) >= ${p.add(filter.from)}::date`);
  if (filter.to != null) where.push(`e.starts_on <= ${p.add(filter.to)}::date`);
  if (filter.kind != null) where.push(`e.kind = ${p.add(filter.kind)}`);
  if (filter.place != null) {
    where.push(`EXISTS (SELECT 1 FROM event_place f WHERE f.event_id = e.id AND f.place_id = ${refSql(filter.place, "Place", "place", "filter.place", p)})`);
  }
  if (filter.participant != null) {
    const parsed = parseGlobalId(filter.participant);
    if (parsed?.type === "Organization") {
      where.push(`EXISTS (SELECT 1 FROM event_organization f WHERE f.event_id = e.id AND f.organization_id = ${p.add(parsed.id)}::uuid)`);
    } else {
      const ref = refSql(filter.participant, "Expert", "expert", "filter.participant", p);
      where.push(`EXISTS (SELECT 1 FROM event_expert f WHERE f.event_id = e.id AND f.expert_id = ${ref})`);
    }
  }
  return where;
}

export const EventService = {
  async list(ctx: Context, filter: EventFilter | null | undefined, order: EventOrder | null | undefined, args: PageArgs): Promise<Connection<EventRow>> {
    const p = new SqlParams();
    const where = eventConditions(filter, p);
    const ordering = eventOrdering(order);
    const facets = { facets: EVENT_FACETS, from: "event e", where, values: [...p.values] };
    const connection = await paginate(ctx.db, { select: EVENT_COLUMNS, from: "event e", where, params: p }, ordering, pageRequest(args, ordering, ctx.config.limits), toEvent);
    return { ...connection, facets };
  },
};

const EVENT_LINKS = {
  expert: ["event_expert", "expert_id"],
  organization: ["event_organization", "organization_id"],
  place: ["event_place", "place_id"],
} as const;

const BY_DATE = eventOrdering(null);

/** Events linked to a parent (Expert.events, Place.events, ...), by date, batched across parents. */
export function relatedEvents(ctx: Context, parent: keyof typeof EVENT_LINKS, parentId: string, args: PageArgs): Promise<Connection<EventRow>> {
  const [table, column] = EVENT_LINKS[parent];
  return loadRelation(ctx, `${parent}.events`, parentId, args, BY_DATE, (p) => ({
    select: EVENT_COLUMNS,
    from: `${table} l JOIN event e ON e.id = l.event_id`,
    where: [],
    params: p,
    partition: `l.${column}`,
  }), toEvent);
}
