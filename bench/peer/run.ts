import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { Client } from "pg";
import { generateFile } from "../generate-articles";
import { firstDifference } from "./compare";
import { allPages, frontPage, POSTGRAPHILE_FUNCTIONS, type Page, type PageParams } from "./pages";

/**
 * `npm run bench:peer`: newsgraph against PostGraphile v5 (amber preset, reflecting newsgraph's
 * tables) and against a one-statement limit server (node:http + pg, one prepared hand-written
 * statement per page), on the same scratch PostgreSQL database filled by the real importer.
 * Checks that the three answer the same, item by item, then loads each page with autocannon in
 * alternating rounds and prints req/s, p50/p95/p99, statements per request, server RSS and the ratios
 * to PostGraphile and to the limit (from the same round), each with its spread over the rounds.
 *
 *   npm run bench:peer                                     # 20,000 articles, 3 rounds × 20 s, 16 connections
 *   npm run bench:peer -- --articles 2000 --seconds 5 --rounds 2
 *   npm run bench:peer -- --newsgraph-env NEWSGRAPH_PLANNER=off --newsgraph-env DATABASE_POOL_SIZE=20
 *   npm run bench:peer -- --keep --json /tmp/peer.json
 *   npm run bench:peer -- --cached                          # adds a row: newsgraph with NEWSGRAPH_RESPONSE_CACHE=on
 */

const HELP = `Usage: npm run bench:peer -- [options]

  --articles <n>          corpus size (default 20000; generated once into /tmp, reused)
  --seconds <n>           measured seconds per page and server (default 20)
  --warmup <n>            warm-up seconds before each measurement (default 5)
  --connections <n>       autocannon connections (default 16)
  --rounds <n>            alternating rounds (default 3)
  --pages <a,b>           only these pages (front,article,expert,search,xsearch,topic,events,finder,
                          finder-count,facets,related,timeline,front-5,front-50; front-5 and front-50 run on newsgraph
                          and the limit, and the report gives each one's first: 50 ÷ first: 5)
  --newsgraph-env K=V     extra environment for the newsgraph server (repeatable)
  --cached                also run newsgraph with its response cache on (NEWSGRAPH_RESPONSE_CACHE=on),
                          as its own row "newsgraph cached", on the port after the limit's
  --port <n>              first of three ports: newsgraph, PostGraphile, limit (default 4310)
  --server <url>          PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
  --database <url>        use this already imported database instead of a scratch one (left in place)
  --keep                  keep the scratch database (peer_bench_<pid>)
  --scratch-prefix <s>    name the scratch database <s><pid> (default peer_bench_)
  --json <file>           also write every measurement as JSON
`;

interface Options {
  articles: number;
  seconds: number;
  warmup: number;
  connections: number;
  rounds: number;
  pages: string[] | null;
  newsgraphEnv: Record<string, string>;
  port: number;
  server: string;
  database: string | null;
  keep: boolean;
  json: string | null;
  cached: boolean;
  scratchPrefix: string;
}

export function parseOptions(argv: string[]): Options {
  const o: Options = {
    articles: 20_000,
    seconds: 20,
    warmup: 5,
    connections: 16,
    rounds: 3,
    pages: null,
    newsgraphEnv: {},
    port: 4310,
    server: "postgres://postgres@127.0.0.1:5432/postgres",
    database: null,
    keep: false,
    json: null,
    cached: false,
    scratchPrefix: "peer_bench_",
  };
  const num = (name: string, v: string | undefined): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a number, got ${JSON.stringify(v)}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = (): string => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${a} needs a value`);
      return value;
    };
    if (a === "--articles") o.articles = num("articles", v());
    else if (a === "--seconds") o.seconds = num("seconds", v());
    else if (a === "--warmup") o.warmup = num("warmup", v());
    else if (a === "--connections") o.connections = num("connections", v());
    else if (a === "--rounds") o.rounds = Math.max(1, num("rounds", v()));
    else if (a === "--pages") o.pages = v().split(",").map((s) => s.trim()).filter(Boolean);
    else if (a === "--newsgraph-env") {
      const kv = v();
      const eq = kv.indexOf("=");
      if (eq <= 0) throw new Error(`--newsgraph-env needs KEY=VALUE, got ${JSON.stringify(kv)}`);
      o.newsgraphEnv[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a === "--port") o.port = num("port", v());
    else if (a === "--server") o.server = v();
    else if (a === "--database") o.database = v();
    else if (a === "--keep") o.keep = true;
    else if (a === "--cached") o.cached = true;
    else if (a === "--scratch-prefix") {
      o.scratchPrefix = v();
      if (!/^[a-z_][a-z0-9_]{0,40}$/.test(o.scratchPrefix)) throw new Error(`--scratch-prefix needs lower-case letters, digits and _, got ${JSON.stringify(o.scratchPrefix)}`);
    }
    else if (a === "--json") o.json = v();
    else if (a === "--help" || a === "-h") {
      process.stdout.write(HELP);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n\n${HELP}`);
  }
  return o;
}

