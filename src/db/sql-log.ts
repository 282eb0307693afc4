import type { Logger as TypeOrmLogger } from "typeorm";
import type { Logger } from "pino";
import type { Queryable } from "../common/sql";
import type { PreparedStatements } from "./prepared";
import { requestTimedOut } from "../common/errors";
import type { RequestTrace } from "../tracing/tracing";

/** Statements one request ran; the SQL-count tests, the request log and `x-sql-statements` read it. */
export interface SqlTally {
  statements: number;
}

/**
 * The request's view of the database: every statement is counted. (An AsyncLocalStorage around
 * the request did the same but put a hook on every promise: 4% of the front page's CPU time.)
 */
export function countingQueryable(
  db: Queryable,
  tally: SqlTally,
  budget?: { deadline: number; limitMs: number },
  trace?: RequestTrace | null,
  prepared?: PreparedStatements | null,
): Queryable {
  const counted = <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    // Past the request's budget nothing more is sent: resolvers waiting on data fail with TIMEOUT
    // and the response goes out with what was answered. (A statement already running is bounded
    // by PostgreSQL's statement_timeout.)
    if (budget && Date.now() > budget.deadline) return Promise.reject(requestTimedOut(budget.limitMs));
    tally.statements++;
    return trace ? trace.statement(sql, run) : run();
  };
  return {
    query: <T>(sql: string, parameters?: unknown[]) => counted(sql, () => db.query<T>(sql, parameters)),
    queryPrepared: <T>(sql: string, parameters?: unknown[]) =>
      counted(sql, () => (prepared ? prepared.query<T>(sql, parameters) : db.query<T>(sql, parameters))),
    queryPlanned: <T>(sql: string, parameters: unknown[], options: { named: boolean }) =>
      counted(sql, () => (prepared ? prepared.query<T>(sql, parameters, { named: options.named, budget }) : db.query<T>(sql, parameters))),
  };
}

/** TypeORM logger forwarding to pino; statements are logged at trace level. */
export class SqlLogger implements TypeOrmLogger {
  constructor(private readonly pino: Logger) {}

  logQuery(query: string, parameters?: unknown[]): void {
    this.pino.trace({ sql: query, parameters }, "sql");
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    this.pino.debug({ err: error, sql: query, parameters }, "sql error");
  }

  logQuerySlow(time: number, query: string): void {
    this.pino.warn({ ms: time, sql: query }, "slow sql");
  }

  logSchemaBuild(message: string): void {
    this.pino.debug(message);
  }

  logMigration(message: string): void {
    this.pino.info(message);
  }

  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn") this.pino.warn(String(message));
    else this.pino.debug(String(message));
  }
}
