import type { ApolloServerPlugin, HTTPGraphQLHead } from "@apollo/server";
import type { Context } from "../context";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
} from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { type ComplexityEstimator, getComplexity } from "graphql-query-complexity";
import { ErrorCode } from "../common/errors";
import { OperationMemo } from "./operation-memo";

export interface Limits {
  maxFields: number;
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  defaultPageSize: number;
}

/**
 * Aliased fields in the operation, each named fragment counted once per spread. Aliases are how
 * one small document asks for the same expensive field thousands of times.
 */
export function operationAliases(document: DocumentNode, operation: OperationDefinitionNode, stopAt: number): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  let count = 0;
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>): void => {
    if (!set || count > stopAt) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) count++;
        visit(sel.selectionSet, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        visit(sel.selectionSet, seen);
      } else {
        const fragment = fragments.get(sel.name.value);
        if (fragment && !seen.has(sel.name.value)) visit(fragment.selectionSet, new Set(seen).add(sel.name.value));
      }
      if (count > stopAt) return;
    }
  };
  visit(operation.selectionSet, new Set());
  return count;
}

/**
 * Fields the operation selects once every fragment spread is expanded, counted in time linear in
 * the document: each fragment's size is computed once and reused for every spread. Fragments that
 * spread fragments that spread fragments (`F1 { ...F0 ...F0 }`, `F2 { ...F1 ...F1 }`, ...) grow
 * exponentially, and every walk that expands them (depth, aliases, cost, execution) would too:
 * this count is what stops such a document before any of those walks starts.
 */
export function operationFieldCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const sizes = new Map<string, number>();
  const inProgress = new Set<string>();
  const size = (set: SelectionSetNode | undefined): number => {
    if (!set) return 0;
    let n = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) n += 1 + size(sel.selectionSet);
      else if (sel.kind === Kind.INLINE_FRAGMENT) n += size(sel.selectionSet);
      else {
        const name = sel.name.value;
        let known = sizes.get(name);
        if (known === undefined) {
          const fragment = fragments.get(name);
          // A cycle (refused by validation anyway) or an unknown fragment adds nothing.
          if (!fragment || inProgress.has(name)) continue;
          inProgress.add(name);
          known = size(fragment.selectionSet);
          inProgress.delete(name);
          sizes.set(name, known);
        }
        n += known;
      }
    }
    return n;
  };
  return size(operation.selectionSet);
}

/** How many items a plain list (Article.quotes, Event.places, ...) is assumed to hold. */
const LIST_SIZE = 10;

/** Depth of the deepest field path in the operation, following fragments. */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith("__")) continue;
        max = Math.max(max, 1 + visit(sel.selectionSet, seen));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, visit(sel.selectionSet, seen));
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) max = Math.max(max, visit(fragment.selectionSet, new Set(seen).add(name)));
      }
    }
    return max;
  };
  return visit(operation.selectionSet, new Set());
}

/**
 * Cost: every object costs 1 and leaf fields are free. A plain list of objects counts as
 * {@link LIST_SIZE} objects, `nodes(ids:)` as one per id, and a connection costs 1 plus its page
 * size (`first`/`last`, else the default) times what is selected for one node.
 */
export function costEstimator(defaultPageSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const named = getNamedType(field.type);
    const parent = type.name;
    // Introspection (GraphiQL asks for the whole schema) reads no data: free, however large the schema grows.
    if (isLeafType(named) || field.name.startsWith("__") || parent.startsWith("__")) return 0;
    // The page size is charged on the connection field, not again on its edges and nodes lists;
    // each node costs 1 whether reached through `edges { node }` or `nodes`.
    if (parent.endsWith("Connection") && field.name === "edges") return childComplexity;
    if (parent.endsWith("Connection") && field.name === "nodes") return 1 + childComplexity;
    if (named.name.endsWith("Connection")) {
      const size = (args.first as number | undefined) ?? (args.last as number | undefined) ?? defaultPageSize;
      return 1 + Math.max(1, size) * childComplexity;
    }
    if (Array.isArray(args.ids)) return args.ids.length * (1 + childComplexity);
    if (isListType(getNullableType(field.type))) return LIST_SIZE * (1 + childComplexity);
    return 1 + childComplexity;
  };
}

