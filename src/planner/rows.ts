import type { FieldNode, SelectionSetNode } from "graphql";
import { connectionSql } from "./connection.plan";
import { EXECUTOR_MARK_SQL, type Relation, type TableDescription } from "./sql-json";
import { type Walk, aliasFor, argumentsOf, collect, jsonObject, orExecutor, unplannable } from "./walk";

/**
 * The JSON object for one row of a described table under `alias`: the selected fields in
 * selection order, relations as correlated subqueries (lists with `json_agg`).
 */
export function rowObject(walk: Walk, set: SelectionSetNode | undefined, table: TableDescription, alias: string): string {
  if (!set) return unplannable();
  const pairs: string[] = [];
  for (const [key, field] of collect(walk, set, table.typeName, table.interfaces)) {
    const name = field.name.value;
    const column = table.fields[name];
    if (column) {
      if (field.selectionSet || field.arguments?.length) unplannable();
      pairs.push(`'${key}', ${column(alias)}`);
      continue;
    }
    const relation = table.relations?.[name];
    if (!relation) return unplannable();
    if (relation.kind === "connection") {
      pairs.push(`'${key}', ${connectionValue(walk, field, relation, table.typeName, alias)}`);
      continue;
    }
    let args: Record<string, unknown> = {};
    if (relation.kind === "list" && relation.arguments) {
      args = argumentsOf(walk, table.typeName, field);
      for (const name of Object.keys(args)) if (!relation.arguments.includes(name)) unplannable();
    } else if (field.arguments?.length) unplannable();
    pairs.push(`'${key}', ${relationValue(walk, field.selectionSet, relation, alias, args)}`);
  }
  return jsonObject(pairs);
}

const PAGE_ARGUMENTS = new Set(["first", "after", "last", "before"]);

/** A connection field of the row `parent` (of type `parentType`): its arguments as the resolver coerces them. */
function connectionValue(walk: Walk, field: FieldNode, relation: Extract<Relation, { kind: "connection" }>, parentType: string, parent: string): string {
  const args = argumentsOf(walk, parentType, field);
  for (const name of Object.keys(args)) if (!PAGE_ARGUMENTS.has(name) && !relation.arguments?.includes(name)) unplannable();
  const ordering = orExecutor(() => relation.ordering(args));
  return connectionSql(walk, field, { table: relation.target(), ordering, join: relation.join, where: () => relation.where(parent), args });
}

function relationValue(walk: Walk, set: SelectionSetNode | undefined, relation: Exclude<Relation, { kind: "connection" }>, parent: string, args: Record<string, unknown>): string {
  switch (relation.kind) {
    case "list": {
      const t = aliasFor(walk);
      const obj = rowObject(walk, set, relation.target(), t);
      return `(SELECT coalesce(json_agg(${obj} ORDER BY ${relation.orderBy(t)}), '[]'::json) ${relation.from(t, parent, args, walk.limits)})`;
    }
    case "lists": {
      const s = aliasFor(walk, "s");
      const parts = relation.parts.map((part, i) => {
        const t = aliasFor(walk);
        return `SELECT ${i} AS g, row_number() OVER (ORDER BY ${part.orderBy(t)}) AS n, ${rowObject(walk, set, part.target(), t)} AS j ${part.from(t, parent)}`;
      });
      return `(SELECT coalesce(json_agg(${s}.j ORDER BY ${s}.g, ${s}.n), '[]'::json) FROM (${parts.join(" UNION ALL ")}) ${s})`;
    }
    case "one": {
      const t = aliasFor(walk);
      return `(SELECT ${rowObject(walk, set, relation.target(), t)} ${relation.from(t, parent)})`;
    }
    case "oneOf": {
      const cases: string[] = [];
      if (relation.executorWhen) cases.push(`WHEN ${relation.executorWhen(parent)} THEN ${EXECUTOR_MARK_SQL}`);
      for (const choice of relation.choices) {
        const t = aliasFor(walk);
        cases.push(`WHEN ${choice.when(parent)} THEN (SELECT ${rowObject(walk, set, choice.target(), t)} ${choice.from(t, parent)})`);
      }
      // No choice holds: the resolvers would fail on a non-null field; let them.
      return `CASE ${cases.join(" ")} ELSE ${EXECUTOR_MARK_SQL} END`;
    }
  }
}
