import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { generateArticle, generateFile } from "../../bench/generate-articles";
import { createDatabase } from "../../src/db/data-source";
import { createTestDatabase } from "../helpers/app";

/**
 * Faults with the real binary: `newsgraph import` killed with SIGKILL in the middle of a
 * 3,000-article NDJSON file, on the embedded data directory (npm test) or on PostgreSQL
 * (TEST_DATABASE_URL). Every article stored must be whole (all its quotes, images and links), the
 * database must open again, and the same import run again must end with exactly the input's
 * articles, each whole, none twice.
 */
const ROOT = path.resolve(__dirname, "../..");
const OUT = path.join(ROOT, "dist/e2e-faults");
const CLI = path.join(OUT, "src/cli.js");
const COUNT = 3_000;
let tmp: string;
let input: string;
let env: NodeJS.ProcessEnv;
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", OUT, "--tsBuildInfoFile", path.join(OUT, ".tsbuildinfo")], {
    cwd: ROOT,
    stdio: "inherit",
  });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-faults-"));
  input = path.join(tmp, "articles.ndjson");
  await generateFile(input, COUNT, 7);
  env = { PATH: process.env.PATH ?? "", NEWSGRAPH_DATA_DIR: path.join(tmp, "db"), NEWSGRAPH_SEED_DEMO: "false" };
  if (process.env.TEST_DATABASE_URL) {
    const created = await createTestDatabase(process.env.TEST_DATABASE_URL);
    env.DATABASE_URL = created.url;
    dropDatabase = created.drop;
  }
}, 180_000);

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await dropDatabase?.();
});

/** What one stored article has, counted from its own rows. */
interface Fingerprint {
  url: string;
  quotes: number;
  images: number;
  topics: number;
  experts: number;
  organizations: number;
  places: number;
  events: number;
}

/** Opens the database the CLI wrote (after it has exited: an embedded directory has one owner) and fingerprints every article. */
async function fingerprints(): Promise<Map<string, Fingerprint>> {
  const database = createDatabase(
    env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL, poolSize: 1 } : { kind: "pglite", dataDir: env.NEWSGRAPH_DATA_DIR! },
    pino({ level: "silent" }),
  );
  await database.dataSource.initialize();
  try {
    const rows: Array<Record<string, string | number>> = await database.dataSource.query(`
      SELECT a.url,
        (SELECT count(*) FROM quote q WHERE q.article_id = a.id)::int AS quotes,
        (SELECT count(*) FROM article_image i WHERE i.article_id = a.id)::int AS images,
        (SELECT count(*) FROM article_topic t WHERE t.article_id = a.id)::int AS topics,
        (SELECT count(*) FROM article_expert e WHERE e.article_id = a.id)::int AS experts,
        (SELECT count(*) FROM article_organization o WHERE o.article_id = a.id)::int AS organizations,
        (SELECT count(*) FROM article_place p WHERE p.article_id = a.id)::int AS places,
        (SELECT count(*) FROM event_article v WHERE v.article_id = a.id)::int AS events
      FROM article a`);
    return new Map(rows.map((r) => [String(r.url), r as unknown as Fingerprint]));
  } finally {
    await database.close();
  }
}

/** Starts the import and kills it with SIGKILL once its progress shows some articles written, well before the end. */
function importKilledMidway(): Promise<{ createdBeforeKill: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [CLI, "import", input, "--batch-size", "50"], { env });
    let stderr = "";
    let killedAt = -1;
    proc.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
      const created = [...stderr.matchAll(/(\d+) created/g)].map((m) => Number(m[1]));
      const last = created.at(-1) ?? 0;
      if (killedAt < 0 && last >= 100) {
        killedAt = last;
        proc.kill("SIGKILL");
      }
    });
    proc.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve({ createdBeforeKill: killedAt });
      else reject(new Error(`the import ended before it could be killed (exit ${code}): ${stderr.slice(-2000)}`));
    });
  });
}

test("an import killed with SIGKILL midway leaves only whole articles, and running it again completes it exactly", async () => {
  const { createdBeforeKill } = await importKilledMidway();
  expect(createdBeforeKill).toBeGreaterThanOrEqual(100);

  // The database opens again (PGlite replays its WAL), and what it holds is whole.
  const afterKill = await fingerprints();
  expect(afterKill.size).toBeGreaterThanOrEqual(createdBeforeKill);
  expect(afterKill.size).toBeLessThan(COUNT);
  const expected = (url: string) => {
    const i = Number(url.split("/").at(-1));
    const a = generateArticle(i, 7) as { quotes: unknown[]; images: unknown[]; topics: unknown[]; events: unknown[] };
    return { quotes: a.quotes.length, images: a.images.length, topics: a.topics.length, events: a.events.length };
  };
  for (const [url, f] of afterKill) expect({ url, quotes: f.quotes, images: f.images, topics: f.topics, events: f.events }).toEqual({ url, ...expected(url) });

  // The same import again: the stored articles are unchanged, the rest created, nothing twice.
  const rerun = spawnSync(process.execPath, [CLI, "import", input, "--no-progress"], { env, encoding: "utf8", timeout: 600_000 });
  expect(rerun.stderr).toBe("");
  expect(rerun.status).toBe(0);
  expect(rerun.stdout).toContain(`imported ${COUNT} articles`);
  expect(rerun.stdout).toContain(`${COUNT - afterKill.size} created, 0 updated, ${afterKill.size} unchanged, 0 errors`);

  const final = await fingerprints();
  expect(final.size).toBe(COUNT);
  for (let i = 0; i < COUNT; i++) {
    const url = `https://bench.example.com/articles/7/${i}`;
    const f = final.get(url);
    expect(f && { url, quotes: f.quotes, images: f.images, topics: f.topics, events: f.events }).toEqual({ url, ...expected(url) });
  }
  // An article written before the kill is exactly what a whole run writes: links and all.
  for (const [url, f] of afterKill) expect(final.get(url)).toEqual(f);
}, 900_000);
