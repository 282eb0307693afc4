import { type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, getVariableValues } from "graphql";
import type { PageLimits } from "../common/pagination";
import { SqlParams } from "../common/sql";
import { articleRoot, articlesConnection } from "./article.plan";
import { ROOT_PLANS } from "./roots.plan";
import { searchConnection } from "./search.plan";
import { Unplannable, type Walk, collect, jsonObject, unplannable } from "./walk";

/**
 * The SQL statement answering a whole operation (one text column `json`), or null to fall back.
 * Each planned root field is one entry of the switch, built by its concept's plan file.
 */
export function planOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  rawVariables: Record<string, unknown> | undefined,
  limits: PageLimits,
): { sql: string; params: unknown[]; prepare: boolean } | null {
  if (operation.operation !== "query") return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return null;
  const walk: Walk = { schema, variables: coerced.coerced, fragments, params: new SqlParams(), limits, aliases: 0 };
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
        case "article":
          pairs.push(`'${key}', ${articleRoot(walk, field)}`);
          break;
        case "search":
          pairs.push(`'${key}', ${searchConnection(walk, field)}`);
          break;
        case "expert":
        case "experts":
        case "topic":
        case "event":
        case "events":
        case "eventTimeline":
        case "quote":
        case "quotes":
        case "node":
          pairs.push(`'${key}', ${ROOT_PLANS[field.name.value](walk, field)}`);
          break;
        default:
          unplannable();
      }
    }
    if (pairs.length === 0) return null;
    return { sql: `SELECT ${jsonObject(pairs)}::text AS json`, params: walk.params.values, prepare: !walk.planPerRequest };
  } catch (err) {
    if (err instanceof Unplannable) return null;
    throw err;
  }
}