const ROOT = path.resolve(__dirname, "../../..");
const CLI = path.join(ROOT, "dist/src/cli.js");
const log = (line: string): void => void process.stderr.write(`${line}\n`);

function withDatabase(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(server: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", 2, 2] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}`))));
  });
}

/** Migrations and the real importer (`newsgraph import`), into the scratch database. */
async function importCorpus(url: string, articles: number): Promise<void> {
  const file = `/tmp/newsgraph-bench-articles-${articles}.ndjson`;
  if (!fs.existsSync(file)) {
    log(`generating ${articles} articles into ${file}`);
    await generateFile(file, articles);
  }
  const env = { ...process.env, DATABASE_URL: url, NEWSGRAPH_SEED_DEMO: "false", LOG_LEVEL: "warn" };
  await run([CLI, "migrate"], env);
  log(`importing ${file}`);
  const started = Date.now();
  await run([CLI, "import", "--no-progress", file], env);
  log(`imported in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function prepare(url: string): Promise<PageParams> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    for (const sql of POSTGRAPHILE_FUNCTIONS) await c.query(sql.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"));
    await c.query("VACUUM ANALYZE");
    const one = async (sql: string): Promise<Record<string, string>> => {
      const r = await c.query(sql);
      if (!r.rows[0]) throw new Error(`the corpus has nothing for: ${sql}`);
      return r.rows[0] as Record<string, string>;
    };
    const article = await one(`SELECT slug FROM article a
      WHERE EXISTS (SELECT 1 FROM event_article l WHERE l.article_id = a.id) AND EXISTS (SELECT 1 FROM article_expert l WHERE l.article_id = a.id)
        AND EXISTS (SELECT 1 FROM article_image i WHERE i.article_id = a.id)
      ORDER BY published_at DESC, id DESC LIMIT 1`);
    const expert = await one(`SELECT slug FROM expert x ORDER BY (SELECT count(*) FROM quote q WHERE q.speaker_expert_id = x.id) DESC, slug LIMIT 1`);
    const topic = await one(`SELECT slug FROM topic t ORDER BY (SELECT count(*) FROM article_topic l WHERE l.topic_id = t.id) DESC, slug LIMIT 1`);
    const range = await one(`SELECT to_char(min(starts_on) + (max(starts_on) - min(starts_on)) / 4, 'YYYY-MM-DD') AS "from",
      to_char(min(starts_on) + (max(starts_on) - min(starts_on)) / 4 + 60, 'YYYY-MM-DD') AS "to" FROM event`);
    // The expert finder's window: the last third of the corpus's publication times.
    const window = await one(`SELECT to_json(max(published_at) - (max(published_at) - min(published_at)) / 3) #>> '{}' AS "after" FROM article`);
    return { articleSlug: article.slug!, expertSlug: expert.slug!, topicSlug: topic.slug!, from: range.from!, to: range.to!, search: "tokyo summit", quotedAfter: new Date(window.after!).toISOString() };
  } finally {
    await c.end();
  }
}

/** `cached`: newsgraph with NEWSGRAPH_RESPONSE_CACHE=on (`--cached`). */
type ServerName = "newsgraph" | "cached" | "postgraphile" | "limit";
const SERVER_LABEL: Record<ServerName, string> = { newsgraph: "newsgraph", cached: "newsgraph cached", postgraphile: "postgraphile", limit: "limit" };

