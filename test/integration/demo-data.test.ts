/**
 * The demo data, seeded into a fresh database and read back through the GraphQL API, against the
 * hand annotation of the reference article (test/fixtures/gold.json, a copy of
 * ../shared/seed/gold.json so that the suite does not need ../shared).
 */
import fs from "node:fs";
import path from "node:path";
import { createTestApp, type TestApp } from "../helpers/app";

interface GoldQuote {
  text: string;
  speaker: string;
  speakerKind?: "organization" | "person";
  channel: string;
  saidOn?: string;
}

interface GoldPerson {
  name: string;
  title: string;
  organization?: string;
  country?: string;
  aliases?: string[];
  notes?: string;
}

interface GoldEvent {
  title: string;
  kind: string;
  startsOn?: string;
  endsOn?: string;
  datePrecision?: string;
  status?: string;
  places?: string[];
  participants: string[];
}

interface Gold {
  article: {
    headline: string;
    publishedAt: string;
    publisher: string;
    language: string;
    sections: string[];
    images: Array<{ caption: string }>;
    notBody: string[];
  };
  quotes: GoldQuote[];
  notQuotes: Array<{ text: string }>;
  people: GoldPerson[];
  organizations: string[];
  places: string[];
  events: GoldEvent[];
}

interface ApiOrganization { name: string; aliases: string[] }
interface ApiPlace { name: string; region: string | null; countryCode: string | null }
interface ApiExpert { name: string; title: string | null; aliases: string[]; organization: { name: string } | null }
interface ApiQuote {
  text: string;
  channel: string | null;
  saidOn: string | null;
  isPartial: boolean;
  position: number;
  startOffset: number | null;
  endOffset: number | null;
  confidence: number;
  speaker: { __typename: string; name: string; title?: string | null; organization?: { name: string } | null };
}
interface ApiEvent {
  title: string;
  kind: string;
  startsOn: string | null;
  endsOn: string | null;
  datePrecision: string;
  status: string;
  places: Array<{ name: string; region: string | null }>;
  participants: Array<{ __typename: string; name: string }>;
}
interface ApiArticle {
  headline: string;
  summary: string | null;
  body: string;
  language: string;
  publishedAt: string;
  sections: string[];
  wordCount: number;
  publisher: { name: string } | null;
  images: Array<{ position: number; caption: string; credit: string | null }>;
  quotes: ApiQuote[];
  experts: ApiExpert[];
  organizations: ApiOrganization[];
  places: ApiPlace[];
  events: ApiEvent[];
  topics: Array<{ name: string }>;
}

const ARTICLE_SLUG = "top-us-officials-in-asia-on-first-overseas-visit";
const FIXTURES = path.resolve(__dirname, "../fixtures");
/** Where ../shared sits beside the repository, when it does. */
const SHARED_SEED = path.resolve(__dirname, "../../..", "shared/seed");

const gold = JSON.parse(fs.readFileSync(path.join(FIXTURES, "gold.json"), "utf8")) as Gold;
const articleText = fs.readFileSync(path.join(FIXTURES, "top-us-officials-in-asia.txt"), "utf8");

