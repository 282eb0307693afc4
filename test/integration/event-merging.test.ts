import "reflect-metadata";
import { similarity } from "../../src/event/event-matching";
import { createTestApp, type TestApp } from "../helpers/app";
import { createKey } from "../helpers/keys";

/**
 * Events as happenings (issue 11), through the real pipeline on PGlite or, with TEST_DATABASE_URL,
 * PostgreSQL: articles written for this test report meetings under their own titles; import links
 * the reports of one happening to one Event and keeps each article's title.
 */
let app: TestApp;
let editor: Record<string, string>;
let reader: Record<string, string>;
let seq = 0;

beforeAll(async () => {
  app = await createTestApp();
  editor = (await createKey(app, "editor", "events desk")).headers;
  reader = (await createKey(app, "reader", "events reader")).headers;
});
afterAll(() => app.close());

const gql = (query: string, variables: Record<string, unknown> = {}, headers = editor) => app.graphql(query, variables, headers);

const EVENT_FIELDS = `id title titles kind startsOn places { name } participants { name } articles { totalCount nodes { headline } }`;
const UPSERT = `mutation($input: ArticleInput!) { upsertArticle(input: $input) { status article { id events { ${EVENT_FIELDS} } } } }`;
const UPSERT_MANY = `mutation($inputs: [ArticleInput!]!) { upsertArticles(inputs: $inputs) { results { status error { message } article { id events { id title titles } } } } }`;

/** A unique word per call, so tests never see each other's rows (nor the demo data's). */
function uniq(label: string): string {
  seq += 1;
  return `${label}${String.fromCharCode(97 + (seq % 26))}${seq}`;
}

interface Report {
  headline: string;
  body: string;
  event: Record<string, unknown>;
  publishedAt?: string;
  topics?: string[];
  quotes?: Array<{ text: string; speaker: string }>;
}

function article(r: Report) {
  return {
    url: `https://events.example.com/${uniq("a")}`,
    headline: r.headline,
    body: r.body,
    publishedAt: r.publishedAt ?? "2026-03-05T12:00:00.000Z",
    publisher: { name: "Events Test Wire" },
    topics: (r.topics ?? []).map((name) => ({ name })),
    quotes: (r.quotes ?? []).map((q) => ({ text: q.text, speaker: { name: q.speaker } })),
    events: [r.event],
  };
}

/** Two reports of one meeting, written for this test: different titles, same day, one shared place. */
function oneMeeting() {
  const city = uniq("Marlow");
  const minister = uniq("Ilse Varga");
  const first = article({
    headline: `Freedonia and Sylvania ministers meet in ${city}`,
    body: `The foreign ministers of Freedonia and Sylvania met in ${city} on Wednesday to discuss the border treaty. Both sides called the talks constructive.`,
    event: { title: `Freedonia and Sylvania foreign ministers meet in ${city}`, kind: "MEETING", startsOn: "2026-03-04", places: [{ name: city }], participants: [{ name: minister }] },
  });
  const second = article({
    headline: `Border treaty talks in ${city}`,
    body: `Sylvania's foreign minister sat down with her Freedonian counterpart in ${city}, the first such talks in a decade.`,
    publishedAt: "2026-03-05T18:00:00.000Z",
    event: { title: `Freedonia, Sylvania foreign ministers hold talks in ${city}`, kind: "TALKS", startsOn: "2026-03-04", places: [{ name: city }] },
  });
  return { city, minister, first, second };
}

