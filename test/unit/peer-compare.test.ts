import { firstDifference, instant, newsgraphSpeaker, postgraphileSpeaker } from "../../bench/peer/compare";
import { describeCorpus } from "../../bench/peer/run";
import { articlePage, eventsPage, frontPage } from "../../bench/peer/pages";

test("firstDifference names the first path where two answers differ, and null when they agree", () => {
  expect(firstDifference({ a: [1, { b: "x" }] }, { a: [1, { b: "x" }] })).toBeNull();
  expect(firstDifference({ a: [1, { b: "x" }] }, { a: [1, { b: "y" }] })).toBe('$.a[1].b: "x" ≠ "y"');
  expect(firstDifference([1, 2], [1, 2, 3])).toBe("$: 2 items ≠ 3 items");
  expect(firstDifference({ a: null }, {})).toBe("$.a: null ≠ undefined");
});

test("instants compare whatever offset notation the server wrote", () => {
  expect(instant("2024-03-01T10:00:00+00:00")).toBe(instant("2024-03-01T10:00:00.000Z"));
  expect(() => instant("yesterday")).toThrow("not a date-time");
});

test("a front page from newsgraph and the same page from PostGraphile normalize to the same form", () => {
  const page = frontPage(20);
  const newsgraph = {
    articles: {
      nodes: [
        {
          slug: "talks-resume",
          headline: "Talks resume",
          publishedAt: "2024-03-01T10:00:00.000Z",
          quotes: [
            { text: "We are hopeful.", channel: "told reporters", speaker: { __typename: "Expert", name: "Mei Kim", title: "analyst", organization: { name: "Civic Council 4" } } },
            { text: "No comment.", channel: null, speaker: { __typename: "Organization", name: "Harbor Times" } },
          ],
        },
      ],
    },
  };
  const postgraphile = {
    allArticles: {
      nodes: [
        {
          slug: "talks-resume",
          headline: "Talks resume",
          publishedAt: "2024-03-01T10:00:00+00:00",
          quotesByArticleId: {
            nodes: [
              { text: "We are hopeful.", channel: "told reporters", expertBySpeakerExpertId: { name: "Mei Kim", title: "analyst", organizationByOrganizationId: { name: "Civic Council 4" } }, organizationBySpeakerOrganizationId: null },
              { text: "No comment.", channel: null, expertBySpeakerExpertId: null, organizationBySpeakerOrganizationId: { name: "Harbor Times" } },
            ],
          },
        },
      ],
    },
  };
  expect(firstDifference(page.fromNewsgraph(newsgraph), page.fromPostgraphile(postgraphile))).toBeNull();
  postgraphile.allArticles.nodes[0]!.quotesByArticleId.nodes[1]!.organizationBySpeakerOrganizationId = { name: "Metro Courier" };
  expect(firstDifference(page.fromNewsgraph(newsgraph), page.fromPostgraphile(postgraphile))).toBe('$[0].quotes[1].speaker.name: "Harbor Times" ≠ "Metro Courier"');
});

test("lists without a defined order (an article's experts, an event's places) compare as sets; enum case does not matter", () => {
  const page = articlePage("talks-resume");
  const article = (experts: string[], places: string[], kind: string) => ({
    article: {
      slug: "talks-resume",
      headline: "Talks resume",
      body: "Body.",
      publishedAt: "2024-03-01T10:00:00Z",
      images: [],
      quotes: [],
      experts: experts.map((slug) => ({ slug, name: slug, title: null })),
      events: [{ title: "Summit", kind, startsOn: "2024-03-02", endsOn: null, places: places.map((name) => ({ name })) }],
    },
  });
  expect(firstDifference(page.fromNewsgraph(article(["a", "b"], ["Oslo", "Lima"], "SUMMIT")), page.fromNewsgraph(article(["b", "a"], ["Lima", "Oslo"], "summit")))).toBeNull();
  expect(firstDifference(page.fromNewsgraph(article(["a"], [], "SUMMIT")), page.fromNewsgraph(article(["a", "b"], [], "SUMMIT")))).toBe("$.experts: 1 items ≠ 2 items");
  // An event list's order is the API's (by date): a different order is a difference.
  const events = eventsPage("2024-01-01", "2024-02-01");
  const list = (titles: string[]) => ({ events: { nodes: titles.map((title) => ({ title, kind: "MEETING", startsOn: "2024-01-02", endsOn: null, places: [] })) } });
  expect(firstDifference(events.fromNewsgraph(list(["x", "y"])), events.fromNewsgraph(list(["y", "x"])))).toBe('$[0].title: "x" ≠ "y"');
});

test("speakers: an expert keeps title and organization, an organization has neither", () => {
  expect(newsgraphSpeaker({ __typename: "Organization", name: "Signal Press" })).toEqual(postgraphileSpeaker({ organizationBySpeakerOrganizationId: { name: "Signal Press" } }));
  expect(() => postgraphileSpeaker({})).toThrow("without a speaker");
});

test("the report's header names what the database holds, and says when it is --database's", () => {
  const corpus = { articles: 100_000, quotes: 500_123, experts: 200, organizations: 30, events: 300 };
  expect(describeCorpus(corpus, true)).toBe("100,000 articles, 500,123 quotes, 200 experts, 30 organizations, 300 events (the --database given)");
  expect(describeCorpus(corpus, false)).toBe("100,000 articles, 500,123 quotes, 200 experts, 30 organizations, 300 events");
});
