import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createDatabase } from "../../src/db/data-source";
import { createTestDatabase } from "../helpers/app";
import { serveBinary } from "../helpers/binary";

/**
 * `newsgraph import` as a user runs it, with the built binary: on an embedded data directory, or
 * with TEST_DATABASE_URL on a new PostgreSQL database. Built into dist/e2e-import/ (see keys.test.ts).
 */
const ROOT = path.resolve(__dirname, "../..");
const OUT = path.join(ROOT, "dist/e2e-import");
const CLI = path.join(OUT, "src/cli.js");
const SEED = path.join(ROOT, "test/fixtures/top-us-officials-in-asia.txt");
const REFERENCE_URL = "https://www.voanews.com/a/east-asia-pacific_top-us-officials-asia-first-overseas-visit/6203410.html";
let tmp: string;
let env: NodeJS.ProcessEnv;
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", OUT, "--tsBuildInfoFile", path.join(OUT, ".tsbuildinfo")], {
    cwd: ROOT,
    stdio: "inherit",
  });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-import-"));
  env = { PATH: process.env.PATH ?? "", NEWSGRAPH_DATA_DIR: path.join(tmp, "db") };
  if (process.env.TEST_DATABASE_URL) {
    const created = await createTestDatabase(process.env.TEST_DATABASE_URL);
    env.DATABASE_URL = created.url;
    dropDatabase = created.drop;
  }
}, 120_000);

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await dropDatabase?.();
});

function cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, "import", ...args], { env, encoding: "utf8", input, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Reads the database the CLI wrote, once it has exited (an embedded directory has one owner at a time). */
async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const database = createDatabase(
    env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL, poolSize: 1 } : { kind: "pglite", dataDir: env.NEWSGRAPH_DATA_DIR! },
    pino({ level: "silent" }),
  );
  await database.dataSource.initialize();
  try {
    return await database.dataSource.query(text, params);
  } finally {
    await database.close();
  }
}

function write(name: string, content: string): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

let n = 0;
function record(overrides: Record<string, unknown> = {}) {
  n++;
  const body = `“We will rebuild the bridge by spring,” Mayor Ines Duarte said on Tuesday. Story ${n}.`;
  return {
    url: `https://news.example.com/e2e/${n}`,
    headline: `Bridge repairs, part ${n}`,
    body,
    publishedAt: "2024-03-06T08:00:00Z",
    publisher: { name: "Example Gazette" },
    quotes: [{ text: "We will rebuild the bridge by spring", speaker: { name: "Ines Duarte", title: "mayor" }, channel: "said", startOffset: 1, endOffset: 37 }],
    ...overrides,
  };
}
const ndjson = (...records: unknown[]) => records.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n";

test("NDJSON: good records are written, a bad one is reported with file and line and skipped, exit 1; importing again changes nothing", async () => {
  const good = [record(), record(), record()];
  const file = write("batch.ndjson", ndjson(good[0], { ...record(), publishedAt: "not a date" }, "", good[1], "{ not json", good[2]));
  const first = cli([file, "--batch-size", "2"]);
  expect(first.status).toBe(1);
  expect(first.stdout).toContain("imported 5 articles");
  expect(first.stdout).toContain("3 created, 0 updated, 0 unchanged, 2 errors");
  expect(first.stdout).toContain(`error: ${file}:2: invalid article: publishedAt:`);
  expect(first.stdout).toContain(`error: ${file}:5: not valid JSON`);
  const urls = good.map((g) => g.url);
  const stored = await sql<{ url: string; version: number; quotes: number }>(
    `SELECT a.url, a.version, (SELECT count(*)::int FROM quote q WHERE q.article_id = a.id) AS quotes FROM article a WHERE a.url = ANY($1) ORDER BY a.url`,
    [urls],
  );
  expect(stored).toEqual(urls.sort().map((url) => ({ url, version: 1, quotes: 1 })));

  const again = cli([file]);
  expect(again.status).toBe(1);
  expect(again.stdout).toContain("0 created, 0 updated, 3 unchanged, 2 errors");
  expect(await sql(`SELECT url, version FROM article WHERE url = ANY($1) AND version > 1`, [urls])).toEqual([]);

  // A changed body updates that article and only it.
  const changed = write("changed.ndjson", ndjson({ ...good[0], headline: "Bridge repairs, revised" }, good[1]));
  const third = cli([changed]);
  expect(third.status).toBe(0);
  expect(third.stdout).toContain("0 created, 1 updated, 1 unchanged, 0 errors");
});

