import "../src/production";
import "reflect-metadata";
import autocannon from "autocannon";
import pino from "pino";
import { startApp } from "../src/app";
import { loadConfig } from "../src/config";

/**
 * Front-page benchmark: `articles(first: 20)` with quotes, speakers and their organizations,
 * against the configured database (DATABASE_URL, else PGlite in memory) filled with synthetic
 * articles. Prints requests/s, latency, SQL statements per request and memory.
 *
 *   npm run bench                                  # PGlite
 *   DATABASE_URL=postgres://... npm run bench      # PostgreSQL (use an empty scratch database)
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=16 BENCH_ARTICLES=2000 npm run bench
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 500);

export const FRONT_PAGE = `query FrontPage {
  articles(first: 20) {
    edges { node { id headline publishedAt quotes { text channel speaker { name ... on Expert { title organization { name } } } } } }
  }
}`;

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NEWSGRAPH_DATA_DIR: process.env.NEWSGRAPH_DATA_DIR ?? "memory://", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent" });
  const running = await startApp(config, pino({ level: "silent" }));
  const db = running.database.dataSource;
  await db.query(
    `INSERT INTO article (slug, headline, body, published_at)
     SELECT 'bench-' || g, 'Benchmark article ' || g, repeat('Words in the body of a benchmark article. ', 60), now() - g * interval '1 minute'
     FROM generate_series(1, $1::int) g ON CONFLICT (slug) DO NOTHING`,
    [ARTICLES],
  );
  await db.query(
    `INSERT INTO quote (text, article_id, speaker_expert_id, channel, position)
     SELECT 'Benchmark quote ' || n, a.id, (SELECT id FROM expert ORDER BY slug OFFSET (n % 10) LIMIT 1), 'told reporters', n
     FROM article a CROSS JOIN generate_series(0, 4) n
     WHERE a.slug LIKE 'bench-%' AND NOT EXISTS (SELECT 1 FROM quote q WHERE q.article_id = a.id)`,
  );

  const check = await running.app.inject({ method: "POST", url: "/graphql", payload: { query: FRONT_PAGE } });
  const body = JSON.parse(check.body);
  if (body.errors || body.data.articles.edges.length !== 20) throw new Error(`front page query failed: ${check.body.slice(0, 500)}`);
  const statements = check.headers["x-sql-statements"];

  const result = await autocannon({
    url: `${running.url}/graphql`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: FRONT_PAGE }),
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  const memory = process.memoryUsage();
  const line = {
    benchmark: "front page: articles(first: 20) with quotes → speaker → organization",
    database: running.database.kind,
    articles: ARTICLES,
    connections: CONNECTIONS,
    seconds: SECONDS,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 },
    errors: result.errors + result.non2xx,
    sqlStatementsPerRequest: Number(statements),
    rssMiB: Math.round(memory.rss / 2 ** 20),
    heapUsedMiB: Math.round(memory.heapUsed / 2 ** 20),
  };
  process.stdout.write(JSON.stringify(line, null, 2) + "\n");
  await db.query(`DELETE FROM article WHERE slug LIKE 'bench-%'`);
  await running.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
