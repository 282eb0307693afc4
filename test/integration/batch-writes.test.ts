import "reflect-metadata";
import type { GraphQLError } from "graphql";
import pino from "pino";
import { ArticleInput } from "../../src/article/article-write.inputs";
import { type ArticleWriteResult, ArticleWrites } from "../../src/article/article.writes";
import { type Context, createContext } from "../../src/context";
import { createTestApp, type TestApp } from "../helpers/app";
import { globalId } from "../helpers/fixtures";
import { createKey } from "../helpers/keys";

/**
 * Set-based batched writes: `ArticleWrites.upsertMany` (what the import command calls) and the
 * `upsertArticles` mutation. One transaction per call whose statements do not grow with the number
 * of articles; per-article statuses as the single upsert reports them.
 */
let app: TestApp;
let editor: Record<string, string>;
let seq = 0;

beforeAll(async () => {
  app = await createTestApp();
  editor = (await createKey(app, "editor", "bulk importer")).headers;
});
afterAll(() => app.close());

function uniq(label: string): string {
  seq += 1;
  return `${label} ${String.fromCharCode(65 + (seq % 26))}${seq}b`;
}

/** A local editor context, as the import command builds it; `ctx.sql.statements` counts its statements. */
function localContext(): Context {
  return createContext({ config: app.config, dataSource: app.running.database.dataSource, log: pino({ level: "silent" }), requestId: "batch-test", pubsub: app.running.pubsub, authorization: { local: null } });
}

async function count(table: string, where = "TRUE", params: unknown[] = []): Promise<number> {
  return (await app.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0]!.n;
}

/** An article naming new people, organizations, places, a topic and an event that `run` makes unique, and some known ones. */
function article(run: string, i: number, extra: Record<string, unknown> = {}) {
  const person = `Avery Batch ${run} ${i % 3}`;
  const org = `Batch Institute ${run} ${(i % 3) % 2}`;
  const body = `“Batches are fast,” said ${person} of ${org} in Batchville ${run}. Article ${i}.`;
  const quote = "Batches are fast,";
  return Object.assign(new ArticleInput(), {
    url: `https://batch.example.com/${run.replace(/\W+/g, "-")}/${i}`,
    headline: `Batch story ${i} ${run}`,
    body,
    publishedAt: new Date(Date.UTC(2024, 0, 1, 0, i)),
    publisher: { name: "VOA" },
    topics: [{ name: `Batch topic ${run}` }, { id: "defense" }],
    images: [{ caption: `Photo ${i}` }],
    quotes: [{ text: quote, speaker: { name: person, title: "analyst", organization: org }, startOffset: 1, endOffset: 1 + quote.length, confidence: 0.9 }],
    mentions: { people: [{ name: "Antony Blinken" }], organizations: [{ name: org }], places: [{ name: `Batchville ${run}`, startOffset: body.indexOf("Batchville"), endOffset: body.indexOf("Batchville") + `Batchville ${run}`.length }] },
    events: [{ title: `Batch summit ${run}`, startsOn: "2024-01-02", places: [{ name: `Batchville ${run}` }], participants: [{ name: person, organization: org }] }],
    ...extra,
  }) as ArticleInput;
}

function ok(r: ArticleWriteResult | GraphQLError): ArticleWriteResult {
  if (!("status" in r)) throw new Error(`expected a result, got ${r.message}`);
  return r;
}