describe("import links reports of one happening to one event", () => {
  test("the matching similarity is pg_trgm's", async () => {
    const pairs = [
      ["Freedonia and Sylvania foreign ministers meet in Marlow", "Freedonia, Sylvania foreign ministers hold talks in Marlow"],
      ["Trade council meets in Ostrava", "Freedonia and Sylvania foreign ministers meet in Marlow"],
      ["Kim-Wang talks", "Talks between Kim and Wang in Seoul"],
    ];
    for (const [a, b] of pairs) {
      const [row] = await app.sql<{ s: number }>(`SELECT similarity($1, $2)::float8 AS s`, [a, b]);
      expect(similarity(a!, b!)).toBeCloseTo(row!.s, 5);
    }
  });

  test("two reports of one meeting (different titles, same day, a shared place) import as one event with two titles", async () => {
    const { city, first, second } = oneMeeting();
    const a = await gql(UPSERT, { input: first });
    expect(a.errors).toBeUndefined();
    expect(a.data.upsertArticle.status).toBe("CREATED");
    const b = await gql(UPSERT, { input: second });
    expect(b.errors).toBeUndefined();
    const [ea] = a.data.upsertArticle.article.events;
    const [eb] = b.data.upsertArticle.article.events;
    expect(eb.id).toBe(ea.id);
    expect(eb).toMatchObject({
      title: first.events[0]!.title,
      titles: [first.events[0]!.title, second.events[0]!.title],
      kind: "MEETING",
      startsOn: "2026-03-04",
      places: [{ name: city }],
      articles: { totalCount: 2 },
    });
    expect(eb.articles.nodes.map((n: any) => n.headline)).toEqual([second.headline, first.headline]);
    // Each link keeps the article's own title and its confidence.
    const links = await app.sql<{ title: string; confidence: number | null }>(
      `SELECT l.title, l.confidence FROM event_article l JOIN article a ON a.id = l.article_id WHERE a.url = ANY($1) ORDER BY a.published_at`,
      [[first.url, second.url]],
    );
    expect(links.map((l) => l.title)).toEqual([first.events[0]!.title, second.events[0]!.title]);

    // Importing either again changes nothing.
    for (const input of [first, second]) {
      const again = await gql(UPSERT, { input });
      expect(again.data.upsertArticle.status).toBe("UNCHANGED");
      expect(again.data.upsertArticle.article.events[0].id).toBe(ea.id);
    }
  });

  test("updateArticle's events follow the same rules", async () => {
    const { first, second } = oneMeeting();
    const a = (await gql(UPSERT, { input: first })).data.upsertArticle.article;
    const b = (await gql(UPSERT, { input: { ...second, events: [] } })).data.upsertArticle.article;
    const PATCH = `mutation($id: ID!, $input: ArticlePatch!, $v: Int!) { updateArticle(id: $id, input: $input, expectedVersion: $v) { status article { events { id titles } } } }`;
    const v = (await gql(`query($id: ID!) { node(id: $id) { ... on Article { version } } }`, { id: b.id })).data.node.version;
    const r = await gql(PATCH, { id: b.id, v, input: { events: second.events } });
    expect(r.errors).toBeUndefined();
    expect(r.data.updateArticle.article.events).toEqual([{ id: a.events[0].id, titles: [first.events[0]!.title, second.events[0]!.title] }]);
    const again = await gql(PATCH, { id: b.id, v: v + 1, input: { events: second.events } });
    expect(again.data.updateArticle.status).toBe("UNCHANGED");
  });

  test("reports of one meeting in one batch are one event too", async () => {
    const { first, second } = oneMeeting();
    const r = await gql(UPSERT_MANY, { inputs: [first, second] });
    expect(r.errors).toBeUndefined();
    const [x, y] = r.data.upsertArticles.results;
    expect(x.article.events[0].id).toBe(y.article.events[0].id);
    expect(y.article.events[0].titles).toEqual([first.events[0]!.title, second.events[0]!.title]);
    const again = await gql(UPSERT_MANY, { inputs: [first, second] });
    expect(again.data.upsertArticles.results.map((o: any) => o.status)).toEqual(["UNCHANGED", "UNCHANGED"]);
  });

  test("two meetings on one day in different cities do not merge, even with a participant in common", async () => {
    const cityA = uniq("Ostrava");
    const cityB = uniq("Brno");
    const envoy = uniq("Tomas Hradek");
    const report = (city: string) =>
      article({
        headline: `Trade council meets in ${city}`,
        body: `The Freedonia-Sylvania trade council met in ${city}; envoy ${envoy} attended.`,
        event: { title: `Freedonia Sylvania trade council meets in ${city}`, kind: "MEETING", startsOn: "2026-03-04", places: [{ name: city }], participants: [{ name: envoy }] },
      });
    const a = await gql(UPSERT, { input: report(cityA) });
    const b = await gql(UPSERT, { input: report(cityB) });
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const ea = a.data.upsertArticle.article.events[0];
    const eb = b.data.upsertArticle.article.events[0];
    expect(similarity(ea.title, eb.title)).toBeGreaterThan(0.5);
    expect(eb.id).not.toBe(ea.id);
    expect(eb.places).toEqual([{ name: cityB }]);
    expect(eb.articles.totalCount).toBe(1);
  });

  test("a meeting a month later, or of another kind, is another event", async () => {
    const { first } = oneMeeting();
    const city = (first.events[0]!.places as Array<{ name: string }>)[0]!.name;
    await gql(UPSERT, { input: first });
    const later = await gql(UPSERT, { input: article({ headline: "Again", body: "They met again.", event: { ...first.events[0], startsOn: "2026-04-04" } }) });
    const protest = await gql(UPSERT, {
      input: article({ headline: "Protest", body: `Crowds in ${city}.`, event: { title: `Protest as Freedonia and Sylvania foreign ministers meet in ${city}`, kind: "PROTEST", startsOn: "2026-03-04", places: [{ name: city }] } }),
    });
    const [e1] = (await gql(`query($u: String!) { article(url: $u) { events { id } } }`, { u: first.url })).data.article.events;
    expect(later.data.upsertArticle.article.events[0].id).not.toBe(e1.id);
    expect(protest.data.upsertArticle.article.events[0].id).not.toBe(e1.id);
  });
});

