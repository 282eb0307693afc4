import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type SelectionSetNode,
  type ValueNode,
  getArgumentValues,
  isObjectType,
} from "graphql";
import type { PageLimits } from "../common/pagination";
import type { SqlParams } from "../common/sql";

/** Thrown inside the planner when a selection is outside what it plans: the executor answers. */
export class Unplannable extends Error {}
export const unplannable = (): never => {
  throw new Unplannable();
};

/** What one planning of one operation carries along. */
export interface Walk {
  readonly schema: GraphQLSchema;
  readonly variables: Record<string, unknown>;
  readonly fragments: Record<string, FragmentDefinitionNode>;
  readonly params: SqlParams;
  readonly limits: PageLimits;
  aliases: number;
  /**
   * Set by a part of the statement whose best plan depends on its values (a full-text search:
   * how many rows the tsquery matches): the statement is then planned on every request, unnamed,
   * rather than prepared once per shape with a generic plan.
   */
  planPerRequest?: boolean;
}

/** A fresh table alias, unique within the statement. */
export function aliasFor(walk: Walk, prefix = "t"): string {
  return `${prefix}${walk.aliases++}`;
}

/** `json_build_object` takes at most 100 arguments: larger objects are not planned. */
export function jsonObject(pairs: string[]): string {
  if (pairs.length > 50) unplannable();
  return `json_build_object(${pairs.join(", ")})`;
}

/** Response keys safe to inline in SQL (GraphQL names are [_A-Za-z][_0-9A-Za-z]*). */
export function keyOf(field: FieldNode): string {
  return (field.alias ?? field.name).value;
}

function booleanValue(walk: Walk, value: ValueNode): boolean {
  if (value.kind === Kind.BOOLEAN) return value.value;
  if (value.kind === Kind.VARIABLE) {
    const v = walk.variables[value.name.value];
    if (typeof v === "boolean") return v;
  }
  return unplannable();
}

/** Whether @skip / @include keep a selection. */
function included(walk: Walk, node: { directives?: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[] }): boolean {
  for (const d of node.directives ?? []) {
    const arg = d.arguments?.find((a) => a.name.value === "if");
    if (d.name.value === "skip") {
      if (!arg || booleanValue(walk, arg.value)) return false;
    } else if (d.name.value === "include") {
      if (!arg || !booleanValue(walk, arg.value)) return false;
    } else {
      unplannable();
    }
  }
  return true;
}

/**
 * The fields of a selection on one concrete type, by response key, in order, with fragments
 * merged and skipped fields left out. A key selected twice is left to the executor (field merging).
 */
export function collect(walk: Walk, set: SelectionSetNode, typeName: string, interfaces: readonly string[] = [], out = new Map<string, FieldNode>()): Map<string, FieldNode> {
  const applies = (cond: string | undefined) => cond === undefined || cond === typeName || interfaces.includes(cond);
  for (const sel of set.selections) {
    if (!included(walk, sel)) continue;
    if (sel.kind === Kind.FIELD) {
      const key = keyOf(sel);
      const seen = out.get(key);
      // Validation made a repeated key the same field with the same arguments: leaves merge as
      // they are; selections with sub-fields would need merging and are left to the executor.
      if (seen) {
        if (seen.selectionSet || sel.selectionSet) unplannable();
        continue;
      }
      out.set(key, sel);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      if (applies(sel.typeCondition?.name.value)) collect(walk, sel.selectionSet, typeName, interfaces, out);
    } else {
      const fragment = walk.fragments[sel.name.value] ?? unplannable();
      if (applies(fragment.typeCondition.name.value)) collect(walk, fragment.selectionSet, typeName, interfaces, out);
    }
  }
  return out;
}

/**
 * A field's arguments as the executor coerces them (literals, variables, input objects, enums,
 * defaults); null and absent both left out. Arguments the coercion refuses go to the executor.
 */
export function argumentsOf(walk: Walk, parentType: string, field: FieldNode): Record<string, unknown> {
  const type = walk.schema.getType(parentType);
  const def = isObjectType(type) ? type.getFields()[field.name.value] : undefined;
  if (!def) return unplannable();
  let values: Record<string, unknown>;
  try {
    values = getArgumentValues(def, field, walk.variables);
  } catch (err) {
    if (err instanceof GraphQLError) return unplannable();
    throw err;
  }
  const args: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) if (value != null) args[name] = value;
  return args;
}

/** Runs a check that throws the executor's coded errors (bad page size, bad cursor): any error → executor. */
export function orExecutor<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Unplannable || err instanceof GraphQLError) return unplannable();
    throw err;
  }
}
