import "reflect-metadata";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pino from "pino";
import { Client } from "pg";
import { startApp, type RunningApp } from "../../src/app";
import { loadConfig, type Config } from "../../src/config";
import { createDatabase } from "../../src/db/data-source";

export interface GraphQLResult<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
  /** SQL statements the request ran (from the x-sql-statements header). */
  sql: number;
  headers: Record<string, unknown>;
}

export interface TestApp {
  readonly running: RunningApp;
  readonly config: Config;
  /** "pglite" or "postgres": which database this run uses. */
  readonly kind: "pglite" | "postgres";
  /** Runs an operation through the real HTTP pipeline (fastify inject → Apollo → resolvers → database). */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResult<T>>;
  /** Direct SQL, for arranging data the API cannot write yet. */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Environment overrides the tests may pass (limits, seeding, ...). */
export type TestEnv = Record<string, string>;

/**
 * Settings taken from the test run's own environment, under what a test passes: the read path's
 * switches, so one run of a test file can cover planner and compiled execution on or off.
 */
const RUN_ENV = ["NEWSGRAPH_PLANNER", "NEWSGRAPH_COMPILED_EXECUTION"] as const;
const runEnv = (): TestEnv => Object.fromEntries(RUN_ENV.flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));

/**
 * The request budget and statement timeout of a test app unless the test sets its own: well above
 * the defaults (10 s, 5 s), which a request that loads the extractor on a CI machine at a load
 * average of 20 has been seen to pass (an ingest answered TIMEOUT after 10 s), and below jest's
 * 60 s, so a request that runs away still answers TIMEOUT. Tests of the limits themselves
 * (budgets.test.ts) set small ones and make their requests wait past them.
 */
const TEST_TIME_LIMITS: TestEnv = { NEWSGRAPH_REQUEST_TIMEOUT_MS: "40000", NEWSGRAPH_STATEMENT_TIMEOUT_MS: "20000" };

/**
 * A new, empty database on the TEST_DATABASE_URL server, and how to drop it. Its name starts with
 * TEST_DATABASE_PREFIX (default `newsgraph_test_`), so runs sharing one server keep apart.
 */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const prefix = process.env.TEST_DATABASE_PREFIX ?? "newsgraph_test_";
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error(`TEST_DATABASE_PREFIX must be a lower-case SQL identifier: ${prefix}`);
  const name = `${prefix}${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * A fresh, migrated database with the demo data, and the app over it. Embedded PGlite in memory by
 * default; with TEST_DATABASE_URL, a new database on that server, dropped on close. With
 * `options.databaseUrl`, that PostgreSQL database instead (migrated and seeded if it is not yet;
 * left in place on close): several apps over one database.
 */
export async function createTestApp(env: TestEnv = {}, options: { log?: pino.Logger; databaseUrl?: string } = {}): Promise<TestApp> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let dropDatabase: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined = options.databaseUrl;
  if (serverUrl && !databaseUrl) {
    const created = await createTestDatabase(serverUrl);
    databaseUrl = created.url;
    dropDatabase = created.drop;
  }
  const config = loadConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    NEWSGRAPH_DATA_DIR: "memory://",
    ...TEST_TIME_LIMITS,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: "5" } : {}),
    ...runEnv(),
    ...env,
  });
  const fixedConfig: Config = config.database.kind === "pglite" ? { ...config, database: { kind: "pglite", dataDir: "memory://" } } : config;
  const log = options.log ?? pino({ level: fixedConfig.logLevel });
  // A copy of the run's migrated and seeded template (see global-setup.ts), when there is one.
  const template = fixedConfig.database.kind === "pglite" && !env.NEWSGRAPH_SEED_DEMO ? process.env.NEWSGRAPH_TEST_TEMPLATE : undefined;
  const database = template && fs.existsSync(template)
    ? () => createDatabase(fixedConfig.database, log, { loadDataDir: new Blob([fs.readFileSync(template)]) })
    : undefined;
  let running: RunningApp;
  try {
    running = await startApp(fixedConfig, log, { listen: false, database });
  } catch (err) {
    await dropDatabase?.();
    throw err;
  }
  return {
    running,
    config: fixedConfig,
    kind: running.database.kind,
    async graphql(query, variables, headers = {}) {
      const res = await running.app.inject({
        method: "POST",
        url: "/graphql",
        // What current clients send (Apollo Client, graphql-http, urql): the GraphQL media type first.
        headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json;q=0.9", ...headers },
        payload: JSON.stringify({ query, variables }),
      });
      const body = JSON.parse(res.body);
      return { status: res.statusCode, data: body.data, errors: body.errors, sql: Number(res.headers["x-sql-statements"] ?? NaN), headers: res.headers };
    },
    sql(text, params) {
      return running.database.dataSource.query(text, params);
    },
    async close() {
      await running.stop();
      await dropDatabase?.();
    },
  };
}
