import "../src/production";
import "reflect-metadata";
import pino from "pino";
import { startApp } from "../src/app";
import { generateApiKey } from "../src/auth/api-key";
import { loadConfig } from "../src/config";

/**
 * Write benchmark: `upsertArticle` over HTTP with an editor key, each article carrying 5 quotes (by
 * speakers drawn from a pool of 200 people at 20 organizations), 2 topics, 2 images and an event.
 * Runs three passes over the same articles: creating them, sending them again unchanged, and
 * sending them with a changed body. Prints articles/s, SQL statements per article and memory.
 *
 *   npm run bench:writes                                  # PGlite in memory
 *   DATABASE_URL=postgres://... npm run bench:writes      # PostgreSQL (use an empty scratch database)
 *   BENCH_ARTICLES=2000 BENCH_CONCURRENCY=8 npm run bench:writes
 */
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const MUTATION = `mutation($input: ArticleInput!) { upsertArticle(input: $input) { status article { id } } }`;

function article(i: number, run: string, edited: boolean) {
  const speakers = Array.from({ length: 5 }, (_, k) => (i * 7 + k * 13) % 200);
  const quotes = speakers.map((s, k) => ({
    text: `Quote ${k} of article ${i}: the talks were useful and the allies agree.`,
    channel: k % 2 ? "told reporters" : "in an emailed statement",
    speaker: { name: `Bench Person ${s}`, title: "analyst", organization: `Bench Institute ${s % 20}` },
  }));
  const body = quotes.map((q) => `“${q.text}” said someone. More words around the quote to fill a paragraph.`).join("\n\n") + (edited ? "\n\nUpdated." : "");
  return {
    url: `https://bench.example.com/${run}/${i}`,
    headline: `Benchmark article ${i} ${run}`,
    body,
    publishedAt: new Date(Date.UTC(2021, 2, 14) - i * 60_000).toISOString(),
    publisher: { name: "VOA" },
    topics: [{ name: `Bench topic ${i % 10}` }, { name: "Diplomacy" }],
    images: [{ caption: `Photo ${i}` }, { caption: `Second photo ${i}` }],
    quotes,
    events: [{ title: `Bench meeting ${i % 50}`, kind: "MEETING", startsOn: "2021-03-15", places: [{ name: "Tokyo" }], participants: [{ name: `Bench Person ${speakers[0]}` }] }],
  };
}

async function pass(url: string, key: string, run: string, edited: boolean): Promise<{ seconds: number; statements: number; statuses: Record<string, number> }> {
  let next = 0;
  let statements = 0;
  const statuses: Record<string, number> = {};
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < ARTICLES; i = next++) {
        const res = await fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
          body: JSON.stringify({ query: MUTATION, variables: { input: article(i, run, edited) } }),
        });
        const body = (await res.json()) as { data?: { upsertArticle: { status: string } }; errors?: unknown };
        if (body.errors || !body.data) throw new Error(`upsert failed: ${JSON.stringify(body.errors).slice(0, 500)}`);
        statuses[body.data.upsertArticle.status] = (statuses[body.data.upsertArticle.status] ?? 0) + 1;
        statements += Number(res.headers.get("x-sql-statements"));
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, statements, statuses };
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NEWSGRAPH_DATA_DIR: process.env.NEWSGRAPH_DATA_DIR ?? "memory://", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent" });
  const running = await startApp(config, pino({ level: "silent" }));
  const { key, prefix, hash } = generateApiKey();
  await running.database.dataSource.query(`INSERT INTO api_key (name, role, prefix, secret_hash) VALUES ('bench', 'editor', $1, $2)`, [prefix, hash]);
  const run = Date.now().toString(36);
  const passes: Record<string, unknown> = {};
  for (const [name, edited] of [["create", false], ["unchanged", false], ["changed body", true]] as const) {
    const r = await pass(running.url, key, run, edited);
    passes[name] = { articlesPerSecond: Math.round(ARTICLES / r.seconds), seconds: Number(r.seconds.toFixed(2)), sqlStatementsPerArticle: Number((r.statements / ARTICLES).toFixed(1)), statuses: r.statuses };
  }
  const memory = process.memoryUsage();
  process.stdout.write(
    JSON.stringify(
      {
        benchmark: "upsertArticle over HTTP: 5 quotes, 2 topics, 2 images, 1 event per article",
        database: running.database.kind,
        articles: ARTICLES,
        concurrency: CONCURRENCY,
        passes,
        rssMiB: Math.round(memory.rss / 2 ** 20),
      },
      null,
      2,
    ) + "\n",
  );
  await running.database.dataSource.query(`DELETE FROM article WHERE url LIKE $1`, [`https://bench.example.com/${run}/%`]);
  await running.database.dataSource.query(`DELETE FROM api_key WHERE prefix = $1`, [prefix]);
  await running.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
