import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger as TypeOrmLogger } from "typeorm";
import type { Logger } from "pino";

/** Per-request statement counter; the SQL-count tests and the request log read it. */
export interface SqlTally {
  statements: number;
}

export const sqlTally = new AsyncLocalStorage<SqlTally>();

/** TypeORM logger that counts statements per request and forwards to pino. */
export class SqlLogger implements TypeOrmLogger {
  constructor(private readonly pino: Logger) {}

  logQuery(query: string, parameters?: unknown[]): void {
    const tally = sqlTally.getStore();
    if (tally) tally.statements++;
    if (this.pino.isLevelEnabled("trace")) this.pino.trace({ sql: query, parameters }, "sql");
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
