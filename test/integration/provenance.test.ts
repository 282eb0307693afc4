import { createTestApp, type TestApp } from "../helpers/app";
import { createKey } from "../helpers/keys";

/**
 * Provenance on what an article names: character offsets into the body and a confidence, written
 * with the article (mentions, events, quote speakers) and read back as `Article.mentions`.
 */
let app: TestApp;
let editor: Record<string, string>;
let seq = 0;

beforeAll(async () => {
  app = await createTestApp();
  editor = (await createKey(app, "editor", "extractor")).headers;
});
afterAll(() => app.close());

function uniq(label: string): string {
  seq += 1;
  return `${label} ${String.fromCharCode(65 + (seq % 26))}${seq}p`;
}

const MENTIONS = `mentions { startOffset endOffset confidence node { __typename id ... on Expert { name } ... on Organization { name } ... on Place { name } ... on Event { title } } }`;
const UPSERT = `mutation($input: ArticleInput!) { upsertArticle(input: $input) { status article { id version ${MENTIONS} } } }`;
const UPDATE = `mutation($id: ID!, $input: ArticlePatch!, $v: Int!) { updateArticle(id: $id, input: $input, expectedVersion: $v) { status article { version ${MENTIONS} } } }`;

/** Offsets of `needle` in `body`. */
function at(body: string, needle: string): { startOffset: number; endOffset: number } {
  const start = body.indexOf(needle);
  if (start < 0) throw new Error(`${needle} not in body`);
  return { startOffset: start, endOffset: start + needle.length };
}

function extracted() {
  const person = uniq("Dana Located");
  const org = uniq("Located Institute");
  const place = uniq("Port Located");
  const event = uniq("Located summit");
  const body = `${person} of ${org} spoke in ${place} before the ${event}. “We are close,” ${person} said. Tokyo was mentioned too.`;
  return {
    names: { person, org, place, event },
    input: {
      url: `https://extract.example.com/${person.replace(/\W+/g, "-").toLowerCase()}`,
      headline: `Report on the ${event}`,
      body,
      publishedAt: "2024-05-01T10:00:00Z",
      quotes: [{ text: "We are close,", speaker: { name: person, organization: org }, ...at(body, "We are close,"), confidence: 0.9 }],
      mentions: {
        people: [{ name: person, organization: org, ...at(body, person), confidence: 0.95 }],
        organizations: [{ name: org, ...at(body, org), confidence: 0.8 }],
        places: [{ name: place, ...at(body, place), confidence: 0.7 }, { name: "Tokyo" }],
      },
      events: [{ title: event, startsOn: "2024-05-01", ...at(body, event), confidence: 0.6 }],
    },
  };
}

