import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { Queryable } from "./common/sql";
import type { Config } from "./config";
import { type SqlTally, countingQueryable } from "./db/sql-log";
import { Loaders } from "./loaders";

/** What every resolver and service receives first: who asks, how to reach the data, and this request's loaders. */
export interface Context {
  readonly requestId: string;
  readonly log: Logger;
  readonly config: Config;
  /** Reads: every statement counts towards {@link sql}. */
  readonly db: Queryable;
  /** For transactions. */
  readonly dataSource: DataSource;
  readonly loaders: Loaders;
  /** Statements this request ran. */
  readonly sql: SqlTally;
}

/** Builds a fresh context (and fresh DataLoaders) for one request. */
export function createContext(deps: { config: Config; dataSource: DataSource; log: Logger; requestId: string; sql?: SqlTally }): Context {
  const sql = deps.sql ?? { statements: 0 };
  const db = countingQueryable(deps.dataSource, sql);
  return {
    requestId: deps.requestId,
    log: deps.log,
    config: deps.config,
    db,
    dataSource: deps.dataSource,
    loaders: new Loaders(db),
    sql,
  };
}