interface Server {
  name: ServerName;
  child: ChildProcess;
  port: number;
  /** The HTTP request a page is, for autocannon and for the check. */
  request(page: Page): { path: string; method: "GET" | "POST"; body?: string } | null;
  /** Statements sent to PostgreSQL so far (peers count them themselves), or null. */
  statements(): Promise<number | null>;
}

function startProcess(args: string[], env: NodeJS.ProcessEnv, name: string): ChildProcess {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
    if (err.length > 20_000) err = err.slice(-10_000);
  });
  child.on("exit", (code, signal) => {
    if (code && code !== 0) log(`${name} exited with ${code ?? signal}: ${err.slice(-2000)}`);
  });
  return child;
}

async function waitUntilUp(port: number, name: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before listening`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ __typename }"}' });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not answer on port ${port} within 120 s`);
}

async function startServers(o: Options, url: string, params: PageParams): Promise<Server[]> {
  const env = { ...process.env, DATABASE_URL: url, HOST: "127.0.0.1", NODE_ENV: "production" };
  const stats = (port: number) => async () => ((await (await fetch(`http://127.0.0.1:${port}/stats`)).json()) as { statements: number }).statements;
  const graphql = (query: string, variables: Record<string, unknown>) => ({ path: "/graphql", method: "POST" as const, body: JSON.stringify({ query, variables }) });
  const ngEnv = { ...env, NEWSGRAPH_SEED_DEMO: "false", LOG_LEVEL: "warn", NEWSGRAPH_GRAPHIQL: "false", ...o.newsgraphEnv };
  const ng = startProcess([CLI, "serve"], { ...ngEnv, PORT: String(o.port) }, "newsgraph");
  const pgl = startProcess([path.join(ROOT, "bench/peer/postgraphile-server.mjs")], { ...env, PORT: String(o.port + 1) }, "postgraphile");
  const limit = startProcess([path.join(__dirname, "limit-server.js")], { ...env, PORT: String(o.port + 2), PEER_PARAMS: JSON.stringify(params) }, "limit");
  const servers: Server[] = [
    { name: "newsgraph", child: ng, port: o.port, request: (p) => graphql(p.newsgraph.query, p.newsgraph.variables), statements: async () => null },
    { name: "postgraphile", child: pgl, port: o.port + 1, request: (p) => p.postgraphile && graphql(p.postgraphile.query, p.postgraphile.variables), statements: stats(o.port + 1) },
    { name: "limit", child: limit, port: o.port + 2, request: (p) => ({ path: `/${p.name}`, method: "GET" }), statements: stats(o.port + 2) },
  ];
  if (o.cached) {
    const cached = startProcess([CLI, "serve"], { ...ngEnv, PORT: String(o.port + 3), NEWSGRAPH_RESPONSE_CACHE: "on" }, "newsgraph cached");
    servers.splice(1, 0, { name: "cached", child: cached, port: o.port + 3, request: (p) => graphql(p.newsgraph.query, p.newsgraph.variables), statements: async () => null });
  }
  try {
    for (const s of servers) await waitUntilUp(s.port, s.name, s.child);
  } catch (err) {
    stopServers(servers);
    throw err;
  }
  return servers;
}

function stopServers(servers: Server[]): void {
  for (const s of servers) if (s.child.exitCode === null) s.child.kill("SIGTERM");
}

async function send(server: Server, page: Page): Promise<{ data: unknown; statements: number | null } | null> {
  const req = server.request(page);
  if (!req) return null;
  const before = await server.statements();
  const res = await fetch(`http://127.0.0.1:${server.port}${req.path}`, { method: req.method, headers: { "content-type": "application/json" }, body: req.body });
  const text = await res.text();
  const body = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (res.status !== 200 || body.errors || !body.data) throw new Error(`${server.name} failed on ${page.name} (${res.status}): ${text.slice(0, 600)}`);
  const header = res.headers.get("x-sql-statements");
  const after = await server.statements();
  return { data: body.data, statements: header != null ? Number(header) : before != null && after != null ? after - before : null };
}

