import type { ApolloServerPlugin } from "@apollo/server";
import { type DocumentNode, GraphQLError, Kind, visit } from "graphql";
import { ErrorCode } from "../common/errors";

/** Where in the variables a string holds a NUL character, which PostgreSQL text cannot store. */
function nulInVariables(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulInVariables(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      const found = nulInVariables(v, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

function nulInDocument(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (node.value.includes("\u0000")) found = true;
    },
  });
  return found;
}

/** BAD_USER_INPUT when a string in the variables or the document holds NUL; null otherwise. Shared by HTTP and WebSocket subscriptions. */
export function checkNul(document: DocumentNode, variables: Record<string, unknown> | null | undefined): GraphQLError | null {
  const where = nulInVariables(variables ?? {}, "") ?? (nulInDocument(document) ? "query" : null);
  if (!where) return null;
  return new GraphQLError(`Text must not contain the NUL character (in ${where === "query" ? "the query" : `variable "${where}"`})`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument: where, http: { status: 400 } },
  });
}

/** Refuses strings containing NUL (U+0000) as BAD_USER_INPUT before they reach the database. */
export function inputPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const error = checkNul(document, request.variables);
          if (error) throw error;
        },
      };
    },
  };
}
