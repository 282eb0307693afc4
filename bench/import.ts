import "../src/production";
import "reflect-metadata";
import fs from "node:fs";
import { Client } from "pg";
import pino from "pino";
import { loadConfig } from "../src/config";
import { createDatabase } from "../src/db/data-source";
import { createPubSubHandle } from "../src/pubsub/pubsub";
import { createSchema } from "../src/schema";
import { localSink, runImport } from "../src/ingest/import";
import { readRecords, where } from "../src/ingest/records";
import { generateFile } from "./generate-articles";

/**
 * Import benchmark: runs `newsgraph import`'s pipeline (`runImport` with the local sink) on an
 * NDJSON file of ArticleInput lines (bench/generate-articles.ts makes one when it is missing):
 * streamed, each line checked as the API would, written with `ArticleWrites.upsertMany` in
 * batches, as a local editor. Runs the
 * file twice: the first import creates everything, the second finds it all UNCHANGED. Prints
 * articles/s, statements per batch, the time split between parsing/validating and the database,
 * and peak RSS.
 *
 *   npm run bench:import                                   # 10,000 articles, scratch PostgreSQL database on 127.0.0.1:5432
 *   BENCH_COUNT=2000 BENCH_BATCH=500 BENCH_CONCURRENCY=1 npm run bench:import
 *   DATABASE_URL=postgres://... npm run bench:import       # an existing (empty, migrated or not) database, left in place
 *   BENCH_FILE=/tmp/articles.ndjson npm run bench:import
 */
const COUNT = Number(process.env.BENCH_COUNT ?? 10_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
/** Batches in flight at once, each in its own transaction on its own connection: 1 writes them one after another. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 3);
const FILE = process.env.BENCH_FILE ?? `/tmp/newsgraph-bench-articles-${COUNT}.ndjson`;
const SERVER = process.env.BENCH_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `newsgraph_bench_import_${process.pid}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: SERVER });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

interface PassResult {
  articles: number;
  seconds: number;
  articlesPerSecond: number;
  statuses: Record<string, number>;
  errors: string[];
  statementsPerBatch: number;
  parseValidateSeconds: number;
  databaseSeconds: number;
  note?: string;
}

async function main(): Promise<void> {
  if (!fs.existsSync(FILE)) {
    process.stderr.write(`generating ${COUNT} articles into ${FILE}\n`);
    await generateFile(FILE, COUNT);
  }
  const scratch = process.env.DATABASE_URL ? undefined : await scratchDatabase();
  const config = loadConfig({ ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? scratch!.url, LOG_LEVEL: "silent" });
  const log = pino({ level: "silent" });
  const database = createDatabase(config.database, log);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    await database.dataSource.initialize();
    await database.dataSource.runMigrations({ transaction: "each" });
    const schema = await createSchema();
    const handle = await createPubSubHandle(config, log);

    // The import command's own pipeline: records streamed from the file, checked as the API would,
    // written in batches through the local sink.
    const pass = async (): Promise<PassResult> => {
      const sink = localSink({ database, config, log, pubsub: handle.pubsub });
      const s = await runImport(readRecords([FILE], { format: "ndjson" }), sink, { schema, batchSize: BATCH, concurrency: CONCURRENCY });
      return {
        articles: s.read,
        seconds: Number(s.seconds.toFixed(2)),
        articlesPerSecond: Math.round(s.read / s.seconds),
        statuses: { CREATED: s.created, UPDATED: s.updated, UNCHANGED: s.unchanged },
        errors: s.errors.slice(0, 5).map((e) => `${where(e.at)}: ${e.message}`),
        statementsPerBatch: Number((sink.stats.statements / Math.max(sink.stats.batches, 1)).toFixed(1)),
        parseValidateSeconds: Number(s.prepareSeconds.toFixed(2)),
        databaseSeconds: Number(sink.stats.databaseSeconds.toFixed(2)),
        note: CONCURRENCY > 1 ? `databaseSeconds adds up the ${CONCURRENCY} overlapping batches' waits` : undefined,
      };
    };

    const first = await pass();
    const second = await pass();
    const counts = await database.dataSource.query(
      `SELECT (SELECT count(*) FROM article)::int AS articles, (SELECT count(*) FROM quote)::int AS quotes, (SELECT count(*) FROM expert)::int AS experts,
              (SELECT count(*) FROM organization)::int AS organizations, (SELECT count(*) FROM place)::int AS places, (SELECT count(*) FROM event)::int AS events`,
    );
    process.stdout.write(
      JSON.stringify(
        {
          benchmark: "import: NDJSON streamed → checked as the API checks → ArticleWrites.upsertMany, one transaction per batch (the `newsgraph import` pipeline)",
          database: config.database.kind,
          file: FILE,
          batch: BATCH,
          concurrency: CONCURRENCY,
          passes: { "first import (created)": first, "second import (unchanged)": second },
          rows: counts[0],
          peakRssMiB: Math.round(Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20),
        },
        null,
        2,
      ) + "\n",
    );
    await handle.close();
  } finally {
    clearInterval(sampler);
    await database.close();
    await scratch?.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