describe("mergeEvents and splitEvent", () => {
  const MERGE = `mutation($into: ID!, $from: [ID!]!) { mergeEvents(into: $into, from: $from) { mergedIds event { ${EVENT_FIELDS} version } } }`;
  const SPLIT = `mutation($id: ID!, $articles: [ID!]!, $title: String) { splitEvent(id: $id, articles: $articles, title: $title) { event { ${EVENT_FIELDS} } newEvent { ${EVENT_FIELDS} } } }`;
  const ghost = () => Buffer.from("Event:00000000-0000-4000-8000-000000000001").toString("base64url");

  /** Two events the rules kept apart (no shared place or participant), reported by one article each. */
  async function twoEvents() {
    const { first, second } = oneMeeting();
    second.events[0]!.places = [{ name: uniq("Elsewhere") }];
    const a = (await gql(UPSERT, { input: first })).data.upsertArticle.article;
    const b = (await gql(UPSERT, { input: second })).data.upsertArticle.article;
    expect(a.events[0].id).not.toBe(b.events[0].id);
    return { first, second, a, b };
  }

  test("mergeEvents moves articles, titles, places and participants to `into` and deletes the others; importing again stays with it", async () => {
    const { first, second, a, b } = await twoEvents();
    const r = await gql(MERGE, { into: a.events[0].id, from: [b.events[0].id] });
    expect(r.errors).toBeUndefined();
    const merged = r.data.mergeEvents;
    expect(merged.mergedIds).toEqual([b.events[0].id]);
    expect(merged.event).toMatchObject({
      id: a.events[0].id,
      titles: [first.events[0]!.title, second.events[0]!.title],
      articles: { totalCount: 2 },
      version: 2,
    });
    expect(merged.event.places.map((p: any) => p.name).sort()).toEqual([...a.events[0].places, ...b.events[0].places].map((p: any) => p.name).sort());
    expect((await gql(`query($id: ID!) { node(id: $id) { id } }`, { id: b.events[0].id })).data.node).toBeNull();
    const again = await gql(UPSERT, { input: second });
    expect(again.data.upsertArticle).toMatchObject({ status: "UNCHANGED", article: { events: [{ id: a.events[0].id }] } });
  });

  test("mergeEvents refuses bad arguments as a whole, and readers", async () => {
    const { a, b } = await twoEvents();
    const into = a.events[0].id;
    const self = await gql(MERGE, { into, from: [into] });
    expect(self.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "from[0]", constraint: "distinct" })] });
    const none = await gql(MERGE, { into, from: [] });
    expect(none.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    const notEvent = await gql(MERGE, { into, from: [a.id] });
    expect(notEvent.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "from[0]" })] });
    const missing = await gql(MERGE, { into, from: [b.events[0].id, ghost()] });
    expect(missing.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", ids: [ghost()] });
    const missingInto = await gql(MERGE, { into: ghost(), from: [into] });
    expect(missingInto.errors![0].extensions!.code).toBe("NOT_FOUND");
    const asReader = await gql(MERGE, { into, from: [b.events[0].id] }, reader);
    expect(asReader.errors![0].extensions!.code).toBe("FORBIDDEN");
    const anonymous = await gql(MERGE, { into, from: [b.events[0].id] }, {});
    expect(["UNAUTHENTICATED", "FORBIDDEN"]).toContain(anonymous.errors![0].extensions!.code);
    // Nothing was written by any of them.
    const both = await app.sql(`SELECT id FROM event WHERE id = ANY($1::uuid[])`, [[a.events[0].id, b.events[0].id].map((g) => Buffer.from(g, "base64url").toString().split(":")[1])]);
    expect(both).toHaveLength(2);
  });

  test("splitEvent moves the given articles' links to a new event copied from it", async () => {
    const { first, second } = oneMeeting();
    const a = (await gql(UPSERT, { input: first })).data.upsertArticle.article;
    const b = (await gql(UPSERT, { input: second })).data.upsertArticle.article;
    const id = a.events[0].id;
    expect(b.events[0].id).toBe(id);
    const r = await gql(SPLIT, { id, articles: [b.id] });
    expect(r.errors).toBeUndefined();
    const { event, newEvent } = r.data.splitEvent;
    expect(event).toMatchObject({ id, titles: [first.events[0]!.title], articles: { totalCount: 1, nodes: [{ headline: first.headline }] } });
    expect(newEvent).toMatchObject({
      title: second.events[0]!.title,
      titles: [second.events[0]!.title],
      kind: "MEETING",
      startsOn: "2026-03-04",
      places: event.places,
      participants: event.participants,
      articles: { totalCount: 1, nodes: [{ headline: second.headline }] },
    });
    // The moved article, imported again, stays with the new event.
    const again = await gql(UPSERT, { input: second });
    expect(again.data.upsertArticle).toMatchObject({ status: "UNCHANGED", article: { events: [{ id: newEvent.id }] } });
  });

  test("splitEvent refuses bad input: unknown event, an article not reporting it, moving every article, readers", async () => {
    const { first, second } = oneMeeting();
    const a = (await gql(UPSERT, { input: first })).data.upsertArticle.article;
    const b = (await gql(UPSERT, { input: second })).data.upsertArticle.article;
    const other = (await gql(UPSERT, { input: article({ headline: "Unrelated", body: "Nothing here.", event: { title: uniq("Unrelated fair") } }) })).data.upsertArticle.article;
    const id = a.events[0].id;
    expect((await gql(SPLIT, { id: ghost(), articles: [b.id] })).errors![0].extensions!.code).toBe("NOT_FOUND");
    const stranger = await gql(SPLIT, { id, articles: [other.id] });
    expect(stranger.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "articles[0]", constraint: "linked" })] });
    const all = await gql(SPLIT, { id, articles: [a.id, b.id] });
    expect(all.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "articles" })] });
    const unknown = await gql(SPLIT, { id, articles: ["no-such-article-slug"] });
    expect(unknown.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    const blank = await gql(SPLIT, { id, articles: [b.id], title: "  " });
    expect(blank.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect((await gql(SPLIT, { id, articles: [b.id] }, reader)).errors![0].extensions!.code).toBe("FORBIDDEN");
    const still = await gql(`query($id: ID!) { event(id: $id) { articles { totalCount } } }`, { id });
    expect(still.data.event.articles.totalCount).toBe(2);
    expect(await app.sql(`SELECT 1 FROM event WHERE title = $1`, [second.events[0]!.title])).toHaveLength(0);
  });
});

