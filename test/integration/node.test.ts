/**
 * Global object identification: node(id:) and nodes(ids:) for every node type, opaque ids,
 * missing and deleted rows, malformed ids.
 */
import { randomUUID } from "node:crypto";
import type { NodeType } from "../../src/common/global-id";
import { createTestApp, type TestApp } from "../helpers/app";
import { expectBadUserInput, globalId, insertArticle, insertEvent, insertExpert, query } from "../helpers/fixtures";

let app: TestApp;

/** For each node type: the field fetched through `... on Type`, the table holding it, and a sample taken from the API. */
const TYPES: Array<{ type: NodeType; field: string; table: string }> = [
  { type: "Article", field: "headline", table: "article" },
  { type: "ArticleImage", field: "caption", table: "article_image" },
  { type: "Quote", field: "text", table: "quote" },
  { type: "Expert", field: "name", table: "expert" },
  { type: "Organization", field: "name", table: "organization" },
  { type: "Place", field: "name", table: "place" },
  { type: "Topic", field: "name", table: "topic" },
  { type: "Event", field: "title", table: "event" },
];

const samples = new Map<NodeType, { id: string; value: string }>();

beforeAll(async () => {
  app = await createTestApp();
  const { article } = await query(
    app,
    `{ article(slug: "top-us-officials-in-asia-on-first-overseas-visit") {
      id headline
      images { id caption }
      quotes { id text }
      experts { id name }
      publisher { id name }
      places { id name }
      topics { id name }
      events { id title }
    } }`,
  );
  samples.set("Article", { id: article.id, value: article.headline });
  samples.set("ArticleImage", { id: article.images[1].id, value: article.images[1].caption });
  samples.set("Quote", { id: article.quotes[3].id, value: article.quotes[3].text });
  samples.set("Expert", { id: article.experts[0].id, value: article.experts[0].name });
  samples.set("Organization", { id: article.publisher.id, value: article.publisher.name });
  samples.set("Place", { id: article.places[2].id, value: article.places[2].name });
  samples.set("Topic", { id: article.topics[0].id, value: article.topics[0].name });
  samples.set("Event", { id: article.events[2].id, value: article.events[2].title });
});

afterAll(async () => {
  await app?.close();
});

