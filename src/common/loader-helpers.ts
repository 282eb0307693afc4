import DataLoader from "dataloader";
import type { NodeType } from "./global-id";
import { toGlobalId } from "./global-id";
import type { Queryable } from "./sql";

type Row = Record<string, unknown>;

/** Adds `__typename` and the global `id` to a row selected with `dbId`. */
export function asNode<T>(type: NodeType) {
  return (row: Row): T => {
    row.__typename = type;
    row.id = toGlobalId(type, row.dbId as string);
    return row as T;
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One statement for many ids. `sql` takes `$1` as a uuid[] and selects `"dbId"`.
 * Keys that are not UUIDs resolve to null without reaching the database.
 */
export function byIdLoader<T>(db: Queryable, sql: string, map: (row: Row) => T): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const valid = ids.filter((id) => UUID.test(id));
    const rows = valid.length ? await db.query<Row[]>(sql, [valid]) : [];
    const byId = new Map<string, T>();
    for (const row of rows) byId.set(row.dbId as string, map(row));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** One statement for the children of many parents. `sql` takes `$1` as a uuid[] and selects `"parentId"`, in the order children should appear. */
export function groupLoader<T>(db: Queryable, sql: string, map: (row: Row) => T): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (parentIds) => {
    const rows = await db.query<Row[]>(sql, [parentIds]);
    const groups = new Map<string, T[]>();
    for (const row of rows) {
      const parent = row.parentId as string;
      // Left on the row: \`delete\` of a property other than the last one turns the object into a
      // slow dictionary, and every later read and JSON serialisation of it pays for that.
      let list = groups.get(parent);
      if (!list) groups.set(parent, (list = []));
      list.push(map(row));
    }
    return parentIds.map((id) => groups.get(id) ?? []);
  });
}

/** A many-to-many link: `link` rows join a parent (`parent` column) to rows of `target` (`child` column). */
export interface LinkSpec {
  link: string;
  parent: string;
  child: string;
  /** Target table and alias, e.g. `place p`. */
  target: string;
  columns: string;
  orderBy: string;
}

/** The rows linked to each of many parents, in one statement. */
export function linkLoader<T>(db: Queryable, spec: LinkSpec, map: (row: Row) => T): DataLoader<string, T[]> {
  const alias = spec.target.split(" ")[1];
  return groupLoader(
    db,
    `SELECT l.${spec.parent} AS "parentId", ${spec.columns} FROM ${spec.link} l JOIN ${spec.target} ON ${alias}.id = l.${spec.child}
     WHERE l.${spec.parent} = ANY($1::uuid[]) ORDER BY ${spec.orderBy}`,
    map,
  );
}