describe("coverage, the timeline and related articles", () => {
  const place = uniq("Velden");
  const other = uniq("Kranj");
  const expert = uniq("Mara Oblak");
  const topic = uniq("Alpine water rights");
  const e1 = { title: uniq("Water summit opens in Velden"), kind: "SUMMIT", startsOn: "2031-05-06", places: [{ name: place }] };
  const e2 = { title: uniq("Ski federation congress"), kind: "CONFERENCE", startsOn: "2031-05-07", places: [{ name: other }] };
  const e3 = { title: uniq("Water rights ruling"), kind: "ANNOUNCEMENT", startsOn: "2031-05-20", places: [{ name: other }] };
  const quote = { text: "Water is not a bargaining chip.", speaker: expert };
  const make = (name: string, day: number, events: object[], extra: Partial<Report> = {}) => ({
    ...article({ headline: `${name} ${place}`, body: `${name}: a report written for the timeline test.`, event: {}, publishedAt: `2031-05-${String(day).padStart(2, "0")}T09:00:00.000Z`, ...extra }),
    events,
  });
  const a1 = make("A1", 10, [e1], { quotes: [quote], topics: [topic] });
  const a2 = make("A2", 11, [e1]);
  const a6 = make("A6", 12, [e1], { quotes: [quote] });
  const a3 = make("A3", 21, [e3], { quotes: [quote] });
  const a4 = make("A4", 22, [e3], { topics: [topic] });
  const a5 = make("A5", 8, [e2]);
  const ids: Record<string, string> = {};
  const events: Record<string, string> = {};

  beforeAll(async () => {
    const r = await gql(UPSERT_MANY, { inputs: [a1, a2, a6, a3, a4, a5] });
    expect(r.errors).toBeUndefined();
    r.data.upsertArticles.results.forEach((o: any, i: number) => (ids[["a1", "a2", "a6", "a3", "a4", "a5"][i]!] = o.article.id));
    const byTitle = (t: string) => r.data.upsertArticles.results.flatMap((o: any) => o.article.events).find((e: any) => e.title === t).id;
    Object.assign(events, { e1: byTitle(e1.title), e2: byTitle(e2.title), e3: byTitle(e3.title) });
  });

  test("events(orderBy: COVERAGE) orders by the number of reporting articles, most first, and pages", async () => {
    const Q = `query($after: String) { events(filter: { from: "2031-05-01", to: "2031-05-31" }, orderBy: { field: COVERAGE }, first: 2, after: $after) {
      totalCount nodes { id articles { totalCount } } pageInfo { endCursor hasNextPage } } }`;
    const p1 = await gql(Q, {}, reader);
    expect(p1.errors).toBeUndefined();
    expect(p1.data.events.totalCount).toBe(3);
    expect(p1.data.events.nodes).toEqual([{ id: events.e1, articles: { totalCount: 3 } }, { id: events.e3, articles: { totalCount: 2 } }]);
    const p2 = await gql(Q, { after: p1.data.events.pageInfo.endCursor }, reader);
    expect(p2.data.events.nodes).toEqual([{ id: events.e2, articles: { totalCount: 1 } }]);
    const asc = await gql(`{ events(filter: { from: "2031-05-01", to: "2031-05-31" }, orderBy: { field: COVERAGE, direction: ASC }) { nodes { id } } }`, {}, reader);
    expect(asc.data.events.nodes.map((n: any) => n.id)).toEqual([events.e2, events.e3, events.e1]);
  });

  test("eventTimeline returns every bucket of the range with its events, the most covered first", async () => {
    const Q = `query($g: TimelineGranularity!, $n: Int) { eventTimeline(from: "2031-05-01", to: "2031-05-31", granularity: $g, eventsPerBucket: $n) {
      start end eventCount articleCount events { id } } }`;
    const weeks = await gql(Q, { g: "WEEK", n: 1 }, reader);
    expect(weeks.errors).toBeUndefined();
    expect(weeks.data.eventTimeline).toEqual([
      { start: "2031-04-28", end: "2031-05-04", eventCount: 0, articleCount: 0, events: [] },
      { start: "2031-05-05", end: "2031-05-11", eventCount: 2, articleCount: 4, events: [{ id: events.e1 }] },
      { start: "2031-05-12", end: "2031-05-18", eventCount: 0, articleCount: 0, events: [] },
      { start: "2031-05-19", end: "2031-05-25", eventCount: 1, articleCount: 2, events: [{ id: events.e3 }] },
      { start: "2031-05-26", end: "2031-06-01", eventCount: 0, articleCount: 0, events: [] },
    ]);
    const months = await gql(Q, { g: "MONTH" }, reader);
    expect(months.data.eventTimeline).toEqual([{ start: "2031-05-01", end: "2031-05-31", eventCount: 3, articleCount: 6, events: [{ id: events.e1 }, { id: events.e3 }, { id: events.e2 }] }]);
    const days = await gql(Q, { g: "DAY", n: 5 }, reader);
    expect(days.data.eventTimeline).toHaveLength(31);
    expect(days.data.eventTimeline.filter((b: any) => b.eventCount).map((b: any) => b.start)).toEqual(["2031-05-06", "2031-05-07", "2031-05-20"]);
    const filtered = await gql(`query($k: EventKind) { eventTimeline(from: "2031-05-01", to: "2031-05-31", granularity: MONTH, filter: { kind: $k }) { eventCount events { id } } }`, { k: "ANNOUNCEMENT" }, reader);
    expect(filtered.data.eventTimeline).toEqual([{ eventCount: 1, events: [{ id: events.e3 }] }]);
  });

  test("eventTimeline refuses a reversed or too long range and a bad page", async () => {
    const Q = `query($from: LocalDate!, $to: LocalDate!, $g: TimelineGranularity!, $n: Int) { eventTimeline(from: $from, to: $to, granularity: $g, eventsPerBucket: $n) { start } }`;
    const reversed = await gql(Q, { from: "2031-05-31", to: "2031-05-01", g: "DAY" }, reader);
    expect(reversed.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "to" });
    const long = await gql(Q, { from: "2000-01-01", to: "2031-05-01", g: "DAY" }, reader);
    expect(long.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "granularity" });
    const many = await gql(Q, { from: "2031-05-01", to: "2031-05-02", g: "DAY", n: 51 }, reader);
    expect(many.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    const notDate = await gql(Q, { from: "May 1", to: "2031-05-02", g: "DAY" }, reader);
    expect(notDate.status).toBeLessThan(500);
    expect(notDate.errors![0].extensions!.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });

  test("Article.related ranks articles sharing events (3), quoted experts (2) and topics (1)", async () => {
    const Q = `query($id: ID!, $first: Int) { node(id: $id) { ... on Article { related(first: $first) { score sharedEvents sharedExperts sharedTopics article { id } } } } }`;
    const r = await gql(Q, { id: ids.a1 }, reader);
    expect(r.errors).toBeUndefined();
    expect(r.data.node.related).toEqual([
      { score: 5, sharedEvents: 1, sharedExperts: 1, sharedTopics: 0, article: { id: ids.a6 } },
      { score: 3, sharedEvents: 1, sharedExperts: 0, sharedTopics: 0, article: { id: ids.a2 } },
      { score: 2, sharedEvents: 0, sharedExperts: 1, sharedTopics: 0, article: { id: ids.a3 } },
      { score: 1, sharedEvents: 0, sharedExperts: 0, sharedTopics: 1, article: { id: ids.a4 } },
    ]);
    const two = await gql(Q, { id: ids.a1, first: 2 }, reader);
    expect(two.data.node.related.map((x: any) => x.article.id)).toEqual([ids.a6, ids.a2]);
    const none = await gql(Q, { id: ids.a5 }, reader);
    expect(none.data.node.related).toEqual([]);
    const bad = await gql(Q, { id: ids.a1, first: -1 }, reader);
    expect(bad.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "first" });
  });
});
