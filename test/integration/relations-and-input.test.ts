import { createTestApp, type TestApp } from "../helpers/app";
import { expectBadUserInput, insertArticle, insertExpert, insertOrganization, query } from "../helpers/fixtures";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe("Expert.articles and Organization.articles agree with the articles filter", () => {
  test("a person only quoted (not listed as mentioned) still has the article", async () => {
    const person = await insertExpert(app, { name: "Quoted Only" });
    await insertArticle(app, { headline: "Only a quote", publishedAt: "2022-01-01T00:00:00Z", quotes: [{ text: "I am quoted", expertSlug: person.slug }] });
    const r = await query(app, `query($s: ID!, $slug: String!) { articles(filter: { expert: $s }) { totalCount } expert(slug: $slug) { articles { totalCount nodes { headline } } } }`, { s: person.slug, slug: person.slug });
    expect(r.articles.totalCount).toBe(1);
    expect(r.expert.articles).toEqual({ totalCount: 1, nodes: [{ headline: "Only a quote" }] });
  });

  test("an organization's articles include those it publishes and those quoting it", async () => {
    const org = await insertOrganization(app, { name: "Wire Service" });
    await insertArticle(app, { headline: "Published by the wire", publishedAt: "2022-02-01T00:00:00Z", publisherSlug: org.slug });
    await insertArticle(app, { headline: "Quoting the wire", publishedAt: "2022-02-02T00:00:00Z", quotes: [{ text: "A statement", organizationSlug: org.slug }] });
    const r = await query(app, `query($s: ID!, $slug: String!) { articles(filter: { organization: $s }) { totalCount } organization(slug: $slug) { articles { totalCount nodes { headline } } } }`, { s: org.slug, slug: org.slug });
    expect(r.articles.totalCount).toBe(2);
    expect(r.organization.articles).toEqual({ totalCount: 2, nodes: [{ headline: "Quoting the wire" }, { headline: "Published by the wire" }] });
  });
});

test("ordering by HEADLINE without a direction is A to Z", async () => {
  const r = await query(app, `{ articles(orderBy: { field: HEADLINE }, first: 100) { nodes { headline } } }`);
  const headlines = r.articles.nodes.map((n: { headline: string }) => n.headline);
  const sorted = (await app.sql<{ headline: string }>(`SELECT headline FROM article ORDER BY headline, id`)).map((x) => x.headline);
  expect(headlines).toEqual(sorted);
});

describe("text with a NUL character is BAD_USER_INPUT, never a database error", () => {
  test.each([
    ["articles(filter: { search })", `query($v: String) { articles(filter: { search: $v }) { totalCount } }`],
    ["article(slug)", `query($v: String) { article(slug: $v) { id } }`],
    ["experts(filter: { search })", `query($v: String) { experts(filter: { search: $v }) { totalCount } }`],
    ["articles(filter: { section })", `query($v: String) { articles(filter: { section: $v }) { totalCount } }`],
  ])("%s in a variable", async (_name, text) => {
    await expectBadUserInput(app, text, { v: "a\u0000b" }, "v");
  });

  test("in a literal of the query", async () => {
    const r = await app.graphql(`{ article(slug: "a\\u0000b") { id } }`);
    expect(r.status).toBe(400);
    expect(r.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });
});
