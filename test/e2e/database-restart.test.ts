import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type ServeProcess, serveBinary } from "../helpers/binary";

/**
 * PostgreSQL going away under load, with the real binary: a PostgreSQL cluster of the test's own
 * (initdb into a temporary directory, on a free port: never the machine's shared server) is
 * stopped with `-m immediate` (a crash, as far as clients can tell) while readers and writers keep
 * sending requests, then started again. Asserted: meanwhile every answer is a coded
 * SERVICE_UNAVAILABLE (HTTP 503) or a normal answer, never a 500 or a dropped connection;
 * /readyz turns 503; the server recovers by itself once the database is back; and every write a
 * client saw succeed is there exactly once.
 *
 * Needs PostgreSQL's server binaries (Debian: /usr/lib/postgresql/<v>/bin); skipped without them.
 */
const ROOT = path.resolve(__dirname, "../..");
const OUT = path.join(ROOT, "dist/e2e-restart");
const CLI = path.join(OUT, "src/cli.js");

function findPgBin(): string | null {
  const base = "/usr/lib/postgresql";
  if (!fs.existsSync(base)) return null;
  for (const v of fs.readdirSync(base).sort().reverse()) {
    const bin = path.join(base, v, "bin");
    if (fs.existsSync(path.join(bin, "initdb")) && fs.existsSync(path.join(bin, "pg_ctl"))) return bin;
  }
  return null;
}
const PG_BIN = findPgBin();
const maybe = PG_BIN ? describe : describe.skip;

