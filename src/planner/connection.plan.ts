import { type FieldNode, isObjectType } from "graphql";
import { type Ordering, type PageArgs, type PageRequest, beyondCursor, keysetConditions, orderBy, pageRequest } from "../common/pagination";
import { SEARCH_EXACT_COUNT_UP_TO } from "../common/search";
import { SqlParams, and } from "../common/sql";
import type { ConceptFacets } from "../facet/facet";
import { facetsSql } from "./facets.plan";
import { selectJson } from "./json-select";
import { rowObject } from "./rows";
import type { TableDescription } from "./sql-json";
import { type Walk, collect, jsonObject, orExecutor, unplannable } from "./walk";

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

/**
 * How a page read as numbered rows (`__rn`, limit + 1 of them, in the direction of the page) is
 * aggregated: shown in the ordering's order, the first `limit` kept, one more meaning more.
 */
export interface AggregatedPage {
  readonly typeName: string;
  readonly table: TableDescription;
  readonly alias: string;
  readonly page: PageRequest;
  /** The row's cursor (a function: the search plan builds its ordering on first use). */
  readonly cursor: () => string;
  /** Whether a row lies beyond the given cursor on that side (false without a cursor). */
  readonly beyond: (cursor: unknown[] | null, side: "after" | "before") => string;
  /** Edge fields besides cursor and node, by name: SQL over the row's alias (`highlights` of a search). */
  readonly edgeFields?: EdgeFields;
}

/** Edge fields a connection's plan adds besides cursor and node (ArticleEdge.highlights): SQL over the row's alias, built when selected. */
export type EdgeFields = Readonly<Record<string, (alias: string) => string>>;

/** The aggregate expressions of an AggregatedPage: display order, reverse order, the kept rows' filter, "one more". */
export function aggregation(p: AggregatedPage): { shown: string; unshown: string; kept: string; more: string } {
  return {
    shown: `${p.alias}."__rn" ${p.page.backward ? "DESC" : "ASC"}`,
    unshown: `${p.alias}."__rn" ${p.page.backward ? "ASC" : "DESC"}`,
    kept: `FILTER (WHERE ${p.alias}."__rn" <= ${p.page.limit})`,
    more: `(count(*) > ${p.page.limit})`,
  };
}

/** `edges { cursor node }` of an AggregatedPage. */
export function aggregatedEdges(walk: Walk, sub: FieldNode, p: AggregatedPage): string {
  const { shown, kept } = aggregation(p);
  const edge: string[] = [];
  for (const [ekey, ef] of collect(walk, sub.selectionSet ?? unplannable(), `${p.typeName}Edge`)) {
    if (ef.name.value === "__typename") edge.push(`'${ekey}', '${p.typeName}Edge'`);
    else if (ef.name.value === "cursor") edge.push(`'${ekey}', ${p.cursor()}`);
    else if (ef.name.value === "node") edge.push(`'${ekey}', ${rowObject(walk, ef.selectionSet, p.table, p.alias)}`);
    else edge.push(`'${ekey}', ${edgeField(walk, ef, `${p.typeName}Edge`, p.edgeFields, p.alias)}`);
  }
  return `coalesce(json_agg(${jsonObject(edge)} ORDER BY ${shown}) ${kept}, '[]'::json)`;
}

/**
 * An edge field of `edgeFields` (no arguments): its value, built from the field's selection as the
 * field's object type (`Highlight`) is read from JSON; anything else goes to the executor.
 */
export function edgeField(walk: Walk, field: FieldNode, edgeType: string, edgeFields: EdgeFields | undefined, alias: string): string {
  const build = edgeFields?.[field.name.value];
  if (!build || field.arguments?.length) return unplannable();
  const value = build(alias);
  const type = walk.schema.getType(edgeType);
  const def = isObjectType(type) ? type.getFields()[field.name.value] : undefined;
  return def ? selectJson(walk, field.selectionSet, def.type, value) : unplannable();
}

