import type { SelectionSetNode } from "graphql";
import { EXECUTOR_MARK_SQL, type Relation, type TableDescription } from "./sql-json";
import { type Walk, aliasFor, collect, jsonObject, unplannable } from "./walk";

/**
 * The JSON object for one row of a described table under `alias`: the selected fields in
 * selection order, relations as correlated subqueries (lists with `json_agg`).
 */
export function rowObject(walk: Walk, set: SelectionSetNode | undefined, table: TableDescription, alias: string): string {
  if (!set) return unplannable();
  const pairs: string[] = [];
  for (const [key, field] of collect(walk, set, table.typeName, table.interfaces)) {
    const name = field.name.value;
    if (field.arguments?.length) unplannable();
    const column = table.fields[name];
    if (column) {
      if (field.selectionSet) unplannable();
      pairs.push(`'${key}', ${column(alias)}`);
      continue;
    }
    const relation = table.relations?.[name];
    if (!relation) return unplannable();
    pairs.push(`'${key}', ${relationValue(walk, field.selectionSet, relation, alias)}`);
  }
  return jsonObject(pairs);
}

function relationValue(walk: Walk, set: SelectionSetNode | undefined, relation: Relation, parent: string): string {
  switch (relation.kind) {
    case "list": {
      const t = aliasFor(walk);
      const obj = rowObject(walk, set, relation.target(), t);
      return `(SELECT coalesce(json_agg(${obj} ORDER BY ${relation.orderBy(t)}), '[]'::json) ${relation.from(t, parent)})`;
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
