import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ErrorCode, isClientSafeCode, isDatabaseUnavailable, isStatementTimeout } from "../common/errors";
import type { Context } from "../context";

/** True when an error was raised on purpose for the client (a coded GraphQLError), not by a failure. */
export function isClientError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (!(original instanceof GraphQLError)) return false;
  return isClientSafeCode(original.extensions?.code);
}

/**
 * Apollo `formatError`: coded errors pass as they are; anything else (a database failure, a bug)
 * becomes a masked INTERNAL_SERVER_ERROR. {@link errorsPlugin} logs the original and adds the
 * request id.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (isClientError(error)) return formatted;
  if (isStatementTimeout(unwrapResolverError(error))) {
    return {
      message: "A database statement ran longer than NEWSGRAPH_STATEMENT_TIMEOUT_MS and was cancelled. Ask for less, or narrow the filter.",
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.TIMEOUT },
    };
  }
  if (isDatabaseUnavailable(unwrapResolverError(error))) {
    return {
      message: "The database is unavailable; try again shortly",
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  return {
    message: "Internal server error",
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/** Logs unexpected errors with the request id and stamps that id on the masked errors the client sees. */
export function errorsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isStatementTimeout(unwrapResolverError(error))) {
              contextValue.log.warn({ path: error.path, requestId: contextValue.requestId }, "statement timeout");
            } else if (isDatabaseUnavailable(unwrapResolverError(error))) {
              contextValue.log.warn({ err: unwrapResolverError(error), path: error.path, requestId: contextValue.requestId }, "database unavailable");
            } else if (!isClientError(error)) {
              contextValue.log.error({ err: unwrapResolverError(error), path: error.path, requestId: contextValue.requestId }, "unexpected error");
            }
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          const result = response.body.singleResult;
          // Nothing answered because the database is gone: 503, so load balancers and clients retry.
          if (result.data == null && result.errors!.every((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set("retry-after", "1");
          }
          for (const e of response.body.singleResult.errors) {
            if (e.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
              (e as { message: string }).message = `Internal server error (request ${contextValue.requestId})`;
              (e.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        },
      };
    },
  };
}
