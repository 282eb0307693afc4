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
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  TIMEOUT: "TIMEOUT",
  RATE_LIMITED: "RATE_LIMITED",
  RESPONSE_TOO_LARGE: "RESPONSE_TOO_LARGE",
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

/** Node socket errors and PostgreSQL SQLSTATEs that mean the database cannot be reached, not that the request was wrong. */
const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "57P01", "57P02", "57P03", "53300"]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not open|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to|server closed the connection unexpectedly/i;

/**
 * True when `err` (or what it wraps: a TypeORM QueryFailedError's driverError, an error's cause)
 * says the database is gone or refusing connections: PostgreSQL stopped, restarting, or out of
 * connection slots. Such a request may succeed when sent again; the client gets SERVICE_UNAVAILABLE.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    const o = e as { code?: unknown; message?: unknown; driverError?: unknown; originalError?: unknown; cause?: unknown; errors?: unknown };
    if (typeof o.code === "string" && (UNAVAILABLE_CODES.has(o.code) || o.code.startsWith("08"))) return true;
    if (typeof o.message === "string" && UNAVAILABLE_MESSAGES.test(o.message)) return true;
    // AggregateError (a connection refused on both ::1 and 127.0.0.1).
    if (Array.isArray(o.errors) && o.errors.some((x) => isDatabaseUnavailable(x))) return true;
    e = o.driverError ?? o.originalError ?? o.cause;
  }
  return false;
}

/** What a client sees when the database cannot be reached: retry later. */
export function serviceUnavailable(): GraphQLError {
  return new GraphQLError("The database is unavailable; try again shortly", { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
}

/** True when PostgreSQL cancelled a statement for running past `statement_timeout` (57014). */
export function isStatementTimeout(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    const o = e as { code?: unknown; driverError?: unknown; originalError?: unknown; cause?: unknown };
    if (o.code === "57014") return true;
    e = o.driverError ?? o.originalError ?? o.cause;
  }
  return false;
}

/** The request used up NEWSGRAPH_REQUEST_TIMEOUT_MS; the statements it still wanted are not run. */
export function requestTimedOut(limitMs: number): GraphQLError {
  return new GraphQLError(`The request ran longer than its budget of ${limitMs} ms; the rest of its work was not run. Ask for less.`, {
    extensions: { code: ErrorCode.TIMEOUT, limit: limitMs },
  });
}