function limitError(code: string, message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });
}

/**
 * The error for an operation nested deeper or costing more than the limits, or null when it fits.
 * Shared by HTTP ({@link limitsPlugin}) and WebSocket subscriptions.
 */
export function checkLimits(
  schema: GraphQLSchema,
  limits: Limits,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  estimators: ComplexityEstimator[] = [costEstimator(limits.defaultPageSize)],
): GraphQLError | null {
  const assessed = assessLimits(schema, limits, document, operation, operationName, variables, estimators);
  return "error" in assessed ? assessed.error : null;
}

/** {@link checkLimits}, and the operation's cost when it fits (null when execution will refuse its variables). */
export function assessLimits(
  schema: GraphQLSchema,
  limits: Limits,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  estimators: ComplexityEstimator[] = [costEstimator(limits.defaultPageSize)],
): { error: GraphQLError } | { cost: number | null } {
  const refuse = (error: GraphQLError) => ({ error });
  const fields = operationFieldCount(document, operation);
  if (fields > limits.maxFields) {
    return refuse(limitError(ErrorCode.QUERY_TOO_COSTLY, `Query selects ${fields} fields once its fragments are expanded; the limit is ${limits.maxFields}`, { fields, limit: limits.maxFields }));
  }
  const depth = operationDepth(document, operation);
  if (depth > limits.maxDepth) {
    return refuse(limitError(ErrorCode.QUERY_TOO_DEEP, `Query is nested ${depth} levels deep; the limit is ${limits.maxDepth}`, { depth, limit: limits.maxDepth }));
  }
  const aliases = operationAliases(document, operation, limits.maxAliases);
  if (aliases > limits.maxAliases) {
    return refuse(limitError(ErrorCode.QUERY_TOO_COSTLY, `Query uses more than ${limits.maxAliases} aliases; the limit is ${limits.maxAliases}`, { aliases, limit: limits.maxAliases }));
  }
  // Variables that do not coerce: execution reports them as BAD_USER_INPUT before any resolver runs.
  if (operation.variableDefinitions?.length && getVariableValues(schema, operation.variableDefinitions, variables ?? {}).errors) return { cost: null };
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, operationName: operationName ?? undefined, variables: variables ?? {}, estimators });
  } catch (err) {
    // Fail closed: an operation whose cost cannot be computed (graphql-query-complexity gives up on
    // very large documents) is refused, never run.
    return refuse(limitError(ErrorCode.QUERY_TOO_COSTLY, `The cost of this query could not be computed (${err instanceof Error ? err.message : String(err)}); it is refused. Ask for fewer fields.`, { limit: limits.maxCost }));
  }
  if (cost > limits.maxCost) {
    return refuse(limitError(ErrorCode.QUERY_TOO_COSTLY, `Query costs ${cost}; the limit is ${limits.maxCost}. Ask for smaller pages or fewer nested lists.`, { cost, limit: limits.maxCost }));
  }
  return { cost };
}

/** Refuses operations nested deeper or costing more than the configured limits, before any resolver runs. */
export function limitsPlugin(
  schema: GraphQLSchema,
  limits: Limits,
  /** Called with the cost of every operation that fits the limits (rate limiting); may throw a coded error. */
  charge?: (context: Context, cost: number, http: HTTPGraphQLHead) => Promise<void>,
): ApolloServerPlugin<Context> {
  const estimators = [costEstimator(limits.defaultPageSize)];
  // The same operation with the same variables costs the same: walked once, not on every request.
  // Only operations that fit are remembered; a refusal is assessed (and its error built) each time.
  const assessedBefore = new OperationMemo<ReturnType<typeof assessLimits>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue, response }) {
          if (!operation) return;
          const assessed = assessedBefore.get(
            operation,
            request.variables,
            () => assessLimits(schema, limits, document, operation, request.operationName, request.variables, estimators),
            (a) => "cost" in a && a.cost !== null,
          );
          if ("error" in assessed) throw assessed.error;
          if (charge && assessed.cost !== null) await charge(contextValue, assessed.cost, response.http);
        },
      };
    },
  };
}
