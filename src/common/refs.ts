import DataLoader from "dataloader";
import type { Context } from "../context";
import { badUserInput } from "./errors";
import { type NodeType, expectGlobalId, parseGlobalId } from "./global-id";
import { type Connection, type Ordering, type PageArgs, type RelationSource, pageRequest, paginateMany } from "./pagination";
import { SqlParams } from "./sql";

/** What a slug looks like: lower-case words joined by hyphens. */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * SQL for "the row a filter names": filters take a global id or, for readability in GraphiQL,
 * a slug. Returns an expression yielding the uuid (NULL when the slug is unknown, so the filter
 * matches nothing).
 */
export function refSql(value: string, type: NodeType, table: string, argument: string, p: SqlParams): string {
  const parsed = parseGlobalId(value);
  if (parsed) {
    if (parsed.type !== type) throw badUserInput(`Argument "${argument}" must be a ${type} id or slug; got a ${parsed.type} id`, argument);
    return `${p.add(parsed.id)}::uuid`;
  }
  if (!SLUG.test(value)) throw badUserInput(`Argument "${argument}" must be a ${type} id or slug: "${value}"`, argument);
  return `(SELECT id FROM ${table} WHERE slug = ${p.add(value)})`;
}

/**
 * A connection under each of many parents (Expert.quotes, Topic.articles, ...), loaded for all
 * parents of one field and argument set in one statement.
 */
export function loadRelation<T>(
  ctx: Context,
  field: string,
  parentId: string,
  args: PageArgs,
  ordering: Ordering,
  source: (p: SqlParams) => RelationSource,
  map: (row: Record<string, unknown>) => T,
): Promise<Connection<T>> {
  const page = pageRequest(args, ordering, ctx.config.limits);
  const key = `${field}|${ordering.name}|${ordering.direction}|${args.first}|${args.after}|${args.last}|${args.before}`;
  return ctx.loaders
    .keyed(key, () => new DataLoader<string, Connection<T>>((ids) => paginateMany(ctx.db, ids, source(new SqlParams()), ordering, page, map)))
    .load(parentId);
}

/** Loader names keyed by the node type they load. */
type ByIdLoader = "expertById" | "organizationById" | "placeById" | "topicById";

/**
 * `thing(id:, slug:)` lookups: exactly one of the two; an id goes through the request's loader,
 * a slug is one statement. Null when there is no such row.
 */
export async function findByIdOrSlug<T>(
  ctx: Context,
  by: { id?: string | null; slug?: string | null },
  spec: { type: NodeType; loader: ByIdLoader; from: string; alias: string; columns: string; map: (row: Record<string, unknown>) => T },
): Promise<T | null> {
  if ((by.id == null) === (by.slug == null)) throw badUserInput("Pass exactly one of id or slug", "id");
  if (by.id != null) return (await ctx.loaders.get(spec.loader).load(expectGlobalId(by.id, [spec.type], "id").id)) as T | null;
  const rows = await ctx.db.query<Record<string, unknown>[]>(`SELECT ${spec.columns} FROM ${spec.from} ${spec.alias} WHERE ${spec.alias}.slug = $1`, [by.slug]);
  return rows.length ? spec.map(rows[0]) : null;
}
