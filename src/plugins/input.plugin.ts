import type { ApolloServerPlugin } from "@apollo/server";
import { type DocumentNode, GraphQLError, Kind, visit } from "graphql";
import { ErrorCode } from "../common/errors";

/** Variables nested deeper than this (arrays in arrays, objects in objects) are refused. */
export const MAX_VARIABLE_DEPTH = 64;
/** Values (strings, numbers, list items, object fields) the variables of one operation may hold; a request with more is refused before they are looked at further. */
export const MAX_VARIABLE_VALUES = 100_000;

type Step = { value: unknown; parent: Step | null; key: string | number; depth: number };

function pathOf(step: Step): string {
  const keys: (string | number)[] = [];
  for (let s: Step | null = step; s && s.parent; s = s.parent) keys.push(s.key);
  return keys.reverse().reduce<string>((path, key) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key), "");
}

/**
 * What is wrong with the variables' shape before any of it reaches a resolver: a string holding
 * NUL (which PostgreSQL text cannot store) or nesting deeper than {@link MAX_VARIABLE_DEPTH}.
 * Walked with an explicit stack, so hostile nesting cannot overflow the call stack.
 */
function badVariables(variables: Record<string, unknown>): { path: string; problem: "nul" | "depth" | "count" } | null {
  const stack: Step[] = [{ value: variables, parent: null, key: "", depth: 0 }];
  let values = 0;
  // Only strings and containers are looked at; numbers, booleans and nulls are counted and passed by
  // without allocating a step, so a flat object of 200,000 numbers costs little before it is refused.
  const visitChild = (parent: Step, key: string | number, value: unknown): { path: string; problem: "nul" | "count" } | null => {
    if (++values > MAX_VARIABLE_VALUES) return { path: pathOf({ value, parent, key, depth: parent.depth + 1 }), problem: "count" };
    if (typeof value === "string") {
      if (value.includes("\u0000")) return { path: pathOf({ value, parent, key, depth: parent.depth + 1 }), problem: "nul" };
    } else if (value && typeof value === "object") stack.push({ value, parent, key, depth: parent.depth + 1 });
    return null;
  };
  while (stack.length) {
    const step = stack.pop()!;
    const value = step.value as object;
    if (step.depth >= MAX_VARIABLE_DEPTH) return { path: pathOf(step), problem: "depth" };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const bad = visitChild(step, i, value[i]);
        if (bad) return bad;
      }
    } else {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const bad = visitChild(step, keys[i]!, (value as Record<string, unknown>)[keys[i]!]);
        if (bad) return bad;
      }
    }
  }
  return null;
}

/** Documents already looked at (Apollo's document store hands the same one to every request with the same text). */
const nulChecked = new WeakMap<DocumentNode, boolean>();

function nulInDocument(document: DocumentNode): boolean {
  const known = nulChecked.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (node.value.includes("\u0000")) found = true;
    },
  });
  nulChecked.set(document, found);
  return found;
}

/** BAD_USER_INPUT when a string in the variables or the document holds NUL, or the variables nest too deep; null otherwise. Shared by HTTP and WebSocket subscriptions. */
export function checkInput(document: DocumentNode, variables: Record<string, unknown> | null | undefined): GraphQLError | null {
  const bad = badVariables(variables ?? {});
  if (bad?.problem === "count") {
    return new GraphQLError(`The variables hold more than ${MAX_VARIABLE_VALUES} values`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, maxValues: MAX_VARIABLE_VALUES, http: { status: 400 } },
    });
  }
  if (bad?.problem === "depth") {
    return new GraphQLError(`Variables must not nest deeper than ${MAX_VARIABLE_DEPTH} levels (at variable "${bad.path.slice(0, 200)}")`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argument: bad.path.slice(0, 200), maxDepth: MAX_VARIABLE_DEPTH, http: { status: 400 } },
    });
  }
  const where = bad?.path ?? (nulInDocument(document) ? "query" : null);
  if (!where) return null;
  return new GraphQLError(`Text must not contain the NUL character (in ${where === "query" ? "the query" : `variable "${where}"`})`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument: where, http: { status: 400 } },
  });
}

/** Refuses strings containing NUL (U+0000) and over-deep variables as BAD_USER_INPUT before they reach the database. */
export function inputPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const error = checkInput(document, request.variables);
          if (error) throw error;
        },
      };
    },
  };
}
