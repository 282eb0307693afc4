import { extractEntities } from "../../src/ingest/extract/entities";
import { ARTICLES, docOf, load } from "./extract-fixtures";

const fold = (s: string): string => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

describe("people in the reference article", () => {
  const { doc, gold, found } = load("top-us-officials-in-asia");
  const person = (name: string) => found.people.find((p) => p.name === name)!;

  test("everyone the gold names, and nobody else", () => {
    const names = found.people.map((p) => p.name);
    for (const g of gold.people) expect(names.some((n) => [g.name, ...(g.aliases ?? [])].includes(n))).toBe(true);
    expect(found.people).toHaveLength(gold.people.length);
  });

  test("titles and organizations from appositions, titles before names and after them", () => {
    expect(person("Patricia Kim")).toMatchObject({ title: "senior policy analyst", organization: "U.S. Institute of Peace" });
    expect(person("Leif-Eric Easley")).toMatchObject({ title: "associate professor of international studies", organization: "Ewha Womans University" });
    expect(person("Jake Sullivan")).toMatchObject({ title: "national security advisor", organization: "White House" });
    expect(person("Toshimitsu Motegi").title).toBe("Foreign Minister");
    expect(person("Nobuo Kishi").title).toBe("Minister of Defense");
    expect(person("Wang Yi").title).toBe("foreign minister");
    expect(person("Donald Trump").title).toBe("former president");
  });

  test("the most formal title wins, and the other becomes an alias", () => {
    expect(person("Lloyd Austin")).toMatchObject({ title: "Defense Secretary", aliases: ["Pentagon chief"] });
  });

  test("'Kim Jong-un regime' names a person; 'Biden administration' does not make a new one", () => {
    expect(person("Kim Jong-un")).toBeDefined();
    expect(found.people.filter((p) => /Biden/.test(p.name)).map((p) => p.name)).toEqual(["Joe Biden"]);
  });

  test("each person's offsets point at a mention of the name", () => {
    for (const p of found.people) {
      if (p.startOffset == null) continue;
      expect(doc.body.slice(p.startOffset, p.endOffset!)).toBe(p.name);
    }
  });
});

describe.each(ARTICLES.filter((a) => a.name !== "top-us-officials-in-asia").map((a) => a.name))("people in fixture %s", (name) => {
  const { gold, found } = load(name);

  test("every gold person, no extra, titles that agree", () => {
    for (const g of gold.people) {
      const p = found.people.find((x) => fold(x.name) === fold(g.name));
      expect({ name: g.name, found: p != null }).toEqual({ name: g.name, found: true });
      if (g.title && p!.title) expect(fold(p!.title).split(" ").some((w) => fold(g.title!).includes(w))).toBe(true);
    }
    expect(found.people.map((p) => p.name).sort()).toEqual(gold.people.map((p) => p.name).sort());
  });
});

describe("people rules on small texts", () => {
  test("a surname alone resolves to the full name introduced earlier", () => {
    const { people } = extractEntities(docOf(["Senator Ruth Abernathy opposed the bill.", "Abernathy said it went too far."]));
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ name: "Ruth Abernathy", title: "Senator" });
  });

  test("places and demonyms are not people", () => {
    const { people } = extractEntities(docOf(["North Korean officials met Japanese diplomats in Hong Kong while President Alma Reyes visited New Zealand."]));
    expect(people.map((p) => p.name)).toEqual(["Alma Reyes"]);
  });

  test("a person named only in a photo caption has no offsets and says where", () => {
    const { people } = extractEntities(docOf(["The talks went on late."], "2024-03-06", ["Prime Minister Oskar Lindahl arrives in Oslo, March 5, 2024."]));
    expect(people[0]).toMatchObject({ name: "Oskar Lindahl", startOffset: null, endOffset: null, source: "images[0].caption" });
  });

  test("a demonym before a title belongs to the title, not the name; abbreviated titles read in full", () => {
    const { people } = extractEntities(docOf(["Kenyan President William Otieno met Gov. Dana Whitfield in Sacramento."]));
    expect(people.map((p) => [p.name, p.title])).toEqual([
      ["William Otieno", "President"],
      ["Dana Whitfield", "Governor"],
    ]);
  });
});

