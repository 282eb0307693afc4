import type { FacetSource } from "../facet/facet";
import { badUserInput } from "./errors";
import { and, type Queryable, SqlParams } from "./sql";

/** Relay connection arguments as clients send them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export type SortDirection = "ASC" | "DESC";

/** SQL types a sort key may have; each is checked when a cursor is decoded, so a forged cursor never reaches the database as a bad cast. */
export type KeyType = "timestamptz" | "date" | "text" | "real" | "uuid" | "int";

/** One column of a keyset ordering: an SQL expression over the row alias, never NULL. */
export interface SortKey {
  expr: string;
  type: KeyType;
  /** Sorts against the ordering's direction (e.g. text order within a newest-first list). */
  reverse?: boolean;
}

/** A total order over a table: the last key must be unique (the id). */
export interface Ordering {
  /** Written into cursors so that a cursor of one ordering is refused by another. */
  name: string;
  keys: SortKey[];
  direction: SortDirection;
}

export interface PageLimits {
  defaultPageSize: number;
  maxPageSize: number;
}

/** The validated page request. */
export interface PageRequest {
  limit: number;
  backward: boolean;
  after: unknown[] | null;
  before: unknown[] | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
  /** The full-text search that found the node, for `highlights` on article and quote edges. */
  highlightQuery?: string;
}

export interface PageInfo {
  hasNextPage: boolean | (() => Promise<boolean>);
  hasPreviousPage: boolean | (() => Promise<boolean>);
  startCursor: string | null;
  endCursor: string | null;
}

/** What connection fields return. `totalCount` is a thunk: it is only counted when asked for. */
export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
  /** Whether `totalCount` is the planner's estimate rather than a count (see `ConnectionSource.exactCountUpTo`). */
  totalCountIsEstimate: () => Promise<boolean>;
  /** What `facets` counts: set by the root connections that offer facets (articles, quotes, events). */
  facets?: FacetSource;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
const INT4 = 2 ** 31;

/** A calendar day that exists ("2021-02-30" does not), or ±infinity. */
function isDay(v: string): boolean {
  if (v === "infinity" || v === "-infinity") return true;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** What each key type accepts from a cursor: exactly what the database would accept, so a forged cursor is a client error. */
const CHECKS: Record<KeyType, (v: unknown) => boolean> = {
  timestamptz: (v) => typeof v === "string" && ISO_TIMESTAMP.test(v) && isDay(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)),
  date: (v) => typeof v === "string" && isDay(v),
  text: (v) => typeof v === "string" && v.length <= 10_000 && !v.includes("\u0000"),
  real: (v) => typeof v === "number" && Number.isFinite(v),
  uuid: (v) => typeof v === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v),
  int: (v) => typeof v === "number" && Number.isInteger(v) && v > -INT4 && v < INT4,
};

/** Encodes the sort-key values of a row as an opaque cursor. */
export function encodeCursor(ordering: Ordering, values: unknown[]): string {
  return Buffer.from(JSON.stringify([ordering.name, ...values.map(normalizeKey)])).toString("base64url");
}

