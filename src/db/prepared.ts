import { createHash } from "node:crypto";
import { GraphQLError } from "graphql";
import { type DataSource, QueryFailedError } from "typeorm";
import { isStatementTimeout, requestTimedOut } from "../common/errors";
import type { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";

/** The part of a pg client this module uses; `connection.parsedStatements` is pg's own cache of names it has parsed. */
interface PgClient {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
  connection?: { parsedStatements?: Record<string, string> };
}

/** A request's time budget: when it ends (ms since the epoch) and how long it was. */
export interface StatementBudget {
  readonly deadline: number;
  readonly limitMs: number;
}

/** How one statement is run: named (prepared once per session and shape) or not, and within which budget. */
export interface StatementOptions {
  readonly named?: boolean;
  readonly budget?: StatementBudget;
}

/** Names already hashed: the planner hands the same text (the same string) for a query shape it has planned before. */
const names = new Map<string, string>();
const MAX_NAMES = 1_000;

/** The name of a statement's prepared form: a hash of its text, so one query shape always has one name. */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `ng_${createHash("sha1").update(sql).digest("hex").slice(0, 20)}`;
    if (names.size >= MAX_NAMES) names.delete(names.keys().next().value as string);
    names.set(sql, name);
  }
  return name;
}

/**
 * Runs statements as named prepared statements (pg's `{ name, text, values }`) on a client taken
 * from TypeORM's pool, so that PostgreSQL parses and plans each query shape once per session
 * instead of on every request. Works on PostgreSQL and on PGlite's node-postgres adapter alike.
 *
 * PostgreSQL keeps prepared statements per session until it ends: each pooled client holds at most
 * `maxPerConnection` names, the least recently used being DEALLOCATEd when a new one would pass it.
 * Logging follows TypeORM's own path: the statement at trace level, slow ones at warn, errors at debug.
 */
export class PreparedStatements {
  /** Names each client holds, least recently used first. */
  private readonly held = new WeakMap<PgClient, Map<string, true>>();

  /**
   * @param maxPerConnection most names a session keeps (0: statements run unnamed)
   * @param sessionTimeoutMs the `statement_timeout` every pooled session has (0: none); null where
   *   PostgreSQL cannot cancel a statement (PGlite runs it in this thread, and ignores the setting)
   */
  constructor(
    private readonly dataSource: DataSource,
    readonly maxPerConnection: number,
    readonly sessionTimeoutMs: number | null = null,
  ) {}

  /**
   * Runs one statement on a pooled session. With a `budget`, a statement that got its session
   * only after the deadline is not sent (TIMEOUT, `requestTimedOut`), and one that would be
   * allowed to run past the deadline by the session's `statement_timeout` runs under a
   * `statement_timeout` of what is left, set for it alone and put back after it: PostgreSQL
   * cancels it at the deadline, and that cancellation is the same TIMEOUT. When the session's
   * timeout ends sooner than the budget (the default: 5 s against 10 s) nothing extra is sent.
   */
  async query<T>(sql: string, parameters: unknown[] = [], options: StatementOptions = { named: true }): Promise<T> {
    const driver = this.dataSource.driver as PostgresDriver;
    const logger = this.dataSource.logger;
    const [client, release] = (await driver.obtainMasterConnection()) as [PgClient, (err?: unknown) => void];
    const named = options.named !== false && this.maxPerConnection > 0;
    const name = named ? statementName(sql) : undefined;
    const budget = options.budget;
    let failed: unknown;
    let cut: number | null = null;
    try {
      if (budget) {
        const left = budget.deadline - Date.now();
        if (left <= 0) throw requestTimedOut(budget.limitMs);
        const session = this.sessionTimeoutMs;
        if (session !== null && (session === 0 || left < session)) cut = Math.ceil(left);
      }
      logger.logQuery(sql, parameters);
      if (cut !== null) await client.query({ text: `SET statement_timeout = ${cut}` });
      if (name) await this.hold(client, name);
      const started = Date.now();
      const result = await client.query(name ? { name, text: sql, values: parameters } : { text: sql, values: parameters });
      const ms = Date.now() - started;
      const slowMs = this.dataSource.options.maxQueryExecutionTime;
      if (slowMs && ms > slowMs) logger.logQuerySlow(ms, sql, parameters);
      return result.rows as T;
    } catch (err) {
      if (err instanceof GraphQLError) throw err;
      failed = err;
      // A statement that failed to parse is no prepared statement of the session.
      if (name && client.connection?.parsedStatements && !(name in client.connection.parsedStatements)) this.held.get(client)?.delete(name);
      logger.logQueryError(err as Error, sql, parameters);
      // Cancelled at the request's deadline rather than at the session's own timeout.
      if (cut !== null && budget && isStatementTimeout(err)) throw requestTimedOut(budget.limitMs);
      throw new QueryFailedError(sql, parameters, err as Error);
    } finally {
      // A statement PostgreSQL refused (it has a SQLSTATE) leaves the session usable; anything else (a
      // broken connection) takes the client out of the pool, and its prepared statements with it.
      let broken: unknown = failed && !(failed as { code?: unknown }).code ? failed : undefined;
      if (cut !== null && !broken) {
        try {
          await client.query({ text: `SET statement_timeout = ${this.sessionTimeoutMs}` });
        } catch (err) {
          broken = err;
        }
      }
      release(broken);
    }
  }

  /** Marks `name` as the client's most recently used, making room for it if the client is full. */
  private async hold(client: PgClient, name: string): Promise<void> {
    let names = this.held.get(client);
    if (!names) this.held.set(client, (names = new Map()));
    if (names.delete(name)) {
      names.set(name, true);
      return;
    }
    while (names.size >= this.maxPerConnection) {
      const oldest = names.keys().next().value as string;
      names.delete(oldest);
      const parsed = client.connection?.parsedStatements;
      if (parsed && !(oldest in parsed)) continue;
      await client.query({ text: `DEALLOCATE "${oldest}"` });
      if (parsed) delete parsed[oldest];
    }
    names.set(name, true);
  }
}

const byDataSource = new WeakMap<DataSource, PreparedStatements>();

/** The one {@link PreparedStatements} of a DataSource (its pool's clients are shared by every request). */
export function preparedStatements(dataSource: DataSource, maxPerConnection: number, sessionTimeoutMs: number | null = null): PreparedStatements {
  let prepared = byDataSource.get(dataSource);
  if (!prepared) byDataSource.set(dataSource, (prepared = new PreparedStatements(dataSource, maxPerConnection, sessionTimeoutMs)));
  return prepared;
}
