import "reflect-metadata";
import pino from "pino";
import { ArticleInput } from "../../src/article/article-write.inputs";
import { ArticleWrites } from "../../src/article/article.writes";
import { createContext } from "../../src/context";
import { createTestApp, type TestApp } from "../helpers/app";
import { globalId } from "../helpers/fixtures";
import { createKey } from "../helpers/keys";

/**
 * The write API through the real pipeline (HTTP → Apollo → resolvers → services → database), on
 * PGlite or, with TEST_DATABASE_URL, PostgreSQL.
 */
let app: TestApp;
let editor: Record<string, string>;
let otherEditor: Record<string, string>;
let seq = 0;

beforeAll(async () => {
  app = await createTestApp();
  editor = (await createKey(app, "editor", "wire importer")).headers;
  otherEditor = (await createKey(app, "editor", "night desk")).headers;
});
afterAll(() => app.close());

/** A unique word for this test run, so tests never see each other's rows. */
function uniq(label: string): string {
  seq += 1;
  return `${label} ${String.fromCharCode(65 + (seq % 26))}${seq}x`;
}

async function gql(query: string, variables: Record<string, unknown> = {}, headers = editor) {
  return app.graphql(query, variables, headers);
}

async function count(table: string, where = "TRUE", params: unknown[] = []): Promise<number> {
  const rows = await app.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return rows[0]!.n;
}

const ARTICLE_FIELDS = `id slug url version createdBy updatedBy headline summary body language publishedAt bylines sections
  publisher { name }
  images { id position caption credit }
  topics { name }
  quotes { id text channel saidOn isPartial position startOffset endOffset confidence
           speaker { __typename id name ... on Expert { title organization { name } } } }
  experts { id name }
  organizations { name }
  places { name }
  events { id title kind startsOn endsOn places { name } participants { __typename name } }`;

const UPSERT = `mutation($input: ArticleInput!) { upsertArticle(input: $input) { status article { ${ARTICLE_FIELDS} } } }`;
const CREATE = `mutation($input: ArticleInput!) { createArticle(input: $input) { status article { ${ARTICLE_FIELDS} } } }`;
const UPDATE = `mutation($id: ID!, $input: ArticlePatch!, $v: Int!) { updateArticle(id: $id, input: $input, expectedVersion: $v) { status article { ${ARTICLE_FIELDS} } } }`;

function articleInput(overrides: Record<string, unknown> = {}) {
  const tag = uniq("Summit");
  const body = `Leaders met in Tokyo. “We are ready to talk,” said Patricia Kim. Officials said the ${tag} went well. “It was productive,” a spokesperson said in an emailed statement.`;
  return {
    url: `https://news.example.com/${tag.replace(/\s+/g, "-").toLowerCase()}`,
    headline: `${tag} in Tokyo`,
    summary: "Leaders met.",
    body,
    language: "en",
    publishedAt: "2021-03-14T12:00:00.000Z",
    publisher: { name: "VOA" },
    bylines: ["Jane Reporter"],
    sections: ["Main", "Reaction"],
    images: [{ caption: "Leaders in Tokyo", credit: "AP" }, { caption: "The venue" }],
    topics: [{ name: "Diplomacy" }, { id: "defense" }],
    quotes: [
      {
        text: "We are ready to talk,",
        speaker: { name: "Patricia Kim", title: "senior policy analyst", organization: "U.S. Institute of Peace" },
        channel: "told reporters",
        saidOn: "2021-03-13",
        startOffset: body.indexOf("We are"),
        endOffset: body.indexOf("We are") + "We are ready to talk,".length,
      },
      { text: "It was productive,", speaker: { organization: "U.S. Department of State" }, channel: "in an emailed statement", isPartial: false, confidence: 0.8 },
    ],
    mentions: { people: [{ name: "Antony Blinken" }], organizations: [{ name: "Pentagon" }], places: [{ name: "Tokyo" }] },
    events: [{ title: tag, kind: "TALKS", startsOn: "2021-03-16", endsOn: "2021-03-17", places: [{ name: "Tokyo" }], participants: [{ name: "Antony Blinken" }, { organization: "U.S. Department of State" }] }],
    ...overrides,
  };
}