/** initdb refuses to run as root: the cluster then belongs to the postgres user. */
const AS_POSTGRES = process.getuid?.() === 0;
function pg(tool: string, args: string[]): void {
  const cmd = AS_POSTGRES ? "runuser" : path.join(PG_BIN!, tool);
  const argv = AS_POSTGRES ? ["-u", "postgres", "--", path.join(PG_BIN!, tool), ...args] : args;
  const r = spawnSync(cmd, argv, { encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed: ${r.stdout}\n${r.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

let dir: string;
let port: number;
let server: ServeProcess | undefined;
let apiKey: string;
let env: NodeJS.ProcessEnv;

const startCluster = () => pg("pg_ctl", ["-D", path.join(dir, "data"), "-l", path.join(dir, "log"), "-w", "-t", "60", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
const crashCluster = () => pg("pg_ctl", ["-D", path.join(dir, "data"), "-m", "immediate", "-w", "stop"]);

maybe("the database restarted under load", () => {
  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", OUT, "--tsBuildInfoFile", path.join(OUT, ".tsbuildinfo")], {
      cwd: ROOT,
      stdio: "inherit",
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-pg-"));
    fs.chmodSync(dir, 0o777);
    if (AS_POSTGRES) execFileSync("chown", ["postgres", dir]);
    port = await freePort();
    pg("initdb", ["-D", path.join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
    startCluster();
    env = { PATH: process.env.PATH ?? "", DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`, NEWSGRAPH_SEED_DEMO: "false", DATABASE_POOL_SIZE: "4" };
    execFileSync(process.execPath, [CLI, "migrate"], { env, stdio: "pipe" });
    const created = execFileSync(process.execPath, [CLI, "keys", "create", "--role", "editor", "--name", "restart test"], { env, encoding: "utf8" });
    apiKey = created.trimEnd().split("\n").at(-1)!;
    server = await serveBinary(CLI, { ...env, HOST: "127.0.0.1", PORT: "0", LOG_FORMAT: "json" });
  }, 180_000);

  afterAll(async () => {
    if (server) {
      server.proc.kill("SIGTERM");
      await server.exited;
    }
    try {
      pg("pg_ctl", ["-D", path.join(dir, "data"), "-m", "immediate", "stop"]);
    } catch {
      // already stopped
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("requests meanwhile get SERVICE_UNAVAILABLE, /readyz turns 503, the server recovers by itself, and no write is lost or doubled", async () => {
    const base = server!.url;
    type Seen = { status: number; code?: string; ok: boolean; sent: number };
    const seen: Seen[] = [];
    const acked = new Set<string>();
    let stop = false;

    async function post(body: unknown, key?: string): Promise<{ status: number; json: any; sent: number }> {
      const sent = Date.now();
      const res = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: await res.json(), sent };
    }
    const record = (r: { status: number; json: any; sent: number }, ok: boolean) => seen.push({ status: r.status, code: r.json.errors?.[0]?.extensions?.code, ok, sent: r.sent });
    /** Waits until `done()` holds, at least `minMs` and at most 30 s: the load's progress, not a fixed time, on a loaded machine. */
    const until = async (done: () => boolean, minMs: number) => {
      const started = Date.now();
      while (Date.now() - started < 30_000 && (Date.now() - started < minMs || !done())) await new Promise((s) => setTimeout(s, 50));
    };

    const reader = async () => {
      while (!stop) {
        const r = await post({ query: "{ articles(first: 5) { totalCount nodes { headline quotes { text } } } }" });
        record(r, !r.json.errors);
        await new Promise((s) => setTimeout(s, 20));
      }
    };
    let n = 0;
    const writer = async () => {
      while (!stop) {
        const url = `https://restart.example.com/${n++}`;
        // A client retries a write that failed for want of the database; upsert by url makes that safe.
        for (;;) {
          const r = await post(
            {
              query: "mutation($input: ArticleInput!) { upsertArticle(input: $input) { status article { url } } }",
              variables: { input: { url, headline: `Restart ${url}`, body: "The council met on Monday. “We will rebuild,” said Mayor Ana Ruiz.", publishedAt: "2026-12-01T10:00:00Z" } },
            },
            apiKey,
          );
          record(r, !r.json.errors);
          if (!r.json.errors) {
            acked.add(url);
            break;
          }
          if (stop) break;
          await new Promise((s) => setTimeout(s, 50));
        }
      }
    };

    const load = Promise.all([reader(), reader(), writer(), writer()]);
    let down: number | undefined;
    let back: number | undefined;
    let before: number | undefined;
    let readyWhileDown: number | undefined;
    let readyAgain = false;
    let recoveredAt = Infinity;
    try {
      // Until a write and a read have succeeded (the first write loads the extractor: seconds on a loaded machine).
      await until(() => acked.size > 0 && seen.some((s) => s.ok), 1_500);
      before = acked.size;
      crashCluster();
      down = seen.length;
      await new Promise((s) => setTimeout(s, 2_000));
      readyWhileDown = (await fetch(`${base}/readyz`)).status;
      startCluster();
      // The server finds the database again by itself: no restart, no request from the test to help it.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if ((await fetch(`${base}/readyz`)).status === 200) {
          readyAgain = true;
          break;
        }
        await new Promise((s) => setTimeout(s, 250));
      }
      // Requests sent from 500 ms after /readyz turned 200 must all succeed; until one more write
      // and a few reads among them have been answered.
      recoveredAt = Date.now() + 500;
      await new Promise((s) => setTimeout(s, 500));
      back = seen.length;
      await until(() => acked.size > before! && seen.filter((s) => s.sent >= recoveredAt).length >= 4, 1_500);
    } finally {
      stop = true;
      await load;
    }
    expect(before).toBeGreaterThan(0);
    expect(readyWhileDown).toBe(503);
    expect(readyAgain).toBe(true);
    const whileDown = seen.slice(down, back);
    expect(whileDown.filter((s) => !s.ok).length).toBeGreaterThan(0);
    expect(whileDown.filter((s) => !s.ok && !(s.code === "SERVICE_UNAVAILABLE" && s.status === 503))).toEqual([]);

    // After recovery: reads and writes succeed again.
    const afterRecovery = seen.filter((s) => s.sent >= recoveredAt);
    expect(afterRecovery.length).toBeGreaterThan(0);
    expect(afterRecovery.every((s) => s.ok)).toBe(true);
    expect(acked.size).toBeGreaterThan(before);

    // Never a 500, never an uncoded error, through the whole run.
    expect(seen.filter((s) => s.status >= 500 && s.status !== 503)).toEqual([]);
    expect(seen.filter((s) => !s.ok && !s.code)).toEqual([]);

    // Every acknowledged write is there exactly once; nothing the test did not send.
    const all: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await post({ query: "query($after: String) { articles(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { url } } }", variables: { after } });
      all.push(...page.json.data.articles.nodes.map((a: { url: string }) => a.url));
      if (!page.json.data.articles.pageInfo.hasNextPage) break;
      after = page.json.data.articles.pageInfo.endCursor;
    }
    expect(new Set(all).size).toBe(all.length);
    for (const url of acked) expect(all).toContain(url);
    expect(all.every((u) => u.startsWith("https://restart.example.com/"))).toBe(true);
  }, 180_000);
});