test("a JSON array reports a bad element at the line it starts on; standard input and directories are read too", async () => {
  const good = record();
  const bad = { ...record(), headline: "   " };
  const goodText = JSON.stringify(good, null, 2);
  const file = write("array.json", `[\n${goodText},\n${JSON.stringify(bad, null, 2)}\n]\n`);
  const lineOfBad = 2 + goodText.split("\n").length;
  const r = cli([file]);
  expect(r.status).toBe(1);
  expect(r.stdout).toContain("1 created, 0 updated, 0 unchanged, 1 error");
  expect(r.stdout).toContain(`error: ${file}:${lineOfBad}: invalid article: headline:`);

  const piped = record();
  const fromStdin = cli([], ndjson(piped));
  expect(fromStdin.stdout).toContain("1 created");
  expect(fromStdin.status).toBe(0);
  expect(await sql(`SELECT headline FROM article WHERE url = $1`, [piped.url])).toEqual([{ headline: piped.headline }]);

  const dir = path.join(tmp, "folder");
  write("folder/a.ndjson", ndjson(record()));
  write("folder/sub/b.json", JSON.stringify(record()));
  write("folder/notes.md", "not an article");
  const folder = cli([dir]);
  expect(folder.stdout).toContain("imported 2 articles");
  expect(folder.stdout).toContain("2 created");
});

test("--strict stops at the first bad record: the records before it are written, none after, exit 1", async () => {
  const before = record();
  const after = record();
  const file = write("strict.ndjson", ndjson(before, { ...record(), url: "ftp://nope" }, after));
  const r = cli([file, "--strict"]);
  expect(r.status).toBe(1);
  expect(r.stdout).toContain(`error: ${file}:2: invalid article: url: must be an http(s) URL`);
  expect(r.stdout).toContain("stopped at the first error (--strict)");
  expect(await sql(`SELECT url FROM article WHERE url = ANY($1)`, [[before.url, after.url]])).toEqual([{ url: before.url }]);
});

test("bad usage exits 2 and touches nothing", () => {
  const a = write("u1.ndjson", ndjson(record()));
  const b = write("u2.ndjson", ndjson(record()));
  expect(cli([a, b, "--url", "https://example.com/x"])).toMatchObject({ status: 2 });
  expect(cli([path.join(tmp, "missing.txt")]).stderr).toContain("no such file or directory");
  expect(cli([path.join(tmp, "missing.txt")]).status).toBe(2);
  expect(cli([a, "--batch-size", "0"]).status).toBe(2);
  expect(cli([a, "--published-at", "someday"]).status).toBe(2);
  expect(cli([a, "--format", "pdf"]).status).toBe(2);
  expect(cli([a, b, "--headline", "One headline for two files"]).stderr).toContain("--headline names one article");
  expect(cli([a, "--headline", "   "]).status).toBe(2);
});

test("text without a short title line: its first sentence is the headline, with a warning; --headline sets one (the first paragraph stays in the body)", async () => {
  // Shaped like a wire story pasted without its title: the first paragraph is the lead, far over a title's length.
  const lead =
    "Officials from three coastal towns met on Tuesday to agree on a shared plan for flood barriers along the estuary, after a winter in which storm surges closed the harbour road eleven times and cut two villages off for days.";
  const text = `${lead}\n\n"We cannot wait for another winter like this one," Mayor Ines Calloway told reporters after the meeting.\n`;
  const file = write("untitled.txt", text);
  const url = "https://example.com/news/flood-barriers";
  const opts = ["--url", url, "--published-at", "2024-02-06"];

  const guessed = cli([file, ...opts, "--dry-run"]);
  expect(guessed.status).toBe(0);
  const first = "Officials from three coastal towns met on Tuesday to agree on a shared plan for flood barriers along the estuary, after a winter in which storm surges closed the harbour road eleven times and cut two villages off for days.";
  expect(JSON.parse(guessed.stdout).article.headline).toBe(first);
  expect(guessed.stderr).toContain(`warning: ${file}: no title line: the headline is the first sentence, "${first}"`);
  expect(await sql(`SELECT id FROM article WHERE url = $1`, [url])).toEqual([]);

  const headline = "Coastal towns agree on flood barrier plan";
  const dry = cli([file, ...opts, "--headline", headline, "--dry-run"]);
  expect(dry.status).toBe(0);
  const out = JSON.parse(dry.stdout);
  expect(out.article.headline).toBe(headline);
  expect(out.article.body.startsWith("Officials from three coastal towns")).toBe(true);
  expect(out.quotes).toContainEqual(expect.objectContaining({ text: "We cannot wait for another winter like this one", speaker: expect.objectContaining({ name: "Ines Calloway" }) }));

  const imported = cli([file, ...opts, "--headline", `  ${headline}  `]);
  expect(imported.status).toBe(0);
  expect(imported.stdout).toContain("1 created");
  expect(await sql(`SELECT headline FROM article WHERE url = $1`, [url])).toEqual([{ headline }]);
});

