/**
 * Every root query, filter and ordering of the read API, over the demo data plus four articles,
 * two organizations, one expert and one event inserted here. Each test asserts specific facts.
 */
import { randomUUID } from "node:crypto";
import { createTestApp, type TestApp } from "../helpers/app";
// After the app: the demo data imports entity modules whose cycle resolves from the app's side.
import { DEMO_DATA } from "../../src/demo/demo-data";
import { expectBadUserInput, globalId, idOf, insertArticle, insertEvent, insertExpert, insertOrganization, query, type Ref } from "../helpers/fixtures";

let app: TestApp;

// Headlines.
const DEMO = DEMO_DATA.article.headline;
const TRADE = "Japan and Australia sign semiconductor supply pact";
const XI = "Beijing vows tariffs response after Anchorage talks";
const FRENCH = "Sommet climatique à Séoul";
const PLANET = "Daily Planet weekly roundup";

// Quote texts: the demo's seven, then the ones inserted here.
const D = DEMO_DATA.article.quotes.map((q) => q.text);
const T0 = "This pact secures our semiconductor future";
const T1 = "Supply chains are now a security question";
const X0 = "We will defend our sovereignty";
const X1 = "Dialogue must continue on an equal footing";

// Demo events, by title.
const [TRIP, TWO_PLUS_TWO, DEPART, TALKS, BRIEFS, NSS, REVIEW] = DEMO_DATA.events.map((e) => e.title);
const NEW_EVENT = "Chinese foreign ministry briefing on Anchorage talks";

let planet: Ref; // a publisher nothing else names
let ips: Ref; // a think tank quoted in XI; Mira Okafor's employer
let mira: Ref; // quoted in TRADE, named nowhere
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await createTestApp();
  planet = await insertOrganization(app, { name: "Daily Planet", kind: "media", country: "CA" });
  ips = await insertOrganization(app, { name: "Institute for Pacific Studies", aliases: ["IPS"], kind: "think_tank", country: "SG" });
  mira = await insertExpert(app, { name: "Mira Okafor", kind: "analyst", title: "senior fellow", organizationSlug: ips.slug });

  ids.demo = await idOf(app, "article", DEMO_DATA.article.slug);
  ids.trade = await insertArticle(app, {
    headline: TRADE,
    body: "Tokyo and Canberra agreed on a semiconductor supply chain pact on Saturday. Officials said tariffs on chips would fall, and tariffs on rare earths would follow.",
    publishedAt: "2021-03-20T09:00:00Z",
    createdAt: "2030-01-04T00:00:00Z",
    sections: ["Economy"],
    topicSlugs: ["diplomacy"],
    placeSlugs: ["tokyo", "japan"],
    expertSlugs: ["toshimitsu-motegi"],
    publisherSlug: "reuters",
    quotes: [
      { text: T0, expertSlug: "toshimitsu-motegi", saidOn: "2021-03-19", channel: "press conference" },
      { text: T1, expertSlug: mira.slug, channel: "interview" },
    ],
  });
  ids.xi = await insertArticle(app, {
    headline: XI,
    body: "China's foreign ministry said the talks in Anchorage were candid. Analysts expect more tariffs.",
    publishedAt: "2021-03-19T15:00:00Z",
    createdAt: "2030-01-02T00:00:00Z",
    sections: ["Asia"],
    topicSlugs: ["china"],
    placeSlugs: ["beijing"],
    quotes: [
      { text: X0, expertSlug: "xi-jinping" },
      { text: X1, organizationSlug: ips.slug, saidOn: "2021-03-18", channel: "statement" },
    ],
  });
  ids.french = await insertArticle(app, {
    headline: FRENCH,
    body: "Les dirigeants se réunissent à Séoul pour parler du climat.",
    publishedAt: "2021-03-10T08:00:00Z",
    createdAt: "2030-01-03T00:00:00Z",
    language: "fr",
    sections: ["Monde"],
    placeSlugs: ["seoul"],
  });
  ids.planet = await insertArticle(app, {
    headline: PLANET,
    body: "A roundup of the week's news from around the world.",
    publishedAt: "2021-03-01T00:00:00Z",
    createdAt: "2030-01-01T00:00:00Z",
    publisherSlug: planet.slug,
  });
  ids.newEvent = await insertEvent(app, {
    title: NEW_EVENT,
    kind: "briefing",
    startsOn: "2021-03-19",
    placeSlugs: ["beijing"],
    expertSlugs: ["wang-yi"],
    organizationSlugs: [ips.slug],
    articleIds: [ids.xi],
  });
});

afterAll(async () => {
  await app?.close();
});

const ARTICLES = `query($filter: ArticleFilter, $orderBy: ArticleOrder) {
  articles(filter: $filter, orderBy: $orderBy, first: 100) { totalCount nodes { id headline } }
}`;

/** Headlines of `articles(filter, orderBy)`, checking totalCount agrees. */
async function headlines(filter?: Record<string, unknown>, orderBy?: Record<string, unknown>): Promise<string[]> {
  const data = await query(app, ARTICLES, { filter, orderBy });
  const list = data.articles.nodes.map((n: { headline: string }) => n.headline);
  expect(data.articles.totalCount).toBe(list.length);
  return list;
}

const QUOTES = `query($filter: QuoteFilter, $orderBy: QuoteOrder) {
  quotes(filter: $filter, orderBy: $orderBy, first: 100) { totalCount nodes { id text } }
}`;

async function quoteTexts(filter?: Record<string, unknown>, orderBy?: Record<string, unknown>): Promise<string[]> {
  const data = await query(app, QUOTES, { filter, orderBy });
  const list = data.quotes.nodes.map((n: { text: string }) => n.text);
  expect(data.quotes.totalCount).toBe(list.length);
  return list;
}

const EVENTS = `query($filter: EventFilter, $orderBy: EventOrder) {
  events(filter: $filter, orderBy: $orderBy, first: 100) { totalCount nodes { id title } }
}`;

async function eventTitles(filter?: Record<string, unknown>, orderBy?: Record<string, unknown>): Promise<string[]> {
  const data = await query(app, EVENTS, { filter, orderBy });
  const list = data.events.nodes.map((n: { title: string }) => n.title);
  expect(data.events.totalCount).toBe(list.length);
  return list;
}

const EXPERTS = `query($filter: ExpertFilter, $orderBy: ExpertOrder) {
  experts(filter: $filter, orderBy: $orderBy, first: 100) { totalCount nodes { id name } }
}`;

async function expertNames(filter?: Record<string, unknown>, orderBy?: Record<string, unknown>): Promise<string[]> {
  const data = await query(app, EXPERTS, { filter, orderBy });
  const list = data.experts.nodes.map((n: { name: string }) => n.name);
  expect(data.experts.totalCount).toBe(list.length);
  return list;
}

const names = (list: Array<{ name: string }>) => list.map((x) => x.name);
const uuidOf = (table: "expert" | "organization" | "place" | "topic", slug: string) => idOf(app, table, slug);