describe("createArticle and upsertArticle", () => {
  test("write an article with everything nested in one mutation; it reads back through the read API", async () => {
    const input = articleInput();
    const r = await gql(CREATE, { input });
    expect(r.errors).toBeUndefined();
    const a = r.data.createArticle.article;
    expect(r.data.createArticle.status).toBe("CREATED");
    expect(a).toMatchObject({
      headline: input.headline,
      url: input.url,
      version: 1,
      createdBy: "wire importer",
      updatedBy: "wire importer",
      bylines: ["Jane Reporter"],
      sections: ["Main", "Reaction"],
      publisher: { name: "VOA" },
      images: [{ position: 0, caption: "Leaders in Tokyo", credit: "AP" }, { position: 1, caption: "The venue", credit: null }],
    });
    expect(a.slug).toMatch(/^summit-[a-z0-9]+-in-tokyo$/);
    expect(a.topics.map((t: any) => t.name).sort()).toEqual(["Defense", "Diplomacy"]);
    expect(a.quotes).toEqual([
      expect.objectContaining({
        text: "We are ready to talk,",
        channel: "told reporters",
        saidOn: "2021-03-13",
        position: 0,
        startOffset: input.quotes[0]!.startOffset,
        confidence: 1,
        speaker: expect.objectContaining({ __typename: "Expert", name: "Patricia Kim", title: "senior policy analyst", organization: { name: "U.S. Institute of Peace" } }),
      }),
      expect.objectContaining({ text: "It was productive,", position: 1, confidence: 0.8, speaker: expect.objectContaining({ __typename: "Organization", name: "U.S. Department of State" }) }),
    ]);
    // Speakers and mentions both count as named.
    expect(a.experts.map((x: any) => x.name).sort()).toEqual(["Antony Blinken", "Patricia Kim"]);
    expect(a.organizations.map((o: any) => o.name).sort()).toEqual(["U.S. Department of Defense", "U.S. Department of State", "U.S. Institute of Peace"]);
    expect(a.places.map((p: any) => p.name)).toEqual(["Tokyo"]);
    expect(a.events).toEqual([
      expect.objectContaining({ title: input.events[0]!.title, kind: "TALKS", startsOn: "2021-03-16", endsOn: "2021-03-17", places: [{ name: "Tokyo" }] }),
    ]);
    expect(a.events[0].participants.map((p: any) => `${p.__typename}:${p.name}`).sort()).toEqual(["Expert:Antony Blinken", "Organization:U.S. Department of State"]);

    const read = await app.graphql(`query($slug: String) { article(slug: $slug) { id quotes { id } } }`, { slug: a.slug });
    expect(read.data.article).toEqual({ id: a.id, quotes: a.quotes.map((q: any) => ({ id: q.id })) });
  });

  test("speakers given by name resolve to the existing Expert (name or alias, normalised), never a duplicate", async () => {
    const kim = globalId("Expert", (await app.sql(`SELECT id FROM expert WHERE slug = 'patricia-kim'`))[0].id);
    const before = await count("expert");
    const a = await gql(CREATE, { input: articleInput() });
    const b = await gql(CREATE, { input: articleInput({ quotes: [{ text: "Another line.", speaker: { name: "  dr. patricia   KIM ", organization: "USIP" } }] }) });
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data.createArticle.article.quotes[0].speaker.id).toBe(kim);
    expect(b.data.createArticle.article.quotes[0].speaker.id).toBe(kim);
    // The same name with another organization is another person.
    const c = await gql(CREATE, { input: articleInput({ quotes: [{ text: "A third line.", speaker: { name: "Patricia Kim", organization: "Acme Rockets" } }] }) });
    expect(c.data.createArticle.article.quotes[0].speaker.id).not.toBe(kim);
    expect(await count("expert")).toBe(before + 1);
    expect(await count("expert", "name = 'Patricia Kim'")).toBe(2);
  });

  test("two imports quoting a new person with the same affiliation end with one Expert, whose missing title is filled in", async () => {
    const name = uniq("Morgan Reyes");
    const q = (title?: string) => [{ text: "Something worth quoting.", speaker: { name, organization: "Brookings Institution", ...(title ? { title } : {}) } }];
    const a = await gql(UPSERT, { input: articleInput({ quotes: q() }) });
    const b = await gql(UPSERT, { input: articleInput({ quotes: q("senior fellow") }) });
    expect(a.errors ?? b.errors).toBeUndefined();
    const idA = a.data.upsertArticle.article.quotes[0].speaker.id;
    expect(b.data.upsertArticle.article.quotes[0].speaker).toMatchObject({ id: idA, title: "senior fellow", organization: { name: "Brookings Institution" } });
    expect(await count("expert", "name = $1", [name])).toBe(1);
    expect(await count("organization", "name = 'Brookings Institution'")).toBe(1);
  });

  test("upsertArticle with the same input twice leaves one article with the same ids; a changed body updates it", async () => {
    const input = articleInput({ url: `https://news.example.com/${uniq("same").replace(/\W+/g, "-")}?utm_source=feed#comments` });
    const first = await gql(UPSERT, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data.upsertArticle.status).toBe("CREATED");
    const a1 = first.data.upsertArticle.article;
    expect(a1.url).toBe(input.url.replace(/\?.*$/, ""));

    const counts = async () => Promise.all(["article", "quote", "expert", "organization", "place", "topic", "event", "article_image"].map((t) => count(t)));
    const before = await counts();
    const again = await gql(UPSERT, { input: { ...input, url: `${a1.url}#other` } });
    expect(again.data.upsertArticle.status).toBe("UNCHANGED");
    expect(again.data.upsertArticle.article).toEqual(a1);
    expect(await counts()).toEqual(before);

    const changed = await gql(UPSERT, { input: { ...input, body: `${input.body} An update.`, quotes: [input.quotes[0], { ...input.quotes[1], text: "It was very productive," }] } });
    const a2 = changed.data.upsertArticle.article;
    expect(changed.data.upsertArticle.status).toBe("UPDATED");
    expect(a2.id).toBe(a1.id);
    expect(a2.version).toBe(2);
    expect(a2.body).toMatch(/An update\.$/);
    expect(a2.quotes[0].id).toBe(a1.quotes[0].id);
    expect(a2.quotes[1].id).not.toBe(a1.quotes[1].id);
    expect(a2.images.map((i: any) => i.id)).toEqual(a1.images.map((i: any) => i.id));
    expect(await count("article", "url = $1", [a1.url])).toBe(1);
  });

  test("createArticle on a URL that exists is CONFLICT naming the existing article; upsertArticle needs a url", async () => {
    const input = articleInput();
    const a = await gql(CREATE, { input });
    const again = await gql(CREATE, { input });
    expect(again.errors![0].extensions).toMatchObject({ code: "CONFLICT", field: "input.url", existingId: a.data.createArticle.article.id });
    const noUrl = await gql(UPSERT, { input: { ...articleInput(), url: null } });
    expect(noUrl.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.url" })] });
    const slugTaken = await gql(CREATE, { input: articleInput({ slug: a.data.createArticle.article.slug }) });
    expect(slugTaken.errors![0].extensions).toMatchObject({ code: "CONFLICT", field: "input.slug" });
  });

  test("an article without a Latin headline gets a stable slug; explicit slugs are kept", async () => {
    const r = await gql(CREATE, { input: articleInput({ headline: "東京で会談" }) });
    expect(r.data.createArticle.article.slug).toMatch(/^article-[0-9a-f]{10}$/);
    const s = await gql(CREATE, { input: articleInput({ slug: "my-own-slug-1" }) });
    expect(s.data.createArticle.article.slug).toBe("my-own-slug-1");
  });
});