test("text: --dry-run prints the extracted structure as JSON and writes nothing; import extracts quotes, people and events; again it is unchanged", async () => {
  const opts = ["--url", REFERENCE_URL, "--published-at", "2021-03-14", "--publisher", "VOA"];
  const dry = cli([SEED, "--dry-run", ...opts]);
  expect(dry.status).toBe(0);
  const out = JSON.parse(dry.stdout);
  expect(Object.keys(out)).toEqual(expect.arrayContaining(["article", "quotes", "people", "organizations", "places", "events"]));
  expect(out.article.headline).toBe("Top US Officials in Asia on First Overseas Visit");
  const kim = out.quotes.find((q: any) => q.text.startsWith("The fact that Secretaries"));
  expect(kim).toMatchObject({ speaker: { name: "Patricia Kim", title: "senior policy analyst", organization: "U.S. Institute of Peace" }, channel: "emailed statement" });
  expect(out.article.body.slice(kim.startOffset, kim.endOffset)).toBe(kim.text);
  expect(out.events.length).toBeGreaterThan(0);
  for (const e of out.events) expect(Object.keys(e)).toEqual(expect.arrayContaining(["startsOn", "endsOn", "places", "participants"]));
  expect(dry.stderr).toContain("wrote nothing (--dry-run)");
  expect(await sql(`SELECT id FROM article WHERE url = $1`, [REFERENCE_URL])).toEqual([]);

  const first = cli([SEED, ...opts]);
  expect(first.stdout).toContain("1 created");
  expect(first.status).toBe(0);
  const quotes = await sql<{ text: string; name: string | null; channel: string | null }>(
    `SELECT q.text, x.name, q.channel FROM quote q JOIN article a ON a.id = q.article_id LEFT JOIN expert x ON x.id = q.speaker_expert_id WHERE a.url = $1 ORDER BY q.position`,
    [REFERENCE_URL],
  );
  expect(quotes.length).toBeGreaterThanOrEqual(6);
  expect(quotes).toContainEqual(expect.objectContaining({ name: "Leif-Eric Easley", channel: "email response to VOA" }));
  const again = cli([SEED, ...opts]);
  expect(again.stdout).toContain("1 unchanged");
  expect(await sql(`SELECT version FROM article WHERE url = $1`, [REFERENCE_URL])).toEqual([{ version: 1 }]);

});

test("an anonymous source is imported with its description and affiliation, not omitted; again it is unchanged", async () => {
  // Written for this test, shaped like anonymously sourced wire copy.
  const file = write("anonymous.txt", [
    "Harbour treaty talks stall in Washington",
    "Negotiators from Chile and Peru failed on Tuesday to agree on the harbour treaty, officials said.",
    "\u201cThe talks are frozen until the spring,\u201d a senior State Department official said, speaking on condition of anonymity.",
  ].join("\n\n") + "\n");
  const opts = ["--url", "https://news.example.com/e2e/harbour-treaty", "--published-at", "2024-11-05", "--publisher", "Example Gazette"];
  const first = cli([file, ...opts]);
  expect(first.status).toBe(0);
  expect(first.stdout).toContain("1 created");
  expect(first.stdout).not.toContain("not stored");
  const rows = await sql(
    `SELECT q.text, q.speaker_expert_id, q.speaker_organization_id, q.speaker_description, o.name AS affiliation
       FROM quote q JOIN article a ON a.id = q.article_id LEFT JOIN organization o ON o.id = q.speaker_description_organization_id WHERE a.url = $1`,
    ["https://news.example.com/e2e/harbour-treaty"],
  );
  expect(rows).toEqual([
    { text: "The talks are frozen until the spring", speaker_expert_id: null, speaker_organization_id: null, speaker_description: "a senior State Department official", affiliation: expect.stringMatching(/State/) },
  ]);
  const again = cli([file, ...opts]);
  expect(again.stdout).toContain("1 unchanged");
});

