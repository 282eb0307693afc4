import { type GraphQLOutputType, type SelectionSetNode, getNullableType, isLeafType, isListType, isNonNullType, isObjectType } from "graphql";
import { type Walk, aliasFor, collect, jsonObject, unplannable } from "./walk";

/**
 * A JSON value that already holds every field of its GraphQL type under the fields' names (a
 * Highlight built in SQL), cut to a selection: the selected fields in selection order under
 * their response keys, lists element by element. Object types only (no interfaces or unions).
 */
export function selectJson(walk: Walk, set: SelectionSetNode | undefined, type: GraphQLOutputType, value: string): string {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const e = aliasFor(walk, "j");
    const item = selectJson(walk, set, nullable.ofType, `${e}.v`);
    return `(SELECT coalesce(json_agg(${item} ORDER BY ${e}.n), '[]'::json) FROM json_array_elements(${value}) WITH ORDINALITY ${e} (v, n))`;
  }
  if (isLeafType(nullable)) return set ? unplannable() : value;
  if (!isObjectType(nullable) || !set) return unplannable();
  const fields = nullable.getFields();
  const pairs: string[] = [];
  for (const [key, field] of collect(walk, set, nullable.name)) {
    const name = field.name.value;
    if (name === "__typename") {
      pairs.push(`'${key}', '${nullable.name}'`);
      continue;
    }
    const def = fields[name];
    if (!def || field.arguments?.length) return unplannable();
    pairs.push(`'${key}', ${selectJson(walk, field.selectionSet, def.type, `(${value} -> '${name}')`)}`);
  }
  const object = jsonObject(pairs);
  return isNonNullType(type) ? object : `CASE WHEN json_typeof(${value}) IS DISTINCT FROM 'object' THEN NULL ELSE ${object} END`;
}