describe("an organization written before a title: “Acme Foods CEO Lena Ortiz”", () => {
  test.each([
    ["Brightwell Foods CEO Lena Ortiz said the fleet would grow.", "Lena Ortiz", "CEO", "Brightwell Foods"],
    ["Quillon CEO Lena Ortiz said it would.", "Lena Ortiz", "CEO", "Quillon"],
    ["Brightwell Foods (BWF) CEO Lena Ortiz defended the quarter.", "Lena Ortiz", "CEO", "Brightwell Foods"],
    ["For Quillon Chief Executive Marcus Webb, the answer was easy.", "Marcus Webb", "Chief Executive", "Quillon"],
  ])("%s", (sentence, name, title, organization) => {
    const found = extractEntities(docOf([sentence]));
    expect(found.people).toEqual([expect.objectContaining({ name, title, organization })]);
    expect(found.organizations.map((o) => o.name)).toContain(organization);
  });

  test("a place before the title is where the office is, not an organization", () => {
    const found = extractEntities(docOf(["Leeds Mayor Dana Whitfield opened the bridge on Monday."]));
    expect(found.people).toEqual([expect.objectContaining({ name: "Dana Whitfield", title: "Mayor" })]);
    expect(found.organizations.map((o) => o.name)).not.toContain("Leeds");
  });
});

test("an adjective opening the sentence before a title is not an organization", () => {
  const found = extractEntities(docOf(["Embattled Senator Rhea Castellano denied the claims on Friday."]));
  expect(found.people).toEqual([expect.objectContaining({ name: "Rhea Castellano", organization: null })]);
  expect(found.organizations.map((o) => o.name)).not.toContain("Embattled");
});

describe("titles as phrases: title, affiliation and name read apart", () => {
  test.each([
    ["The drills will go on, said top Pentagon spokesman Brig. Gen. Dana Cole on Monday.", "Dana Cole", "spokesman", "Pentagon"],
    ["Chief Financial Officer Lee Park said revenue rose.", "Lee Park", "Chief Financial Officer", null],
    ["U.S. Ambassador to Peru Sam Reed met the trade minister.", "Sam Reed", "Ambassador to Peru", "U.S."],
    ["Tom Hale, chief operating officer of Acme Wire, said the plant would close.", "Tom Hale", "chief operating officer", "Acme Wire"],
    [
      "Maria Lopez, director of the Southeast Asia Program at the Center for Strategic and International Studies, said little.",
      "Maria Lopez",
      "director of the Southeast Asia Program",
      "Center for Strategic and International Studies",
    ],
    ["Dundee boss Jim Goodwin was angry after the match.", "Jim Goodwin", "boss", "Dundee"],
    ["Ann Bright, associate professor of history at Lakeside University, disagreed.", "Ann Bright", "associate professor of history", "Lakeside University"],
  ])("%s", (sentence, name, title, organization) => {
    const found = extractEntities(docOf([sentence]));
    expect(found.people).toEqual([expect.objectContaining({ name, title, organization })]);
  });

  test("a rank alone is the title when no role is written, and reads in full", () => {
    const { people } = extractEntities(docOf(["Brig. Gen. Dana Cole and Lt. Col. Sam Ortiz toured the base."]));
    expect(people.map((p) => [p.name, p.title])).toEqual([
      ["Dana Cole", "Brigadier General"],
      ["Sam Ortiz", "Lieutenant Colonel"],
    ]);
  });

  test("abbreviated titles never become a person", () => {
    const { people } = extractEntities(docOf(["Sen. Mara Quist and Rep. John Wu met Gov. Tina Kotek, Dr. Ann Lee and Prof. Ray Moss on Friday."]));
    expect(people.map((p) => p.name)).toEqual(["Mara Quist", "John Wu", "Tina Kotek", "Ann Lee", "Ray Moss"]);
    expect(people.map((p) => p.title)).toEqual(["Senator", "Representative", "Governor", null, "Professor"]);
  });

  test("a city before a political office is still where the office is", () => {
    const found = extractEntities(docOf(["Dundee councillor Ann Kerr opened the bridge."]));
    expect(found.organizations.map((o) => o.name)).not.toContain("Dundee");
  });
});
