import fs from "node:fs";
import path from "node:path";
import { createTestApp, type TestApp } from "../helpers/app";
import { createKey } from "../helpers/keys";

/**
 * ingestArticle through the real pipeline: raw text or HTML in, the article with its quotes,
 * speakers, mentions and events stored, resolved to the people already known.
 */
let app: TestApp;
let editor: Record<string, string>;
let reader: Record<string, string>;

const REFERENCE = fs.readFileSync(path.join(__dirname, "../fixtures/top-us-officials-in-asia.txt"), "utf8");
const GOLD = JSON.parse(fs.readFileSync(path.join(__dirname, "../fixtures/gold.json"), "utf8"));
const URL_BASE = "https://www.voanews.com/a/top-us-officials-in-asia";

beforeAll(async () => {
  app = await createTestApp();
  editor = (await createKey(app, "editor", "wire importer")).headers;
  reader = (await createKey(app, "reader", "dashboard")).headers;
});
afterAll(() => app.close());

const INGEST = `mutation($input: IngestArticleInput!) {
  ingestArticle(input: $input) {
    status warnings omitted { kind text reason }
    article {
      id url headline version publishedAt publisher { name } images { caption } sections
      quotes { text channel isPartial startOffset endOffset confidence speaker { __typename name ... on Expert { id title organization { name } } } }
      experts { id name title }
      organizations { name }
      places { name }
      events { title kind startsOn endsOn datePrecision status places { name } participants { __typename name } }
      body
      mentions { node { __typename ... on Expert { name } ... on Organization { name } ... on Place { name } ... on Event { title } } startOffset endOffset confidence }
    }
  }
}`;

