/**
 * Anonymous sources (issue 10): a quote whose speaker is only described keeps the description and
 * the organization it names (the affiliation); its speaker is an AnonymousSource; `quotes(filter:
 * {anonymous})` tells them from named speakers; import, createQuote, upsertArticle(s) and
 * updateQuote write them. The sentences are written for this test.
 */
import { createTestApp, type TestApp } from "../helpers/app";
import { globalId, insertArticle, insertExpert, insertOrganization, query, type Ref } from "../helpers/fixtures";
import { createKey } from "../helpers/keys";

let app: TestApp;
let ministry: Ref;
let articleId: string;
const NAMED = "The harbour project will open next spring";
const ANON = "Nobody in the ministry expected the vote to pass";
const ANON_NO_ORG = "The talks could collapse within a week";

beforeAll(async () => {
  app = await createTestApp();
  ministry = await insertOrganization(app, { name: "Ministry of Harbours", kind: "government", country: "NZ" });
  await insertExpert(app, { name: "Tane Whiri", kind: "official", title: "harbour master", organizationSlug: ministry.slug });
  articleId = await insertArticle(app, {
    headline: "Harbour vote surprises officials",
    body: "A senior ministry official said nobody expected the vote. Two people familiar with the talks warned of collapse.",
    publishedAt: "2026-11-02T08:00:00Z",
  });
  const [expert] = await app.sql<{ id: string }>(`SELECT id FROM expert WHERE name = 'Tane Whiri'`);
  await app.sql(`INSERT INTO quote (text, article_id, speaker_expert_id, position) VALUES ($1, $2, $3, 0)`, [NAMED, articleId, expert!.id]);
  await app.sql(
    `INSERT INTO quote (text, article_id, speaker_description, speaker_description_organization_id, position) VALUES ($1, $2, $3, $4, 1)`,
    [ANON, articleId, "a senior official at the Ministry of Harbours", ministry.id],
  );
  await app.sql(`INSERT INTO quote (text, article_id, speaker_description, position) VALUES ($1, $2, $3, 2)`, [ANON_NO_ORG, articleId, "two people familiar with the talks"]);
});

afterAll(() => app?.close());

const FIELDS = `nodes { text anonymous speakerDescription speakerAffiliation { id name } }`;

test("anonymous quotes carry their description and affiliation; named ones do not", async () => {
  const r = await query(app, `query($a: ID!) { quotes(filter: { article: $a }, orderBy: { field: CREATED_AT, direction: ASC }) { totalCount ${FIELDS} } }`, {
    a: globalId("Article", articleId),
  });
  const byText = Object.fromEntries(r.quotes.nodes.map((n: { text: string }) => [n.text, n]));
  expect(r.quotes.totalCount).toBe(3);
  expect(byText[NAMED]).toEqual({ text: NAMED, anonymous: false, speakerDescription: null, speakerAffiliation: null });
  expect(byText[ANON]).toEqual({
    text: ANON,
    anonymous: true,
    speakerDescription: "a senior official at the Ministry of Harbours",
    speakerAffiliation: { id: globalId("Organization", ministry.id), name: "Ministry of Harbours" },
  });
  expect(byText[ANON_NO_ORG]).toEqual({ text: ANON_NO_ORG, anonymous: true, speakerDescription: "two people familiar with the talks", speakerAffiliation: null });
});

test("quotes(filter: { anonymous }) splits anonymous from named speakers", async () => {
  const texts = async (anonymous: boolean) =>
    ((await query(app, `query($a: ID!, $x: Boolean) { quotes(filter: { article: $a, anonymous: $x }) { totalCount nodes { text } } }`, {
      a: globalId("Article", articleId),
      x: anonymous,
    })).quotes.nodes as Array<{ text: string }>).map((n) => n.text).sort();
  expect(await texts(true)).toEqual([ANON_NO_ORG, ANON].sort());
  expect(await texts(false)).toEqual([NAMED]);
});

test("the database refuses a quote with both a named speaker and a description, or an affiliation without a description", async () => {
  const [expert] = await app.sql<{ id: string }>(`SELECT id FROM expert WHERE name = 'Tane Whiri'`);
  await expect(
    app.sql(`INSERT INTO quote (text, article_id, speaker_expert_id, speaker_description, position) VALUES ('x', $1, $2, 'an aide', 3)`, [articleId, expert!.id]),
  ).rejects.toThrow(/quote_one_speaker/);
  await expect(
    app.sql(`INSERT INTO quote (text, article_id, speaker_expert_id, speaker_description_organization_id, position) VALUES ('x', $1, $2, $3, 3)`, [
      articleId, expert!.id, ministry.id,
    ]),
  ).rejects.toThrow(/quote_affiliation_only_when_described/);
  await expect(app.sql(`INSERT INTO quote (text, article_id, position) VALUES ('x', $1, 3)`, [articleId])).rejects.toThrow(/quote_one_speaker/);
});