describe("ArticleWrites.upsertMany", () => {
  test("5 and 50 articles run the same number of statements, created and unchanged", async () => {
    const statements: Record<string, number> = {};
    for (const n of [5, 50]) {
      const run = uniq(`count${n}`);
      const inputs = Array.from({ length: n }, (_, i) => article(run, i));
      const ctx = localContext();
      const created = await ArticleWrites.upsertMany(ctx, inputs);
      expect(created.map((r) => ok(r).status)).toEqual(Array(n).fill("CREATED"));
      statements[`create ${n}`] = ctx.sql.statements;
      const again = localContext();
      const unchanged = await ArticleWrites.upsertMany(again, inputs);
      expect(unchanged.map((r) => ok(r).status)).toEqual(Array(n).fill("UNCHANGED"));
      statements[`unchanged ${n}`] = again.sql.statements;
    }
    expect(statements["create 50"]).toBe(statements["create 5"]);
    expect(statements["unchanged 50"]).toBe(statements["unchanged 5"]);
    // A small constant: names (prefetch, locks, re-read, ids), articles, slugs, one per table written, the read back.
    expect(statements["create 50"]).toBeLessThanOrEqual(30);
  });

  test("the same batch twice is all UNCHANGED with no version bump; a change in one article updates only that one, once", async () => {
    const run = uniq("twice");
    const inputs = Array.from({ length: 6 }, (_, i) => article(run, i));
    const first = (await ArticleWrites.upsertMany(localContext(), inputs)).map(ok);
    const counts = async () => Promise.all(["article", "quote", "expert", "organization", "place", "topic", "event", "article_image", "article_expert", "event_place"].map((t) => count(t)));
    const before = await counts();
    const again = (await ArticleWrites.upsertMany(localContext(), inputs)).map(ok);
    expect(again.map((r) => r.status)).toEqual(Array(6).fill("UNCHANGED"));
    expect(again.map((r) => [r.article.id, r.article.version])).toEqual(first.map((r) => [r.article.id, 1]));
    expect(await counts()).toEqual(before);

    const edited = inputs.map((input, i) => (i === 2 ? Object.assign(new ArticleInput(), { ...input, images: [{ caption: "Another photo" }], mentions: { ...input.mentions, places: [] } }) : input));
    const third = (await ArticleWrites.upsertMany(localContext(), edited)).map(ok);
    expect(third.map((r) => r.status)).toEqual(["UNCHANGED", "UNCHANGED", "UPDATED", "UNCHANGED", "UNCHANGED", "UNCHANGED"]);
    expect(third[2]!.article.version).toBe(2);
  });

  test("articles of one batch sharing new people, organizations, places, topics and events create each once", async () => {
    const run = uniq("shared");
    const results = (await ArticleWrites.upsertMany(localContext(), Array.from({ length: 8 }, (_, i) => article(run, i)))).map(ok);
    expect(results.every((r) => r.status === "CREATED")).toBe(true);
    expect(await count("expert", "name LIKE $1", [`Avery Batch ${run} %`])).toBe(3);
    expect(await count("organization", "name LIKE $1", [`Batch Institute ${run} %`])).toBe(2);
    expect(await count("place", "name = $1", [`Batchville ${run}`])).toBe(1);
    expect(await count("topic", "name = $1", [`Batch topic ${run}`])).toBe(1);
    expect(await count("event", "title = $1", [`Batch summit ${run}`])).toBe(1);
    expect(await count("event_expert l JOIN event e ON e.id = l.event_id", "e.title = $1", [`Batch summit ${run}`])).toBe(3);
    expect(await count("event_article l JOIN event e ON e.id = l.event_id", "e.title = $1", [`Batch summit ${run}`])).toBe(8);
    // The same speaker in articles 0 and 3 is one Expert, with the title and affiliation given.
    const speakers = await app.sql(`SELECT DISTINCT x.id, x.title, o.name AS org FROM quote q JOIN expert x ON x.id = q.speaker_expert_id JOIN organization o ON o.id = x.organization_id JOIN article a ON a.id = q.article_id WHERE a.url = ANY($1)`, [
      [0, 3].map((i) => article(run, i).url),
    ]);
    expect(speakers).toEqual([expect.objectContaining({ title: "analyst", org: `Batch Institute ${run} 0` })]);
    // Slugs: unique, by the single-article rules.
    const slugs = results.map((r) => r.article.slug);
    expect(new Set(slugs).size).toBe(8);
    expect(slugs[0]).toMatch(/^batch-story-0-/);
  });

  test("the speaker rules hold across a batch: a person without organization gets one, a title is filled in never overwritten, an organization alone speaks", async () => {
    const run = uniq("rules");
    const name = `Jordan Rules ${run}`;
    const org = `Rules Center ${run}`;
    const a = article(run, 0, { quotes: [{ text: "First.", speaker: { name } }], events: [] });
    const b = article(run, 1, { quotes: [{ text: "Second.", speaker: { name, title: "director", organization: org } }], events: [] });
    const c = article(run, 2, { quotes: [{ text: "Third.", speaker: { name, title: "intern", organization: org } }, { text: "Fourth.", speaker: { organization: org } }], events: [] });
    const results = (await ArticleWrites.upsertMany(localContext(), [a, b, c])).map(ok);
    expect(results.map((r) => r.status)).toEqual(["CREATED", "CREATED", "CREATED"]);
    const people = await app.sql(`SELECT x.title, o.name AS org FROM expert x LEFT JOIN organization o ON o.id = x.organization_id WHERE x.name = $1`, [name]);
    expect(people).toEqual([{ title: "director", org }]);
    const statement = await app.sql(`SELECT o.name FROM quote q JOIN organization o ON o.id = q.speaker_organization_id WHERE q.text = 'Fourth.' AND q.article_id = $1`, [results[2]!.article.dbId]);
    expect(statement).toEqual([{ name: org }]);
  });

  test("a batch with one bad article writes the others and reports the bad one, its paths relative to the input", async () => {
    const run = uniq("onebad");
    const ghost = globalId("Expert", "00000000-0000-4000-8000-000000000000");
    const inputs = [
      article(run, 0),
      article(run, 1, { quotes: [{ text: "Who?", speaker: { id: ghost } }] }),
      article(run, 2),
      article(run, 0, { headline: "Same url as the first" }),
    ];
    const results = await ArticleWrites.upsertMany(localContext(), inputs);
    expect(ok(results[0]!).status).toBe("CREATED");
    expect(ok(results[2]!).status).toBe("CREATED");
    const bad = results[1] as GraphQLError;
    expect(bad.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "quotes[0].speaker.id" })] });
    expect((results[3] as GraphQLError).extensions).toMatchObject({ code: "CONFLICT", field: "url", duplicateOf: 0 });
    expect(await count("article", "url = $1", [inputs[1]!.url])).toBe(0);
    expect(await count("article", "url = ANY($1)", [[inputs[0]!.url, inputs[2]!.url]])).toBe(2);
    // A slug another article has: CONFLICT in its slot.
    const taken = await ArticleWrites.upsertMany(localContext(), [article(run, 5, { slug: ok(results[0]!).article.slug }), article(run, 6)]);
    expect((taken[0] as GraphQLError).extensions).toMatchObject({ code: "CONFLICT", field: "slug" });
    expect(ok(taken[1]!).status).toBe("CREATED");
  });

  test("new quotes are announced after the commit, and an article published once", async () => {
    const run = uniq("announce");
    const published: unknown[] = [];
    const quotes: unknown[] = [];
    const ctx = localContext();
    const pubsub = ctx.pubsub as unknown as { publish: (topic: string, payload: unknown) => void };
    const original = pubsub.publish.bind(pubsub);
    pubsub.publish = (topic, payload) => {
      // DATA_CHANGED (the response cache's invalidation) is announced once per commit too.
      if (topic === "ARTICLE_PUBLISHED") published.push(payload);
      else if (topic !== "DATA_CHANGED") quotes.push(payload);
      original(topic, payload);
    };
    try {
      await ArticleWrites.upsertMany(ctx, [article(run, 0), article(run, 1)]);
    } finally {
      pubsub.publish = original;
    }
    expect(published).toHaveLength(2);
    expect(quotes).toHaveLength(2);
  });
});

