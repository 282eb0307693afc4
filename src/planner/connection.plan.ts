import { type FieldNode, type GraphQLSchema, GraphQLError, type SelectionSetNode, getArgumentValues, isObjectType, isInterfaceType } from "graphql";
import { and } from "../common/sql";
import { type Ordering, type PageArgs, type PageRequest, beyondCursor, keysetConditions, orderBy, pageRequest } from "../common/pagination";
import { type Walk, collect, jsonObject, unplannable } from "./planner";
import type { TableDescription } from "./sql-json";

/** What the plans of one operation share: the walk of planner.ts and the schema (for argument coercion). */
export interface PlanCtx {
  readonly walk: Walk;
  readonly schema: GraphQLSchema;
}

/** SQL for a field that is not a column: a relation read with a subquery on the row aliased `alias`. */
export type RelationPlan = (ctx: PlanCtx, field: FieldNode, alias: string) => string;

/** How the planner reads one object type: its columns, the interfaces it implements, its relations. */
export interface PlannedType {
  readonly table: TableDescription;
  readonly interfaces: readonly string[];
  readonly relations: Readonly<Record<string, RelationPlan>>;
  /** A type another plan builds whole (Article, in planner.ts): used instead of the table and relations. */
  readonly object?: (ctx: PlanCtx, set: SelectionSetNode | undefined, alias: string) => string;
}

/** A fresh SQL alias, `prefix` plus a number unique within the statement. */
export function freshAlias(ctx: PlanCtx, prefix: string): string {
  return `${prefix}${ctx.walk.aliases++}`;
}

/**
 * Runs a step that may throw the coded errors of bad input (a malformed id, a page over the
 * maximum): such an operation is left to the executor, which answers with the same error.
 */
export function orExecutor<T>(step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof GraphQLError) return unplannable();
    throw err;
  }
}

/** The coerced arguments of a field of `parentType`, defaults applied, exactly as the resolver receives them. */
export function argumentsOf(ctx: PlanCtx, parentType: string, field: FieldNode): Record<string, unknown> {
  const type = ctx.schema.getType(parentType);
  if (!isObjectType(type) && !isInterfaceType(type)) return unplannable();
  const def = type.getFields()[field.name.value] ?? unplannable();
  const args = orExecutor(() => getArgumentValues(def, field, ctx.walk.variables));
  // Input objects are read as plain objects by the services; nulls read as absent, as in type-graphql.
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v != null));
}

/** The JSON object of one row of `type` aliased `alias`, fields in selection order. */
export function objectSql(ctx: PlanCtx, set: SelectionSetNode | undefined, type: PlannedType, alias: string): string {
  if (type.object) return type.object(ctx, set, alias);
  if (!set) return unplannable();
  const pairs: string[] = [];
  for (const [key, field] of collect(ctx.walk, set, type.table.typeName, type.interfaces)) {
    const name = field.name.value;
    const column = type.table.fields[name];
    if (column) {
      if (field.arguments?.length || field.selectionSet) unplannable();
      pairs.push(`'${key}', ${column(alias)}`);
    } else {
      const relation = type.relations[name] ?? unplannable();
      pairs.push(`'${key}', ${relation(ctx, field, alias)}`);
    }
  }
  return jsonObject(pairs);
}

/** A to-one relation: the object of the row `from` finds (`from` names the row `alias`), or null. */
export function toOneSql(ctx: PlanCtx, field: FieldNode, type: PlannedType, table: string, condition: (alias: string) => string): string {
  const t = freshAlias(ctx, table.slice(0, 1));
  return `(SELECT ${objectSql(ctx, field.selectionSet, type, t)} FROM ${table} ${t} WHERE ${condition(t)})`;
}

/** The cursor of a page row, built as `encodeCursor` builds it from the row's `__k` columns. */
function cursorSql(ordering: Ordering, alias: string): string {
  const values = ordering.keys.map((_, i) => `to_json(${alias}."__k${i}")::text`).join(` || ',' || `);
  // Ordering names are plain words ("quote:created"): nothing to escape in JSON or SQL.
  if (!/^[a-z_:]+$/.test(ordering.name)) unplannable();
  const text = `'["${ordering.name}",' || ${values} || ']'`;
  // base64url without padding; PostgreSQL's base64 breaks lines every 76 characters.
  return `translate(encode(convert_to(${text}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

/** A key column as `keyColumns` selects it (and as pg hands it to `encodeCursor`). */
function keyColumnSql(key: Ordering["keys"][number]): string {
  return key.type === "timestamptz" ? `to_json(${key.expr})#>>'{}'` : key.type === "date" ? `${key.expr}::text` : key.expr;
}

/** What a connection pages over: the rows of `from` matching `where`, in `ordering`. */
export interface ConnectionSpec {
  /** The connection's node type: its `typeName` names `<T>Connection` and `<T>Edge`. */
  readonly type: PlannedType;
  readonly ordering: Ordering;
  /** FROM clause; the node rows are those of `alias`, the other tables only serve keys and conditions. */
  readonly from: string;
  readonly alias: string;
  /** Conditions built with the walk's params (outer aliases allowed: a nested connection). */
  readonly where: readonly string[];
  readonly args: PageArgs;
}

