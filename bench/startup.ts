import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { startApp } from "../src/app";
import { loadConfig } from "../src/config";

/**
 * Start-up time on embedded PGlite: a first start (create the data directory, migrate, seed) and a
 * restart over the same directory; for each, the time until the server listens (GraphiQL served)
 * and until the database is ready. `npm run bench:startup`.
 */
async function timeStart(dataDir: string): Promise<{ listeningMs: number; readyMs: number }> {
  const started = performance.now();
  let listeningMs = NaN;
  const log = pino({ level: "info" }, { write: (line: string) => { if (line.includes("listening; opening the database")) listeningMs = Math.round(performance.now() - started); } });
  const running = await startApp(loadConfig({ NEWSGRAPH_DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "0" }), log);
  const readyMs = Math.round(performance.now() - started);
  await running.stop();
  return { listeningMs, readyMs };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-bench-"));
  try {
    const first = await timeStart(path.join(dir, "db"));
    const restart = await timeStart(path.join(dir, "db"));
    process.stdout.write(JSON.stringify({ benchmark: "start-up on PGlite", firstStart: first, restart }, null, 2) + "\n");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
