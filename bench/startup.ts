import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { startApp } from "../src/app";
import { loadConfig } from "../src/config";

/**
 * Start-up time on embedded PGlite: a first start (create the data directory, migrate, seed) and a
 * restart over the same directory, each until the server listens. `npm run bench:startup`.
 */
async function timeStart(dataDir: string): Promise<number> {
  const started = performance.now();
  const running = await startApp(loadConfig({ NEWSGRAPH_DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent" }), pino({ level: "silent" }));
  const ms = performance.now() - started;
  await running.stop();
  return Math.round(ms);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-bench-"));
  try {
    const first = await timeStart(path.join(dir, "db"));
    const restart = await timeStart(path.join(dir, "db"));
    process.stdout.write(JSON.stringify({ benchmark: "start-up on PGlite until listening", firstStartMs: first, restartMs: restart }, null, 2) + "\n");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