describe("validation at the edge", () => {
  test("every invalid field is listed in extensions.fields, and nothing is written", async () => {
    const before = await count("article");
    const input = articleInput({
      url: "not a url",
      slug: "Not A Slug",
      headline: "   ",
      language: "English",
      images: [{ caption: "" , url: "ftp://x" }],
      quotes: [
        { text: "fine", speaker: { name: "A Person" } },
        { text: "", speaker: { id: "patricia-kim", name: "Patricia Kim" } },
        { text: "out of range", speaker: { name: "B Person" }, startOffset: 5, endOffset: 100_000 },
        { text: "offsets backwards", speaker: { name: "C Person" }, startOffset: 9, endOffset: 3, confidence: 1.5 },
      ],
      events: [{ title: "Trip", startsOn: "2021-03-16", endsOn: "2021-03-10" }, { kind: "VISIT" }],
    });
    const r = await gql(CREATE, { input });
    expect(r.status).toBe(200);
    expect(r.data).toBeNull();
    const fields = r.errors![0].extensions!.fields.map((f: any) => f.field).sort();
    expect(r.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(fields).toEqual(
      [
        "input.url",
        "input.slug",
        "input.headline",
        "input.language",
        "input.images[0].caption",
        "input.images[0].url",
        "input.quotes[1].text",
        "input.quotes[1].speaker.name",
        "input.quotes[2].endOffset",
        "input.quotes[3].endOffset",
        "input.quotes[3].confidence",
        "input.events[0].endsOn",
        "input.events[1].title",
      ].sort(),
    );
    expect(r.errors![0].message).toMatch(/^Invalid input: /);
    expect(await count("article")).toBe(before);
  });

  test("all or nothing: an article whose third quote names an unknown speaker leaves no trace, not even the people of quotes one and two", async () => {
    const tables = ["article", "quote", "expert", "organization", "event", "topic", "place", "article_expert", "event_article"];
    const before = await Promise.all(tables.map((t) => count(t)));
    const newPerson = uniq("Quinn Newcomer");
    const input = articleInput({
      topics: [{ name: uniq("Brand New Topic") }],
      quotes: [
        { text: "First.", speaker: { name: newPerson, organization: uniq("New Org") } },
        { text: "Second.", speaker: { name: uniq("Riley Second") } },
        { text: "Third.", speaker: { id: globalId("Expert", "00000000-0000-4000-8000-000000000000") } },
      ],
    });
    const r = await gql(CREATE, { input });
    expect(r.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.quotes[2].speaker.id" })] });
    expect(await Promise.all(tables.map((t) => count(t)))).toEqual(before);
    expect(await count("article", "url = $1", [input.url])).toBe(0);
    expect(await count("expert", "name = $1", [newPerson])).toBe(0);
  });

  test("unknown fields, wrong enum values and bad scalars are refused before anything runs", async () => {
    const r = await gql(CREATE, { input: { ...articleInput(), publishedAt: "yesterday" } });
    expect(r.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    // At most the statement that checks the key: the input is refused before anything else runs.
    expect(r.sql).toBeLessThanOrEqual(1);
  });
});

describe("updateArticle", () => {
  test("changes only the fields given, records who changed it, and refuses a stale expectedVersion with CONFLICT", async () => {
    const created = (await gql(CREATE, { input: articleInput() })).data.createArticle.article;
    const r = await gql(UPDATE, { id: created.id, v: 1, input: { headline: "A better headline", summary: null } }, otherEditor);
    expect(r.errors).toBeUndefined();
    const a = r.data.updateArticle.article;
    expect(a).toMatchObject({ headline: "A better headline", summary: null, version: 2, createdBy: "wire importer", updatedBy: "night desk", body: created.body, slug: created.slug });
    expect(a.quotes.map((q: any) => q.id)).toEqual(created.quotes.map((q: any) => q.id));

    const stale = await gql(UPDATE, { id: created.id, v: 1, input: { headline: "Lost update" } });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", expectedVersion: 1, actualVersion: 2 });
    const same = await gql(UPDATE, { id: created.id, v: 2, input: { headline: "A better headline" } });
    expect(same.data.updateArticle).toMatchObject({ status: "UNCHANGED", article: { version: 2 } });

    const quotes = await gql(UPDATE, { id: created.id, v: 2, input: { quotes: [{ text: "Only this one.", speaker: { id: "lloyd-austin" } }] } });
    expect(quotes.data.updateArticle.article.quotes).toEqual([expect.objectContaining({ text: "Only this one.", speaker: expect.objectContaining({ name: "Lloyd Austin" }) })]);
    expect(quotes.data.updateArticle.article.version).toBe(3);
    expect(quotes.data.updateArticle.article.experts.map((x: any) => x.name)).toContain("Lloyd Austin");
  });

  test("a patch that replaces the mentions keeps the speakers of the stored quotes and the places of the stored events", async () => {
    const created = (await gql(CREATE, { input: articleInput({ events: [{ title: uniq("Seoul meeting"), places: [{ id: "seoul" }] }] }) })).data.createArticle.article;
    const port = uniq("Incheon");
    const r = await gql(UPDATE, { id: created.id, v: 1, input: { mentions: { people: [], organizations: [], places: [{ name: port }, { id: "tokyo" }] } } });
    expect(r.errors).toBeUndefined();
    const a = r.data.updateArticle.article;
    expect(a.places.map((p: any) => p.name).sort()).toEqual([port, "Seoul", "Tokyo"].sort());
    expect(a.experts.map((x: any) => x.name)).toEqual(["Patricia Kim"]);
    expect(a.organizations.map((o: any) => o.name).sort()).toEqual(["U.S. Department of State", "U.S. Institute of Peace"]);
    expect(a.version).toBe(2);
  });

  test("a shorter body must not leave quotes pointing past its end; unknown ids are NOT_FOUND", async () => {
    const created = (await gql(CREATE, { input: articleInput() })).data.createArticle.article;
    const r = await gql(UPDATE, { id: created.id, v: 1, input: { body: "Short." } });
    expect(r.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.body" })] });
    const missing = await gql(UPDATE, { id: globalId("Article", "00000000-0000-4000-8000-000000000000"), v: 1, input: { headline: "x" } });
    expect(missing.errors![0].extensions!.code).toBe("NOT_FOUND");
    const wrongType = await gql(UPDATE, { id: globalId("Quote", "00000000-0000-4000-8000-000000000000"), v: 1, input: { headline: "x" } });
    expect(wrongType.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });
});

describe("deleteArticle", () => {
  const DELETE = `mutation($id: ID!, $keep: Boolean) { deleteArticle(id: $id, keepOrphans: $keep) { deletedId prunedIds article { headline } } }`;

  test("removes the article's quotes and links; keeps the people, organizations and events other articles still use; prunes the rest", async () => {
    const shared = uniq("Sasha Shared");
    const lonely = uniq("Lou Lonely");
    const sharedEvent = uniq("Shared Meeting");
    const one = (await gql(CREATE, {
      input: articleInput({
        quotes: [{ text: "Shared words.", speaker: { name: shared } }, { text: "Lonely words.", speaker: { name: lonely, organization: uniq("Lonely Org") } }],
        events: [{ title: sharedEvent, startsOn: "2021-04-01" }, { title: uniq("Lonely Event") }],
      }),
    })).data.createArticle.article;
    await gql(CREATE, { input: articleInput({ quotes: [{ text: "Me again.", speaker: { name: shared } }], events: [{ title: sharedEvent, startsOn: "2021-04-01" }] }) });

    const r = await gql(DELETE, { id: one.id });
    expect(r.errors).toBeUndefined();
    expect(r.data.deleteArticle).toMatchObject({ deletedId: one.id, article: { headline: one.headline } });
    expect(await count("article", "id = $1", [Buffer.from(one.id, "base64url").toString().split(":")[1]])).toBe(0);
    for (const q of one.quotes) expect((await app.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id: q.id })).data.node).toBeNull();
    // Kept: used by the other article.
    expect(await count("expert", "name = $1", [shared])).toBe(1);
    expect(await count("event", "title = $1", [sharedEvent])).toBe(1);
    expect(await count("expert", "slug = 'patricia-kim'")).toBe(1);
    expect(await count("organization", "slug = 'voa'")).toBe(1);
    // Pruned: nothing else refers to them.
    expect(await count("expert", "name = $1", [lonely])).toBe(0);
    expect(await count("event", "title LIKE 'Lonely Event%'")).toBe(0);
    expect(r.data.deleteArticle.prunedIds.length).toBeGreaterThanOrEqual(3);

    const missing = await gql(DELETE, { id: one.id });
    expect(missing.errors![0].extensions!.code).toBe("NOT_FOUND");
  });

  test("keepOrphans keeps everything the article named", async () => {
    const lonely = uniq("Kim Keeper");
    const a = (await gql(CREATE, { input: articleInput({ quotes: [{ text: "Keep me.", speaker: { name: lonely } }] }) })).data.createArticle.article;
    const r = await gql(DELETE, { id: a.id, keep: true });
    expect(r.data.deleteArticle.prunedIds).toEqual([]);
    expect(await count("expert", "name = $1", [lonely])).toBe(1);
  });
});

describe("experts", () => {
  const CREATE_EXPERT = `mutation($input: ExpertInput!) { createExpert(input: $input) { expert { id slug name aliases title kind version organization { name } } } }`;
  const MERGE = `mutation($into: ID!, $from: [ID!]!) { mergeExperts(into: $into, from: $from) { mergedIds expert { id name aliases title organization { name } quotes { totalCount } articles { totalCount } events { totalCount } } } }`;

  test("createExpert, then CONFLICT for the same person; updateExpert with optimistic concurrency", async () => {
    const name = uniq("Avery Analyst");
    const r = await gql(CREATE_EXPERT, { input: { name, title: "fellow", kind: "ANALYST", organization: { name: "Brookings Institution" }, aliases: ["A. Analyst"] } });
    expect(r.errors).toBeUndefined();
    const x = r.data.createExpert.expert;
    expect(x).toMatchObject({ name, title: "fellow", kind: "ANALYST", aliases: ["A. Analyst"], version: 1, organization: { name: "Brookings Institution" } });
    const dup = await gql(CREATE_EXPERT, { input: { name: name.toUpperCase(), organization: { name: "Brookings Institution" } } });
    expect(dup.errors![0].extensions).toMatchObject({ code: "CONFLICT", existingId: x.id });

    const UPDATE_EXPERT = `mutation($id: ID!, $input: ExpertPatch!, $v: Int!) { updateExpert(id: $id, input: $input, expectedVersion: $v) { expert { title version aliases organization { name } } } }`;
    const u = await gql(UPDATE_EXPERT, { id: x.id, v: 1, input: { title: "senior fellow", organization: null } });
    expect(u.data.updateExpert.expert).toEqual({ title: "senior fellow", version: 2, aliases: ["A. Analyst"], organization: null });
    const stale = await gql(UPDATE_EXPERT, { id: x.id, v: 1, input: { title: "x" } });
    expect(stale.errors![0].extensions!.code).toBe("CONFLICT");
    const nullName = await gql(UPDATE_EXPERT, { id: x.id, v: 2, input: { name: null } });
    expect(nullName.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.name" })] });
  });

  test("mergeExperts moves quotes, mentions and events to `into`, keeps the names as aliases and deletes the others, in one transaction", async () => {
    const real = uniq("Jordan Lee");
    const typo = uniq("Jordon Lee");
    const eventTitle = uniq("Panel");
    const a = (await gql(CREATE, { input: articleInput({ quotes: [{ text: "Right name.", speaker: { name: real, organization: "Acme Policy Lab" } }] }) })).data.createArticle.article;
    const b = (await gql(CREATE, {
      input: articleInput({
        quotes: [{ text: "Typo name.", speaker: { name: typo, title: "director" } }, { text: "Again.", speaker: { name: typo } }],
        events: [{ title: eventTitle, participants: [{ name: typo }] }],
      }),
    })).data.createArticle.article;
    const into = a.quotes[0].speaker.id;
    const from = b.quotes[0].speaker.id;
    const r = await gql(MERGE, { into, from: [from] });
    expect(r.errors).toBeUndefined();
    expect(r.data.mergeExperts).toEqual({
      mergedIds: [from],
      expert: { id: into, name: real, aliases: [typo], title: "director", organization: { name: "Acme Policy Lab" }, quotes: { totalCount: 3 }, articles: { totalCount: 2 }, events: { totalCount: 1 } },
    });
    expect((await app.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id: from })).data.node).toBeNull();
    // The typo now resolves to the merged person.
    const c = (await gql(CREATE, { input: articleInput({ quotes: [{ text: "Later.", speaker: { name: typo } }] }) })).data.createArticle.article;
    expect(c.quotes[0].speaker.id).toBe(into);
    const search = await app.graphql(`query($q: String) { experts(filter: { search: $q }) { nodes { id } } }`, { q: typo });
    expect(search.data.experts.nodes.map((n: any) => n.id)).toContain(into);
  });

  test("mergeExperts refuses bad arguments as a whole", async () => {
    const kim = globalId("Expert", (await app.sql(`SELECT id FROM expert WHERE slug = 'patricia-kim'`))[0].id);
    const self = await gql(MERGE, { into: kim, from: [kim] });
    expect(self.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "from[0]" })] });
    const none = await gql(MERGE, { into: kim, from: [] });
    expect(none.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    const ghost = globalId("Expert", "00000000-0000-4000-8000-000000000001");
    const missing = await gql(MERGE, { into: kim, from: [ghost] });
    expect(missing.errors![0].extensions).toMatchObject({ code: "NOT_FOUND" });
    expect(await count("expert", "slug = 'patricia-kim'")).toBe(1);
  });
});

