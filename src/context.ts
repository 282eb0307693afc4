import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { type Viewer, authenticateKey, bearerToken } from "./auth/api-key";
import type { Queryable } from "./common/sql";
import type { Config } from "./config";
import { preparedStatements } from "./db/prepared";
import { type SqlTally, countingQueryable } from "./db/sql-log";
import { Loaders } from "./loaders";
import type { NewsPubSub } from "./pubsub/pubsub";
import type { RequestTrace } from "./tracing/tracing";
import type { ResponseCache } from "./cache/response-cache";

/** The key a request presented: none, one that could not be parsed, or a token to check. */
export type Credentials = { kind: "none" } | { kind: "malformed" } | { kind: "bearer"; token: string } | { kind: "local"; viewer: Viewer | null };

/** What every resolver and service receives first: who asks, how to reach the data, and this request's loaders. */
export interface Context {
  readonly requestId: string;
  readonly log: Logger;
  readonly config: Config;
  /** Reads: every statement counts towards {@link sql}. */
  readonly db: Queryable;
  /** For transactions. */
  readonly dataSource: DataSource;
  /** Made per request; {@link Loaders.clear} after a write so later reads see it. */
  readonly loaders: Loaders;
  /** Statements this request ran. */
  readonly sql: SqlTally;
  /** Announces committed writes to subscribers. */
  readonly pubsub: NewsPubSub;
  readonly credentials: Credentials;
  /** The client's address (HTTP), what rate limits charge when there is no API key. */
  readonly clientAddress?: string;
  /** This request's spans when tracing is on; null otherwise. */
  readonly trace: RequestTrace | null;
  /** This server's response cache (NEWSGRAPH_RESPONSE_CACHE), which a committed write drops; null when off or outside a server. */
  readonly responseCache: ResponseCache | null;
  /** The API key behind the request, checked on first use (once per request); null when there is none or it is not valid. */
  viewer(): Promise<Viewer | null>;
}

/** Builds a fresh context (and fresh DataLoaders) for one request. */
export function createContext(deps: {
  config: Config;
  dataSource: DataSource;
  log: Logger;
  requestId: string;
  pubsub: NewsPubSub;
  /** The `Authorization` header, or `{ local }` for trusted in-process callers (CLI). */
  authorization?: string | string[] | { local: Viewer | null };
  sql?: SqlTally;
  /** One HTTP request: its statements stop once NEWSGRAPH_REQUEST_TIMEOUT_MS has passed. Subscriptions and imports run unbudgeted. */
  timeLimited?: boolean;
  clientAddress?: string;
  /** Spans for the operation and its statements (HTTP requests, when tracing is on). */
  trace?: RequestTrace | null;
  responseCache?: ResponseCache | null;
}): Context {
  const sql = deps.sql ?? { statements: 0 };
  const limitMs = deps.config.limits.requestTimeoutMs;
  const trace = deps.trace ?? null;
  // Also with prepared statements off (0 names): the planner's statement runs there, within the budget.
  const sessionTimeoutMs = deps.config.database.kind === "postgres" ? deps.config.limits.statementTimeoutMs : null;
  const prepared = preparedStatements(deps.dataSource, deps.config.plannerPrepared, sessionTimeoutMs);
  const db = countingQueryable(deps.dataSource, sql, deps.timeLimited && limitMs > 0 ? { deadline: Date.now() + limitMs, limitMs } : undefined, trace, prepared);
  const auth = deps.authorization;
  let credentials: Credentials;
  if (auth !== undefined && typeof auth === "object" && !Array.isArray(auth)) credentials = { kind: "local", viewer: auth.local };
  else {
    const token = bearerToken(auth);
    credentials = token === undefined ? { kind: "none" } : token === null ? { kind: "malformed" } : { kind: "bearer", token };
  }
  let viewer: Promise<Viewer | null> | undefined;
  return {
    requestId: deps.requestId,
    log: deps.log,
    config: deps.config,
    db,
    dataSource: deps.dataSource,
    loaders: new Loaders(db),
    sql,
    pubsub: deps.pubsub,
    credentials,
    clientAddress: deps.clientAddress,
    trace,
    responseCache: deps.responseCache ?? null,
    viewer() {
      viewer ??=
        credentials.kind === "bearer" ? authenticateKey(db, credentials.token) : Promise.resolve(credentials.kind === "local" ? credentials.viewer : null);
      return viewer;
    },
  };
}