const NODE = (type: string, field: string) => `query($id: ID!) { node(id: $id) { __typename id ... on ${type} { ${field} } } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe("node(id:) round trips", () => {
  it.each(TYPES)("$type", async ({ type, field }) => {
    const sample = samples.get(type)!;
    const { node } = await query(app, NODE(type, field), { id: sample.id });
    expect(node).toEqual({ __typename: type, id: sample.id, [field]: sample.value });
  });

  it("Experts and Organizations are Speakers", async () => {
    const Q = `query($id: ID!) { node(id: $id) { __typename ... on Speaker { name } } }`;
    expect((await query(app, Q, { id: samples.get("Expert")!.id })).node).toEqual({ __typename: "Expert", name: samples.get("Expert")!.value });
    expect((await query(app, Q, { id: samples.get("Organization")!.id })).node).toEqual({ __typename: "Organization", name: "VOA" });
    expect((await query(app, Q, { id: samples.get("Topic")!.id })).node).toEqual({ __typename: "Topic" });
  });

  it("a node's relations resolve as they do from the root queries", async () => {
    const { node } = await query(app, `query($id: ID!) { node(id: $id) { ... on Quote { speaker { name } article { id } } } }`, { id: samples.get("Quote")!.id });
    expect(node).toEqual({ speaker: { name: "Lloyd Austin" }, article: { id: samples.get("Article")!.id } });
  });
});

describe("ids are opaque", () => {
  it.each(TYPES)("$type ids are not raw UUIDs but encode the row", async ({ type, table }) => {
    const sample = samples.get(type)!;
    expect(sample.id).not.toMatch(UUID);
    const rows = await app.sql<{ id: string }>(`SELECT id FROM ${table}`);
    const match = rows.filter((r) => globalId(type, r.id) === sample.id);
    expect(match).toHaveLength(1);
    expect(sample.id).not.toContain(match[0]!.id);
  });

  it("ids of different rows are distinct", async () => {
    const all = [...samples.values()].map((s) => s.id);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe("nodes(ids:)", () => {
  it("returns every type in the order asked", async () => {
    const ids = TYPES.map((t) => samples.get(t.type)!.id).reverse();
    const { nodes } = await query(app, NODES, { ids });
    expect(nodes).toEqual(TYPES.map((t) => ({ __typename: t.type, id: samples.get(t.type)!.id })).reverse());
  });

  it("returns null in place of a missing node", async () => {
    const article = samples.get("Article")!.id;
    const quote = samples.get("Quote")!.id;
    const missing = globalId("Expert", randomUUID());
    const { nodes } = await query(app, NODES, { ids: [article, missing, quote] });
    expect(nodes).toEqual([{ __typename: "Article", id: article }, null, { __typename: "Quote", id: quote }]);
  });

  it("returns repeated ids repeatedly, and an empty list for no ids", async () => {
    const topic = samples.get("Topic")!.id;
    expect((await query(app, NODES, { ids: [topic, topic] })).nodes).toEqual([{ __typename: "Topic", id: topic }, { __typename: "Topic", id: topic }]);
    expect((await query(app, NODES, { ids: [] })).nodes).toEqual([]);
  });

  it("refuses a malformed id among valid ones, naming ids", async () => {
    await expectBadUserInput(app, NODES, { ids: [samples.get("Article")!.id, "not-an-id"] }, "ids");
  });

  it("refuses more than 100 ids", async () => {
    const ids = Array.from({ length: 101 }, () => globalId("Article", randomUUID()));
    const error = await expectBadUserInput(app, NODES, { ids }, "ids");
    expect(error.message).toMatch(/\b100\b/);
  });
});

describe("node(id:) with ids that name nothing", () => {
  it("null for a well-formed id with no row", async () => {
    for (const { type } of TYPES) {
      expect((await query(app, NODE(type, "id"), { id: globalId(type, randomUUID()) })).node).toBeNull();
    }
  });

  it("null for a uuid that exists, but as another type", async () => {
    const [quote] = await app.sql<{ id: string }>(`SELECT id FROM quote LIMIT 1`);
    expect((await query(app, NODE("Article", "id"), { id: globalId("Article", quote!.id) })).node).toBeNull();
  });

  it.each([
    ["garbage", "not-an-id"],
    ["a raw uuid", "4b1e6f9e-2c1a-4a7b-9d8e-0f1a2b3c4d5e"],
    ["an unknown type", Buffer.from(`Story:${randomUUID()}`).toString("base64url")],
    ["a known type without a uuid", Buffer.from("Article:42").toString("base64url")],
    ["standard base64 padding", `${Buffer.from(`Article:${randomUUID()}`).toString("base64")}==`],
    ["an empty string", ""],
    ["a very long string", "A".repeat(500)],
  ])("BAD_USER_INPUT naming id for %s", async (_name, id) => {
    await expectBadUserInput(app, NODE("Article", "id"), { id }, "id");
  });

  it("null once the row is deleted, for each type that can be", async () => {
    const expert = await insertExpert(app, { name: "Short Lived", kind: "analyst" });
    const articleId = await insertArticle(app, {
      headline: "Soon gone",
      publishedAt: "2021-05-01T00:00:00Z",
      images: [{ caption: "A picture" }],
      quotes: [{ text: "Nothing lasts", expertSlug: expert.slug }],
    });
    const eventId = await insertEvent(app, { title: "A passing event", startsOn: "2021-05-01", articleIds: [articleId] });
    const { article } = await query(app, `query($id: ID!) { article(id: $id) { id images { id } quotes { id } } }`, { id: globalId("Article", articleId) });
    const ids = [article.id, article.images[0].id, article.quotes[0].id, globalId("Expert", expert.id), globalId("Event", eventId)];
    expect((await query(app, NODES, { ids })).nodes.map((n: { __typename: string } | null) => n?.__typename)).toEqual([
      "Article", "ArticleImage", "Quote", "Expert", "Event",
    ]);

    await app.sql(`DELETE FROM article WHERE id = $1`, [articleId]); // its image and quote go with it
    await app.sql(`DELETE FROM expert WHERE id = $1`, [expert.id]);
    await app.sql(`DELETE FROM event WHERE id = $1`, [eventId]);

    expect((await query(app, NODES, { ids })).nodes).toEqual([null, null, null, null, null]);
    for (const id of ids) expect((await query(app, NODE("Node", "id"), { id })).node).toBeNull();
  });
});