test("a folder of .txt files without URLs imports in one command, keyed by content and publisher; again it is unchanged", async () => {
  const dir = path.join(tmp, "texts");
  write("texts/ferry.txt", `Ferry service resumes after repairs\n\n"The boats are running again," harbour master Olu Adeyemi said on Monday.\n`);
  write("texts/library.txt", `Library extends opening hours\n\nThe town library will open until nine on weekdays, librarian Maren Holt said.\n`);
  // No title line: the lead paragraph is far longer than a title, and it has two sentences.
  const lead = "The council voted on Wednesday to plant four hundred trees along the river path before the autumn, in a plan that residents had asked for over two years of public meetings in the old town hall. Work starts next month, the council said.";
  write("texts/trees.txt", `${lead}\n\n"We listened, and now we plant," councillor Ada Brennan said.\n`);
  const opts = ["--published-at", "2024-05-01", "--publisher", "Riverside Courier"];

  const first = cli([dir, ...opts]);
  expect(first.stdout).toContain("imported 3 articles");
  expect(first.stdout).toContain("3 created, 0 updated, 0 unchanged, 0 errors");
  expect(first.status).toBe(0);
  const headline = "The council voted on Wednesday to plant four hundred trees along the river path before the autumn, in a plan that residents had asked for over two years of public meetings in the old town hall.";
  expect(first.stdout).toContain(`warning: ${path.join(dir, "trees.txt")}: no title line: the headline is the first sentence, "${headline}"`);
  expect(first.stdout).toMatch(/no canonical URL: keyed by its content as urn:newsgraph:text:[0-9a-f]{64}/);

  const rows = await sql<{ url: string; headline: string; body: string; version: number }>(
    `SELECT a.url, a.headline, a.body, a.version FROM article a JOIN organization o ON o.id = a.publisher_id WHERE o.name = 'Riverside Courier' ORDER BY a.headline`,
  );
  expect(rows.map((r) => r.headline)).toEqual(["Ferry service resumes after repairs", "Library extends opening hours", headline]);
  // The key is the documented hash: SHA-256 of the body (white space collapsed) and the lower-cased publisher.
  const { createHash } = await import("node:crypto");
  for (const r of rows) {
    expect(r.url).toBe(`urn:newsgraph:text:${createHash("sha256").update(`${r.body.replace(/\s+/g, " ").trim()}\nriverside courier`).digest("hex")}`);
  }
  expect(rows.find((r) => r.headline === headline)!.body.startsWith(lead)).toBe(true);

  const again = cli([dir, ...opts]);
  expect(again.stdout).toContain("0 created, 0 updated, 3 unchanged, 0 errors");
  expect(again.status).toBe(0);
  const after = await sql<{ url: string; version: number }>(`SELECT a.url, a.version FROM article a JOIN organization o ON o.id = a.publisher_id WHERE o.name = 'Riverside Courier' ORDER BY a.headline`);
  expect(after).toEqual(rows.map((r) => ({ url: r.url, version: 1 })));

  // The same text from another publisher is another article.
  const other = cli([path.join(dir, "ferry.txt"), "--published-at", "2024-05-01", "--publisher", "Valley Post"]);
  expect(other.stdout).toContain("1 created");
});

