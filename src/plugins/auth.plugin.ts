import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type OperationDefinitionNode } from "graphql";
import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth-checker";
import type { Config } from "../config";
import type { Context } from "../context";

/** True when every root field is introspection (`__schema`, `__type`, `__typename`): GraphiQL loading the schema. */
function introspectionOnly(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith("__"));
}

/**
 * Checks the request's key before anything executes, answering UNAUTHENTICATED (HTTP 401):
 * - a presented key must be valid, whatever the operation: a malformed header, an unknown or a
 *   revoked key is refused even on a public read, so a client with a broken key learns it;
 * - a mutation needs a key (which role, each resolver's `@Authorized` says: FORBIDDEN there);
 * - with `auth.readsRequireKey`, so do queries, except introspection alone (the schema is public:
 *   GraphiQL can show it before a key is pasted into its Headers tab).
 */
export function authPlugin(config: Pick<Config, "auth">): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!operation) return;
          const needsKey =
            contextValue.credentials.kind !== "none" ||
            operation.operation === "mutation" ||
            (config.auth.readsRequireKey && !introspectionOnly(operation));
          if (needsKey) await requireRole(contextValue, Role.READER);
        },
      };
    },
  };
}
