import { extractEntities } from "../../src/ingest/extract/entities";
import { gazetteerLoadMs } from "../../src/ingest/extract/places";
import { ARTICLES, docOf, load } from "./extract-fixtures";

const fold = (s: string): string => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

describe("places and organizations in the reference article", () => {
  const { doc, found } = load("top-us-officials-in-asia");
  const place = (name: string) => found.places.find((p) => p.name === name);

  test("countries with their codes, cities, regions; 'Anchorage, Alaska' as one place", () => {
    expect(place("South Korea")).toMatchObject({ kind: "country", countryCode: "KR" });
    expect(place("Tokyo")).toMatchObject({ kind: "city", countryCode: "JP" });
    expect(place("Xinjiang")).toMatchObject({ kind: "region", countryCode: "CN" });
    expect(place("Anchorage, Alaska")).toMatchObject({ kind: "city", countryCode: "US" });
    expect(place("Anchorage")).toBeUndefined();
  });

  test("demonyms, continents and people named like cities are not places", () => {
    const names = found.places.map((p) => p.name);
    for (const not of ["Japanese", "North Korean", "Asia", "Northeast Asia", "Austin", "Kim"]) expect(names).not.toContain(not);
  });

  test("'China’s' names China, and offsets point at the name", () => {
    expect(place("China")).toBeDefined();
    for (const p of found.places) if (p.startOffset != null) expect(doc.body.slice(p.startOffset, p.endOffset!)).toBe(p.name);
  });

  test("organizations by their words, by name, and the publisher", () => {
    const orgs = Object.fromEntries(found.organizations.map((o) => [o.name, o.kind]));
    expect(orgs).toMatchObject({
      "U.S. Institute of Peace": "think_tank",
      "Ewha Womans University": "university",
      "White House": "government",
      Pentagon: "government",
      "U.S. Army": "military",
      "Reuters News Agency": "media",
      VOA: "media",
    });
  });

  test("the gazetteer loads once", () => {
    expect(gazetteerLoadMs()).not.toBeNull();
  });
});

describe.each(ARTICLES.map((a) => a.name))("places and organizations in %s", (name) => {
  const { gold, found } = load(name);

  test("no place the gold lacks", () => {
    const golds = gold.places.map(fold);
    const extra = found.places.filter((p) => !golds.some((g) => g === fold(p.name) || g.split(",")[0] === fold(p.name).split(",")[0]));
    // The reference names "the United States", which its gold leaves out.
    expect(extra.map((p) => p.name).filter((n) => n !== "United States")).toEqual([]);
  });
});

describe("place rules on small texts", () => {
  test("a small town needs a place-like word before it", () => {
    const { places } = extractEntities(docOf(["Trains between Budapest and Vác were cancelled.", "Vác officials were not available."]));
    expect(places.map((p) => p.name)).toEqual(["Budapest", "Vác"]);
  });

  test("a wire dateline names a place and an agency", () => {
    const { places, organizations } = extractEntities(docOf(["NAIROBI, Kenya (Reuters) - Kenya’s central bank cut its main lending rate on Tuesday."]));
    expect(places[0]).toMatchObject({ name: "Nairobi, Kenya", kind: "city", countryCode: "KE" });
    expect(organizations.map((o) => o.name)).toContain("Reuters");
  });

  test("the head or tail of a longer unknown name is not a place", () => {
    const { places } = extractEntities(docOf(["Workshops begin on Monday at City Hall, and the China Daily editor will attend in Shanghai."]));
    expect(places.map((p) => p.name)).toEqual(["Shanghai"]);
  });

  test("an acronym and the name it abbreviates are one organization", () => {
    const { organizations } = extractEntities(docOf(["The United Nations opened the talks. A UN spokesperson said more would follow."]));
    expect(organizations.map((o) => o.name)).toEqual(["United Nations"]);
  });
});