test("speaker on an anonymous quote is its AnonymousSource: the description as name, the organization as affiliation, fetched again by node(id)", async () => {
  const r = await query(
    app,
    `query($a: ID!) { quotes(filter: { article: $a, anonymous: true }, orderBy: { field: CREATED_AT, direction: ASC }) {
       nodes { id text speaker { __typename id name ... on Expert { title } ... on AnonymousSource { description affiliation { name } quote { id } } } } } }`,
    { a: globalId("Article", articleId) },
  );
  const [withOrg, withoutOrg] = r.quotes.nodes;
  expect(withOrg.speaker).toMatchObject({
    __typename: "AnonymousSource",
    name: "a senior official at the Ministry of Harbours",
    description: "a senior official at the Ministry of Harbours",
    affiliation: { name: "Ministry of Harbours" },
    quote: { id: withOrg.id },
  });
  expect(withoutOrg.speaker).toMatchObject({ __typename: "AnonymousSource", name: "two people familiar with the talks", affiliation: null });
  expect(withOrg.speaker.id).not.toBe(withoutOrg.speaker.id);
  const node = await query(app, `query($id: ID!) { node(id: $id) { __typename id ... on Speaker { name } ... on AnonymousSource { quote { text } } } }`, { id: withOrg.speaker.id });
  expect(node.node).toEqual({ __typename: "AnonymousSource", id: withOrg.speaker.id, name: "a senior official at the Ministry of Harbours", quote: { text: ANON } });
  // A quote's own id is not an anonymous source, and a named quote's id gives no AnonymousSource.
  const named = await query(app, `query($a: ID!) { quotes(filter: { article: $a, anonymous: false }) { nodes { dbId: id } } }`, { a: globalId("Article", articleId) });
  const namedDbId = Buffer.from(named.quotes.nodes[0].dbId, "base64url").toString().split(":")[1];
  expect((await query(app, `query($id: ID!) { node(id: $id) { id } }`, { id: globalId("AnonymousSource", namedDbId) })).node).toBeNull();
  // The speaker filter takes an AnonymousSource id too: its one quote.
  const bySource = await query(app, `query($s: ID!) { quotes(filter: { speaker: $s }) { totalCount nodes { text } } }`, { s: withOrg.speaker.id });
  expect(bySource.quotes).toEqual({ totalCount: 1, nodes: [{ text: ANON }] });
});

test("quotes(filter: { organization }) counts anonymous sources it is the affiliation of as its people", async () => {
  const r = await query(app, `query($o: ID!, $a: ID!) { quotes(filter: { organization: $o, article: $a }) { nodes { text anonymous } } }`, {
    o: globalId("Organization", ministry.id),
    a: globalId("Article", articleId),
  });
  expect(r.quotes.nodes.map((n: { text: string }) => n.text).sort()).toEqual([NAMED, ANON].sort());
});

