import "reflect-metadata";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Config } from "./config";
import { type Database, createDatabase, runPendingMigrations } from "./db/data-source";
import { seedDemoDataInTransaction } from "./demo/seed";
import { type NewsPubSub, type PubSubHandle, createPubSubHandle } from "./pubsub/pubsub";
import { openLocalSocket } from "./local-socket";
import { createServer } from "./server";

/** A running newsgraph: its HTTP server and database, and how to stop both. */
export interface RunningApp {
  readonly app: FastifyInstance;
  readonly database: Database;
  /** Where committed writes are announced, to this instance's subscribers (and, on Redis, every instance's). */
  readonly pubsub: NewsPubSub;
  /** The address it listens on, e.g. http://127.0.0.1:4000. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Initialises a database and applies pending migrations. */
async function prepare(database: Database, log: Logger): Promise<void> {
  await database.dataSource.initialize();
  const applied = await runPendingMigrations(database.dataSource);
  if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, "migrations applied");
}

/** Opens the database, applies pending migrations and returns it ready for use. */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  const database = createDatabase(config.database, log);
  try {
    await prepare(database, log);
    return database;
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
}

/**
 * Start-up. The HTTP server listens as soon as the schema is built; then the database is opened,
 * migrated and (when empty) seeded: creating an embedded database takes seconds on a first start,
 * and GraphiQL and /healthz need none of it. GraphQL requests wait for the database; /readyz
 * answers 503 until it is ready. Resolves once everything is ready. The port is taken before the
 * database is touched, so a second `serve` on the same port never opens the data directory.
 */
export async function startApp(
  config: Config,
  log: Logger,
  options: {
    listen?: boolean;
    /** Use this database (not yet initialised) instead of creating one from the config. */
    database?: () => Database;
  } = {},
): Promise<RunningApp> {
  const started = Date.now();
  let openDatabaseNow!: () => void;
  const opening = new Promise<void>((resolve) => (openDatabaseNow = resolve));
  let database: Database | undefined;
  const ready = opening.then(async () => {
    database = options.database ? options.database() : createDatabase(config.database, log, { statementTimeoutMs: config.limits.statementTimeoutMs });
    await prepare(database, log);
    if (config.seedDemoData) {
      const { seeded } = await seedDemoDataInTransaction(database.dataSource);
      if (seeded) log.info("demo data loaded into the empty database");
    }
  });
  // Observed here so that a failure before anyone awaits it is not an unhandled rejection.
  ready.catch(() => undefined);

  let server: Awaited<ReturnType<typeof createServer>> | undefined;
  let pubsub: PubSubHandle | undefined;
  let local: Awaited<ReturnType<typeof openLocalSocket>> = null;
  let url = "";
  try {
    pubsub = await createPubSubHandle(config, log);
    server = await createServer({ config, log, database: () => database!, ready, pubsub: pubsub.pubsub });
    if (options.listen !== false) {
      url = await server.app.listen({ host: config.host, port: config.port });
      log.info({ url: `${url}/graphql` }, "listening; opening the database");
    } else {
      await server.app.ready();
    }
    openDatabaseNow();
    await ready;
    // This process now owns the embedded data directory: local commands go through it.
    if (url && config.database.kind === "pglite" && !config.database.dataDir.startsWith("memory://")) {
      local = await openLocalSocket(server.app, config.database.dataDir, log);
    }
  } catch (err) {
    await local?.close().catch(() => undefined);
    await server?.apollo.stop().catch(() => undefined);
    await database?.close().catch(() => undefined);
    await pubsub?.close().catch(() => undefined);
    throw err;
  }
  if (url) log.info({ url: `${url}/graphql`, database: config.database.kind, ms: Date.now() - started }, "newsgraph ready");
  const { app, apollo } = server;
  const opened = database!;
  const openedPubSub = pubsub!;
  const localSocket = local;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Apollo's drain plugins close fastify (no new connections, in-flight requests finish) and
      // the subscription sockets (1001); the pub/sub closes last, after the writes announced on it.
      await localSocket?.close();
      await apollo.stop();
      await opened.close();
      await openedPubSub.close();
    })());
  return { app, database: opened, pubsub: openedPubSub.pubsub, url, stop };
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
