import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  getVariableValues,
} from "graphql";
import { ARTICLE_IMAGE_TABLE, ARTICLE_TABLE } from "../article/article.table";
import type { PageLimits } from "../common/pagination";
import { SqlParams } from "../common/sql";
import { ROOT_PLANS } from "./roots.plan";
import type { TableDescription } from "./sql-json";

/** Thrown inside the planner when a selection is outside what it plans: the executor answers. */
class Unplannable extends Error {}
export const unplannable = (): never => {
  throw new Unplannable();
};

export interface Walk {
  readonly variables: Record<string, unknown>;
  readonly fragments: Record<string, FragmentDefinitionNode>;
  readonly params: SqlParams;
  readonly limits: PageLimits;
  aliases: number;
}

/** The SQL statement answering a whole operation (one text column `json`), or null to fall back. */
export function planOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  rawVariables: Record<string, unknown> | undefined,
  limits: PageLimits,
): { sql: string; params: unknown[] } | null {
  if (operation.operation !== "query") return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return null;
  const walk: Walk = { variables: coerced.coerced, fragments, params: new SqlParams(), limits, aliases: 0 };
  try {
    const pairs: string[] = [];
    for (const [key, field] of collect(walk, operation.selectionSet, "Query")) {
      switch (field.name.value) {
        case "__typename":
          pairs.push(`'${key}', 'Query'`);
          break;
        case "articles":
          pairs.push(`'${key}', ${articlesConnection(walk, field)}`);
          break;
        case "expert":
        case "experts":
        case "topic":
        case "event":
        case "events":
        case "quote":
        case "quotes":
        case "node":
          pairs.push(`'${key}', ${ROOT_PLANS[field.name.value]({ walk, schema }, field)}`);
          break;
        default:
          unplannable();
      }
    }
    if (pairs.length === 0) return null;
    return { sql: `SELECT ${jsonObject(pairs)}::text AS json`, params: walk.params.values };
  } catch (err) {
    if (err instanceof Unplannable) return null;
    throw err;
  }
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

/** Argument values by name, literals and variables; absent and null both read as undefined. */
function argumentsOf(walk: Walk, field: FieldNode): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of field.arguments ?? []) {
    const v = arg.value;
    let value: unknown;
    if (v.kind === Kind.VARIABLE) value = walk.variables[v.name.value];
    else if (v.kind === Kind.INT) value = Number(v.value);
    else if (v.kind === Kind.NULL) value = undefined;
    else value = unplannable();
    if (value != null) args[arg.name.value] = value;
  }
  return args;
}

/** The object for one row of a described table, with nested lists as subqueries. */
export function rowObject(walk: Walk, set: SelectionSetNode | undefined, table: TableDescription, alias: string, interfaces: readonly string[]): string {
  if (!set) return unplannable();
  const pairs: string[] = [];
  for (const [key, field] of collect(walk, set, table.typeName, interfaces)) {
    const name = field.name.value;
    const column = table.fields[name];
    if (column) {
      if (field.arguments?.length || field.selectionSet) unplannable();
      pairs.push(`'${key}', ${column(alias)}`);
    } else if (table === ARTICLE_TABLE && name === "images") {
      const i = `i${walk.aliases++}`;
      const obj = rowObject(walk, field.selectionSet, ARTICLE_IMAGE_TABLE, i, ["Node"]);
      pairs.push(`'${key}', (SELECT coalesce(json_agg(${obj} ORDER BY ${i}.position, ${i}.id), '[]'::json) FROM article_image ${i} WHERE ${i}.article_id = ${alias}.id)`);
    } else {
      unplannable();
    }
  }
  return jsonObject(pairs);
}

/**
 * `articles(first:)`, newest first, with nodes, edges { node }, totalCount. Every other argument,
 * cursors and pageInfo go to the executor, which also gives the coded errors for bad input.
 */
function articlesConnection(walk: Walk, field: FieldNode): string {
  const args = argumentsOf(walk, field);
  for (const name of Object.keys(args)) if (name !== "first") unplannable();
  const first = args.first ?? walk.limits.defaultPageSize;
  if (typeof first !== "number" || !Number.isInteger(first) || first < 0 || first > walk.limits.maxPageSize) unplannable();
  if (!field.selectionSet) return unplannable();
  const a = `a${walk.aliases++}`;
  // The limit is inlined (a checked integer): a parameter no subquery uses would have no type.
  const page = `(SELECT * FROM article ${a} ORDER BY ${a}.published_at DESC, ${a}.id DESC LIMIT ${first}) ${a}`;
  const order = `${a}.published_at DESC, ${a}.id DESC`;
  const pairs: string[] = [];
  for (const [key, sub] of collect(walk, field.selectionSet, "ArticleConnection")) {
    switch (sub.name.value) {
      case "__typename":
        pairs.push(`'${key}', 'ArticleConnection'`);
        break;
      case "totalCount":
        pairs.push(`'${key}', (SELECT count(*)::integer FROM article)`);
        break;
      case "totalCountIsEstimate":
        pairs.push(`'${key}', false`);
        break;
      case "nodes": {
        const obj = rowObject(walk, sub.selectionSet, ARTICLE_TABLE, a, ["Node"]);
        pairs.push(`'${key}', (SELECT coalesce(json_agg(${obj} ORDER BY ${order}), '[]'::json) FROM ${page})`);
        break;
      }
      case "edges": {
        const edge: string[] = [];
        for (const [ekey, ef] of collect(walk, sub.selectionSet ?? unplannable(), "ArticleEdge")) {
          if (ef.name.value === "__typename") edge.push(`'${ekey}', 'ArticleEdge'`);
          else if (ef.name.value === "node") edge.push(`'${ekey}', ${rowObject(walk, ef.selectionSet, ARTICLE_TABLE, a, ["Node"])}`);
          else unplannable();
        }
        pairs.push(`'${key}', (SELECT coalesce(json_agg(${jsonObject(edge)} ORDER BY ${order}), '[]'::json) FROM ${page})`);
        break;
      }
      default:
        unplannable();
    }
  }
  return jsonObject(pairs);
}
