/**
 * Anonymous sources (issue 10), storage and reads: a quote whose speaker is only described keeps
 * the description and the organization it names (the affiliation), and `quotes(filter: {anonymous})`
 * tells them from named speakers. The sentences are written for this test.
 */
import { createTestApp, type TestApp } from "../helpers/app";
import { globalId, insertArticle, insertExpert, insertOrganization, query, type Ref } from "../helpers/fixtures";

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

test("selecting speaker on an anonymous quote is a coded BAD_USER_INPUT error, not a 500", async () => {
  const r = await app.graphql(`query($a: ID!) { quotes(filter: { article: $a, anonymous: true }) { nodes { text speaker { name } } } }`, {
    a: globalId("Article", articleId),
  });
  expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  expect(r.errors?.[0]?.message).toMatch(/anonymous quote/);
});