function normalizeKey(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Decodes a cursor for this ordering or throws BAD_USER_INPUT naming the argument. */
export function decodeCursor(ordering: Ordering, cursor: string, argument: string): unknown[] {
  const invalid = () => badUserInput(`Argument "${argument}" is not a valid cursor for this list and ordering`, argument);
  if (typeof cursor !== "string" || cursor.length > 20_000 || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(decoded) || decoded[0] !== ordering.name || decoded.length !== ordering.keys.length + 1) throw invalid();
  const values = decoded.slice(1);
  ordering.keys.forEach((key, i) => {
    if (!CHECKS[key.type](values[i])) throw invalid();
  });
  return values;
}

/** Validates first/last/after/before against the limits. */
export function pageRequest(args: PageArgs, ordering: Ordering, limits: PageLimits): PageRequest {
  const { first, last } = args;
  if (first != null && last != null) throw badUserInput('Pass either "first" or "last", not both', "first");
  for (const [name, value] of [["first", first], ["last", last]] as const) {
    if (value == null) continue;
    if (!Number.isInteger(value) || value < 0) throw badUserInput(`Argument "${name}" must be a non-negative integer`, name);
    if (value > limits.maxPageSize) {
      throw badUserInput(`Argument "${name}" must be at most ${limits.maxPageSize}; got ${value}`, name, { limit: limits.maxPageSize });
    }
  }
  return {
    limit: first ?? last ?? limits.defaultPageSize,
    backward: last != null,
    after: args.after != null ? decodeCursor(ordering, args.after, "after") : null,
    before: args.before != null ? decodeCursor(ordering, args.before, "before") : null,
  };
}

function cast(key: SortKey, value: unknown, p: SqlParams): string {
  return `${p.add(value)}::${key.type === "int" ? "integer" : key.type}`;
}

/**
 * Rows strictly after (`side` "after") or before the cursor in the ordering. When every key runs
 * the same way this is one row comparison, which an index on the keys serves; otherwise it is
 * spelled out key by key.
 */
export function beyondCursor(ordering: Ordering, values: unknown[], side: "after" | "before", p: SqlParams): string {
  const ascending = (key: SortKey) => (ordering.direction === "ASC") !== Boolean(key.reverse) === (side === "after");
  if (!ordering.keys.some((k) => k.reverse)) {
    const op = ascending(ordering.keys[0]) ? ">" : "<";
    return `(${ordering.keys.map((k) => k.expr).join(", ")}) ${op} (${ordering.keys.map((k, i) => cast(k, values[i], p)).join(", ")})`;
  }
  const params = ordering.keys.map((k, i) => cast(k, values[i], p));
  const alternatives = ordering.keys.map((key, i) => {
    const equal = ordering.keys.slice(0, i).map((k, j) => `${k.expr} = ${params[j]}`);
    return [...equal, `${key.expr} ${ascending(key) ? ">" : "<"} ${params[i]}`].join(" AND ");
  });
  return `(${alternatives.map((a) => `(${a})`).join(" OR ")})`;
}

/** The keyset conditions for `after` and `before` (rows strictly between the cursors). */
export function keysetConditions(ordering: Ordering, page: Pick<PageRequest, "after" | "before">, p: SqlParams): string[] {
  const out: string[] = [];
  if (page.after) out.push(beyondCursor(ordering, page.after, "after", p));
  if (page.before) out.push(beyondCursor(ordering, page.before, "before", p));
  return out;
}

/** ORDER BY for the direction a page is read in (reversed for `last`). */
export function orderBy(ordering: Ordering, backward: boolean): string {
  return ordering.keys
    .map((k) => `${k.expr} ${((ordering.direction === "ASC") !== backward) !== Boolean(k.reverse) ? "ASC" : "DESC"}`)
    .join(", ");
}

/** Key columns to select alongside a row, as `__k0`, `__k1`, ... */
export function keyColumns(ordering: Ordering): string {
  return ordering.keys.map((k, i) => `${k.type === "timestamptz" ? `to_json(${k.expr})#>>'{}'` : k.type === "date" ? `${k.expr}::text` : k.expr} AS "__k${i}"`).join(", ");
}

type KeyedRow = Record<string, unknown>;

/** Strips the `__k` columns from rows and turns them into edges. */
export function toEdges<T>(ordering: Ordering, rows: KeyedRow[], map: (row: KeyedRow) => T): Edge<T>[] {
  return rows.map((row) => {
    const values = ordering.keys.map((_, i) => row[`__k${i}`]);
    for (let i = 0; i < ordering.keys.length; i++) delete row[`__k${i}`];
    return { cursor: encodeCursor(ordering, values), node: map(row) };
  });
}

/** A table expression plus filter that a connection pages over. */
export interface ConnectionSource {
  /** `SELECT` list over the row alias, without the sort keys. */
  select: string;
  /** `FROM ...` clause (with joins), e.g. `article a`. */
  from: string;
  /** WHERE conditions built with `params`. */
  where: string[];
  params: SqlParams;
  /**
   * Count exactly only up to this many rows; beyond it `totalCount` is the planner's estimate
   * (never below the threshold) and `totalCountIsEstimate` is true. Unset: always exact.
   */
  exactCountUpTo?: number;
}

/** The planner's estimate of how many rows a statement returns. */
export async function estimateRows(db: Queryable, sql: string, values: unknown[]): Promise<number> {
  const r = await db.query<Array<Record<string, unknown>>>(`EXPLAIN (FORMAT JSON) ${sql}`, values);
  const raw = r[0]["QUERY PLAN"];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as Array<{ Plan: { "Plan Rows": number } }>;
  return Math.round(plan[0].Plan["Plan Rows"]);
}

/**
 * `count(*)` over a source, stopping at `exactCountUpTo + 1` rows when that is set; above it the
 * planner's estimate, raised to the threshold if the planner guessed lower.
 */
async function countRows(db: Queryable, source: ConnectionSource, where: string, values: unknown[]): Promise<{ count: number; estimate: boolean }> {
  const upTo = source.exactCountUpTo;
  if (upTo == null) {
    const r = await db.query<Array<{ count: string }>>(`SELECT count(*) AS count FROM ${source.from} WHERE ${where}`, values);
    return { count: Number(r[0].count), estimate: false };
  }
  const r = await db.query<Array<{ count: string }>>(`SELECT count(*) AS count FROM (SELECT 1 FROM ${source.from} WHERE ${where} LIMIT ${upTo + 1}) s`, values);
  const count = Number(r[0].count);
  if (count <= upTo) return { count, estimate: false };
  return { count: Math.max(upTo + 1, await estimateRows(db, `SELECT 1 FROM ${source.from} WHERE ${where}`, values)), estimate: true };
}

/**
 * Pages over a source with keyset cursors; never OFFSET. Reads `limit + 1` rows to learn whether
 * another page exists; `totalCount` and the far-side page flag are only queried when asked for.
 */
export async function paginate<T>(
  db: Queryable,
  source: ConnectionSource,
  ordering: Ordering,
  page: PageRequest,
  map: (row: KeyedRow) => T,
): Promise<Connection<T>> {
  const p = source.params;
  const baseValues = [...p.values];
  const conditions = [...source.where, ...keysetConditions(ordering, page, p)];
  const sql =
    `SELECT ${source.select}, ${keyColumns(ordering)} FROM ${source.from} WHERE ${and(conditions)} ` +
    `ORDER BY ${orderBy(ordering, page.backward)} LIMIT ${page.limit + 1}`;
  const rows = await db.query<KeyedRow[]>(sql, p.values);
  const more = rows.length > page.limit;
  if (more) rows.pop();
  if (page.backward) rows.reverse();
  const edges = toEdges(ordering, rows, map);

  const baseWhere = and(source.where);
  const counted = memo(() => countRows(db, source, baseWhere, baseValues));
  // Whether rows exist beyond a cursor on the side this page did not read.
  const beyond = (cursor: unknown[] | null, side: "after" | "before") => async (): Promise<boolean> => {
    if (!cursor) return false;
    const q = new SqlParams();
    q.values.push(...baseValues);
    // Rows on the far side: not strictly beyond the cursor on the side this page read.
    const exists = await db.query<Array<{ found: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM ${source.from} WHERE ${baseWhere} AND NOT ${beyondCursor(ordering, cursor, side, q)}) AS found`,
      q.values,
    );
    return exists[0].found;
  };

  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: page.backward ? beyond(page.before, "before") : more,
      hasPreviousPage: page.backward ? more : beyond(page.after, "after"),
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    totalCount: async () => (await counted()).count,
    totalCountIsEstimate: async () => (await counted()).estimate,
  };
}

/** Runs a thunk at most once. */
export function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}

/** A source whose rows belong to parents: `partition` is the SQL expression naming a row's parent id. */
export interface RelationSource extends ConnectionSource {
  partition: string;
}

/**
 * Pages over the rows of many parents at once (one statement for any number of parents), with the
 * same page arguments for each: a window function numbers the rows per parent.
 */
export async function paginateMany<T>(
  db: Queryable,
  parentIds: readonly string[],
  source: RelationSource,
  ordering: Ordering,
  page: PageRequest,
  map: (row: KeyedRow) => T,
): Promise<Connection<T>[]> {
  const p = source.params;
  const parentsParam = p.add(parentIds);
  const baseValues = [...p.values];
  const inParents = `${source.partition} = ANY(${parentsParam}::uuid[])`;
  const conditions = [inParents, ...source.where, ...keysetConditions(ordering, page, p)];
  const sql =
    `SELECT * FROM (SELECT ${source.select}, ${keyColumns(ordering)}, ${source.partition} AS "__parent", ` +
    `row_number() OVER (PARTITION BY ${source.partition} ORDER BY ${orderBy(ordering, page.backward)}) AS "__rn" ` +
    `FROM ${source.from} WHERE ${and(conditions)}) s WHERE "__rn" <= ${page.limit + 1} ORDER BY "__parent", "__rn"`;
  const rows = await db.query<KeyedRow[]>(sql, p.values);
  const byParent = new Map<string, KeyedRow[]>();
  for (const row of rows) {
    const parent = row.__parent as string;
    delete row.__parent;
    delete row.__rn;
    let list = byParent.get(parent);
    if (!list) byParent.set(parent, (list = []));
    list.push(row);
  }

  const baseWhere = and([inParents, ...source.where]);
  const counts = memo(async () => {
    const r = await db.query<Array<{ parent: string; count: string }>>(
      `SELECT ${source.partition} AS parent, count(*) AS count FROM ${source.from} WHERE ${baseWhere} GROUP BY 1`,
      baseValues,
    );
    return new Map(r.map((x) => [x.parent, Number(x.count)]));
  });
  const beyondAll = (cursor: unknown[] | null, side: "after" | "before") =>
    memo(async (): Promise<Set<string>> => {
      if (!cursor) return new Set();
      const q = new SqlParams();
      q.values.push(...baseValues);
      const r = await db.query<Array<{ parent: string }>>(
        `SELECT DISTINCT ${source.partition} AS parent FROM ${source.from} WHERE ${baseWhere} AND NOT ${beyondCursor(ordering, cursor, side, q)}`,
        q.values,
      );
      return new Set(r.map((x) => x.parent));
    });
  const beyondAfter = beyondAll(page.after, "after");
  const beyondBefore = beyondAll(page.before, "before");

  return parentIds.map((parent) => {
    const list = byParent.get(parent) ?? [];
    const more = list.length > page.limit;
    if (more) list.pop();
    if (page.backward) list.reverse();
    const edges = toEdges(ordering, list, map);
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: {
        hasNextPage: page.backward ? async () => (await beyondBefore()).has(parent) : more,
        hasPreviousPage: page.backward ? more : async () => (await beyondAfter()).has(parent),
        startCursor: edges.length ? edges[0].cursor : null,
        endCursor: edges.length ? edges[edges.length - 1].cursor : null,
      },
      totalCount: async () => (await counts()).get(parent) ?? 0,
      totalCountIsEstimate: async () => false,
    };
  });
}