describe("upsertArticles", () => {
  const MUTATION = `mutation($inputs: [ArticleInput!]!) { upsertArticles(inputs: $inputs) { results { index status article { id headline quotes { text } } error { code message fields { field message } } } } }`;

  function json(run: string, i: number, extra: Record<string, unknown> = {}) {
    const a = article(run, i, extra) as unknown as Record<string, unknown>;
    return JSON.parse(JSON.stringify({ ...a, events: (a.events as unknown[]).map((e) => ({ ...(e as object) })) }));
  }

  test("writes many articles through GraphQL, each with its index and status; an invalid one gets its error and the others are written", async () => {
    const run = uniq("mutation");
    const inputs = [json(run, 0), json(run, 1, { headline: "  ", quotes: [{ text: "x", speaker: { name: "Someone" }, startOffset: 4, endOffset: 2 }] }), json(run, 2)];
    const r = await app.graphql(MUTATION, { inputs }, editor);
    expect(r.errors).toBeUndefined();
    const results = r.data.upsertArticles.results;
    expect(results.map((x: any) => [x.index, x.status])).toEqual([
      [0, "CREATED"],
      [1, null],
      [2, "CREATED"],
    ]);
    expect(results[0].article.quotes).toEqual([{ text: "Batches are fast," }]);
    expect(results[1].article).toBeNull();
    expect(results[1].error.code).toBe("BAD_USER_INPUT");
    expect(results[1].error.fields.map((f: any) => f.field).sort()).toEqual(["headline", "quotes[0].endOffset"]);
    const again = await app.graphql(MUTATION, { inputs: [inputs[0], inputs[2]] }, editor);
    expect(again.data.upsertArticles.results.map((x: any) => x.status)).toEqual(["UNCHANGED", "UNCHANGED"]);
  });

  test("needs an editor key and at most 500 inputs", async () => {
    const reader = await createKey(app, "reader");
    const forbidden = await app.graphql(MUTATION, { inputs: [] }, reader.headers);
    expect(forbidden.errors![0].extensions!.code).toBe("FORBIDDEN");
    const run = uniq("many");
    const tooMany = await app.graphql(MUTATION, { inputs: Array.from({ length: 501 }, (_, i) => ({ url: `https://batch.example.com/${run}/${i}`, headline: "h", body: "b", publishedAt: "2024-01-01T00:00:00Z" })) }, editor);
    expect(tooMany.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "inputs" })] });
  });
});