/** `pageInfo` of an AggregatedPage. */
export function aggregatedPageInfo(walk: Walk, sub: FieldNode, p: AggregatedPage): string {
  const { shown, unshown, kept, more } = aggregation(p);
  const { page } = p;
  const info: string[] = [];
  for (const [ikey, inf] of collect(walk, sub.selectionSet ?? unplannable(), "PageInfo")) {
    switch (inf.name.value) {
      case "__typename":
        info.push(`'${ikey}', 'PageInfo'`);
        break;
      case "hasNextPage":
        info.push(`'${ikey}', ${page.backward ? p.beyond(page.before, "before") : more}`);
        break;
      case "hasPreviousPage":
        info.push(`'${ikey}', ${page.backward ? more : p.beyond(page.after, "after")}`);
        break;
      case "startCursor":
        info.push(`'${ikey}', (array_agg(${p.cursor()} ORDER BY ${shown}) ${kept})[1]`);
        break;
      case "endCursor":
        info.push(`'${ikey}', (array_agg(${p.cursor()} ORDER BY ${unshown}) ${kept})[1]`);
        break;
      default:
        unplannable();
    }
  }
  return jsonObject(info);
}

/** A value as an SQL literal: the filters' values (text, instants) written into the estimate's query text. */
export function sqlLiteral(value: unknown): string {
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === "string" && !value.includes("\u0000")) return `'${value.replaceAll("'", "''")}'`;
  return unplannable();
}

/**
 * A search's totalCount and totalCountIsEstimate as `paginate` gives them with `exactCountUpTo`
 * ({@link SEARCH_EXACT_COUNT_UP_TO}): `counted` (an SQL integer: the matches, or at least the
 * threshold + 1 of them) up to the threshold, else PostgreSQL's estimate of the rows of
 * `SELECT 1 FROM <from> WHERE <where>` (the query `paginate` EXPLAINs, its values written in as
 * literals), raised to the threshold + 1, through `newsgraph_plan_rows`
 * (migrations/1796641397835-plan-rows.ts). The estimate's query text is a parameter, so the
 * statement's shape does not depend on the values.
 */
export function estimatedTotals(walk: Walk, rows: { from: string; where: (p: SqlParams) => string[] }, counted: string): { total: () => string; estimate: () => string } {
  const over = `c.n > ${SEARCH_EXACT_COUNT_UP_TO}`;
  return {
    total: () => {
      const q = new SqlParams();
      const text = `SELECT 1 FROM ${rows.from} WHERE ${and(rows.where(q))}`.replace(/\$(\d+)/g, (_, n: string) => sqlLiteral(q.values[Number(n) - 1]));
      const estimate = `greatest(${SEARCH_EXACT_COUNT_UP_TO + 1}, newsgraph_plan_rows(${walk.params.add(text)}::text))`;
      // OFFSET 0 keeps the count a subquery of its own, run once, not pulled up into each use of c.n.
      return `(SELECT CASE WHEN ${over} THEN ${estimate} ELSE c.n END FROM (SELECT ${counted} AS n OFFSET 0) c)`;
    },
    estimate: () => `(SELECT ${over} FROM (SELECT ${counted} AS n) c)`,
  };
}

/** What a connection pages over: the target's `page` rows (plus `join`) matching `where`, in `ordering`. */
export interface ConnectionSpec {
  /** The node type: its `typeName` names `<T>Connection` and `<T>Edge`; its `page` the rows. */
  readonly table: TableDescription;
  readonly ordering: Ordering;
  readonly join?: string;
  /**
   * The conditions, with their parameters added to `p` (outer aliases allowed: a nested
   * connection). Run once on throwaway parameters to find bad input (the executor's coded errors),
   * then on the statement's only if a selected field uses them: a parameter the statement does
   * not use would have no type.
   */
  readonly where: (p: SqlParams) => string[];
  readonly args: PageArgs;
  /** The facets of a root connection (`where` its filter's conditions); nested connections have none. */
  readonly facets?: ConceptFacets;
  /** Edge fields besides cursor and node (a root connection's `highlights`); nested connections have none. */
  readonly edgeFields?: EdgeFields;
  /** A full-text search: totalCount is exact up to SEARCH_EXACT_COUNT_UP_TO, then estimated ({@link estimatedTotals}). */
  readonly estimated?: boolean;
}