describe("article(id | slug | url)", () => {
  const ARTICLE = `query($id: ID, $slug: String, $url: String) { article(id: $id, slug: $slug, url: $url) { id slug headline publishedAt } }`;

  it("finds the demo article by id, by slug and by url", async () => {
    const id = globalId("Article", ids.demo);
    for (const vars of [{ id }, { slug: DEMO_DATA.article.slug }, { url: DEMO_DATA.article.url }]) {
      const { article } = await query(app, ARTICLE, vars);
      expect(article).toEqual({ id, slug: DEMO_DATA.article.slug, headline: DEMO, publishedAt: "2021-03-14T12:00:00.000Z" });
    }
  });

  it("finds an inserted article by id", async () => {
    const { article } = await query(app, ARTICLE, { id: globalId("Article", ids.trade) });
    expect(article.headline).toBe(TRADE);
  });

  it("refuses none or two of id, slug and url", async () => {
    const none = await expectBadUserInput(app, ARTICLE, {});
    expect(none.message).toMatch(/exactly one/);
    await expectBadUserInput(app, ARTICLE, { id: globalId("Article", ids.demo), slug: DEMO_DATA.article.slug }, "slug");
    await expectBadUserInput(app, ARTICLE, { slug: DEMO_DATA.article.slug, url: DEMO_DATA.article.url }, "url");
  });

  it("refuses a malformed id, naming id", async () => {
    await expectBadUserInput(app, ARTICLE, { id: "not-an-id" }, "id");
    await expectBadUserInput(app, ARTICLE, { id: ids.demo }, "id"); // a raw uuid is not a global id
  });

  it("refuses the id of another type", async () => {
    const [q] = await app.sql<{ id: string }>(`SELECT id FROM quote LIMIT 1`);
    await expectBadUserInput(app, ARTICLE, { id: globalId("Quote", q!.id) }, "id");
  });

  it("returns null for a well-formed id, slug or url that matches nothing", async () => {
    expect((await query(app, ARTICLE, { id: globalId("Article", randomUUID()) })).article).toBeNull();
    expect((await query(app, ARTICLE, { slug: "no-such-article" })).article).toBeNull();
    expect((await query(app, ARTICLE, { url: "https://example.com/nothing" })).article).toBeNull();
  });
});

