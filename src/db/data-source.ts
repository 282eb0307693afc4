import fs from "node:fs";
import path from "node:path";
import { DataSource, MigrationExecutor } from "typeorm";
import type { PostgresDataSourceOptions } from "typeorm/driver/postgres/PostgresDataSourceOptions";
import type { Logger } from "pino";
import type { PGlite, PGliteOptions } from "@electric-sql/pglite";
import { migrations } from "../../migrations";
import type { DatabaseConfig } from "../config";
import { ENTITIES } from "./entities";
import { lockDataDir } from "./data-dir-lock";
import { SqlLogger } from "./sql-log";

/**
 * How long a statement may wait for a pooled connection before it fails. On PGlite the pool has
 * one connection, so code that holds a transaction open and then reads outside it would wait for
 * itself forever; this turns such a deadlock into an error.
 */
const POOL_WAIT_MS = 30_000;

/** A DataSource and how to shut it down (PGlite needs closing after the pool). */
export interface Database {
  readonly dataSource: DataSource;
  readonly kind: DatabaseConfig["kind"];
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball, to start another instance from. */
  dump?(): Promise<Blob>;
}

/** PGlite only: start from a tarball made by {@link Database.dump} instead of an empty directory. */
export interface PGliteStart {
  loadDataDir?: Blob;
  /** PostgreSQL only: `statement_timeout` of every pooled session, in ms (0 or absent: none). */
  statementTimeoutMs?: number;
}

/** Options shared by the app, the tests and the TypeORM CLI. Never `synchronize`. */
function baseOptions(logger?: Logger): Partial<PostgresDataSourceOptions> {
  return {
    entities: ENTITIES,
    migrations,
    synchronize: false,
    migrationsRun: false,
    // Keys use gen_random_uuid() (core since PostgreSQL 13); the migrations create what they need.
    installExtensions: false,
    logging: logger ? (logger.isLevelEnabled("trace") ? ["query", "error", "warn", "migration"] : ["error", "warn", "migration"]) : false,
    logger: logger ? new SqlLogger(logger) : undefined,
    maxQueryExecutionTime: 1000,
  };
}

/**
 * Builds the DataSource for the configured database.
 *
 * Embedded mode runs PGlite through its own node-postgres adapter with a pool of exactly one
 * connection: PGlite is single-connection, and every other bridge tried let concurrent
 * transactions see each other or hung. One connection serialises transactions correctly;
 * a request waits for the pool instead of reading another request's uncommitted rows.
 */
export function createDatabase(config: DatabaseConfig, logger?: Logger, start: PGliteStart = {}): Database {
  if (config.kind === "postgres") {
    const dataSource = new DataSource({
      type: "postgres",
      url: config.url,
      poolSize: config.poolSize,
      // JIT compilation costs ~20 ms per statement on these short nested reads and never pays back.
      // A statement past its timeout is cancelled by PostgreSQL itself (57014), whatever the client does.
      // random_page_cost (DATABASE_RANDOM_PAGE_COST): at the server's default 4.0 the planned front
      // page probed each quote's speaker by a sequential scan of the (small) expert table.
      // max_parallel_workers_per_gather (DATABASE_PARALLEL_WORKERS, default 0): starting workers
      // cost these short statements more than they saved.
      extra: {
        connectionTimeoutMillis: POOL_WAIT_MS,
        options:
          `-c jit=off${start.statementTimeoutMs ? ` -c statement_timeout=${start.statementTimeoutMs}` : ""}` +
          (config.randomPageCost != null ? ` -c random_page_cost=${config.randomPageCost}` : "") +
          (config.parallelWorkers != null ? ` -c max_parallel_workers_per_gather=${config.parallelWorkers}` : ""),
      },
      applicationName: "newsgraph",
      ...baseOptions(logger),
    });
    return { dataSource, kind: "postgres", close: async () => { if (dataSource.isInitialized) await dataSource.destroy(); } };
  }

  // Loaded lazily so that PostgreSQL deployments never load the WASM build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PGlite: PGliteClass } = require("@electric-sql/pglite") as typeof import("@electric-sql/pglite");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pg_trgm } = require("@electric-sql/pglite/contrib/pg_trgm") as { pg_trgm: NonNullable<PGliteOptions["extensions"]>[string] };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createPgConfig } = require("@electric-sql/pglite/node-postgres") as { createPgConfig(pglite: PGlite): object };

  let unlock = () => {};
  if (!config.dataDir.startsWith("memory://")) {
    fs.mkdirSync(path.dirname(config.dataDir), { recursive: true });
    unlock = lockDataDir(config.dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = new PGliteClass(config.dataDir, { extensions: { pg_trgm }, ...(start.loadDataDir ? { loadDataDir: start.loadDataDir } : {}) });
  } catch (err) {
    unlock();
    throw err;
  }
  const dataSource = new DataSource({
    type: "postgres",
    extra: { ...createPgConfig(pglite), connectionTimeoutMillis: POOL_WAIT_MS },
    poolSize: 1,
    ...baseOptions(logger),
  });
  return {
    dataSource,
    kind: "pglite",
    dump: () => pglite.dumpDataDir("none"),
    close: async () => {
      try {
        if (dataSource.isInitialized) await dataSource.destroy();
        await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}

/**
 * Applies pending migrations, each in its own transaction, on a session without a statement
 * timeout: the server's sessions have one, and a migration on a large table may take minutes.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<{ name: string }[]> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query("SET statement_timeout = 0");
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = "each";
    return await executor.executePendingMigrations();
  } finally {
    await runner.query("RESET statement_timeout").catch(() => undefined);
    await runner.release();
  }
}