/** The three answer each page the same, in the common form; returns statements per request. */
async function check(servers: Server[], pages: Page[]): Promise<Map<string, number | null>> {
  const statements = new Map<string, number | null>();
  for (const page of pages) {
    const answers: Array<{ server: ServerName; common: unknown }> = [];
    for (const s of servers) {
      // The cached server's first answer fills its cache; the second, checked, comes from it.
      if (s.name === "cached") await send(s, page);
      const answer = await send(s, page);
      if (!answer) continue;
      statements.set(`${page.name}/${s.name}`, answer.statements);
      answers.push({ server: s.name, common: s.name === "postgraphile" ? page.fromPostgraphile(answer.data) : page.fromNewsgraph(answer.data) });
      if (s.name === "cached" && answer.statements !== 0) throw new Error(`${page.name}: newsgraph cached ran ${answer.statements} statements on a repeated read; its cache did not answer`);
    }
    const [first, ...rest] = answers;
    if (first!.common == null || (Array.isArray(first!.common) && first!.common.length === 0)) throw new Error(`${page.name}: newsgraph's answer is empty; the corpus does not exercise the page`);
    for (const other of rest) {
      const d = firstDifference(first!.common, other.common);
      if (d) throw new Error(`${page.name}: ${first!.server} and ${other.server} differ at ${d}`);
    }
    log(`check ${page.name}: ${answers.map((a) => a.server).join(", ")} agree`);
  }
  return statements;
}

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : 0;
}

interface Measurement {
  round: number;
  page: string;
  server: ServerName;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  peakRssMiB: number;
}

/** The q-quantile (0..1) of the latencies, in ms, nearest rank. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** One autocannon run; `latencies` collects every response's time (autocannon reports no p95). */
async function load(o: Options, server: Server, page: Page, seconds: number, latencies?: number[]): Promise<autocannon.Result> {
  const req = server.request(page)!;
  const run = autocannon({
    url: `http://127.0.0.1:${server.port}${req.path}`,
    method: req.method,
    headers: { "content-type": "application/json" },
    body: req.body,
    connections: o.connections,
    duration: seconds,
  });
  // At run time autocannon's promise is also its event emitter (its types only say Promise).
  if (latencies) (run as unknown as NodeJS.EventEmitter).on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  return run;
}

async function measure(o: Options, server: Server, page: Page, round: number): Promise<Measurement> {
  if (o.warmup > 0) await load(o, server, page, o.warmup);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(server.child.pid!))), 250);
  const latencies: number[] = [];
  const r = await load(o, server, page, o.seconds, latencies);
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  const p95 = Math.round(quantile(latencies, 0.95) * 10) / 10;
  peak = Math.max(peak, rssBytes(server.child.pid!));
  return { round, page: page.name, server: server.name, rps: r.requests.average, p50: r.latency.p50, p95, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts, peakRssMiB: Math.round(peak / 2 ** 20) };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
/** "median (min–max)" over rounds. */
export function spread(xs: number[], unit = ""): string {
  if (xs.length === 0) return "—";
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return xs.length === 1 || lo === hi ? `${fmt(xs[0]!)}${unit}` : `${fmt(median(xs))}${unit} (${fmt(lo)}–${fmt(hi)})`;
}