describe("articles", () => {
  it("lists all articles newest first by default", async () => {
    expect(await headlines()).toEqual([TRADE, XI, DEMO, FRENCH, PLANET]);
  });

  describe("filter.search (web-search syntax)", () => {
    it("finds a word of the body", async () => {
      expect(await headlines({ search: "Pyongyang" })).toEqual([DEMO]);
      expect(await headlines({ search: "semiconductor" })).toEqual([TRADE]);
    });

    it("stems: 'tariff' finds 'tariffs'", async () => {
      expect((await headlines({ search: "tariff" })).sort()).toEqual([DEMO, TRADE, XI].sort());
    });

    it("matches a quoted phrase only in that order", async () => {
      expect(await headlines({ search: '"pacing threat"' })).toEqual([DEMO]);
      expect(await headlines({ search: '"threat pacing"' })).toEqual([]);
    });

    it("excludes a -negated word", async () => {
      expect(await headlines({ search: "tariffs -china" })).toEqual([TRADE]);
    });

    it("accepts `or`", async () => {
      expect((await headlines({ search: "canberra or pyongyang" })).sort()).toEqual([DEMO, TRADE].sort());
    });

    it("finds nothing for a word no article has", async () => {
      expect(await headlines({ search: "zeppelin" })).toEqual([]);
    });

    it("refuses an empty or blank search, naming filter.search", async () => {
      await expectBadUserInput(app, ARTICLES, { filter: { search: "" } }, "filter.search");
      await expectBadUserInput(app, ARTICLES, { filter: { search: "   " } }, "filter.search");
    });
  });

  describe("publishedAfter (inclusive) and publishedBefore (exclusive)", () => {
    it("publishedAfter includes an article published at exactly that time", async () => {
      expect(await headlines({ publishedAfter: "2021-03-14T12:00:00Z" })).toEqual([TRADE, XI, DEMO]);
      expect(await headlines({ publishedAfter: "2021-03-14T12:00:00.001Z" })).toEqual([TRADE, XI]);
    });

    it("publishedBefore excludes an article published at exactly that time", async () => {
      expect(await headlines({ publishedBefore: "2021-03-14T12:00:00Z" })).toEqual([FRENCH, PLANET]);
      expect(await headlines({ publishedBefore: "2021-03-14T12:00:00.001Z" })).toEqual([DEMO, FRENCH, PLANET]);
    });

    it("both make a half-open window", async () => {
      expect(await headlines({ publishedAfter: "2021-03-10T08:00:00Z", publishedBefore: "2021-03-19T15:00:00Z" })).toEqual([DEMO, FRENCH]);
    });

    it("accepts offsets other than Z", async () => {
      // 2021-03-14T13:00:00+01:00 is the demo's 12:00 UTC.
      expect(await headlines({ publishedAfter: "2021-03-14T13:00:00+01:00", publishedBefore: "2021-03-14T13:00:00.001+01:00" })).toEqual([DEMO]);
    });
  });

  describe("filter.topic", () => {
    it("by slug", async () => {
      expect(await headlines({ topic: "china" })).toEqual([XI, DEMO]);
      expect(await headlines({ topic: "north-korea" })).toEqual([DEMO]);
    });

    it("by id", async () => {
      expect(await headlines({ topic: globalId("Topic", await uuidOf("topic", "diplomacy")) })).toEqual([TRADE, DEMO]);
    });

    it("an unknown slug or a missing id matches nothing", async () => {
      expect(await headlines({ topic: "no-such-topic" })).toEqual([]);
      expect(await headlines({ topic: globalId("Topic", randomUUID()) })).toEqual([]);
    });

    it("refuses the id of another type, or something that is neither id nor slug, naming filter.topic", async () => {
      const expertId = globalId("Expert", await uuidOf("expert", "xi-jinping"));
      const error = await expectBadUserInput(app, ARTICLES, { filter: { topic: expertId } }, "filter.topic");
      expect(error.message).toMatch(/Topic/);
      await expectBadUserInput(app, ARTICLES, { filter: { topic: "Not a slug!" } }, "filter.topic");
    });
  });

  describe("filter.expert", () => {
    it("finds articles that name the person", async () => {
      expect(await headlines({ expert: "toshimitsu-motegi" })).toEqual([TRADE, DEMO]);
      expect(await headlines({ expert: "kim-jong-un" })).toEqual([DEMO]);
    });

    it("finds articles that only quote the person", async () => {
      expect(await headlines({ expert: mira.slug })).toEqual([TRADE]);
      // Named in the demo, quoted (not named) in XI.
      expect(await headlines({ expert: globalId("Expert", await uuidOf("expert", "xi-jinping")) })).toEqual([XI, DEMO]);
    });

    it("refuses an Organization id, naming filter.expert", async () => {
      await expectBadUserInput(app, ARTICLES, { filter: { expert: globalId("Organization", ips.id) } }, "filter.expert");
    });
  });

  describe("filter.organization", () => {
    it("finds articles the organization publishes", async () => {
      expect(await headlines({ organization: planet.slug })).toEqual([PLANET]);
    });

    it("finds articles that name it, or that it publishes", async () => {
      // Reuters publishes TRADE and is named in the demo.
      expect(await headlines({ organization: "reuters" })).toEqual([TRADE, DEMO]);
    });

    it("finds articles that quote it", async () => {
      expect(await headlines({ organization: globalId("Organization", ips.id) })).toEqual([XI]);
    });

    it("refuses a Place id, naming filter.organization", async () => {
      await expectBadUserInput(app, ARTICLES, { filter: { organization: globalId("Place", await uuidOf("place", "seoul")) } }, "filter.organization");
    });
  });

  describe("filter.place, section, language", () => {
    it("place by slug and by id", async () => {
      expect(await headlines({ place: "seoul" })).toEqual([DEMO, FRENCH]);
      expect(await headlines({ place: globalId("Place", await uuidOf("place", "beijing")) })).toEqual([XI, DEMO]);
      expect(await headlines({ place: "atlantis" })).toEqual([]);
    });

    it("section, matched exactly", async () => {
      expect(await headlines({ section: "Economy" })).toEqual([TRADE]);
      expect(await headlines({ section: "North Korean silence" })).toEqual([DEMO]);
      expect(await headlines({ section: "economy" })).toEqual([]);
      expect(await headlines({ section: "North Korean" })).toEqual([]);
    });

    it("language", async () => {
      expect(await headlines({ language: "fr" })).toEqual([FRENCH]);
      expect(await headlines({ language: "en" })).toEqual([TRADE, XI, DEMO, PLANET]);
      expect(await headlines({ language: "de" })).toEqual([]);
    });
  });

  describe("combined filters must all hold", () => {
    it("language + topic + publishedAfter", async () => {
      expect(await headlines({ language: "en", topic: "diplomacy", publishedAfter: "2021-03-15T00:00:00Z" })).toEqual([TRADE]);
    });

    it("search + place", async () => {
      expect(await headlines({ search: "tariffs", place: "tokyo" })).toEqual([TRADE, DEMO]);
      expect(await headlines({ search: "tariffs", place: "tokyo", publishedBefore: "2021-03-20T00:00:00Z" })).toEqual([DEMO]);
      expect(await headlines({ search: "candid", place: "seoul" })).toEqual([]);
    });

    it("expert + organization + section", async () => {
      expect(await headlines({ expert: "toshimitsu-motegi", organization: "reuters", section: "North Korean silence" })).toEqual([DEMO]);
      expect(await headlines({ expert: "toshimitsu-motegi", organization: "reuters", section: "Asia" })).toEqual([]);
    });
  });

  describe("orderBy", () => {
    it("PUBLISHED_AT DESC and ASC", async () => {
      expect(await headlines(undefined, { field: "PUBLISHED_AT", direction: "DESC" })).toEqual([TRADE, XI, DEMO, FRENCH, PLANET]);
      expect(await headlines(undefined, { field: "PUBLISHED_AT", direction: "ASC" })).toEqual([PLANET, FRENCH, DEMO, XI, TRADE]);
    });

    it("CREATED_AT ASC and DESC", async () => {
      // The demo was created at start-up; the others carry explicit creation times in 2030.
      expect(await headlines(undefined, { field: "CREATED_AT", direction: "ASC" })).toEqual([DEMO, PLANET, XI, FRENCH, TRADE]);
      expect(await headlines(undefined, { field: "CREATED_AT", direction: "DESC" })).toEqual([TRADE, FRENCH, XI, PLANET, DEMO]);
    });

    it("HEADLINE ASC and DESC", async () => {
      expect(await headlines(undefined, { field: "HEADLINE", direction: "ASC" })).toEqual([XI, PLANET, TRADE, FRENCH, DEMO]);
      expect(await headlines(undefined, { field: "HEADLINE", direction: "DESC" })).toEqual([DEMO, FRENCH, TRADE, PLANET, XI]);
    });

    it("RELEVANCE ranks a headline match above body matches, and is the default when searching", async () => {
      // XI has "tariffs" in its headline; TRADE twice in its body; the demo once in its body.
      expect(await headlines({ search: "tariffs" }, { field: "RELEVANCE", direction: "DESC" })).toEqual([XI, TRADE, DEMO]);
      expect(await headlines({ search: "tariffs" }, { field: "RELEVANCE", direction: "ASC" })).toEqual([DEMO, TRADE, XI]);
      expect(await headlines({ search: "tariffs" })).toEqual([XI, TRADE, DEMO]);
    });

    it("a search may still be ordered by date", async () => {
      expect(await headlines({ search: "tariffs" }, { field: "PUBLISHED_AT", direction: "ASC" })).toEqual([DEMO, XI, TRADE]);
    });

    it("refuses RELEVANCE without a search, naming orderBy", async () => {
      const error = await expectBadUserInput(app, ARTICLES, { orderBy: { field: "RELEVANCE" } }, "orderBy");
      expect(error.message).toMatch(/search/);
    });
  });
});