const fold = (s: string) => s.replace(/[“”"‘’']/g, "").replace(/\s+/g, " ").replace(/[,.]$/, "").trim().toLowerCase();

describe("ingestArticle", () => {
  it("turns the reference article into its structure, resolves speakers to the experts already known, and is idempotent", async () => {
    const input = { text: REFERENCE, url: `${URL_BASE}-1`, publishedAt: "2021-03-14T12:00:00Z", publisher: "VOA" };
    const first = await app.graphql(INGEST, { input }, editor);
    expect(first.errors).toBeUndefined();
    const { status, article } = first.data.ingestArticle;
    expect(status).toBe("CREATED");
    expect(article).toMatchObject({ headline: GOLD.article.headline, publisher: { name: "VOA" }, version: 1 });
    expect(article.images.map((i: { caption: string }) => i.caption)).toEqual(GOLD.article.images.map((i: { caption: string }) => i.caption));

    // Every gold quote, with its speaker.
    for (const g of GOLD.quotes) {
      const q = article.quotes.find((x: { text: string }) => fold(x.text) === fold(g.text));
      expect({ quote: g.text, found: !!q }).toEqual({ quote: g.text, found: true });
      expect(q.speaker.name).toBe(g.speaker);
    }
    expect(article.quotes.some((q: { text: string }) => fold(q.text) === "two-plus-two")).toBe(false);
    for (const q of article.quotes) expect(q.confidence).toBeLessThan(1);

    // The demo data already knows Patricia Kim: she is found, not created again.
    const kims = await app.sql<{ n: number }>(`SELECT count(*)::int AS n FROM expert WHERE name = 'Patricia Kim'`);
    expect(kims[0]!.n).toBe(1);
    const kimQuote = article.quotes.find((q: { speaker: { name: string } }) => q.speaker.name === "Patricia Kim");
    const demoKim = await app.sql<{ id: string }>(`SELECT id FROM expert WHERE slug = 'patricia-kim'`);
    expect(kimQuote).toBeDefined();
    expect(await app.sql(`SELECT 1 FROM quote q JOIN article a ON a.id = q.article_id WHERE a.url = $1 AND q.speaker_expert_id = $2`, [input.url, demoKim[0]!.id])).not.toHaveLength(0);

    expect(article.experts.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(["Antony Blinken", "Lloyd Austin", "Patricia Kim", "Leif-Eric Easley"]));
    expect(article.places.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["Tokyo", "Seoul"]));
    expect(article.events.length).toBeGreaterThanOrEqual(5);

    // Provenance: a mention located in the body points at its name there, with the extractor's confidence.
    const located = article.mentions.filter((m: { startOffset: number | null }) => m.startOffset != null);
    expect(located.length).toBeGreaterThan(20);
    for (const m of article.mentions) expect(m.confidence).toBeGreaterThan(0);
    const blinken = located.find((m: { node: { name?: string } }) => m.node.name === "Antony Blinken");
    expect(article.body.slice(blinken.startOffset, blinken.endOffset)).toBe("Antony Blinken");
    expect(blinken.confidence).toBeLessThan(1);
    const tokyo = located.find((m: { node: { name?: string } }) => m.node.name === "Tokyo");
    expect(article.body.slice(tokyo.startOffset, tokyo.endOffset)).toBe("Tokyo");

    const again = await app.graphql(INGEST, { input }, editor);
    expect(again.errors).toBeUndefined();
    expect(again.data.ingestArticle.status).toBe("UNCHANGED");
    expect(again.data.ingestArticle.article.version).toBe(1);
    expect(again.data.ingestArticle.article.id).toBe(article.id);
  });

  const FIXTURES = path.join(__dirname, "../fixtures/articles");
  const written = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".txt")).sort();

  it.each(written)("stores %s as its hand annotation says: every quote with its speaker, most events' dates", async (file) => {
    const gold = JSON.parse(fs.readFileSync(path.join(FIXTURES, file.replace(/\.txt$/, ".gold.json")), "utf8"));
    const text = fs.readFileSync(path.join(FIXTURES, file), "utf8");
    const input = { text, url: `https://fixtures.example.com/${file}`, publishedAt: `${gold.article.publishedAt}T12:00:00Z`, publisher: gold.article.publisher };
    const res = await app.graphql(INGEST, { input }, editor);
    expect(res.errors).toBeUndefined();
    const { article } = res.data.ingestArticle;
    expect(article.headline).toBe(gold.article.headline);
    type StoredQuote = { text: string; speaker: { __typename: string; name: string } };
    const named = article.quotes.filter((q: StoredQuote) => q.speaker.__typename !== "AnonymousSource");
    const stored = named.map((q: StoredQuote) => ({ text: fold(q.text), speaker: q.speaker.name }));
    const expected = gold.quotes.filter((q: { speaker: string | null }) => q.speaker).map((q: { text: string; speaker: string }) => ({ text: fold(q.text), speaker: q.speaker }));
    // A quotation split by its attribution ("…," she said. "…") is stored as one quote holding both
    // spans: each gold quote is inside a stored quote of the same speaker, and each stored quote holds a gold one.
    type Folded = { text: string; speaker: string };
    const holds = (s: Folded, g: Folded) => s.speaker === g.speaker && s.text.includes(g.text);
    expect(expected.filter((g: Folded) => !stored.some((s: Folded) => holds(s, g)))).toEqual([]);
    expect(stored.filter((s: Folded) => !expected.some((g: Folded) => holds(s, g)))).toEqual([]);
    // Anonymous sources are stored too ("one Austin resident"): only quotes the annotation names nobody for.
    const unnamed = gold.quotes.filter((q: { speaker: string | null }) => !q.speaker).map((q: { text: string }) => fold(q.text));
    for (const q of article.quotes.filter((x: StoredQuote) => x.speaker.__typename === "AnonymousSource")) expect(unnamed).toContain(fold(q.text));
    const dated = gold.events.filter((e: { startsOn?: string }) => e.startsOn).map((e: { startsOn: string }) => e.startsOn);
    const storedDates = article.events.map((e: { startsOn: string | null }) => e.startsOn);
    const found = dated.filter((d: string) => storedDates.includes(d));
    expect(found.length).toBeGreaterThanOrEqual(Math.ceil(dated.length * 0.6));
  });

  it("reads HTML: the main content, and the canonical URL and publication date from the page", async () => {
    const html = `<!doctype html><html><head><title>Port strike ends | Harbor Daily</title>
      <link rel="canonical" href="https://harbor.example.com/news/port-strike-ends">
      <meta property="og:site_name" content="Harbor Daily">
      <meta property="article:published_time" content="2024-06-12T07:30:00Z"></head>
      <body><nav><a href="/">Home</a> <a href="/sports">Sports</a></nav>
      <article><h1>Port strike ends after nine days</h1>
      <p>Dock workers in Rotterdam returned to work on Wednesday after the union accepted a new contract.</p>
      <p>“This agreement protects every job on the quay,” said Marta Jansen, the union's chief negotiator, at a news conference.</p>
      <p>The port authority said shipping would return to normal by the weekend.</p></article>
      <footer>© Harbor Daily. All rights reserved.</footer></body></html>`;
    const res = await app.graphql(INGEST, { input: { html } }, editor);
    expect(res.errors).toBeUndefined();
    const { article } = res.data.ingestArticle;
    expect(article).toMatchObject({ url: "https://harbor.example.com/news/port-strike-ends", headline: "Port strike ends after nine days", publishedAt: "2024-06-12T07:30:00.000Z" });
    expect(article.quotes).toEqual([expect.objectContaining({ text: "This agreement protects every job on the quay", speaker: expect.objectContaining({ name: "Marta Jansen" }) })]);
  });

  it("finds a known person under a misspelled name instead of creating another", async () => {
    const text = ["Analysts weigh the summit", "“The summit matters for the whole region,” said Patrica Kim, a senior policy analyst, in an interview."].join("\n\n");
    const res = await app.graphql(INGEST, { input: { text, url: "https://example.com/news/summit-analysis", publishedAt: "2024-02-01T10:00:00Z" } }, editor);
    expect(res.errors).toBeUndefined();
    expect(res.data.ingestArticle.article.quotes.map((q: { speaker: { name: string } }) => q.speaker.name)).toEqual(["Patricia Kim"]);
    expect(await app.sql(`SELECT name FROM expert WHERE name ILIKE 'Patric%Kim'`)).toEqual([{ name: "Patricia Kim" }]);
  });

  it("lists what it found but could not store, and stores an article without quotes", async () => {
    const text = [
      "Council approves new budget",
      "The city council approved a $2 billion budget on Monday after a long debate over police funding.",
      "Council members said the plan would add 40 teachers and repair 12 schools.",
      "“We cannot keep paying for buildings that are falling apart.”",
    ].join("\n\n");
    const res = await app.graphql(INGEST, { input: { text, url: "https://city.example.com/budget", publishedAt: "2024-04-02T10:00:00Z" } }, editor);
    expect(res.errors).toBeUndefined();
    expect(res.data.ingestArticle).toMatchObject({ status: "CREATED", article: { headline: "Council approves new budget", quotes: [] } });
    expect(res.data.ingestArticle.omitted).toEqual([{ kind: "quote", text: "We cannot keep paying for buildings that are falling apart.", reason: "nobody is named as its speaker" }]);
  });

  it("a text that gives no date is not refused: the time of the request stands in, says so, and never replaces the stored date", async () => {
    const text = [
      "Ferry crossing reopens",
      "The harbour ferry carried its first passengers after the storm repairs, skipper Lena Marsh said on Monday.",
      "“The boats are sound again,” Marsh said.",
    ].join("\n\n");
    const DATED = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { status warnings article { id version publishedAt publishedAtSource events { startsOn } quotes { saidOn } } } }`;
    const input = { text, url: "https://harbour.example.com/ferry-reopens", publisher: "Harbour Post" };
    const before = Date.now();
    const first = await app.graphql(DATED, { input }, editor);
    expect(first.errors).toBeUndefined();
    const { status, warnings, article } = first.data.ingestArticle;
    expect(status).toBe("CREATED");
    expect(article.publishedAtSource).toBe("RECEIVED");
    expect(Date.parse(article.publishedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(article.publishedAt)).toBeLessThanOrEqual(Date.now());
    expect(warnings).toEqual([expect.stringMatching(/^publishedAt not in the source: .*dated by the time it was received, .*give publishedAt, or set it later with updateArticle/)]);
    // "on Monday" is not resolved against a stand-in date.
    expect(article.quotes.map((q: { saidOn: string | null }) => q.saidOn)).toEqual(article.quotes.map(() => null));

    // Later, the same text again: the stand-in taken the first time stays.
    await new Promise((r) => setTimeout(r, 20));
    const again = await app.graphql(DATED, { input }, editor);
    expect(again.data.ingestArticle).toMatchObject({ status: "UNCHANGED", article: { version: 1, publishedAt: article.publishedAt, publishedAtSource: "RECEIVED" } });

    // The fix the warning names: the date set by hand is GIVEN, and an undated re-ingest keeps it.
    const fix = await app.graphql(
      `mutation($id: ID!) { updateArticle(id: $id, input: { publishedAt: "2024-05-06T09:00:00Z" }, expectedVersion: 1) { status article { publishedAt publishedAtSource } } }`,
      { id: article.id },
      editor,
    );
    expect(fix.data.updateArticle).toEqual({ status: "UPDATED", article: { publishedAt: "2024-05-06T09:00:00.000Z", publishedAtSource: "GIVEN" } });
    const third = await app.graphql(DATED, { input }, editor);
    expect(third.data.ingestArticle).toMatchObject({ status: "UNCHANGED", article: { publishedAt: "2024-05-06T09:00:00.000Z", publishedAtSource: "GIVEN" } });

    // A date given with the input replaces a stand-in and is GIVEN; a printed date line is PAGE.
    const given = await app.graphql(DATED, { input: { ...input, url: "https://harbour.example.com/ferry-2" } }, editor);
    expect(given.data.ingestArticle.article.publishedAtSource).toBe("RECEIVED");
    const dated = await app.graphql(DATED, { input: { ...input, url: "https://harbour.example.com/ferry-2", publishedAt: "2024-05-07T08:00:00Z" } }, editor);
    expect(dated.data.ingestArticle).toMatchObject({ status: "UPDATED", article: { publishedAt: "2024-05-07T08:00:00.000Z", publishedAtSource: "GIVEN" } });
    const printed = text.replace("\n\n", "\n\nPublished May 8, 2024\n\n");
    const page = await app.graphql(DATED, { input: { text: printed, url: "https://harbour.example.com/ferry-3" } }, editor);
    expect(page.data.ingestArticle.article).toMatchObject({ publishedAt: "2024-05-08T12:00:00.000Z", publishedAtSource: "PAGE" });
  });

  it("upsertArticle: a stand-in date (FILE_MODIFIED) fills a new article and never replaces a stored one", async () => {
    const UPSERT = `mutation($input: ArticleInput!) { upsertArticle(input: $input) { status article { version publishedAt publishedAtSource } } }`;
    const input = { url: "https://harbour.example.com/stand-in", headline: "Stand-in dates", body: "A short body.", publishedAt: "2024-01-01T00:00:00Z", publishedAtSource: "FILE_MODIFIED" };
    const first = await app.graphql(UPSERT, { input }, editor);
    expect(first.data.upsertArticle).toEqual({ status: "CREATED", article: { version: 1, publishedAt: "2024-01-01T00:00:00.000Z", publishedAtSource: "FILE_MODIFIED" } });
    const touched = await app.graphql(UPSERT, { input: { ...input, publishedAt: "2024-02-02T00:00:00Z" } }, editor);
    expect(touched.data.upsertArticle).toEqual({ status: "UNCHANGED", article: { version: 1, publishedAt: "2024-01-01T00:00:00.000Z", publishedAtSource: "FILE_MODIFIED" } });
    const real = await app.graphql(UPSERT, { input: { ...input, publishedAt: "2023-12-24T00:00:00Z", publishedAtSource: null } }, editor);
    expect(real.data.upsertArticle).toEqual({ status: "UPDATED", article: { version: 2, publishedAt: "2023-12-24T00:00:00.000Z", publishedAtSource: "GIVEN" } });
    const standInAgain = await app.graphql(UPSERT, { input: { ...input, publishedAt: "2024-03-03T00:00:00Z" } }, editor);
    expect(standInAgain.data.upsertArticle).toMatchObject({ status: "UNCHANGED", article: { publishedAt: "2023-12-24T00:00:00.000Z", publishedAtSource: "GIVEN" } });
  });

  it("asks for what the text does not give, and refuses bad input with coded errors", async () => {
    const noUrl = await app.graphql(INGEST, { input: { text: REFERENCE, publishedAt: "2021-03-14T12:00:00Z" } }, editor);
    expect(noUrl.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.url" })] });

    const both = await app.graphql(INGEST, { input: { text: "x", html: "<p>x</p>", url: `${URL_BASE}-2` } }, editor);
    expect(both.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    const neither = await app.graphql(INGEST, { input: { url: `${URL_BASE}-3` } }, editor);
    expect(neither.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    const badUrl = await app.graphql(INGEST, { input: { text: REFERENCE, url: "not a url" } }, editor);
    expect(badUrl.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.url" })] });

    const input = { text: REFERENCE, url: `${URL_BASE}-4`, publishedAt: "2021-03-14T12:00:00Z" };
    const asReader = await app.graphql(INGEST, { input }, reader);
    expect(asReader.errors![0]!.extensions!.code).toBe("FORBIDDEN");
    const anonymous = await app.graphql(INGEST, { input });
    expect(anonymous.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
    expect(await app.sql(`SELECT id FROM article WHERE url LIKE $1`, [`${URL_BASE}-%`])).toHaveLength(1);
  });
});