test("a folder of undated .txt files is not refused: each is dated by its file's modification time, with a warning and a count in the summary; again (touched) it is unchanged", async () => {
  const dir = path.join(tmp, "undated");
  const a = write("undated/pier.txt", `Pier lights restored\n\n"Every lamp works again," harbour master Ria Vos said on Tuesday.\n`);
  const b = write("undated/market.txt", `Market moves indoors\n\nThe Saturday market will move into the old hall for the winter, organiser Tam Reid said.\n`);
  const dated = write("undated/dated.txt", `Bridge opens\n\nPublished March 3, 2024\n\nThe footbridge opened to walkers, engineer Noor Aziz said.\n`);
  fs.utimesSync(a, new Date("2024-09-01T10:00:00Z"), new Date("2024-09-01T10:00:00Z"));
  fs.utimesSync(b, new Date("2024-09-02T11:30:00Z"), new Date("2024-09-02T11:30:00Z"));
  const opts = ["--publisher", "Quay Weekly"];

  const first = cli([dir, ...opts]);
  expect(first.stdout).toContain("3 created, 0 updated, 0 unchanged, 0 errors");
  expect(first.status).toBe(0);
  expect(first.stdout).toContain(`warning: ${a}: publishedAt not in the source: no publication date given, printed or found in the text; dated by the file's modification time, 2024-09-01T10:00:00.000Z`);
  expect(first.stdout).toContain("give --published-at, or set it later with updateArticle");
  expect(first.stdout).toContain("2 articles gave no publication date and were dated by the file's modification time");
  expect(first.stdout).not.toContain(`warning: ${dated}: publishedAt`);
  const rows = async () =>
    sql<{ headline: string; published_at: Date; published_at_source: string; version: number }>(
      `SELECT a.headline, a.published_at, a.published_at_source, a.version FROM article a JOIN organization o ON o.id = a.publisher_id WHERE o.name = 'Quay Weekly' ORDER BY a.headline`,
    );
  const stored = await rows();
  expect(stored.map((r) => [r.headline, new Date(r.published_at).toISOString(), r.published_at_source, r.version])).toEqual([
    ["Bridge opens", "2024-03-03T12:00:00.000Z", "page", 1],
    ["Market moves indoors", "2024-09-02T11:30:00.000Z", "file_modified", 1],
    ["Pier lights restored", "2024-09-01T10:00:00.000Z", "file_modified", 1],
  ]);

  // Copied or touched files have new modification times: the stand-in taken the first time stays.
  fs.utimesSync(a, new Date(), new Date());
  const again = cli([dir, ...opts]);
  expect(again.stdout).toContain("0 created, 0 updated, 3 unchanged, 0 errors");
  expect(await rows()).toEqual(stored);

  // From standard input there is no file: the time of the import stands in.
  const before = Date.now();
  const piped = cli(["-", "--publisher", "Quay Weekly"], `Gulls return to the quay\n\nThe gulls came back with the fishing boats, warden Edda Lund said.\n`);
  expect(piped.stdout).toContain("1 created");
  expect(piped.stdout).toContain("dated by the time it was received");
  const [gulls] = await sql<{ published_at: Date; published_at_source: string }>(`SELECT published_at, published_at_source FROM article WHERE headline = 'Gulls return to the quay'`);
  expect(gulls!.published_at_source).toBe("received");
  expect(new Date(gulls!.published_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
});

test("HTML without a canonical URL is keyed by its content too", async () => {
  const page = `<html><head><title>Market hall reopens</title></head><body><article><h1>Market hall reopens</h1><p>The market hall reopened on Saturday after a year of work, manager Ivo Brandt said.</p></article></body></html>`;
  const file = write("no-canonical.html", page);
  const opts = ["--published-at", "2024-06-01", "--publisher", "Hillside Herald"];
  const first = cli([file, ...opts]);
  expect(first.stdout).toContain("1 created");
  expect(first.status).toBe(0);
  const again = cli([file, ...opts]);
  expect(again.stdout).toContain("1 unchanged");
  const rows = await sql<{ url: string }>(`SELECT url FROM article WHERE headline = 'Market hall reopens'`);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.url).toMatch(/^urn:newsgraph:text:[0-9a-f]{64}$/);
});

const embedded = process.env.TEST_DATABASE_URL ? test.skip : test;

embedded("while serve owns the embedded data directory, import writes through the server", async () => {
  const server = await serveBinary(CLI, { ...env, HOST: "127.0.0.1", PORT: "0", LOG_FORMAT: "json" });
  try {
    const recs = [record(), record(), { ...record(), url: "not a url" }];
    const file = write("live.ndjson", ndjson(...recs));
    const r = cli([file]);
    expect(r.stderr).toContain(`owns ${env.NEWSGRAPH_DATA_DIR}; importing through it`);
    expect(r.stdout).toContain("2 created, 0 updated, 0 unchanged, 1 error");
    expect(r.stdout).toContain(`error: ${file}:3: invalid article: url: must be an http(s) URL`);
    expect(r.status).toBe(1);
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ articles(filter: { search: "bridge" }, first: 50) { edges { node { url quotes { speaker { name } } } } } }` }),
    });
    const urls = ((await res.json()) as any).data.articles.edges.map((e: any) => e.node.url);
    expect(urls).toEqual(expect.arrayContaining([recs[0]!.url, recs[1]!.url]));
    expect(cli([file]).stdout).toContain("0 created, 0 updated, 2 unchanged, 1 error");

    // An undated text through the server: the stand-in date and its source travel in the batch.
    const undated = write("live-undated.txt", `Tide gauge replaced\n\nThe old tide gauge was replaced with a digital one, engineer Pia Holm said.\n`);
    fs.utimesSync(undated, new Date("2024-10-10T10:10:00Z"), new Date("2024-10-10T10:10:00Z"));
    expect(cli([undated]).stdout).toContain("1 created");
    fs.utimesSync(undated, new Date(), new Date());
    expect(cli([undated]).stdout).toContain("1 unchanged");
    const tide = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ articles(filter: { search: "tide gauge" }, first: 5) { edges { node { publishedAt publishedAtSource } } } }` }),
    });
    expect(((await tide.json()) as any).data.articles.edges.map((e: any) => e.node)).toEqual([{ publishedAt: "2024-10-10T10:10:00.000Z", publishedAtSource: "FILE_MODIFIED" }]);
  } finally {
    server.proc.kill("SIGTERM");
    await server.exited;
  }
});
