import "../src/production";
import "reflect-metadata";
import fs from "node:fs";
import readline from "node:readline";
import { Client } from "pg";
import pino from "pino";
import { ArticleInput } from "../src/article/article-write.inputs";
import { ArticleWrites } from "../src/article/article.writes";
import { validateInput } from "../src/common/validation";
import { loadConfig } from "../src/config";
import { createContext } from "../src/context";
import { createDatabase } from "../src/db/data-source";
import { createPubSubHandle } from "../src/pubsub/pubsub";
import { createSchema } from "../src/schema";
import { generateFile } from "./generate-articles";

/**
 * Import benchmark: streams an NDJSON file of ArticleInput lines (bench/generate-articles.ts makes
 * one when it is missing), validates each line as the API would, and writes them with
 * `ArticleWrites.upsertMany` in batches, as a local editor (what `newsgraph import` does). Runs the
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
const BATCH = Number(process.env.BENCH_BATCH ?? 250);
/** Batches in flight at once, each in its own transaction on its own connection: 1 writes them one after another. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
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

    const pass = async (name: string): Promise<PassResult> => {
      const statuses: Record<string, number> = {};
      const errors: string[] = [];
      let parse = 0n;
      let db = 0n;
      let statements = 0;
      let batches = 0;
      let articles = 0;
      let batch: ArticleInput[] = [];
      const inFlight = new Set<Promise<void>>();
      const write = async (inputs: ArticleInput[], n: number) => {
        const ctx = createContext({ config, dataSource: database.dataSource, log, requestId: `bench-${name}-${n}`, pubsub: handle.pubsub, authorization: { local: null } });
        const t = process.hrtime.bigint();
        const results = await ArticleWrites.upsertMany(ctx, inputs);
        db += process.hrtime.bigint() - t;
        statements += ctx.sql.statements;
        for (const r of results) {
          if (r instanceof Error) errors.push(r.message);
          else statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        }
      };
      // While the database writes one batch, the next is parsed and validated.
      const flush = async () => {
        if (!batch.length) return;
        const p: Promise<void> = write(batch, batches++).finally(() => inFlight.delete(p));
        inFlight.add(p);
        batch = [];
        if (inFlight.size >= CONCURRENCY) await Promise.race(inFlight);
      };
      const started = process.hrtime.bigint();
      const lines = readline.createInterface({ input: fs.createReadStream(FILE), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line.trim()) continue;
        const t = process.hrtime.bigint();
        const checked = validateInput(schema, ArticleInput, JSON.parse(line), "");
        parse += process.hrtime.bigint() - t;
        articles++;
        if (checked.errors) errors.push(`line ${articles}: ${checked.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`);
        else batch.push(checked.value);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      await Promise.all(inFlight);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      return {
        articles,
        seconds: Number(seconds.toFixed(2)),
        articlesPerSecond: Math.round(articles / seconds),
        statuses,
        errors: errors.slice(0, 5),
        statementsPerBatch: Number((statements / Math.max(batches, 1)).toFixed(1)),
        parseValidateSeconds: Number((Number(parse) / 1e9).toFixed(2)),
        databaseSeconds: Number((Number(db) / 1e9).toFixed(2)),
        note: CONCURRENCY > 1 ? `databaseSeconds adds up the ${CONCURRENCY} overlapping batches' waits` : undefined,
      };
    };

    const first = await pass("create");
    const second = await pass("unchanged");
    const counts = await database.dataSource.query(
      `SELECT (SELECT count(*) FROM article)::int AS articles, (SELECT count(*) FROM quote)::int AS quotes, (SELECT count(*) FROM expert)::int AS experts,
              (SELECT count(*) FROM organization)::int AS organizations, (SELECT count(*) FROM place)::int AS places, (SELECT count(*) FROM event)::int AS events`,
    );
    process.stdout.write(
      JSON.stringify(
        {
          benchmark: "import: NDJSON → validateInput → ArticleWrites.upsertMany, one transaction per batch",
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