describe("Article.mentions", () => {
  test("offsets and confidence round-trip, in body order with the unlocated last; a hand-entered link reads confidence 1.0", async () => {
    const { input, names } = extracted();
    const r = await app.graphql(UPSERT, { input }, editor);
    expect(r.errors).toBeUndefined();
    const mentions = r.data.upsertArticle.article.mentions;
    const label = (m: any) => m.node.name ?? m.node.title;
    expect(mentions.map((m: any) => [m.node.__typename, label(m), m.startOffset, m.endOffset, m.confidence])).toEqual([
      ["Expert", names.person, ...Object.values(at(input.body, names.person)), 0.95],
      ["Organization", names.org, ...Object.values(at(input.body, names.org)), 0.8],
      ["Place", names.place, ...Object.values(at(input.body, names.place)), expect.closeTo(0.7, 5)],
      ["Event", names.event, ...Object.values(at(input.body, names.event)), expect.closeTo(0.6, 5)],
      ["Place", "Tokyo", null, null, 1],
    ]);
    const read = await app.graphql(`query($id: ID!) { node(id: $id) { ... on Article { ${MENTIONS} } } }`, { id: r.data.upsertArticle.article.id });
    expect(read.data.node.mentions).toEqual(mentions);
  });

  test("a quoted speaker takes the quote's provenance unless a mention gives its own; an affiliation is not located", async () => {
    const person = uniq("Quoted Only");
    const org = uniq("Quoted Org");
    const body = `“Numbers are up,” said ${person}, an analyst at ${org}.`;
    const quote = { text: "Numbers are up,", speaker: { name: person, organization: org }, ...at(body, "Numbers are up,"), confidence: 0.75 };
    const base = { url: `https://extract.example.com/${seq}-quoted`, headline: "Numbers", body, publishedAt: "2024-05-02T00:00:00Z", quotes: [quote] };
    const r = await app.graphql(UPSERT, { input: base }, editor);
    expect(r.errors).toBeUndefined();
    expect(r.data.upsertArticle.article.mentions.map((m: any) => [m.node.name, m.startOffset, m.endOffset, m.confidence])).toEqual([
      [person, quote.startOffset, quote.endOffset, 0.75],
      [org, null, null, 0.75],
    ]);
    // The same person mentioned at their name, twice: the first mention wins over the quote.
    const mentioned = { ...base, mentions: { people: [{ name: person, organization: org, ...at(body, person), confidence: 0.5 }, { name: person, organization: org, startOffset: 0, endOffset: 1 }] } };
    const m = await app.graphql(UPSERT, { input: mentioned }, editor);
    expect(m.data.upsertArticle.status).toBe("UPDATED");
    expect(m.data.upsertArticle.article.mentions[0]).toMatchObject({ node: { name: person }, ...at(body, person), confidence: 0.5 });
  });

  test("the same input again is UNCHANGED; other offsets are UPDATED with one version more", async () => {
    const { input, names } = extracted();
    const first = await app.graphql(UPSERT, { input }, editor);
    expect(first.data.upsertArticle).toMatchObject({ status: "CREATED", article: { version: 1 } });
    const again = await app.graphql(UPSERT, { input }, editor);
    expect(again.data.upsertArticle).toMatchObject({ status: "UNCHANGED", article: { version: 1 } });
    const moved = { ...input, mentions: { ...input.mentions, places: [{ name: names.place, startOffset: 0, endOffset: 4, confidence: 0.7 }, { name: "Tokyo" }] } };
    const changed = await app.graphql(UPSERT, { input: moved }, editor);
    expect(changed.data.upsertArticle).toMatchObject({ status: "UPDATED", article: { version: 2 } });
    expect(changed.data.upsertArticle.article.mentions.find((m: any) => m.node.name === names.place)).toMatchObject({ startOffset: 0, endOffset: 4 });
    const confidence = { ...moved, events: [{ ...input.events[0], confidence: 0.61 }] };
    const c = await app.graphql(UPSERT, { input: confidence }, editor);
    expect(c.data.upsertArticle).toMatchObject({ status: "UPDATED", article: { version: 3 } });
    expect((await app.graphql(UPSERT, { input: confidence }, editor)).data.upsertArticle.status).toBe("UNCHANGED");
  });

  test("updateArticle writes mention provenance and checks offsets against the stored body", async () => {
    const { input, names } = extracted();
    const created = (await app.graphql(UPSERT, { input }, editor)).data.upsertArticle.article;
    const outside = await app.graphql(UPDATE, { id: created.id, v: 1, input: { mentions: { places: [{ name: names.place, startOffset: 0, endOffset: input.body.length + 1 }] } } }, editor);
    expect(outside.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.mentions.places[0].endOffset" })] });
    const r = await app.graphql(UPDATE, { id: created.id, v: 1, input: { mentions: { places: [{ name: names.place, startOffset: 1, endOffset: 3, confidence: 0.2 }] } } }, editor);
    expect(r.errors).toBeUndefined();
    expect(r.data.updateArticle.article.version).toBe(2);
    expect(r.data.updateArticle.article.mentions.find((m: any) => m.node.name === names.place)).toMatchObject({ startOffset: 1, endOffset: 3, confidence: expect.closeTo(0.2, 5) });
    // The quoted speaker stays, located at the quote.
    expect(r.data.updateArticle.article.mentions.find((m: any) => m.node.name === names.person)).toMatchObject(at(input.body, "We are close,"));
    const shorter = await app.graphql(UPDATE, { id: created.id, v: 2, input: { body: input.body.slice(0, 10) } }, editor);
    expect(shorter.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.body" })] });
  });
});

describe("validation", () => {
  test("bad offsets and confidences are BAD_USER_INPUT with the paths of every one, and nothing is written", async () => {
    const { input, names } = extracted();
    const bad = {
      ...input,
      mentions: {
        people: [{ name: names.person, startOffset: 3 }],
        organizations: [{ name: names.org, startOffset: 5, endOffset: 2 }],
        places: [{ name: names.place }, { name: "Tokyo", startOffset: 0, endOffset: input.body.length + 1, confidence: 1.5 }],
      },
      events: [{ title: names.event, endOffset: 4 }, { id: "no-such-event", startOffset: -1, endOffset: 2 }],
    };
    const r = await app.graphql(UPSERT, { input: bad }, editor);
    expect(r.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(r.errors![0].extensions!.fields.map((f: any) => f.field).sort()).toEqual(
      [
        "input.mentions.people[0].endOffset",
        "input.mentions.organizations[0].endOffset",
        "input.mentions.places[1].endOffset",
        "input.mentions.places[1].confidence",
        "input.events[0].startOffset",
        "input.events[1].startOffset",
      ].sort(),
    );
    expect((await app.sql(`SELECT count(*)::int AS n FROM article WHERE url = $1`, [input.url]))[0].n).toBe(0);
  });

  test("inputs without provenance stay valid", async () => {
    const { input } = extracted();
    const plain = { ...input, quotes: [], mentions: { people: [{ name: "Antony Blinken" }], places: [{ id: "tokyo" }] }, events: [] };
    const r = await app.graphql(UPSERT, { input: plain }, editor);
    expect(r.errors).toBeUndefined();
    expect(r.data.upsertArticle.article.mentions.map((m: any) => [m.node.name, m.startOffset, m.confidence])).toEqual([
      ["Antony Blinken", null, 1],
      ["Tokyo", null, 1],
    ]);
  });
});