/** Folds quote marks, dashes and whitespace, as gold.json asks comparisons to. */
function fold(s: string): string {
  return s
    .replace(/[\u201C\u201D\u201E\u201F"]/g, '"')
    .replace(/[\u2018\u2019\u201A\u201B']/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** How gold names a place: "Anchorage, Alaska" is a place named Anchorage in the region Alaska. */
function placeMatches(place: { name: string; region: string | null }, goldName: string): boolean {
  return place.name === goldName || (place.region !== null && `${place.name}, ${place.region}` === goldName);
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

const ARTICLE_QUERY = /* GraphQL */ `
  query DemoArticle($slug: String!) {
    article(slug: $slug) {
      headline summary body language publishedAt sections wordCount
      publisher { name }
      images { position caption credit }
      quotes {
        text channel saidOn isPartial position startOffset endOffset confidence
        speaker { __typename name ... on Expert { title organization { name } } }
      }
      experts { name title aliases organization { name } }
      organizations { name aliases }
      places { name region countryCode }
      events {
        title kind startsOn endsOn datePrecision status
        places { name region }
        participants { __typename name }
      }
      topics { name }
    }
  }
`;

describe("demo data against the gold annotation", () => {
  let app: TestApp;
  let article: ApiArticle;

  beforeAll(async () => {
    app = await createTestApp();
    const res = await app.graphql<{ article: ApiArticle | null }>(ARTICLE_QUERY, { slug: ARTICLE_SLUG });
    expect(res.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.data?.article).toBeTruthy();
    article = res.data!.article!;
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Gold's organization name resolved to the article's organization carrying it as name or alias. */
  function organizationFor(goldName: string): ApiOrganization | undefined {
    return article.organizations.find((o) => o.name === goldName) ?? article.organizations.find((o) => o.aliases.includes(goldName));
  }

  describe("fixtures", () => {
    const shared = (file: string) => path.join(SHARED_SEED, file);
    const sharedExists = fs.existsSync(shared("gold.json"));

    (sharedExists ? it : it.skip)("test/fixtures/gold.json is the same as ../shared/seed/gold.json", () => {
      expect(fs.readFileSync(path.join(FIXTURES, "gold.json"), "utf8")).toBe(fs.readFileSync(shared("gold.json"), "utf8"));
    });

    (sharedExists && fs.existsSync(shared("top-us-officials-in-asia.txt")) ? it : it.skip)(
      "test/fixtures/top-us-officials-in-asia.txt is the same as the shared copy",
      () => {
        expect(articleText).toBe(fs.readFileSync(shared("top-us-officials-in-asia.txt"), "utf8"));
      },
    );
  });

  describe("article", () => {
    it("has gold's headline, language, publisher, date and sections", () => {
      expect(article.headline).toBe(gold.article.headline);
      expect(article.language).toBe(gold.article.language);
      expect(article.publisher?.name).toBe(gold.article.publisher);
      expect(article.publishedAt.slice(0, 10)).toBe(gold.article.publishedAt);
      expect(new Date(article.publishedAt).toISOString()).toBe("2021-03-14T12:00:00.000Z");
      expect(article.sections).toEqual(gold.article.sections);
      expect(article.summary).toBeTruthy();
    });

    it("has the two captioned photos as images, the repeated caption once", () => {
      const images = [...article.images].sort((a, b) => a.position - b.position);
      expect(images.map((i) => i.position)).toEqual([0, 1]);
      expect(images.map((i) => i.caption)).toEqual(gold.article.images.map((i) => i.caption));
      expect(images.every((i) => i.credit === null)).toBe(true);
    });

    it("keeps page furniture, the headline and the captions out of the body", () => {
      for (const text of gold.article.notBody) expect(article.body).not.toContain(text);
      for (const { caption } of gold.article.images) expect(article.body).not.toContain(caption);
      expect(article.body).not.toContain(gold.article.headline);
    });

    it("has the article's text verbatim as its body, paragraphs separated by blank lines", () => {
      const captions = new Set(gold.article.images.map((i) => i.caption));
      const expected = articleText
        .split("\n\n")
        .filter((p) => !gold.article.notBody.includes(p) && p !== gold.article.headline)
        .filter((p) => !p.split("\n").every((line) => captions.has(line)))
        .join("\n\n");
      expect(article.body).toBe(expected);
      expect(article.body).toContain("\n\nNorth Korean silence\n\n");
      expect(article.body).toContain("Alaska- the first time");
      expect(article.body).toContain("President’s Xi Jingping");
      expect(article.body).toContain("“China is our pacing threat,\" Defense Secretary Austin");
    });

    it("counts the body's words", () => {
      expect(article.wordCount).toBe(article.body.trim().split(/\s+/).length);
    });

    it("has topics", () => {
      expect(article.topics.map((t) => t.name)).toEqual(expect.arrayContaining(["China", "North Korea"]));
    });
  });

  describe("quotes", () => {
    function find(goldQuote: GoldQuote): ApiQuote {
      const matches = article.quotes.filter((q) => fold(q.text) === fold(goldQuote.text));
      expect(matches).toHaveLength(1);
      return matches[0]!;
    }

    it("are gold's seven, and only those", () => {
      expect(article.quotes).toHaveLength(gold.quotes.length);
      expect(sorted(article.quotes.map((q) => fold(q.text)))).toEqual(sorted(gold.quotes.map((q) => fold(q.text))));
      for (const not of gold.notQuotes) {
        expect(article.quotes.some((q) => fold(q.text).includes(fold(not.text)))).toBe(false);
      }
    });

    it.each(gold.quotes.map((q, i) => [i, q] as const))("quote %i has gold's speaker, channel and date", (_i, goldQuote) => {
      const quote = find(goldQuote);
      expect(quote.speaker.name).toBe(goldQuote.speaker);
      expect(quote.speaker.__typename).toBe(goldQuote.speakerKind === "organization" ? "Organization" : "Expert");
      expect(quote.channel).toBe(goldQuote.channel);
      if (goldQuote.saidOn !== undefined) expect(quote.saidOn).toBe(goldQuote.saidOn);
      expect(quote.confidence).toBe(1);
    });

    it("point into the body: the offsets slice out each quote's text", () => {
      for (const quote of article.quotes) {
        expect(quote.startOffset).not.toBeNull();
        expect(quote.endOffset).not.toBeNull();
        expect(article.body.slice(quote.startOffset!, quote.endOffset!)).toBe(quote.text);
      }
    });

    it("are numbered in order of appearance in the body", () => {
      const byPosition = [...article.quotes].sort((a, b) => a.position - b.position);
      expect(byPosition.map((q) => q.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      const starts = byPosition.map((q) => q.startOffset!);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    });

    it("have the speakers Patricia Kim, Lloyd Austin, the White House and Leif-Eric Easley", () => {
      expect(new Set(article.quotes.map((q) => q.speaker.name))).toEqual(
        new Set(["Patricia Kim", "Lloyd Austin", "White House", "Leif-Eric Easley"]),
      );
    });

    it("attribute the strategy document to the White House as an organization, as a partial quote", () => {
      const quote = find(gold.quotes.find((q) => q.speaker === "White House")!);
      expect(quote.speaker.__typename).toBe("Organization");
      expect(quote.isPartial).toBe(true);
      expect(article.quotes.filter((q) => q.isPartial)).toHaveLength(1);
    });

    it("carry the speaker's title and organization", () => {
      const kim = article.quotes.find((q) => q.speaker.name === "Patricia Kim")!;
      expect(kim.speaker.title).toBe("senior policy analyst");
      expect(kim.speaker.organization?.name).toBe("U.S. Institute of Peace");
    });
  });

  describe("people", () => {
    it("are gold's thirteen", () => {
      expect(article.experts).toHaveLength(gold.people.length);
      expect(sorted(article.experts.map((e) => e.name))).toEqual(sorted(gold.people.map((p) => p.name)));
    });

    it.each(gold.people.map((p) => [p.name, p] as const))("%s has gold's title, organization and aliases", (_name, person) => {
      const expert = article.experts.find((e) => e.name === person.name)!;
      expect(expert).toBeDefined();
      expect(expert.title).toBe(person.title);
      if (person.organization !== undefined) {
        const organization = organizationFor(person.organization);
        expect(organization).toBeDefined();
        expect(expert.organization?.name).toBe(organization!.name);
      }
      for (const alias of person.aliases ?? []) expect(expert.aliases).toContain(alias);
    });

    it("can be found by a misspelling the article uses", async () => {
      const res = await app.graphql<{ experts: { edges: Array<{ node: { name: string } }> } }>(
        `query ($search: String) { experts(filter: { search: $search }) { edges { node { name } } } }`,
        { search: "Xi Jingping" },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.experts.edges.map((e) => e.node.name)).toContain("Xi Jinping");
    });
  });

  describe("organizations and places", () => {
    it.each(gold.organizations)("organization %s is mentioned, by name or alias", (name) => {
      expect(organizationFor(name)).toBeDefined();
    });

    it("include Reuters and VOA under their other names", () => {
      expect(organizationFor("Reuters")!.aliases).toContain("Reuters News Agency");
      expect(organizationFor("VOA")!.aliases).toContain("Voice of America");
    });

    it("are exactly gold's places", () => {
      expect(article.places).toHaveLength(gold.places.length);
      for (const name of gold.places) {
        expect(article.places.filter((p) => placeMatches(p, name)).map((p) => p.name)).toHaveLength(1);
      }
      expect(article.places.every((p) => p.countryCode !== null && /^[A-Z]{2}$/.test(p.countryCode))).toBe(true);
    });
  });

  describe("events", () => {
    it("are gold's seven", () => {
      expect(article.events).toHaveLength(gold.events.length);
      expect(sorted(article.events.map((e) => e.title))).toEqual(sorted(gold.events.map((e) => e.title)));
    });

    it.each(gold.events.map((e) => [e.title, e] as const))("%s has gold's dates, kind, places and participants", (_title, goldEvent) => {
      const event = article.events.find((e) => e.title === goldEvent.title)!;
      expect(event).toBeDefined();
      expect(event.kind).toBe(goldEvent.kind.toUpperCase());
      expect(event.startsOn).toBe(goldEvent.startsOn ?? null);
      expect(event.endsOn).toBe(goldEvent.endsOn ?? null);
      if (goldEvent.datePrecision !== undefined) expect(event.datePrecision).toBe(goldEvent.datePrecision.toUpperCase());
      else if (goldEvent.startsOn !== undefined) expect(event.datePrecision).toBe("DAY");

      // Gold gives a status only for the review; the rest follows from the publication date.
      const expectedStatus =
        goldEvent.status?.toUpperCase() ??
        (goldEvent.startsOn !== undefined && goldEvent.startsOn > gold.article.publishedAt ? "SCHEDULED" : "HAPPENED");
      expect(event.status).toBe(expectedStatus);

      const goldPlaces = goldEvent.places ?? [];
      expect(event.places).toHaveLength(goldPlaces.length);
      for (const name of goldPlaces) expect(event.places.some((p) => placeMatches(p, name))).toBe(true);

      expect(sorted(event.participants.map((p) => p.name))).toEqual(sorted(goldEvent.participants));
      for (const participant of event.participants) {
        const isOrganization = gold.organizations.includes(participant.name);
        expect(participant.__typename).toBe(isOrganization ? "Organization" : "Expert");
      }
    });
  });
});