/**
 * A whole Relay connection as one JSON object: the page (limit + 1 rows read in the direction of
 * the page, numbered `__rn`), edges with cursors, pageInfo and an exact totalCount, with the
 * semantics of `paginate` / `paginateMany`.
 */
export function connectionSql(walk: Walk, field: FieldNode, spec: ConnectionSpec): string {
  const { ordering, table } = spec;
  if (!field.selectionSet || !table.page) return unplannable();
  const alias = table.page.alias;
  const from = spec.join ? `${table.page.from} ${spec.join}` : table.page.from;
  const page: PageRequest = orExecutor(() => pageRequest(spec.args, ordering, walk.limits));
  orExecutor(() => spec.where(new SqlParams()));
  let built: string[] | undefined;
  const where = () => (built ??= spec.where(walk.params));
  const limit = page.limit;
  const typeName = table.typeName;
  const order = orderBy(ordering, page.backward);
  const keys = ordering.keys.map((k, i) => `${keyColumnSql(k)} AS "__k${i}"`).join(", ");
  const beyond = (cursor: unknown[] | null, side: "after" | "before") =>
    cursor ? `EXISTS (SELECT 1 FROM ${from} WHERE ${and([...where(), `NOT ${beyondCursor(ordering, cursor, side, walk.params)}`])})` : "false";
  const cursor = cursorSql(ordering, alias);
  const aggregated: AggregatedPage = { typeName, table, alias, page, cursor: () => cursor, beyond, edgeFields: spec.edgeFields };
  // Display order: the order of the ordering, whichever way the page was read.
  const { shown, kept } = aggregation(aggregated);

  const totals = () =>
    estimatedTotals(walk, { from, where: spec.where }, `(SELECT count(*)::integer FROM (SELECT 1 FROM ${from} WHERE ${and(where())} LIMIT ${SEARCH_EXACT_COUNT_UP_TO + 1}) s)`);

  const pairs: string[] = [];
  let readsRows = false;
  for (const [key, sub] of collect(walk, field.selectionSet, `${typeName}Connection`)) {
    switch (sub.name.value) {
      case "__typename":
        pairs.push(`'${key}', '${typeName}Connection'`);
        break;
      case "totalCount":
        pairs.push(`'${key}', ${spec.estimated ? totals().total() : `(SELECT count(*)::integer FROM ${from} WHERE ${and(where())})`}`);
        break;
      case "totalCountIsEstimate":
        pairs.push(`'${key}', ${spec.estimated ? totals().estimate() : "false"}`);
        break;
      case "facets":
        pairs.push(`'${key}', ${facetsSql(walk, sub, { facets: spec.facets && !spec.join ? spec.facets : unplannable(), from, where })}`);
        break;
      case "nodes":
        readsRows = true;
        pairs.push(`'${key}', coalesce(json_agg(${rowObject(walk, sub.selectionSet, table, alias)} ORDER BY ${shown}) ${kept}, '[]'::json)`);
        break;
      case "edges":
        readsRows = true;
        pairs.push(`'${key}', ${aggregatedEdges(walk, sub, aggregated)}`);
        break;
      case "pageInfo":
        readsRows = true;
        pairs.push(`'${key}', ${aggregatedPageInfo(walk, sub, aggregated)}`);
        break;
      default:
        unplannable();
    }
  }
  // Built last, and only when read: a parameter the statement does not use would have no type.
  if (!readsRows) return `(SELECT ${jsonObject(pairs)})`;
  const inner =
    `SELECT ${alias}.*, ${keys}, row_number() OVER (ORDER BY ${order}) AS "__rn" FROM ${from} ` +
    `WHERE ${and([...where(), ...keysetConditions(ordering, page, walk.params)])} ORDER BY ${order} LIMIT ${limit + 1}`;
  // HAVING makes it one aggregated row even when no aggregate is selected (pageInfo { __typename }).
  return `(SELECT ${jsonObject(pairs)} FROM (${inner}) ${alias} HAVING true)`;
}
