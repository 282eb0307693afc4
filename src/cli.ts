#!/usr/bin/env node
import "./production";
import "reflect-metadata";
import { Command } from "commander";
import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./logger";
import { handleSignals, openDatabase, startApp } from "./app";
import { CommandError, keysCommand } from "./auth/api-key.commands";
import { DataDirInUseError } from "./db/data-dir-lock";
import { createDatabase } from "./db/data-source";
import { importCommand } from "./ingest/import.command";

function fail(err: unknown): never {
  if (err instanceof CommandError) {
    process.stderr.write(`newsgraph: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  if (err instanceof ConfigError || err instanceof DataDirInUseError) {
    process.stderr.write(`newsgraph: ${err.message}\n`);
    process.exit(2);
  }
  if ((err as NodeJS.ErrnoException)?.code === "EADDRINUSE") {
    process.stderr.write(`newsgraph: the port is already in use (${(err as Error).message}); set PORT or pass --port\n`);
    process.exit(2);
  }
  process.stderr.write(`newsgraph: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}

const program = new Command()
  .name("newsgraph")
  .description("GraphQL server for news: articles, quotes, experts, organizations, places, topics and events.");

program
  .command("serve")
  .description("Apply migrations, load the demo data into an empty database, and serve GraphQL and GraphiQL on /graphql")
  .option("-p, --port <port>", "port (overrides PORT)")
  .option("--host <host>", "host (overrides HOST)")
  .action(async (opts: { port?: string; host?: string }) => {
    try {
      const config = loadConfig({ ...process.env, ...(opts.port ? { PORT: opts.port } : {}), ...(opts.host ? { HOST: opts.host } : {}) });
      const log = createLogger(config);
      // A signal that arrives while starting (or just after "ready" is logged) is held and acted on
      // once the graceful handlers are in place, rather than killing the process mid-start.
      let held: NodeJS.Signals | undefined;
      const hold = (signal: NodeJS.Signals) => (held = signal);
      process.on("SIGTERM", hold).on("SIGINT", hold);
      const running = await startApp(config, log);
      handleSignals(running, log, config.shutdownGraceMs);
      process.off("SIGTERM", hold).off("SIGINT", hold);
      if (held) process.kill(process.pid, held);
    } catch (err) {
      fail(err);
    }
  });

program
  .command("migrate")
  .description("Apply pending migrations and exit")
  .option("--show", "list migrations and whether each is applied, without applying")
  .action(async (opts: { show?: boolean }) => {
    try {
      const config = loadConfig();
      const log = createLogger(config);
      if (opts.show) {
        const database = createDatabase(config.database);
        await database.dataSource.initialize();
        const executed = new Set((await database.dataSource.query(`SELECT name FROM migrations`).catch(() => [])).map((r: { name: string }) => r.name));
        for (const m of database.dataSource.migrations) process.stdout.write(`${executed.has(m.name!) ? "[X]" : "[ ]"} ${m.name}\n`);
        await database.close();
        return;
      }
      const database = await openDatabase(config, log);
      await database.close();
      process.stdout.write("migrations are up to date\n");
    } catch (err) {
      fail(err);
    }
  });

program.addCommand(keysCommand(fail));
program.addCommand(importCommand(fail));

program.parseAsync(process.argv).catch(fail);