function report(o: Options, pages: Page[], results: Measurement[], statements: Map<string, number | null>, params: PageParams): string {
  const lines: string[] = [];
  lines.push(
    `bench:peer — ${o.database ? "the articles of --database" : `${o.articles} articles`}, ${o.rounds} round(s) × ${o.seconds} s after ${o.warmup} s warm-up, ${o.connections} connections; median over rounds (min–max); ratios taken within each round`,
  );
  if (Object.keys(o.newsgraphEnv).length) lines.push(`newsgraph env: ${Object.entries(o.newsgraphEnv).map(([k, v]) => `${k}=${v}`).join(" ")}`);
  lines.push(`pages' arguments: ${JSON.stringify(params)}`);
  lines.push("");
  lines.push("| page | server | req/s | p50 ms | p95 ms | p99 ms | statements | peak RSS MiB | ÷ PostGraphile | ÷ limit |");
  lines.push("|---|---|---|---|---|---|---|---|---|---|");
  const of = (page: string, server: ServerName) => results.filter((m) => m.page === page && m.server === server).sort((a, b) => a.round - b.round);
  const ratio = (page: string, a: ServerName, b: ServerName): number[] => {
    const xs = of(page, a);
    const ys = of(page, b);
    return xs.flatMap((x) => {
      const y = ys.find((m) => m.round === x.round);
      return y && y.rps > 0 ? [x.rps / y.rps] : [];
    });
  };
  for (const page of pages) {
    for (const server of ["newsgraph", "cached", "postgraphile", "limit"] as const) {
      const ms = of(page.name, server);
      if (ms.length === 0) continue;
      const st = statements.get(`${page.name}/${server}`);
      const errors = ms.reduce((n, m) => n + m.errors, 0);
      lines.push(
        `| ${server === "newsgraph" ? page.name : ""} | ${SERVER_LABEL[server]}${errors ? ` (${errors} errors)` : ""} | ${spread(ms.map((m) => m.rps))} | ${spread(ms.map((m) => m.p50))} | ${spread(ms.map((m) => m.p95))} | ${spread(ms.map((m) => m.p99))} | ${st ?? "—"} | ${spread(ms.map((m) => m.peakRssMiB))} | ${server === "postgraphile" ? "" : spread(ratio(page.name, server, "postgraphile"), "×")} | ${server === "limit" ? "" : spread(ratio(page.name, server, "limit"), "×")} |`,
      );
    }
  }
  const growth = (server: ServerName): number[] =>
    of("front-50", server).flatMap((big) => {
      const small = of("front-5", server).find((m) => m.round === big.round);
      return small && small.rps > 0 ? [big.rps / small.rps] : [];
    });
  const grown = (["newsgraph", "limit"] as const).filter((s) => growth(s).length > 0);
  if (grown.length) {
    lines.push("");
    lines.push(`front page first: 50 ÷ first: 5 (req/s, same round): ${grown.map((s) => `${SERVER_LABEL[s]} ${spread(growth(s), "×")}`).join(", ")}`);
  }
  lines.push("");
  for (const page of pages) lines.push(`${page.name}: ${page.title}`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const name = `${o.scratchPrefix}${process.pid}`;
  const scratch = o.database == null;
  const url = o.database ?? withDatabase(o.server, name);
  let servers: Server[] = [];
  if (scratch) await admin(o.server, `CREATE DATABASE ${name}`);
  try {
    if (scratch) await importCorpus(url, o.articles);
    const params = await prepare(url);
    const every = [...allPages(params), frontPage(5), frontPage(50)];
    const pages = o.pages ? every.filter((p) => o.pages!.includes(p.name)) : every;
    if (pages.length === 0) throw new Error(`--pages matches none of ${every.map((p) => p.name).join(", ")}`);
    servers = await startServers(o, url, params);
    const statements = await check(servers, pages);
    const results: Measurement[] = [];
    for (let round = 1; round <= o.rounds; round++) {
      for (const page of pages) {
        // The front page at 5 and 50: how the cost grows with the page, newsgraph's and the limit's
        // (PostgreSQL's own growth bounds newsgraph's first: 50 ÷ first: 5).
        const contenders = servers.filter((s) => s.request(page) && (!page.name.startsWith("front-") || s.name !== "postgraphile"));
        // Taken in turn, starting with a different server each round.
        const order = contenders.map((_, i) => contenders[(i + round - 1) % contenders.length]!);
        for (const s of order) {
          const m = await measure(o, s, page, round);
          results.push(m);
          log(`round ${round} ${page.name} ${SERVER_LABEL[s.name]}: ${fmt(m.rps)} req/s, p50 ${m.p50} ms, p95 ${m.p95} ms, p99 ${m.p99} ms, ${m.peakRssMiB} MiB${m.errors ? `, ${m.errors} errors` : ""}`);
        }
      }
    }
    process.stdout.write(`${report(o, pages, results, statements, params)}\n`);
    if (o.json) fs.writeFileSync(o.json, JSON.stringify({ options: o, params, statements: Object.fromEntries(statements), results }, null, 2));
  } finally {
    stopServers(servers);
    await new Promise((r) => setTimeout(r, 1000));
    if (scratch && !o.keep) await admin(o.server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else if (scratch) log(`kept database ${url}`);
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
