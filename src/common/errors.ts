import { GraphQLError } from "graphql";

/** Codes a client may see in `extensions.code`. Anything else is masked. */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  QUERY_TOO_DEEP: "QUERY_TOO_DEEP",
  QUERY_TOO_COSTLY: "QUERY_TOO_COSTLY",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes produced by graphql-js and Apollo themselves, safe to show as they are. */
const FRAMEWORK_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
]);

/** True for an error whose code and message were written for the client. */
export function isClientSafeCode(code: unknown): boolean {
  return typeof code === "string" && ((code in ErrorCode && code !== ErrorCode.INTERNAL_SERVER_ERROR) || FRAMEWORK_CODES.has(code));
}

/** A bad argument: names the argument in `extensions.argument`. */
export function badUserInput(message: string, argument?: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}), ...extra },
  });
}

export function notFound(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND, ...extra } });
}

/** A coded error about the request itself (bad input, a conflict), as opposed to a failure of the server. */
export function isClientError(err: unknown): err is GraphQLError {
  return err instanceof GraphQLError && err.extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR && isClientSafeCode(err.extensions.code);
}