describe("writing anonymous quotes", () => {
  let editor: Record<string, string>;
  const write = (text: string, variables?: Record<string, unknown>) => app.graphql(text, variables, editor);
  const quoteRows = async (article: string) => Number((await app.sql<{ n: number }>(`SELECT count(*)::int AS n FROM quote WHERE article_id = $1`, [article]))[0]!.n);
  const SPEAKER = `speaker { __typename name ... on Expert { title } ... on AnonymousSource { description affiliation { name } } }`;

  // Written for this test, shaped like anonymously sourced wire copy.
  const TEXT = [
    "Harbour treaty talks stall in Washington",
    "Negotiators from Chile and Peru failed on Tuesday to agree on the harbour treaty, officials said.",
    "\u201cThe talks are frozen until the spring,\u201d a senior State Department official said, speaking on condition of anonymity.",
    "\u201cWe will keep the channel open,\u201d said Maria Lopez, a spokeswoman for the Harbour Authority.",
  ].join("\n\n");
  const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { status omitted { text }
    article { id version organizations { name } quotes { id text anonymous speakerDescription speakerAffiliation { name } ${SPEAKER} } } } }`;
  const ingestInput = { text: TEXT, url: "https://news.example/harbour-treaty-talks-stall", publishedAt: "2026-11-03T10:00:00Z" };

  beforeAll(async () => {
    editor = (await createKey(app, "editor", "anonymous writer")).headers;
  });

  test("import stores an anonymous source with its description and affiliation; importing it again is UNCHANGED", async () => {
    const first = await write(INGEST, { input: ingestInput });
    expect(first.errors).toBeUndefined();
    const { article, status, omitted } = first.data.ingestArticle;
    expect(status).toBe("CREATED");
    expect(omitted).toEqual([]);
    expect(article.quotes).toEqual([
      expect.objectContaining({
        text: "The talks are frozen until the spring",
        anonymous: true,
        speakerDescription: "a senior State Department official",
        // Found, not created: the demo data's organization has "State Department" as an alias.
        speakerAffiliation: { name: "U.S. Department of State" },
        speaker: { __typename: "AnonymousSource", name: "a senior State Department official", description: "a senior State Department official", affiliation: { name: "U.S. Department of State" } },
      }),
      expect.objectContaining({ text: "We will keep the channel open", anonymous: false, speaker: { __typename: "Expert", name: "Maria Lopez", title: "spokeswoman" } }),
    ]);
    // The affiliation is one of the organizations the article names.
    expect(article.organizations.map((o: { name: string }) => o.name)).toContain("U.S. Department of State");
    expect(await app.sql(`SELECT 1 FROM organization WHERE name = 'State Department'`)).toEqual([]);

    const anonymous = await query(app, `query($a: ID!) { quotes(filter: { article: $a, anonymous: true }) { totalCount nodes { text ${SPEAKER} } } }`, { a: article.id });
    expect(anonymous.quotes.totalCount).toBe(1);
    expect(anonymous.quotes.nodes[0].speaker.__typename).toBe("AnonymousSource");
    const byAffiliation = await query(app, `{ quotes(filter: { organization: "us-department-of-state", anonymous: true }) { nodes { text } } }`);
    expect(byAffiliation.quotes.nodes).toContainEqual({ text: "The talks are frozen until the spring" });

    const again = await write(INGEST, { input: ingestInput });
    expect(again.data.ingestArticle.status).toBe("UNCHANGED");
    expect(again.data.ingestArticle.article.version).toBe(article.version);
    expect(again.data.ingestArticle.article.quotes.map((q: { id: string }) => q.id)).toEqual(article.quotes.map((q: { id: string }) => q.id));
  });

  test("createQuote takes a speakerDescription (and an affiliation by name or id) instead of a speaker", async () => {
    const CREATE = `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { text anonymous ${SPEAKER} article { organizations { name } } } } }`;
    const r = await write(CREATE, {
      input: { article: globalId("Article", articleId), text: "The vote was never meant to pass", speakerDescription: "  an aide to the   minister ", speakerAffiliation: { name: "Ministry of Harbours" } },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.createQuote.quote).toMatchObject({
      anonymous: true,
      speaker: { __typename: "AnonymousSource", name: "an aide to the minister", description: "an aide to the minister", affiliation: { name: "Ministry of Harbours" } },
    });
    expect(r.data.createQuote.quote.article.organizations.map((o: { name: string }) => o.name)).toContain("Ministry of Harbours");
    const byId = await write(CREATE, { input: { article: globalId("Article", articleId), text: "Nobody will resign", speakerDescription: "a ministry source", speakerAffiliation: { id: globalId("Organization", ministry.id) } } });
    expect(byId.data.createQuote.quote.speaker.affiliation).toEqual({ name: "Ministry of Harbours" });
    const bare = await write(CREATE, { input: { article: globalId("Article", articleId), text: "It is over", speakerDescription: "one negotiator" } });
    expect(bare.data.createQuote.quote.speaker).toEqual({ __typename: "AnonymousSource", name: "one negotiator", description: "one negotiator", affiliation: null });
  });

  test("both a speaker and a description, neither, or an affiliation with a named speaker: BAD_USER_INPUT and nothing written", async () => {
    const before = await quoteRows(articleId);
    const CREATE = `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id } } }`;
    const base = { article: globalId("Article", articleId), text: "Both at once" };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, speaker: { name: "Tane Whiri" }, speakerDescription: "an aide" }, "input.speakerDescription"],
      [{ ...base, speaker: { name: "Tane Whiri" }, speakerAffiliation: { name: "Ministry of Harbours" } }, "input.speakerAffiliation"],
      [base, "input.speaker"],
      [{ ...base, speakerDescription: "   " }, "input.speakerDescription"],
      [{ ...base, speakerDescription: "an aide", speakerAffiliation: { id: globalId("Organization", "00000000-0000-4000-8000-000000000000") } }, "input.speakerAffiliation.id"],
    ];
    for (const [input, field] of cases) {
      const r = await write(CREATE, { input });
      expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(r.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const batch = await write(`mutation($input: ArticleInput!) { upsertArticle(input: $input) { status } }`, {
      input: { url: "https://news.example/both", headline: "Both", body: "Both at once.", publishedAt: "2026-11-04T00:00:00Z", quotes: [{ text: "Both at once", speaker: { name: "Tane Whiri" }, speakerDescription: "an aide" }] },
    });
    expect(batch.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(batch.errors![0]!.extensions!.fields[0].field).toBe("input.quotes[0].speakerDescription");
    expect(await quoteRows(articleId)).toBe(before);
    expect(await app.sql(`SELECT 1 FROM article WHERE url = 'https://news.example/both'`)).toEqual([]);
  });

  test("upsertArticles stores anonymous quotes in the batch path; the same input again is UNCHANGED", async () => {
    const UPSERT = `mutation($inputs: [ArticleInput!]!) { upsertArticles(inputs: $inputs) { results { status error { code } article { quotes { text ${SPEAKER} } } } } }`;
    const inputs = [
      {
        url: "https://news.example/port-fees",
        headline: "Port fees to rise",
        body: "Port fees will rise, a senior port authority official said.",
        publishedAt: "2026-11-05T00:00:00Z",
        quotes: [{ text: "Port fees will rise", speakerDescription: "a senior port authority official", speakerAffiliation: { name: "Wellington Port Authority" } }],
      },
    ];
    const first = await write(UPSERT, { inputs });
    expect(first.errors).toBeUndefined();
    expect(first.data.upsertArticles.results[0]).toMatchObject({
      status: "CREATED",
      article: { quotes: [{ text: "Port fees will rise", speaker: { __typename: "AnonymousSource", name: "a senior port authority official", affiliation: { name: "Wellington Port Authority" } } }] },
    });
    expect((await write(UPSERT, { inputs })).data.upsertArticles.results[0].status).toBe("UNCHANGED");
  });

  test("updateQuote turns a named quote anonymous and back, and changes an anonymous quote's affiliation alone", async () => {
    const created = await write(`mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id version } } }`, {
      input: { article: globalId("Article", articleId), text: "We will rebuild the wharf", speaker: { name: "Tane Whiri" } },
    });
    const { id } = created.data.createQuote.quote;
    const UPDATE = `mutation($id: ID!, $v: Int!, $input: QuotePatch!) { updateQuote(id: $id, expectedVersion: $v, input: $input) { quote { version anonymous ${SPEAKER} } } }`;
    const named = await write(UPDATE, { id, v: created.data.createQuote.quote.version, input: { speakerAffiliation: { name: "Ministry of Harbours" } } });
    expect(named.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const both = await write(UPDATE, { id, v: created.data.createQuote.quote.version, input: { speaker: { name: "Tane Whiri" }, speakerDescription: "an aide" } });
    expect(both.errors?.[0]?.extensions?.fields[0].field).toBe("input.speakerDescription");

    const anon = await write(UPDATE, { id, v: created.data.createQuote.quote.version, input: { speakerDescription: "a harbour official" } });
    expect(anon.data.updateQuote.quote).toMatchObject({ anonymous: true, speaker: { __typename: "AnonymousSource", name: "a harbour official", affiliation: null } });
    const affiliated = await write(UPDATE, { id, v: anon.data.updateQuote.quote.version, input: { speakerAffiliation: { id: globalId("Organization", ministry.id) } } });
    expect(affiliated.data.updateQuote.quote.speaker).toMatchObject({ name: "a harbour official", affiliation: { name: "Ministry of Harbours" } });
    const back = await write(UPDATE, { id, v: affiliated.data.updateQuote.quote.version, input: { speaker: { name: "Tane Whiri" } } });
    expect(back.data.updateQuote.quote).toMatchObject({ anonymous: false, speaker: { __typename: "Expert", name: "Tane Whiri" } });
    const [row] = await app.sql(`SELECT speaker_description, speaker_description_organization_id FROM quote WHERE speaker_expert_id IS NOT NULL AND text = 'We will rebuild the wharf'`);
    expect(row).toEqual({ speaker_description: null, speaker_description_organization_id: null });
  });

  test("deleting an article prunes an affiliation only when no other anonymous quote has it", async () => {
    const make = async (url: string) =>
      (await write(`mutation($input: ArticleInput!) { upsertArticle(input: $input) { article { id } } }`, {
        input: { url, headline: "Dredging", body: "Dredging starts, an engineer said.", publishedAt: "2026-11-06T00:00:00Z", quotes: [{ text: "Dredging starts", speakerDescription: "an engineer", speakerAffiliation: { name: "Dredging Board of Otago" } }] },
      })).data.upsertArticle.article.id;
    const a = await make("https://news.example/dredging-1");
    const b = await make("https://news.example/dredging-2");
    const DELETE = `mutation($id: ID!) { deleteArticle(id: $id) { deletedId prunedIds } }`;
    const first = await write(DELETE, { id: a });
    expect(first.errors).toBeUndefined();
    expect(await app.sql(`SELECT 1 FROM organization WHERE name = 'Dredging Board of Otago'`)).toHaveLength(1);
    const second = await write(DELETE, { id: b });
    expect(second.errors).toBeUndefined();
    expect(await app.sql(`SELECT 1 FROM organization WHERE name = 'Dredging Board of Otago'`)).toHaveLength(0);
  });
});
