import type { Context } from "../context";
import { badUserInput } from "../common/errors";
import { parseGlobalId } from "../common/global-id";
import { type Connection, type Ordering, type PageArgs, pageRequest, paginate } from "../common/pagination";
import { loadRelation, refSql } from "../common/refs";
import { SqlParams } from "../common/sql";
import { type EventFilter, type EventOrder, EventOrderField, type EventTimelineArgs, MAX_TIMELINE_BUCKETS, TimelineGranularity } from "./event.inputs";
import { EVENT_FACETS } from "./event.facets";
import { EVENT_COLUMNS, toEvent } from "./event.loaders";
import type { EventRow, TimelineBucketRow } from "./event.type";

/** The coverage of the event under `e`: how many articles report it. */
export const coverageSql = (e: string) => `(SELECT count(*) FROM event_article cv WHERE cv.event_id = ${e}.id)::int`;

export function eventOrdering(order: EventOrder | null | undefined): Ordering {
  if (order?.field === EventOrderField.COVERAGE) {
    // Ties by start day, in the same direction; undated events last either way.
    const direction = order.direction ?? "DESC";
    const undated = direction === "ASC" ? "infinity" : "-infinity";
    return {
      name: "event:coverage",
      direction,
      keys: [{ expr: coverageSql("e"), type: "int" }, { expr: `coalesce(e.starts_on, '${undated}'::date)`, type: "date" }, { expr: "e.id", type: "uuid" }],
    };
  }
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

  /** {@link timelineSql}'s buckets; the events then load through eventById (one more statement). */
  async timeline(ctx: Context, args: EventTimelineArgs): Promise<TimelineBucketRow[]> {
    const p = new SqlParams();
    const rows = await ctx.db.query<Array<{ start: string; end: string; eventCount: number; articleCount: number; ids: string[] }>>(timelineSql(args, p), p.values);
    const loader = ctx.loaders.get("eventById");
    return Promise.all(
      rows.map(async ({ ids, ...bucket }) => ({ ...bucket, events: (await loader.loadMany(ids)).filter((e): e is EventRow => !!e && !(e instanceof Error)) })),
    );
  },
};

/**
 * eventTimeline as one query (parameters added to `p`): buckets of `granularity` from the one
 * holding `from` to the one holding `to`, empty ones included, in order, each with the number of
 * matching events starting in it (`eventCount`), their coverage (`articleCount`), and the ids of
 * the most covered (`ids`, text[], at most eventsPerBucket, in their order: coverage, then start
 * day, then id). Throws the coded errors of bad arguments. Shared by EventService and the planner.
 */
export function timelineSql(args: EventTimelineArgs, p: SqlParams): string {
  if (args.to < args.from) throw badUserInput('Argument "to" must not be before "from"', "to");
  const unit = { [TimelineGranularity.DAY]: "day", [TimelineGranularity.WEEK]: "week", [TimelineGranularity.MONTH]: "month" }[args.granularity];
  const days = (Date.parse(args.to) - Date.parse(args.from)) / 86_400_000;
  const buckets = args.granularity === TimelineGranularity.DAY ? days + 1 : args.granularity === TimelineGranularity.WEEK ? days / 7 + 2 : days / 28 + 2;
  if (buckets > MAX_TIMELINE_BUCKETS) throw badUserInput(`At most ${MAX_TIMELINE_BUCKETS} buckets at once: shorten the range or take a longer granularity`, "granularity", { limit: MAX_TIMELINE_BUCKETS });
  const from = p.add(args.from);
  const to = p.add(args.to);
  const where = [`e.starts_on >= ${from}::date`, `e.starts_on <= ${to}::date`, ...eventConditions(args.filter, p)];
  const n = p.add(args.eventsPerBucket);
  return `WITH b AS (SELECT g::date AS start, (g + interval '1 ${unit}' - interval '1 day')::date AS "end"
                  FROM generate_series(date_trunc('${unit}', ${from}::date), date_trunc('${unit}', ${to}::date), interval '1 ${unit}') g),
          ev AS (SELECT e.id, e.starts_on, date_trunc('${unit}', e.starts_on)::date AS bucket, ${coverageSql("e")} AS coverage FROM event e WHERE ${where.join(" AND ")}),
          ranked AS (SELECT ev.*, row_number() OVER (PARTITION BY ev.bucket ORDER BY ev.coverage DESC, ev.starts_on, ev.id) AS rn FROM ev)
     SELECT b.start::text AS start, b."end"::text AS "end", count(r.id)::int AS "eventCount", coalesce(sum(r.coverage), 0)::int AS "articleCount",
            coalesce(array_agg(r.id::text ORDER BY r.rn) FILTER (WHERE r.rn <= ${n}::int), '{}') AS ids
       FROM b LEFT JOIN ranked r ON r.bucket = b.start
      GROUP BY b.start, b."end" ORDER BY b.start`;
}

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