describe("quotes", () => {
  const CREATE_QUOTE = `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id text position version speaker { name } article { id experts { name } } } } }`;
  const UPDATE_QUOTE = `mutation($id: ID!, $input: QuotePatch!, $v: Int!) { updateQuote(id: $id, input: $input, expectedVersion: $v) { quote { id text channel version speaker { name } } } }`;
  const DELETE_QUOTE = `mutation($id: ID!) { deleteQuote(id: $id) { deletedId quote { text } } }`;

  test("createQuote inserts at a position and links the speaker; updateQuote and deleteQuote keep the order", async () => {
    const a = (await gql(CREATE, { input: articleInput() })).data.createArticle.article;
    const speaker = uniq("Pat Newvoice");
    const r = await gql(CREATE_QUOTE, { input: { article: a.id, text: "In the middle.", speaker: { name: speaker }, position: 1 } });
    expect(r.errors).toBeUndefined();
    expect(r.data.createQuote.quote).toMatchObject({ text: "In the middle.", position: 1, version: 1, speaker: { name: speaker }, article: { id: a.id } });
    expect(r.data.createQuote.quote.article.experts.map((x: any) => x.name)).toContain(speaker);
    const order = async () => (await app.graphql(`query($id: ID!) { node(id: $id) { ... on Article { quotes { text position } } } }`, { id: a.id })).data.node.quotes;
    expect((await order()).map((q: any) => q.position)).toEqual([0, 1, 2]);
    expect((await order())[2].text).toBe("It was productive,");

    const id = r.data.createQuote.quote.id;
    const u = await gql(UPDATE_QUOTE, { id, v: 1, input: { channel: "on a podcast", speaker: { id: "lloyd-austin" } } });
    expect(u.data.updateQuote.quote).toMatchObject({ channel: "on a podcast", version: 2, speaker: { name: "Lloyd Austin" } });
    expect((await gql(UPDATE_QUOTE, { id, v: 1, input: { channel: "x" } })).errors![0].extensions!.code).toBe("CONFLICT");
    const outside = await gql(UPDATE_QUOTE, { id, v: 2, input: { startOffset: 0, endOffset: 100_000 } });
    expect(outside.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.endOffset" })] });

    const d = await gql(DELETE_QUOTE, { id });
    expect(d.data.deleteQuote).toEqual({ deletedId: id, quote: { text: "In the middle." } });
    expect((await order()).map((q: any) => q.position)).toEqual([0, 1]);
    expect((await gql(DELETE_QUOTE, { id })).errors![0].extensions!.code).toBe("NOT_FOUND");
  });

  test("createQuote checks offsets against the article body and refers to articles by id or slug", async () => {
    const a = (await gql(CREATE, { input: articleInput() })).data.createArticle.article;
    const bad = await gql(CREATE_QUOTE, { input: { article: a.slug, text: "x", speaker: { name: "X Person" }, startOffset: 0, endOffset: a.body.length + 1 } });
    expect(bad.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.endOffset" })] });
    const unknown = await gql(CREATE_QUOTE, { input: { article: "no-such-article", text: "x", speaker: { name: "X Person" } } });
    expect(unknown.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.article" })] });
  });
});

describe("events", () => {
  const CREATE_EVENT = `mutation($input: EventInput!) { createEvent(input: $input) { event { id title kind startsOn endsOn version places { name } participants { name } articles { totalCount } } } }`;
  const UPDATE_EVENT = `mutation($id: ID!, $input: EventPatch!, $v: Int!) { updateEvent(id: $id, input: $input, expectedVersion: $v) { event { title startsOn endsOn version participants { name } } } }`;
  const LINK = `mutation($a: ID!, $e: ID!) { linkArticleEvent(article: $a, event: $e) { article { events { id } } event { articles { totalCount } } } }`;
  const UNLINK = `mutation($a: ID!, $e: ID!) { unlinkArticleEvent(article: $a, event: $e) { article { events { id } } event { articles { totalCount } } } }`;

  test("createEvent, updateEvent (dates checked against the stored ones), link and unlink, deleteEvent", async () => {
    const title = uniq("Two-plus-two talks");
    const r = await gql(CREATE_EVENT, { input: { title, kind: "TALKS", startsOn: "2021-03-18", places: [{ id: "seoul" }], participants: [{ id: "antony-blinken" }, { name: "Chung Eui-yong" }], articles: [] } });
    expect(r.errors).toBeUndefined();
    const e = r.data.createEvent.event;
    expect(e).toMatchObject({ title, kind: "TALKS", startsOn: "2021-03-18", endsOn: null, version: 1, places: [{ name: "Seoul" }], articles: { totalCount: 0 } });
    expect(e.participants.map((p: any) => p.name).sort()).toEqual(["Antony Blinken", "Chung Eui-yong"]);

    const before = await gql(UPDATE_EVENT, { id: e.id, v: 1, input: { endsOn: "2021-03-01" } });
    expect(before.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.endsOn" })] });
    const u = await gql(UPDATE_EVENT, { id: e.id, v: 1, input: { endsOn: "2021-03-19", participants: [{ id: "antony-blinken" }] } });
    expect(u.data.updateEvent.event).toEqual({ title, startsOn: "2021-03-18", endsOn: "2021-03-19", version: 2, participants: [{ name: "Antony Blinken" }] });

    const a = (await gql(CREATE, { input: articleInput({ events: [] }) })).data.createArticle.article;
    const l1 = await gql(LINK, { a: a.id, e: e.id });
    const l2 = await gql(LINK, { a: a.slug, e: e.id });
    expect(l1.data.linkArticleEvent).toEqual({ article: { events: [{ id: e.id }] }, event: { articles: { totalCount: 1 } } });
    expect(l2.data.linkArticleEvent).toEqual(l1.data.linkArticleEvent);
    const un = await gql(UNLINK, { a: a.id, e: e.id });
    expect(un.data.unlinkArticleEvent).toEqual({ article: { events: [] }, event: { articles: { totalCount: 0 } } });

    const d = await gql(`mutation($id: ID!) { deleteEvent(id: $id) { deletedId event { title } } }`, { id: e.id });
    expect(d.data.deleteEvent).toEqual({ deletedId: e.id, event: { title } });
    expect(await count("expert", "name = 'Chung Eui-yong'")).toBe(1);
  });

  test("an event reported by two articles (same title and day) is one event", async () => {
    const title = uniq("Austin visit to Seoul");
    const ev = { title, kind: "VISIT", startsOn: "2021-03-17", places: [{ name: "Seoul" }] };
    const a = (await gql(CREATE, { input: articleInput({ events: [ev] }) })).data.createArticle.article;
    const b = (await gql(CREATE, { input: articleInput({ events: [{ ...ev, title: title.toUpperCase(), participants: [{ id: "lloyd-austin" }] }] }) })).data.createArticle.article;
    expect(b.events[0].id).toBe(a.events[0].id);
    expect(b.events[0].participants.map((p: any) => p.name)).toEqual(["Lloyd Austin"]);
    expect(await count("event", "lower(title) = lower($1)", [title])).toBe(1);
  });
});

describe("organizations, places and topics", () => {
  test("upserts create, then report UNCHANGED, then UPDATED; names and aliases find the existing row", async () => {
    const UP = `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { status organization { id name aliases kind version } } }`;
    const name = uniq("Council on Things");
    const a = await gql(UP, { input: { name, kind: "THINK_TANK", aliases: ["CoT"] } });
    expect(a.data.upsertOrganization).toMatchObject({ status: "CREATED", organization: { name, aliases: ["CoT"], kind: "THINK_TANK", version: 1 } });
    const b = await gql(UP, { input: { name, kind: "THINK_TANK", aliases: ["CoT"] } });
    expect(b.data.upsertOrganization).toMatchObject({ status: "UNCHANGED", organization: { id: a.data.upsertOrganization.organization.id, version: 1 } });
    const c = await gql(UP, { input: { name, aliases: ["The Council"] } });
    expect(c.data.upsertOrganization).toMatchObject({ status: "UPDATED", organization: { aliases: ["CoT", "The Council"], kind: "THINK_TANK", version: 2 } });
    // A quote naming the alias finds the organization.
    const art = (await gql(CREATE, { input: articleInput({ quotes: [{ text: "Said by the council.", speaker: { organization: "the council" } }] }) })).data.createArticle.article;
    expect(art.quotes[0].speaker).toMatchObject({ __typename: "Organization", id: a.data.upsertOrganization.organization.id });

    const place = `mutation($input: PlaceInput!) { upsertPlace(input: $input) { status place { id slug name kind countryCode latitude longitude } } }`;
    const p1 = await gql(place, { input: { name: "Busan", kind: "CITY", countryCode: "KR", latitude: 35.1796, longitude: 129.0756 } });
    expect(p1.data.upsertPlace).toMatchObject({ status: "CREATED", place: { slug: "busan", kind: "CITY", countryCode: "KR" } });
    const p2 = await gql(place, { input: { name: "busan" } });
    expect(p2.data.upsertPlace).toMatchObject({ status: "UPDATED", place: { id: p1.data.upsertPlace.place.id, name: "busan", latitude: 35.1796 } });
    const badPlace = await gql(place, { input: { name: "Nowhere", latitude: 91 } });
    expect(badPlace.errors![0].extensions!.fields.map((f: any) => f.field).sort()).toEqual(["input.latitude", "input.longitude"]);

    const topic = `mutation($input: TopicInput!) { upsertTopic(input: $input) { status topic { id slug name } } }`;
    const t1 = await gql(topic, { input: { name: "Trade" } });
    const t2 = await gql(topic, { input: { name: "trade" } });
    expect(t1.data.upsertTopic.status).toBe("CREATED");
    expect(t2.data.upsertTopic).toMatchObject({ status: "UPDATED", topic: { id: t1.data.upsertTopic.topic.id, slug: "trade", name: "trade" } });
    const t3 = await gql(topic, { input: { name: "trade" } });
    expect(t3.data.upsertTopic.status).toBe("UNCHANGED");
  });
});

describe("access", () => {
  test("a mutation without a key is UNAUTHENTICATED (401), with a reader key FORBIDDEN, with a revoked key UNAUTHENTICATED; nothing is written", async () => {
    const before = await count("article");
    const input = articleInput();
    const none = await app.graphql(CREATE, { input });
    expect(none.status).toBe(401);
    expect(none.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect(none.sql).toBeLessThanOrEqual(1);
    const reader = await createKey(app, "reader");
    const r = await app.graphql(CREATE, { input }, reader.headers);
    expect(r.errors![0].extensions).toMatchObject({ code: "FORBIDDEN", requiredRole: "editor", role: "reader" });
    const revoked = await createKey(app, "editor", "soon revoked");
    expect((await app.graphql(`mutation($input: TopicInput!) { upsertTopic(input: $input) { status } }`, { input: { name: uniq("Topic") } }, revoked.headers)).errors).toBeUndefined();
    await app.sql(`UPDATE api_key SET revoked_at = now() WHERE id = $1`, [revoked.id]);
    const after = await app.graphql(CREATE, { input }, revoked.headers);
    expect(after.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect(await count("article")).toBe(before);
  });
});

describe("outside HTTP", () => {
  test("the write services run with a local context, as the import command will: nothing to authenticate, no key recorded", async () => {
    const ctx = createContext({
      config: app.config,
      dataSource: app.running.database.dataSource,
      log: pino({ level: "silent" }),
      requestId: "local-test",
      pubsub: app.running.pubsub,
      authorization: { local: null },
    });
    const input = Object.assign(new ArticleInput(), articleInput({ events: [], mentions: null }));
    const first = await ArticleWrites.upsert(ctx, input);
    const again = await ArticleWrites.upsert(ctx, input);
    expect(first.status).toBe("CREATED");
    expect(again.status).toBe("UNCHANGED");
    expect(again.article).toMatchObject({ id: first.article.id, createdBy: null, updatedBy: null, version: 1 });
    const read = await app.graphql(`query($id: ID!) { node(id: $id) { ... on Article { createdBy quotes { text } } } }`, { id: first.article.id });
    expect(read.data.node).toEqual({ createdBy: null, quotes: [{ text: "We are ready to talk," }, { text: "It was productive," }] });
  });
});
