import "reflect-metadata";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Config } from "./config";
import { type Database, createDatabase } from "./db/data-source";
import { seedDemoDataInTransaction } from "./demo/seed";
import { createServer } from "./server";

/** A running newsgraph: its HTTP server and database, and how to stop both. */
export interface RunningApp {
  readonly app: FastifyInstance;
  readonly database: Database;
  /** The address it listens on, e.g. http://127.0.0.1:4000. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Opens the database, applies pending migrations and returns it ready for use. */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  const database = createDatabase(config.database, log);
  try {
    await database.dataSource.initialize();
    const applied = await database.dataSource.runMigrations({ transaction: "each" });
    if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, "migrations applied");
    return database;
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
}

/** Start-up: database, migrations, demo data for an empty database, then HTTP. */
export async function startApp(config: Config, log: Logger, options: { listen?: boolean } = {}): Promise<RunningApp> {
  const started = Date.now();
  const database = await openDatabase(config, log);
  if (config.seedDemoData) {
    const { seeded } = await seedDemoDataInTransaction(database.dataSource);
    if (seeded) log.info("demo data loaded into the empty database");
  }
  const { app, apollo } = await createServer({ config, database, log });
  let url = "";
  if (options.listen !== false) {
    url = await app.listen({ host: config.host, port: config.port });
    log.info({ url: `${url}/graphql`, database: database.kind, ms: Date.now() - started }, "newsgraph ready");
  } else {
    await app.ready();
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Apollo's drain plugin closes fastify: no new connections, in-flight requests finish.
      await apollo.stop();
      await database.close();
    })());
  return { app, database, url, stop };
}

/** Stops gracefully on SIGTERM/SIGINT: no new connections, in-flight requests finish, the pool closes. */
export function handleSignals(running: RunningApp, log: Logger, graceMs: number): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      log.error({ graceMs }, "in-flight requests did not finish in time; exiting");
      process.exit(1);
    }, graceMs);
    timer.unref();
    running.stop().then(
      () => {
        log.info("stopped");
        process.exit(0);
      },
      (err) => {
        log.error({ err }, "error while stopping");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