describe("Article relations", () => {
  const FULL = `query($slug: String!) {
    article(slug: $slug) {
      publisher { name }
      images { id position caption }
      quotes { id position text channel saidOn speaker { name } }
      experts { name }
      events { title startsOn }
      topics { slug name }
      places { name }
      organizations { name }
    }
  }`;

  it("the demo article's publisher, images, quotes, experts, events, topics, places and organizations", async () => {
    const { article } = await query(app, FULL, { slug: DEMO_DATA.article.slug });
    expect(article.publisher).toEqual({ name: "VOA" });

    expect(article.images.map((i: { position: number }) => i.position)).toEqual([0, 1]);
    expect(article.images[0].caption).toBe(DEMO_DATA.article.images[0]!.caption);
    expect(article.images[1].caption).toBe(DEMO_DATA.article.images[1]!.caption);

    expect(article.quotes).toHaveLength(7);
    expect(article.quotes.map((q: { position: number }) => q.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(article.quotes.map((q: { text: string }) => q.text)).toEqual(D);
    expect(article.quotes.map((q: { speaker: { name: string } }) => q.speaker.name)).toEqual([
      "Patricia Kim", "Patricia Kim", "White House", "Lloyd Austin", "Lloyd Austin", "Leif-Eric Easley", "Leif-Eric Easley",
    ]);
    expect(article.quotes[0]).toMatchObject({ channel: "emailed statement", saidOn: "2021-03-12" });
    expect(article.quotes[1].saidOn).toBeNull();

    expect(names(article.experts)).toEqual([
      "Antony Blinken", "Donald Trump", "Jake Sullivan", "Joe Biden", "Kim Jong-un", "Leif-Eric Easley", "Lloyd Austin",
      "Nobuo Kishi", "Patricia Kim", "Toshimitsu Motegi", "Wang Yi", "Xi Jinping", "Yang Jiechi",
    ]);
    expect(article.events.map((e: { title: string }) => e.title)).toEqual([NSS, BRIEFS, TRIP, TWO_PLUS_TWO, DEPART, TALKS, REVIEW]);
    expect(article.events[6].startsOn).toBeNull();
    expect(names(article.topics)).toEqual(["China", "Defense", "Diplomacy", "North Korea", "U.S. foreign policy"]);
    expect(names(article.places)).toEqual([
      "Anchorage", "Arlington", "Beijing", "China", "Hong Kong", "Japan", "North Korea", "Pyongyang", "Seoul", "South Korea", "Taiwan", "Tokyo", "Washington", "Xinjiang",
    ]);
    expect(names(article.organizations)).toEqual([
      "Ewha Womans University", "Reuters", "U.S. Army", "U.S. Department of Defense", "U.S. Department of State", "U.S. Institute of Peace", "VOA", "White House",
    ]);
  });

  it("an inserted article's relations", async () => {
    const { article } = await query(app, FULL.replace("article(slug: $slug)", "article(id: $slug)").replace("$slug: String!", "$slug: ID!"), {
      slug: globalId("Article", ids.trade),
    });
    expect(article.publisher).toEqual({ name: "Reuters" });
    expect(article.images).toEqual([]);
    expect(article.quotes.map((q: { text: string; speaker: { name: string } }) => [q.text, q.speaker.name])).toEqual([
      [T0, "Toshimitsu Motegi"],
      [T1, "Mira Okafor"],
    ]);
    expect(names(article.experts)).toEqual(["Toshimitsu Motegi"]);
    expect(article.events).toEqual([]);
    expect(names(article.topics)).toEqual(["Diplomacy"]);
    expect(names(article.places)).toEqual(["Japan", "Tokyo"]);
    expect(article.organizations).toEqual([]);
  });

  it("an article without publisher has publisher null", async () => {
    const { article } = await query(app, `query($id: ID!) { article(id: $id) { publisher { name } language sections } }`, { id: globalId("Article", ids.french) });
    expect(article).toEqual({ publisher: null, language: "fr", sections: ["Monde"] });
  });

  it("a quote's speaker resolves to Expert or Organization", async () => {
    const { article } = await query(app, `query($id: ID!) { article(id: $id) { quotes { speaker { __typename id name } } } }`, { id: globalId("Article", ids.xi) });
    expect(article.quotes.map((q: { speaker: unknown }) => q.speaker)).toEqual([
      { __typename: "Expert", id: globalId("Expert", await uuidOf("expert", "xi-jinping")), name: "Xi Jinping" },
      { __typename: "Organization", id: globalId("Organization", ips.id), name: "Institute for Pacific Studies" },
    ]);
  });
});

describe("quote and quotes", () => {
  it("quote(id) with its article and speaker", async () => {
    const [row] = await app.sql<{ id: string }>(`SELECT id FROM quote WHERE text = $1`, [D[3]]);
    const id = globalId("Quote", row!.id);
    const { quote } = await query(app, `query($id: ID!) { quote(id: $id) { id text channel isPartial article { headline } speaker { name } } }`, { id });
    expect(quote).toEqual({ id, text: D[3], channel: "told reporters", isPartial: false, article: { headline: DEMO }, speaker: { name: "Lloyd Austin" } });
  });

  it("quote(id) is null for a missing id and refuses a malformed or wrong-type id", async () => {
    const Q = `query($id: ID!) { quote(id: $id) { id } }`;
    expect((await query(app, Q, { id: globalId("Quote", randomUUID()) })).quote).toBeNull();
    await expectBadUserInput(app, Q, { id: "garbage" }, "id");
    await expectBadUserInput(app, Q, { id: globalId("Article", ids.demo) }, "id");
  });

  it("lists all quotes, most recently said first (falling back to the publication day)", async () => {
    // T1 has no day: TRADE's day, 03-20. T0 (03-19) comes before X0 (03-19 by fallback) as TRADE was published later.
    // Demo quotes 1..6 fall back to 03-14 and keep their order in the text; demo quote 0 was said on 03-12.
    expect(await quoteTexts()).toEqual([T1, T0, X0, X1, D[1], D[2], D[3], D[4], D[5], D[6], D[0]]);
  });

  it("orderBy SAID_ON ASC and DESC", async () => {
    expect(await quoteTexts(undefined, { field: "SAID_ON", direction: "ASC" })).toEqual([D[0], D[1], D[2], D[3], D[4], D[5], D[6], X1, X0, T0, T1]);
    expect(await quoteTexts(undefined, { field: "SAID_ON", direction: "DESC" })).toEqual([T1, T0, X0, X1, D[1], D[2], D[3], D[4], D[5], D[6], D[0]]);
  });

  it("orderBy CREATED_AT ASC and DESC agree with the database, ties broken by id", async () => {
    const rows = await app.sql<{ text: string }>(`SELECT text FROM quote ORDER BY created_at, id`);
    const expected = rows.map((r) => r.text);
    expect(await quoteTexts(undefined, { field: "CREATED_AT", direction: "ASC" })).toEqual(expected);
    expect(await quoteTexts(undefined, { field: "CREATED_AT", direction: "DESC" })).toEqual([...expected].reverse());
    // The demo's quotes were seeded before the ones inserted here.
    expect(new Set(expected.slice(0, 7))).toEqual(new Set(D));
  });

  describe("filter.speaker", () => {
    it("by expert id and by expert slug", async () => {
      expect(await quoteTexts({ speaker: globalId("Expert", await uuidOf("expert", "patricia-kim")) })).toEqual([D[1], D[0]]);
      expect(await quoteTexts({ speaker: "lloyd-austin" })).toEqual([D[3], D[4]]);
      expect(await quoteTexts({ speaker: mira.slug })).toEqual([T1]);
    });

    it("by organization id", async () => {
      expect(await quoteTexts({ speaker: globalId("Organization", await uuidOf("organization", "white-house")) })).toEqual([D[2]]);
      expect(await quoteTexts({ speaker: globalId("Organization", ips.id) })).toEqual([X1]);
    });

    it("a slug is looked up among experts only", async () => {
      expect(await quoteTexts({ speaker: "white-house" })).toEqual([]);
    });

    it("refuses the id of another type, naming filter.speaker", async () => {
      await expectBadUserInput(app, QUOTES, { filter: { speaker: globalId("Topic", await uuidOf("topic", "china")) } }, "filter.speaker");
    });
  });

  it("filter.article by id and by slug", async () => {
    expect(await quoteTexts({ article: globalId("Article", ids.xi) })).toEqual([X0, X1]);
    expect(await quoteTexts({ article: DEMO_DATA.article.slug }, { field: "SAID_ON", direction: "ASC" })).toEqual(D);
    await expectBadUserInput(app, QUOTES, { filter: { article: globalId("Expert", mira.id) } }, "filter.article");
  });

  it("filter.organization: the organization's own quotes and its members'", async () => {
    // X1 is the institute's own statement; T1 is its fellow Mira Okafor's.
    expect(await quoteTexts({ organization: ips.slug })).toEqual([T1, X1]);
    expect(await quoteTexts({ organization: globalId("Organization", ips.id) })).toEqual([T1, X1]);
    // Lloyd Austin works at the Department of Defense, which has no quotes of its own.
    expect(await quoteTexts({ organization: "us-department-of-defense" })).toEqual([D[3], D[4]]);
    expect(await quoteTexts({ organization: "white-house" })).toEqual([D[2]]);
  });

  it("filter.search", async () => {
    expect(await quoteTexts({ search: "semiconductor" })).toEqual([T0]);
    // "capable" (in the White House's words) shares the stem of "capabilities".
    expect(await quoteTexts({ search: "capabilities" })).toEqual([D[2], D[4], D[6]]);
    expect(await quoteTexts({ search: "capabilities -deterrence -competitor" })).toEqual([D[6]]);
    expect(await quoteTexts({ search: '"pacing threat"' })).toEqual([D[3]]);
    await expectBadUserInput(app, QUOTES, { filter: { search: "" } }, "filter.search");
  });

  it("filter.saidAfter and saidBefore are inclusive days and fall back to the article's publication day", async () => {
    expect(await quoteTexts({ saidBefore: "2021-03-13" })).toEqual([D[0]]);
    expect(await quoteTexts({ saidBefore: "2021-03-12" })).toEqual([D[0]]);
    expect(await quoteTexts({ saidBefore: "2021-03-11" })).toEqual([]);
    // Only the demo's quotes without a day fall on its publication day.
    expect(await quoteTexts({ saidAfter: "2021-03-14", saidBefore: "2021-03-14" })).toEqual([D[1], D[2], D[3], D[4], D[5], D[6]]);
    // X0 has no day of its own: XI was published on 03-19.
    expect(await quoteTexts({ saidAfter: "2021-03-19" })).toEqual([T1, T0, X0]);
    expect(await quoteTexts({ saidAfter: "2021-03-15", saidBefore: "2021-03-18" })).toEqual([X1]);
    expect(await quoteTexts({ saidAfter: "2021-03-21" })).toEqual([]);
  });

  it("combined filters", async () => {
    expect(await quoteTexts({ speaker: "patricia-kim", saidAfter: "2021-03-13" })).toEqual([D[1]]);
    expect(await quoteTexts({ organization: ips.slug, article: globalId("Article", ids.trade) })).toEqual([T1]);
  });
});

describe("expert and experts", () => {
  const EXPERT = `query($id: ID, $slug: String) { expert(id: $id, slug: $slug) { id slug name title kind aliases organization { name } } }`;

  it("expert(id) and expert(slug)", async () => {
    const id = globalId("Expert", await uuidOf("expert", "xi-jinping"));
    for (const vars of [{ id }, { slug: "xi-jinping" }]) {
      const { expert } = await query(app, EXPERT, vars);
      expect(expert).toEqual({ id, slug: "xi-jinping", name: "Xi Jinping", title: "President", kind: "POLITICIAN", aliases: ["Xi Jingping"], organization: null });
    }
  });

  it("Expert.organization", async () => {
    expect((await query(app, EXPERT, { slug: "patricia-kim" })).expert.organization).toEqual({ name: "U.S. Institute of Peace" });
    expect((await query(app, EXPERT, { slug: mira.slug })).expert.organization).toEqual({ name: "Institute for Pacific Studies" });
    expect((await query(app, EXPERT, { slug: "toshimitsu-motegi" })).expert.organization).toBeNull();
  });

  it("null when missing; BAD_USER_INPUT for none, both, malformed or wrong-type", async () => {
    expect((await query(app, EXPERT, { slug: "nobody" })).expert).toBeNull();
    expect((await query(app, EXPERT, { id: globalId("Expert", randomUUID()) })).expert).toBeNull();
    await expectBadUserInput(app, EXPERT, {});
    await expectBadUserInput(app, EXPERT, { id: globalId("Expert", mira.id), slug: mira.slug });
    await expectBadUserInput(app, EXPERT, { id: "%%%" }, "id");
    await expectBadUserInput(app, EXPERT, { id: globalId("Organization", ips.id) }, "id");
  });

  const ALL_BY_NAME = [
    "Antony Blinken", "Donald Trump", "Jake Sullivan", "Joe Biden", "Kim Jong-un", "Leif-Eric Easley", "Lloyd Austin", "Mira Okafor",
    "Nobuo Kishi", "Patricia Kim", "Toshimitsu Motegi", "Wang Yi", "Xi Jinping", "Yang Jiechi",
  ];

  it("lists everyone by name by default; orderBy NAME ASC/DESC", async () => {
    expect(await expertNames()).toEqual(ALL_BY_NAME);
    expect(await expertNames(undefined, { field: "NAME" })).toEqual(ALL_BY_NAME);
    expect(await expertNames(undefined, { field: "NAME", direction: "DESC" })).toEqual([...ALL_BY_NAME].reverse());
  });

  it("orderBy CREATED_AT: newest first by default, agreeing with the database", async () => {
    const rows = await app.sql<{ name: string }>(`SELECT name FROM expert ORDER BY created_at, id`);
    const asc = rows.map((r) => r.name);
    expect(asc[asc.length - 1]).toBe("Mira Okafor");
    expect(await expertNames(undefined, { field: "CREATED_AT", direction: "ASC" })).toEqual(asc);
    expect(await expertNames(undefined, { field: "CREATED_AT" })).toEqual([...asc].reverse());
  });

  describe("filter.search tolerates typos", () => {
    it('"Xi Jingping" (an alias and a misspelling) finds Xi Jinping first', async () => {
      expect((await expertNames({ search: "Xi Jingping" }))[0]).toBe("Xi Jinping");
    });

    it('"Easly" finds Leif-Eric Easley first', async () => {
      expect((await expertNames({ search: "Easly" }))[0]).toBe("Leif-Eric Easley");
    });

    it('"patricia" finds Patricia Kim', async () => {
      expect(await expertNames({ search: "patricia" })).toEqual(["Patricia Kim"]);
    });

    it("an alias finds the person", async () => {
      expect((await expertNames({ search: "Pentagon chief" }))[0]).toBe("Lloyd Austin");
    });

    it("finds nothing for a name far from everyone's", async () => {
      expect(await expertNames({ search: "Zzyzx Qwv" })).toEqual([]);
    });

    it("refuses an empty search", async () => {
      await expectBadUserInput(app, EXPERTS, { filter: { search: "" } }, "filter.search");
    });
  });

  it("filter.kind", async () => {
    expect(await expertNames({ kind: "ANALYST" })).toEqual(["Mira Okafor", "Patricia Kim"]);
    expect(await expertNames({ kind: "ACADEMIC" })).toEqual(["Leif-Eric Easley"]);
    expect(await expertNames({ kind: "OFFICIAL" })).toEqual(["Antony Blinken", "Jake Sullivan", "Lloyd Austin", "Nobuo Kishi", "Toshimitsu Motegi", "Wang Yi", "Yang Jiechi"]);
    expect(await expertNames({ kind: "JOURNALIST" })).toEqual([]);
  });

  it("filter.organization by slug and by id", async () => {
    expect(await expertNames({ organization: "us-institute-of-peace" })).toEqual(["Patricia Kim"]);
    expect(await expertNames({ organization: globalId("Organization", await uuidOf("organization", "us-department-of-defense")) })).toEqual(["Lloyd Austin"]);
    expect(await expertNames({ organization: ips.slug, kind: "ANALYST" })).toEqual(["Mira Okafor"]);
    expect(await expertNames({ organization: "voa" })).toEqual([]);
    await expectBadUserInput(app, EXPERTS, { filter: { organization: globalId("Expert", mira.id) } }, "filter.organization");
  });

  it("orderBy RELEVANCE with a search; refused without one, naming orderBy", async () => {
    const desc = await expertNames({ search: "Easly" }, { field: "RELEVANCE", direction: "DESC" });
    expect(desc[0]).toBe("Leif-Eric Easley");
    expect(await expertNames({ search: "Easly" }, { field: "RELEVANCE", direction: "ASC" })).toEqual([...desc].reverse());
    // With a search, another ordering may still be asked for.
    expect(await expertNames({ search: "kim" }, { field: "NAME" })).toEqual(["Kim Jong-un", "Patricia Kim"]);
    await expectBadUserInput(app, EXPERTS, { orderBy: { field: "RELEVANCE" } }, "orderBy");
  });

  it("Expert.quotes, most recent first, with totalCount and orderBy", async () => {
    const Q = `query($slug: String!, $orderBy: QuoteOrder) { expert(slug: $slug) { quotes(orderBy: $orderBy) { totalCount nodes { text article { headline } } } } }`;
    const austin = (await query(app, Q, { slug: "lloyd-austin" })).expert.quotes;
    expect(austin.totalCount).toBe(2);
    // Same day, same article: in the order of the text.
    expect(austin.nodes.map((n: { text: string }) => n.text)).toEqual([D[3], D[4]]);
    expect(austin.nodes[0].article.headline).toBe(DEMO);
    const asc = (await query(app, Q, { slug: "lloyd-austin", orderBy: { field: "SAID_ON", direction: "ASC" } })).expert.quotes;
    expect(asc.nodes.map((n: { text: string }) => n.text)).toEqual([D[3], D[4]]);
    const motegi = (await query(app, Q, { slug: "toshimitsu-motegi" })).expert.quotes;
    expect(motegi).toEqual({ totalCount: 1, nodes: [{ text: T0, article: { headline: TRADE } }] });
    const biden = (await query(app, Q, { slug: "joe-biden" })).expert.quotes;
    expect(biden).toEqual({ totalCount: 0, nodes: [] });
  });

  it("Expert.articles, newest first, with totalCount", async () => {
    const Q = `query($slug: String!) { expert(slug: $slug) { articles { totalCount nodes { headline } } } }`;
    expect((await query(app, Q, { slug: "toshimitsu-motegi" })).expert.articles).toEqual({ totalCount: 2, nodes: [{ headline: TRADE }, { headline: DEMO }] });
    expect((await query(app, Q, { slug: "kim-jong-un" })).expert.articles).toEqual({ totalCount: 1, nodes: [{ headline: DEMO }] });
  });

  it("Expert.events, by date, with totalCount", async () => {
    const Q = `query($slug: String!) { expert(slug: $slug) { events { totalCount nodes { title } } } }`;
    const blinken = (await query(app, Q, { slug: "antony-blinken" })).expert.events;
    expect(blinken.totalCount).toBe(5);
    expect(blinken.nodes.map((n: { title: string }) => n.title)).toEqual([BRIEFS, TRIP, TWO_PLUS_TWO, DEPART, TALKS]);
    expect((await query(app, Q, { slug: "wang-yi" })).expert.events.nodes.map((n: { title: string }) => n.title)).toEqual([TALKS, NEW_EVENT]);
    expect((await query(app, Q, { slug: mira.slug })).expert.events).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe("event and events", () => {
  const ALL_ASC = [NSS, BRIEFS, TRIP, TWO_PLUS_TWO, DEPART, TALKS, NEW_EVENT, REVIEW];

  it("event(id), with places, participants and articles", async () => {
    const id = globalId("Event", ids.newEvent);
    const { event } = await query(
      app,
      `query($id: ID!) { event(id: $id) {
        id title kind startsOn endsOn datePrecision status
        places { name }
        participants { __typename name }
        articles { totalCount nodes { headline } }
      } }`,
      { id },
    );
    expect(event).toEqual({
      id,
      title: NEW_EVENT,
      kind: "BRIEFING",
      startsOn: "2021-03-19",
      endsOn: null,
      datePrecision: "DAY",
      status: "HAPPENED",
      places: [{ name: "Beijing" }],
      participants: [
        { __typename: "Expert", name: "Wang Yi" },
        { __typename: "Organization", name: "Institute for Pacific Studies" },
      ],
      articles: { totalCount: 1, nodes: [{ headline: XI }] },
    });
  });

  it("a demo event's places, participants and articles", async () => {
    const [row] = await app.sql<{ id: string }>(`SELECT id FROM event WHERE title = $1`, [TWO_PLUS_TWO]);
    const { event } = await query(app, `query($id: ID!) { event(id: $id) { places { name } participants { name } articles { totalCount nodes { headline } } } }`, {
      id: globalId("Event", row!.id),
    });
    expect(names(event.places)).toEqual(["Tokyo"]);
    expect(names(event.participants)).toEqual(["Antony Blinken", "Lloyd Austin", "Nobuo Kishi", "Toshimitsu Motegi"]);
    expect(event.articles).toEqual({ totalCount: 1, nodes: [{ headline: DEMO }] });
  });

  it("event(id) is null when missing and refuses a wrong-type id", async () => {
    const Q = `query($id: ID!) { event(id: $id) { id } }`;
    expect((await query(app, Q, { id: globalId("Event", randomUUID()) })).event).toBeNull();
    await expectBadUserInput(app, Q, { id: globalId("Place", await uuidOf("place", "seoul")) }, "id");
  });

  it("lists events by start date, undated last", async () => {
    expect(await eventTitles()).toEqual(ALL_ASC);
  });

  it("orderBy STARTS_ON ASC and DESC: undated events last both ways", async () => {
    expect(await eventTitles(undefined, { field: "STARTS_ON", direction: "ASC" })).toEqual(ALL_ASC);
    expect(await eventTitles(undefined, { field: "STARTS_ON", direction: "DESC" })).toEqual([NEW_EVENT, TALKS, DEPART, TWO_PLUS_TWO, TRIP, BRIEFS, NSS, REVIEW]);
  });

  it("orderBy CREATED_AT agrees with the database", async () => {
    const rows = await app.sql<{ title: string }>(`SELECT title FROM event ORDER BY created_at, id`);
    const asc = rows.map((r) => r.title);
    expect(asc[asc.length - 1]).toBe(NEW_EVENT);
    expect(await eventTitles(undefined, { field: "CREATED_AT", direction: "ASC" })).toEqual(asc);
    expect(await eventTitles(undefined, { field: "CREATED_AT", direction: "DESC" })).toEqual([...asc].reverse());
  });

  describe("filter.from / filter.to overlap", () => {
    it("from: events whose last day is on or after it (a 15..18 trip matches from the 17th)", async () => {
      expect(await eventTitles({ from: "2021-03-17" })).toEqual([TRIP, DEPART, TALKS, NEW_EVENT]);
      expect(await eventTitles({ from: "2021-03-19" })).toEqual([NEW_EVENT]);
      expect(await eventTitles({ from: "2021-03-20" })).toEqual([]);
    });

    it("to: events starting on or before it", async () => {
      expect(await eventTitles({ to: "2021-03-15" })).toEqual([NSS, BRIEFS, TRIP]);
      expect(await eventTitles({ to: "2021-02-28" })).toEqual([]);
    });

    it("from and to together: a window overlapping multi-day events", async () => {
      expect(await eventTitles({ from: "2021-03-16", to: "2021-03-16" })).toEqual([TRIP, TWO_PLUS_TWO]);
      expect(await eventTitles({ from: "2021-03-05", to: "2021-03-11" })).toEqual([NSS, BRIEFS]);
      expect(await eventTitles({ from: "2021-03-08", to: "2021-03-10" })).toEqual([]);
    });

    it("refuses to before from, naming filter.to", async () => {
      await expectBadUserInput(app, EVENTS, { filter: { from: "2021-03-18", to: "2021-03-17" } }, "filter.to");
    });
  });

  it("filter.place by slug and id", async () => {
    expect(await eventTitles({ place: "tokyo" })).toEqual([TRIP, TWO_PLUS_TWO]);
    expect(await eventTitles({ place: globalId("Place", await uuidOf("place", "seoul")) })).toEqual([TRIP, DEPART]);
    expect(await eventTitles({ place: "pyongyang" })).toEqual([]);
  });

  it("filter.participant: an expert by slug or id, an organization by id", async () => {
    expect(await eventTitles({ participant: "antony-blinken" })).toEqual([BRIEFS, TRIP, TWO_PLUS_TWO, DEPART, TALKS]);
    expect(await eventTitles({ participant: globalId("Expert", await uuidOf("expert", "jake-sullivan")) })).toEqual([TALKS]);
    expect(await eventTitles({ participant: "wang-yi" })).toEqual([TALKS, NEW_EVENT]);
    expect(await eventTitles({ participant: globalId("Organization", await uuidOf("organization", "white-house")) })).toEqual([NSS]);
    expect(await eventTitles({ participant: globalId("Organization", ips.id) })).toEqual([NEW_EVENT]);
    await expectBadUserInput(app, EVENTS, { filter: { participant: globalId("Topic", await uuidOf("topic", "china")) } }, "filter.participant");
  });

  it("filter.kind, and kinds combined with dates", async () => {
    expect(await eventTitles({ kind: "BRIEFING" })).toEqual([BRIEFS, NEW_EVENT]);
    expect(await eventTitles({ kind: "REVIEW" })).toEqual([REVIEW]);
    expect(await eventTitles({ kind: "BRIEFING", from: "2021-03-12" })).toEqual([NEW_EVENT]);
    expect(await eventTitles({ kind: "ELECTION" })).toEqual([]);
  });
});

describe("organization and organizations", () => {
  const ORGS = `query($filter: OrganizationFilter) { organizations(filter: $filter, first: 100) { totalCount nodes { name } } }`;
  async function orgNames(filter?: Record<string, unknown>): Promise<string[]> {
    const data = await query(app, ORGS, { filter });
    expect(data.organizations.totalCount).toBe(data.organizations.nodes.length);
    return names(data.organizations.nodes);
  }

  it("lists by name", async () => {
    expect(await orgNames()).toEqual([
      "Daily Planet", "Ewha Womans University", "Institute for Pacific Studies", "Reuters", "U.S. Army", "U.S. Department of Defense",
      "U.S. Department of State", "U.S. Institute of Peace", "VOA", "White House",
    ]);
  });

  it("filter.search: aliases and typos", async () => {
    expect((await orgNames({ search: "Pentagon" }))[0]).toBe("U.S. Department of Defense");
    expect((await orgNames({ search: "Voice of America" }))[0]).toBe("VOA");
    expect((await orgNames({ search: "Institue of Peace" }))[0]).toBe("U.S. Institute of Peace");
    expect((await orgNames({ search: "institute" })).sort()).toEqual(["Institute for Pacific Studies", "U.S. Institute of Peace"]);
    expect(await orgNames({ search: "Qqqzzz" })).toEqual([]);
    await expectBadUserInput(app, ORGS, { filter: { search: " " } }, "filter.search");
  });

  it("filter.kind and filter.country", async () => {
    expect(await orgNames({ kind: "MEDIA" })).toEqual(["Daily Planet", "Reuters", "VOA"]);
    expect(await orgNames({ kind: "THINK_TANK" })).toEqual(["Institute for Pacific Studies", "U.S. Institute of Peace"]);
    expect(await orgNames({ country: "KR" })).toEqual(["Ewha Womans University"]);
    expect(await orgNames({ country: "US", kind: "GOVERNMENT" })).toEqual(["U.S. Department of Defense", "U.S. Department of State", "White House"]);
    expect(await orgNames({ country: "FR" })).toEqual([]);
  });

  it("organization(id) and organization(slug), null when missing", async () => {
    const Q = `query($id: ID, $slug: String) { organization(id: $id, slug: $slug) { id slug name kind country aliases } }`;
    const id = globalId("Organization", await uuidOf("organization", "us-department-of-defense"));
    for (const vars of [{ id }, { slug: "us-department-of-defense" }]) {
      expect((await query(app, Q, vars)).organization).toEqual({
        id, slug: "us-department-of-defense", name: "U.S. Department of Defense", kind: "GOVERNMENT", country: "US", aliases: ["Pentagon", "Defense Department", "Department of Defense"],
      });
    }
    expect((await query(app, Q, { slug: "nope" })).organization).toBeNull();
    expect((await query(app, Q, { id: globalId("Organization", randomUUID()) })).organization).toBeNull();
    await expectBadUserInput(app, Q, {});
    await expectBadUserInput(app, Q, { id: globalId("Expert", mira.id) }, "id");
  });

  it("Organization.members, quotes, articles and events, with totalCount", async () => {
    const Q = `query($slug: String!) { organization(slug: $slug) {
      members { totalCount nodes { name } }
      quotes { totalCount nodes { text } }
      articles { totalCount nodes { headline } }
      events { totalCount nodes { title } }
    } }`;
    const whiteHouse = (await query(app, Q, { slug: "white-house" })).organization;
    expect(whiteHouse.members).toEqual({ totalCount: 1, nodes: [{ name: "Jake Sullivan" }] });
    expect(whiteHouse.quotes).toEqual({ totalCount: 1, nodes: [{ text: D[2] }] });
    expect(whiteHouse.articles).toEqual({ totalCount: 1, nodes: [{ headline: DEMO }] });
    expect(whiteHouse.events).toEqual({ totalCount: 1, nodes: [{ title: NSS }] });

    const institute = (await query(app, Q, { slug: ips.slug })).organization;
    expect(institute.members).toEqual({ totalCount: 1, nodes: [{ name: "Mira Okafor" }] });
    // Its own words only, not its members'.
    expect(institute.quotes).toEqual({ totalCount: 1, nodes: [{ text: X1 }] });
    // Named in no article, but quoted in XI: an organization's articles include those quoting it.
    expect(institute.articles).toEqual({ totalCount: 1, nodes: [{ headline: XI }] });
    expect(institute.events).toEqual({ totalCount: 1, nodes: [{ title: NEW_EVENT }] });

    // Reuters is named in the demo and publishes TRADE: both are its articles.
    const reuters = (await query(app, Q, { slug: "reuters" })).organization;
    expect(reuters.articles.totalCount).toBe(2);
    expect(new Set(reuters.articles.nodes.map((n: { headline: string }) => n.headline))).toEqual(new Set([DEMO, TRADE]));
    expect(reuters.members.totalCount).toBe(0);
  });
});

describe("place and places", () => {
  const PLACES = `query($filter: PlaceFilter) { places(filter: $filter, first: 100) { totalCount nodes { name } } }`;
  async function placeNames(filter?: Record<string, unknown>): Promise<string[]> {
    const data = await query(app, PLACES, { filter });
    expect(data.places.totalCount).toBe(data.places.nodes.length);
    return names(data.places.nodes);
  }

  it("lists by name", async () => {
    const all = await placeNames();
    expect(all).toHaveLength(14);
    expect(all).toEqual([...DEMO_DATA.places.map((p) => p.name)].sort());
  });

  it("filter.search: part of the name, any case", async () => {
    expect(await placeNames({ search: "korea" })).toEqual(["North Korea", "South Korea"]);
    expect(await placeNames({ search: "SEO" })).toEqual(["Seoul"]);
    expect(await placeNames({ search: "%" })).toEqual([]);
    await expectBadUserInput(app, PLACES, { filter: { search: "" } }, "filter.search");
  });

  it("filter.kind and filter.countryCode", async () => {
    expect(await placeNames({ kind: "COUNTRY" })).toEqual(["China", "Japan", "North Korea", "South Korea", "Taiwan"]);
    expect(await placeNames({ kind: "REGION" })).toEqual(["Hong Kong", "Xinjiang"]);
    expect(await placeNames({ countryCode: "JP" })).toEqual(["Japan", "Tokyo"]);
    expect(await placeNames({ countryCode: "US", kind: "CITY" })).toEqual(["Anchorage", "Arlington", "Washington"]);
  });

  it("place(id) and place(slug)", async () => {
    const Q = `query($id: ID, $slug: String) { place(id: $id, slug: $slug) { id slug name kind region countryCode latitude longitude } }`;
    const id = globalId("Place", await uuidOf("place", "anchorage-alaska"));
    for (const vars of [{ id }, { slug: "anchorage-alaska" }]) {
      expect((await query(app, Q, vars)).place).toEqual({
        id, slug: "anchorage-alaska", name: "Anchorage", kind: "CITY", region: "Alaska", countryCode: "US", latitude: 61.2181, longitude: -149.9003,
      });
    }
    expect((await query(app, Q, { slug: "atlantis" })).place).toBeNull();
    await expectBadUserInput(app, Q, { id: "nonsense" }, "id");
    await expectBadUserInput(app, Q, {});
  });

  it("Place.articles and Place.events, with totalCount", async () => {
    const Q = `query($slug: String!) { place(slug: $slug) { articles { totalCount nodes { headline } } events { totalCount nodes { title } } } }`;
    const seoul = (await query(app, Q, { slug: "seoul" })).place;
    expect(seoul.articles).toEqual({ totalCount: 2, nodes: [{ headline: DEMO }, { headline: FRENCH }] });
    expect(seoul.events).toEqual({ totalCount: 2, nodes: [{ title: TRIP }, { title: DEPART }] });
    const beijing = (await query(app, Q, { slug: "beijing" })).place;
    expect(beijing.articles).toEqual({ totalCount: 2, nodes: [{ headline: XI }, { headline: DEMO }] });
    expect(beijing.events).toEqual({ totalCount: 1, nodes: [{ title: NEW_EVENT }] });
  });
});

describe("topic and topics", () => {
  const TOPICS = `query($search: String) { topics(search: $search) { totalCount nodes { slug name } } }`;

  it("lists by name, and searches part of the name in any case", async () => {
    const all = (await query(app, TOPICS, {})).topics;
    expect(all.totalCount).toBe(5);
    expect(names(all.nodes)).toEqual(["China", "Defense", "Diplomacy", "North Korea", "U.S. foreign policy"]);
    expect((await query(app, TOPICS, { search: "korea" })).topics.nodes).toEqual([{ slug: "north-korea", name: "North Korea" }]);
    expect(names((await query(app, TOPICS, { search: "POLICY" })).topics.nodes)).toEqual(["U.S. foreign policy"]);
    expect((await query(app, TOPICS, { search: "sport" })).topics).toEqual({ totalCount: 0, nodes: [] });
    await expectBadUserInput(app, TOPICS, { search: "" }, "search");
  });

  it("topic(id) and topic(slug), with Topic.articles", async () => {
    const Q = `query($id: ID, $slug: String) { topic(id: $id, slug: $slug) { id slug name articles { totalCount nodes { headline } } } }`;
    const id = globalId("Topic", await uuidOf("topic", "china"));
    for (const vars of [{ id }, { slug: "china" }]) {
      expect((await query(app, Q, vars)).topic).toEqual({ id, slug: "china", name: "China", articles: { totalCount: 2, nodes: [{ headline: XI }, { headline: DEMO }] } });
    }
    expect((await query(app, Q, { slug: "defense" })).topic.articles).toEqual({ totalCount: 1, nodes: [{ headline: DEMO }] });
    expect((await query(app, Q, { slug: "sport" })).topic).toBeNull();
    await expectBadUserInput(app, Q, { id: globalId("Place", await uuidOf("place", "china")) }, "id");
    await expectBadUserInput(app, Q, { id, slug: "china" });
  });
});

describe("empty search strings are refused everywhere", () => {
  it.each([
    ["articles", `{ articles(filter: { search: "" }) { totalCount } }`, "filter.search"],
    ["quotes", `{ quotes(filter: { search: "" }) { totalCount } }`, "filter.search"],
    ["experts", `{ experts(filter: { search: "" }) { totalCount } }`, "filter.search"],
    ["organizations", `{ organizations(filter: { search: "" }) { totalCount } }`, "filter.search"],
    ["places", `{ places(filter: { search: "" }) { totalCount } }`, "filter.search"],
    ["topics", `{ topics(search: "") { totalCount } }`, "search"],
  ])("%s", async (_name, text, argument) => {
    await expectBadUserInput(app, text, undefined, argument);
  });
});
