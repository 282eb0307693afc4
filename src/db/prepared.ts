import { createHash } from "node:crypto";
import { type DataSource, QueryFailedError } from "typeorm";
import type { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";

/** The part of a pg client this module uses; `connection.parsedStatements` is pg's own cache of names it has parsed. */
interface PgClient {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
  connection?: { parsedStatements?: Record<string, string> };
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

  constructor(
    private readonly dataSource: DataSource,
    readonly maxPerConnection: number,
  ) {}

  async query<T>(sql: string, parameters: unknown[] = []): Promise<T> {
    const driver = this.dataSource.driver as PostgresDriver;
    const logger = this.dataSource.logger;
    const [client, release] = (await driver.obtainMasterConnection()) as [PgClient, (err?: unknown) => void];
    const name = statementName(sql);
    logger.logQuery(sql, parameters);
    let failed: unknown;
    try {
      await this.hold(client, name);
      const started = Date.now();
      const result = await client.query({ name, text: sql, values: parameters });
      const ms = Date.now() - started;
      const slowMs = this.dataSource.options.maxQueryExecutionTime;
      if (slowMs && ms > slowMs) logger.logQuerySlow(ms, sql, parameters);
      return result.rows as T;
    } catch (err) {
      failed = err;
      // A statement that failed to parse is no prepared statement of the session.
      if (client.connection?.parsedStatements && !(name in client.connection.parsedStatements)) this.held.get(client)?.delete(name);
      logger.logQueryError(err as Error, sql, parameters);
      throw new QueryFailedError(sql, parameters, err as Error);
    } finally {
      // A statement PostgreSQL refused (it has a SQLSTATE) leaves the session usable; anything else (a
      // broken connection) takes the client out of the pool, and its prepared statements with it.
      release(failed && !(failed as { code?: unknown }).code ? failed : undefined);
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
export function preparedStatements(dataSource: DataSource, maxPerConnection: number): PreparedStatements {
  let prepared = byDataSource.get(dataSource);
  if (!prepared) byDataSource.set(dataSource, (prepared = new PreparedStatements(dataSource, maxPerConnection)));
  return prepared;
}
