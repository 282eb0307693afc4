import "reflect-metadata";
import { Client } from "pg";
import { createTestApp, type TestApp } from "../helpers/app";
import { createKey } from "../helpers/keys";

/**
 * Writes that fail midway, on PostgreSQL (PGlite has one connection: nothing can deadlock with it
 * or cut its connection). A trigger the test installs in its own database makes the first quote
 * of a marked article take advisory locks, so another session can hold the write at a known point
 * inside its transaction and then
 * - deadlock with it: PostgreSQL aborts the write with 40P01; newsgraph retries the whole
 *   transaction, which then succeeds with exactly one copy of everything; a deadlock on every
 *   attempt ends in a coded CONFLICT and no row;
 * - terminate its connection (pg_terminate_backend): the client gets SERVICE_UNAVAILABLE, the
 *   database holds no trace of the write, and the next request works on a fresh connection.
 * The quote that fails on validation after two good ones is in writes.test.ts.
 */
const maybe = process.env.TEST_DATABASE_URL ? describe : describe.skip;

let app: TestApp;
let editor: Record<string, string>;
let other: Client;
let seq = 0;

const TABLES = ["article", "quote", "expert", "organization", "topic", "article_expert", "article_topic"];

async function counts(): Promise<number[]> {
  return Promise.all(TABLES.map(async (t) => (await app.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0]!.n));
}

function input(marker: string) {
  seq += 1;
  const tag = `${marker}-${process.pid}-${seq}`;
  return {
    url: `https://news.example.com/${tag}`,
    headline: `Faults ${tag}`,
    body: `“${marker} first,” said Dana Fault${seq}. “Second line,” said Lee Fault${seq} of the Fault Institute ${seq}.`,
    language: "en",
    publishedAt: "2024-05-01T10:00:00.000Z",
    topics: [{ name: `Fault topic ${seq}` }],
    quotes: [
      { text: `${marker} first`, speaker: { name: `Dana Fault${seq}`, title: "analyst" } },
      { text: "Second line", speaker: { name: `Lee Fault${seq}`, organization: `Fault Institute ${seq}` } },
    ],
  };
}

const UPSERT = `mutation($input: ArticleInput!) { upsertArticle(input: $input) { status article { id url quotes { text speaker { name } } topics { name } } } }`;

/** Waits until some other backend waits on one of the test's advisory locks, and returns its pid (null once `done()`). */
async function waiter(done: () => boolean = () => false): Promise<number | null> {
  for (let i = 0; i < 400; i++) {
    if (done()) return null;
    const rows = (
      await other.query(
        `SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid = 4242 AND NOT l.granted AND l.pid <> pg_backend_pid()`,
      )
    ).rows as Array<{ pid: number }>;
    if (rows.length > 0) return rows[0]!.pid;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the write never reached the trigger's lock");
}

maybe("a write that fails midway leaves no trace (PostgreSQL)", () => {
  beforeAll(async () => {
    app = await createTestApp();
    editor = (await createKey(app, "editor", "fault desk")).headers;
    if (app.config.database.kind !== "postgres") throw new Error("expected PostgreSQL");
    other = new Client({ connectionString: app.config.database.url });
    await other.connect();
    // Fault injection, in this test's own database only: a quote whose text starts with a marker
    // takes advisory lock 1 and then 2 (deadlock marker) or 3 (connection marker).
    await other.query(`
      CREATE FUNCTION fault_probe() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.text LIKE 'deadlock-probe%' THEN
          PERFORM pg_advisory_xact_lock(4242, 1);
          PERFORM pg_advisory_xact_lock(4242, 2);
        ELSIF NEW.text LIKE 'cut-probe%' THEN
          PERFORM pg_advisory_xact_lock(4242, 3);
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER fault_probe BEFORE INSERT ON quote FOR EACH ROW EXECUTE FUNCTION fault_probe();
    `);
  });
  afterAll(async () => {
    await other?.end().catch(() => undefined);
    await app?.close();
  });

  test("a deadlock inside the write is retried from the start: one article, its quotes once, no duplicate people", async () => {
    const before = await counts();
    const art = input("deadlock-probe");
    await other.query("SELECT pg_advisory_lock(4242, 2)");
    const pending = app.graphql(UPSERT, { input: art }, editor);
    await waiter(); // the write holds lock 1 and waits for 2
    // Now wait for lock 1: a cycle. PostgreSQL aborts the write (it has waited longer), whose
    // retry then waits for lock 1 until this session lets both go.
    await other.query("SELECT pg_advisory_lock(4242, 1)");
    await other.query("SELECT pg_advisory_unlock_all()");
    const r = await pending;
    expect(r.errors).toBeUndefined();
    expect(r.data.upsertArticle.status).toBe("CREATED");
    expect(r.data.upsertArticle.article.quotes.map((q: any) => q.speaker.name)).toEqual([`Dana Fault${seq}`, `Lee Fault${seq}`]);
    const after = await counts();
    // One article, two quotes, two new people, one new organization, one topic, two links each way.
    expect(after.map((n, i) => n - before[i]!)).toEqual([1, 2, 2, 1, 1, 2, 1]);
    const stored = await app.sql<{ n: number }>(`SELECT count(*)::int AS n FROM article WHERE url = $1`, [art.url]);
    expect(stored[0]!.n).toBe(1);
  });

  test("a write that deadlocks on every attempt ends in a coded CONFLICT and leaves no row", async () => {
    const before = await counts();
    const art = input("deadlock-probe");
    const pending = app.graphql(UPSERT, { input: art }, editor);
    let aborted = 0;
    let answered = false;
    void pending.then(() => (answered = true));
    // Lock 2 stays held; on each attempt the write takes 1 and waits for 2, and this session
    // closes the cycle by asking for 1 (and lets it go once PostgreSQL has aborted the write).
    await other.query("SELECT pg_advisory_lock(4242, 2)");
    for (let attempt = 0; attempt < 10; attempt++) {
      const settled = await Promise.race([waiter(() => answered).then((pid) => (pid == null ? "answered" : "waiting")), pending.then(() => "answered")]);
      if (settled === "answered") break;
      await other.query("SELECT pg_advisory_lock(4242, 1)");
      aborted++;
      await other.query("SELECT pg_advisory_unlock(4242, 1)");
    }
    await other.query("SELECT pg_advisory_unlock_all()");
    const r = await pending;
    expect(aborted).toBe(4);
    expect(r.errors![0].extensions).toMatchObject({ code: "CONFLICT", reason: "DEADLOCK_DETECTED" });
    expect(await counts()).toEqual(before);
  });

  test("a connection lost in the middle of the write answers SERVICE_UNAVAILABLE, leaves nothing, and the next write succeeds", async () => {
    const before = await counts();
    const art = input("cut-probe");
    await other.query("SELECT pg_advisory_lock(4242, 3)");
    const pending = app.graphql(UPSERT, { input: art }, editor);
    const pid = await waiter();
    await other.query("SELECT pg_terminate_backend($1)", [pid!]);
    await other.query("SELECT pg_advisory_unlock_all()");
    const r = await pending;
    expect(r.status).toBe(503);
    expect(r.errors![0].extensions!.code).toBe("SERVICE_UNAVAILABLE");
    expect(await counts()).toEqual(before);

    const again = await app.graphql(UPSERT, { input: art }, editor);
    expect(again.errors).toBeUndefined();
    expect(again.data.upsertArticle.status).toBe("CREATED");
    const after = await counts();
    expect(after.map((n, i) => n - before[i]!)).toEqual([1, 2, 2, 1, 1, 2, 1]);
  });
});