/**
 * A whole Relay connection as one JSON object: the page (limit + 1 rows read in the direction of
 * the page, numbered `__rn`), edges with cursors, pageInfo and an exact totalCount, with the
 * semantics of `paginate` / `paginateMany`.
 */
export function connectionSql(ctx: PlanCtx, field: FieldNode, spec: ConnectionSpec): string {
  const { walk } = ctx;
  const { ordering, alias } = spec;
  if (!field.selectionSet) return unplannable();
  const page: PageRequest = orExecutor(() => pageRequest(spec.args, ordering, walk.limits));
  const limit = page.limit;
  const typeName = spec.type.table.typeName;
  const order = orderBy(ordering, page.backward);
  const keys = ordering.keys.map((k, i) => `${keyColumnSql(k)} AS "__k${i}"`).join(", ");
  const base = and([...spec.where]);
  // Display order: the order of the ordering, whichever way the page was read.
  const shown = `${alias}."__rn" ${page.backward ? "DESC" : "ASC"}`;
  const unshown = `${alias}."__rn" ${page.backward ? "ASC" : "DESC"}`;
  const kept = `FILTER (WHERE ${alias}."__rn" <= ${limit})`;
  const more = `(count(*) > ${limit})`;
  const beyond = (cursor: unknown[] | null, side: "after" | "before") =>
    cursor ? `EXISTS (SELECT 1 FROM ${spec.from} WHERE ${base} AND NOT ${beyondCursor(ordering, cursor, side, walk.params)})` : "false";
  const cursor = cursorSql(ordering, alias);

  const pairs: string[] = [];
  let readsRows = false;
  for (const [key, sub] of collect(walk, field.selectionSet, `${typeName}Connection`)) {
    switch (sub.name.value) {
      case "__typename":
        pairs.push(`'${key}', '${typeName}Connection'`);
        break;
      case "totalCount":
        pairs.push(`'${key}', (SELECT count(*)::integer FROM ${spec.from} WHERE ${base})`);
        break;
      case "totalCountIsEstimate":
        pairs.push(`'${key}', false`);
        break;
      case "nodes":
        readsRows = true;
        pairs.push(`'${key}', coalesce(json_agg(${objectSql(ctx, sub.selectionSet, spec.type, alias)} ORDER BY ${shown}) ${kept}, '[]'::json)`);
        break;
      case "edges": {
        readsRows = true;
        const edge: string[] = [];
        for (const [ekey, ef] of collect(walk, sub.selectionSet ?? unplannable(), `${typeName}Edge`)) {
          if (ef.name.value === "__typename") edge.push(`'${ekey}', '${typeName}Edge'`);
          else if (ef.name.value === "cursor") edge.push(`'${ekey}', ${cursor}`);
          else if (ef.name.value === "node") edge.push(`'${ekey}', ${objectSql(ctx, ef.selectionSet, spec.type, alias)}`);
          else unplannable();
        }
        pairs.push(`'${key}', coalesce(json_agg(${jsonObject(edge)} ORDER BY ${shown}) ${kept}, '[]'::json)`);
        break;
      }
      case "pageInfo": {
        readsRows = true;
        const info: string[] = [];
        for (const [ikey, inf] of collect(walk, sub.selectionSet ?? unplannable(), "PageInfo")) {
          switch (inf.name.value) {
            case "__typename":
              info.push(`'${ikey}', 'PageInfo'`);
              break;
            case "hasNextPage":
              info.push(`'${ikey}', ${page.backward ? beyond(page.before, "before") : more}`);
              break;
            case "hasPreviousPage":
              info.push(`'${ikey}', ${page.backward ? more : beyond(page.after, "after")}`);
              break;
            case "startCursor":
              info.push(`'${ikey}', (array_agg(${cursor} ORDER BY ${shown}) ${kept})[1]`);
              break;
            case "endCursor":
              info.push(`'${ikey}', (array_agg(${cursor} ORDER BY ${unshown}) ${kept})[1]`);
              break;
            default:
              unplannable();
          }
        }
        pairs.push(`'${key}', ${jsonObject(info)}`);
        break;
      }
      default:
        unplannable();
    }
  }
  // Built last, and only when read: a parameter the statement does not use would have no type.
  if (!readsRows) return `(SELECT ${jsonObject(pairs)})`;
  const inner =
    `SELECT ${alias}.*, ${keys}, row_number() OVER (ORDER BY ${order}) AS "__rn" FROM ${spec.from} ` +
    `WHERE ${and([...spec.where, ...keysetConditions(ordering, page, walk.params)])} ORDER BY ${order} LIMIT ${limit + 1}`;
  // HAVING makes it one aggregated row even when no aggregate is selected (pageInfo { __typename }).
  return `(SELECT ${jsonObject(pairs)} FROM (${inner}) ${alias} HAVING true)`;
}
