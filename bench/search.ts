import "../src/production";
import "reflect-metadata";
import { Client } from "pg";
import pino from "pino";
import { startApp } from "../src/app";
import { loadConfig } from "../src/config";

/**
 * Search benchmark: `articles(filter: { search }, first: 10) { totalCount nodes { headline } }`
 * through the whole pipeline (fastify inject → Apollo → resolvers → PostgreSQL), one request at a
 * time, in alternating rounds with two hand-written statements on the same database: the limit
 * (one statement: page ranked on `search_rank` plus the exact count) and the shape before
 * migration 1764547200000 (ranked on the full `search` vector, counted in a second statement).
 * Prints p50/p95/p99 per contender, and the hit count.
 *
 * The corpus is bench/generate-articles.ts imported by bench/import.ts into a database left in place:
 *
 *   psql -c 'CREATE DATABASE search_bench_100k'
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_bench_100k BENCH_COUNT=100000 npm run bench:import
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_bench_100k npm run bench:search -- --articles 100000
 *
 * Options: --articles N (checks the corpus has N articles), --search "tokyo summit",
 * --requests N per round (default 200), --rounds N (default 3).
 */
function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const ARTICLES = Number(option("articles", "100000"));
const SEARCH = option("search", "tokyo summit");
const REQUESTS = Number(option("requests", "200"));
const ROUNDS = Number(option("rounds", "3"));

const QUERY = `query ($q: String!) { articles(filter: { search: $q }, first: 10) { totalCount totalCountIsEstimate nodes { headline } } }`;
const TSQUERY = `websearch_to_tsquery('english'::regconfig, $1)`;
const LIMIT_SQL = `
  SELECT (SELECT count(*) FROM article WHERE search @@ ${TSQUERY}) AS total,
         (SELECT json_agg(json_build_object('headline', headline)) FROM (
            SELECT headline FROM article WHERE search @@ ${TSQUERY}
            ORDER BY ts_rank_cd(search_rank, ${TSQUERY}) DESC, id DESC LIMIT 10) p) AS nodes`;
const BEFORE_PAGE_SQL = `SELECT headline FROM article WHERE search @@ ${TSQUERY} ORDER BY ts_rank_cd(search, ${TSQUERY}) DESC, id DESC LIMIT 11`;
const BEFORE_COUNT_SQL = `SELECT count(*) FROM article WHERE search @@ ${TSQUERY}`;

function percentiles(ms: number[]): { p50: number; p95: number; p99: number; mean: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Number(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!.toFixed(2));
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: Number((s.reduce((a, b) => a + b, 0) / s.length).toFixed(2)) };
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL must name a PostgreSQL database holding the corpus (see the header of bench/search.ts)");
  const config = loadConfig({ ...process.env, NEWSGRAPH_SEED_DEMO: "false", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent" });
  const running = await startApp(config, pino({ level: "silent" }), { listen: false });
  const sql = new Client({ connectionString: url });
  await sql.connect();
  await sql.query("SET jit = off"); // as the app's sessions run
  try {
    await running.app.inject({ method: "GET", url: "/readyz" });
    const [{ n }] = (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM article`)).rows;
    if (n !== ARTICLES) throw new Error(`the corpus has ${n} articles, not --articles ${ARTICLES}`);

    const viaApi = async () => {
      const res = await running.app.inject({ method: "POST", url: "/graphql", headers: { "content-type": "application/json" }, payload: JSON.stringify({ query: QUERY, variables: { q: SEARCH } }) });
      const body = JSON.parse(res.body);
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data.articles as { totalCount: number; totalCountIsEstimate: boolean; nodes: Array<{ headline: string }> };
    };
    const viaLimit = async () => (await sql.query(LIMIT_SQL, [SEARCH])).rows[0] as { total: string; nodes: Array<{ headline: string }> };
    const viaBefore = async () => {
      await sql.query(BEFORE_PAGE_SQL, [SEARCH]);
      await sql.query(BEFORE_COUNT_SQL, [SEARCH]);
    };

    // Same answer from the API and the limit statement, and a warm cache for both.
    const api = await viaApi();
    const limit = await viaLimit();
    if ((!api.totalCountIsEstimate && api.totalCount !== Number(limit.total)) || JSON.stringify(api.nodes) !== JSON.stringify(limit.nodes)) {
      throw new Error(`the API and the limit statement disagree: ${JSON.stringify(api)} vs ${JSON.stringify(limit)}`);
    }
    const contenders: Record<string, () => Promise<unknown>> = {
      "newsgraph (GraphQL, page + totalCount)": viaApi,
      "limit: one hand-written statement (page ranked on search_rank + count)": viaLimit,
      "before: ts_rank_cd over full search vector, then count (2 statements)": viaBefore,
    };
    for (const run of Object.values(contenders)) for (let i = 0; i < 20; i++) await run();

    const times: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, run] of Object.entries(contenders)) {
        for (let i = 0; i < REQUESTS; i++) {
          const t = process.hrtime.bigint();
          await run();
          times[name]!.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
      }
    }
    const results = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, percentiles(v)]));
    const ours = results["newsgraph (GraphQL, page + totalCount)"]!;
    const lim = results["limit: one hand-written statement (page ranked on search_rank + count)"]!;
    process.stdout.write(
      JSON.stringify(
        {
          benchmark: `search "${SEARCH}", first: 10 with totalCount, one request at a time`,
          database: "postgres",
          articles: n,
          hits: Number(limit.total),
          totalCount: api.totalCount,
          totalCountIsEstimate: api.totalCountIsEstimate,
          requests: `${ROUNDS} rounds × ${REQUESTS} per contender, alternating`,
          latencyMs: results,
          newsgraphP95VsLimitP95: Number((ours.p95 / lim.p95).toFixed(2)),
          target: `p95 < 50 ms: ${ours.p95 < 50 ? "met" : "NOT met"} (${ours.p95} ms)`,
        },
        null,
        2,
      ) + "\n",
    );
  } finally {
    await sql.end();
    await running.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
