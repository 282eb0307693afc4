import fs from "node:fs";
import path from "node:path";
import { DatePrecision, EventKind, EventStatus } from "../../src/event/event.entity";
import { parseDocument } from "../../src/ingest/document";
import { findDates } from "../../src/ingest/extract/dates";
import type { Entities } from "../../src/ingest/extract/entities";
import { extractEvents } from "../../src/ingest/extract/events";
import type { ExtractedEvent, ExtractedPlace, ParsedDocument } from "../../src/ingest/extract/types";
import { PlaceKind } from "../../src/place/place.entity";

const SUNDAY = new Date("2021-03-14T12:00:00Z");
const WEDNESDAY = new Date("2021-03-17T12:00:00Z");
const one = (text: string, ref: Date, opts: Parameters<typeof findDates>[2] = {}) => {
  const [d] = findDates(text, ref, opts);
  return d ? { startsOn: d.startsOn, endsOn: d.endsOn, precision: d.precision, role: d.role } : null;
};

describe("dates", () => {
  test.each([
    ["will meet Monday", SUNDAY, "future", "2021-03-15"],
    ["met on Monday", SUNDAY, "past", "2021-03-08"],
    ["wrote on Friday", SUNDAY, "past", "2021-03-12"],
    ["will travel on Friday", WEDNESDAY, "future", "2021-03-19"],
    ["said on Monday", WEDNESDAY, "past", "2021-03-15"],
    ["said Wednesday", WEDNESDAY, "past", "2021-03-17"],
  ] as const)("%s, published %s (%s) → %s", (text, ref, tense, day) => {
    expect(one(text, ref, { tense })).toEqual({ startsOn: day, endsOn: null, precision: DatePrecision.DAY, role: "at" });
  });

  test("'later in the week' follows the latest day already placed in that week; without one, the day after publication", () => {
    expect(one("are expected to meet later in the week", SUNDAY, { tense: "future", anchor: "2021-03-17" })).toMatchObject({ startsOn: "2021-03-18", endsOn: "2021-03-21", precision: DatePrecision.WEEK });
    expect(one("will meet later this week", WEDNESDAY, { tense: "future" })).toMatchObject({ startsOn: "2021-03-18", endsOn: "2021-03-21", precision: DatePrecision.WEEK });
  });

  test("'last week' is Monday to Sunday of the previous week; 'this week' in the future on a Sunday is the coming week", () => {
    expect(one("Last week, the ministry released", SUNDAY, { tense: "past" })).toMatchObject({ startsOn: "2021-03-01", endsOn: "2021-03-07", precision: DatePrecision.WEEK });
    expect(one("will meet this week", SUNDAY, { tense: "future" })).toMatchObject({ startsOn: "2021-03-15", endsOn: "2021-03-21", precision: DatePrecision.WEEK });
    expect(one("met this week", WEDNESDAY, { tense: "past" })).toMatchObject({ startsOn: "2021-03-15", endsOn: "2021-03-21", precision: DatePrecision.WEEK });
  });

  test("months and years are periods", () => {
    expect(one("will publish a report next month", SUNDAY, { tense: "future" })).toMatchObject({ startsOn: "2021-04-01", endsOn: "2021-04-30", precision: DatePrecision.MONTH });
    expect(one("a referendum in November", SUNDAY, { tense: "future" })).toMatchObject({ startsOn: "2021-11-01", endsOn: "2021-11-30", precision: DatePrecision.MONTH });
    expect(one("was elected in 2016", SUNDAY, { tense: "past" })).toMatchObject({ startsOn: "2016-01-01", endsOn: "2016-12-31", precision: DatePrecision.YEAR });
  });

  test("a full date is that day; a date after 'since' is marked as the start of a state", () => {
    expect(one("speaks at the Pentagon on Feb. 10, 2021.", SUNDAY)).toMatchObject({ startsOn: "2021-02-10", precision: DatePrecision.DAY, role: "at" });
    expect(one("the first time since last June that officials", SUNDAY, { tense: "past" })).toMatchObject({ startsOn: "2020-06-01", role: "since" });
    expect(one("since February, the administration has", SUNDAY, { tense: "past" })).toMatchObject({ startsOn: "2021-02-01", role: "since" });
  });
});

const place = (name: string, kind: PlaceKind, countryCode: string): ExtractedPlace => ({ name, kind, countryCode, startOffset: null, endOffset: null, confidence: 1 });
const person = (name: string, organization: string | null = null, aliases: string[] = []) => ({ name, title: null, organization, aliases, startOffset: null, endOffset: null, confidence: 1 });
const org = (name: string) => ({ name, kind: null, startOffset: null, endOffset: null, confidence: 1 });

/** What the entity extractor finds in the reference article, built by hand so these tests judge events alone. */
const REFERENCE_ENTITIES: Entities = {
  quotes: [],
  people: [
    person("Antony Blinken", "U.S. Department of State"),
    person("Lloyd Austin", "U.S. Department of Defense", ["Pentagon chief"]),
    person("Toshimitsu Motegi"),
    person("Nobuo Kishi"),
    person("Patricia Kim", "U.S. Institute of Peace"),
    person("Leif-Eric Easley", "Ewha Womans University"),
    person("Joe Biden"),
    person("Donald Trump"),
    person("Xi Jinping", null, ["Xi Jingping"]),
    person("Jake Sullivan", "White House"),
    person("Wang Yi"),
    person("Yang Jiechi"),
    person("Kim Jong-un"),
  ],
  organizations: ["U.S. Institute of Peace", "White House", "Pentagon", "Reuters", "VOA", "Ewha Womans University", "U.S. Army"].map(org),
  places: [
    place("Tokyo", PlaceKind.CITY, "JP"),
    place("Seoul", PlaceKind.CITY, "KR"),
    place("Washington", PlaceKind.CITY, "US"),
    place("Anchorage, Alaska", PlaceKind.CITY, "US"),
    place("Arlington, Virginia", PlaceKind.CITY, "US"),
    place("Beijing", PlaceKind.CITY, "CN"),
    place("Pyongyang", PlaceKind.CITY, "KP"),
    place("Hong Kong", PlaceKind.REGION, "HK"),
    place("Xinjiang", PlaceKind.REGION, "CN"),
    place("Taiwan", PlaceKind.COUNTRY, "TW"),
    place("Japan", PlaceKind.COUNTRY, "JP"),
    place("South Korea", PlaceKind.COUNTRY, "KR"),
    place("China", PlaceKind.COUNTRY, "CN"),
    place("North Korea", PlaceKind.COUNTRY, "KP"),
  ],
};

interface GoldEvent {
  title: string;
  kind: string;
  startsOn?: string;
  endsOn?: string;
  datePrecision?: string;
  status?: string;
  places?: string[];
  participants?: string[];
}

describe("events of the reference article", () => {
  const text = fs.readFileSync(path.join(__dirname, "../fixtures/top-us-officials-in-asia.txt"), "utf8");
  const gold = JSON.parse(fs.readFileSync(path.join(__dirname, "../fixtures/gold.json"), "utf8")) as { events: GoldEvent[] };
  const doc = parseDocument({ text }, "text");
  const events = extractEvents(doc, REFERENCE_ENTITIES);
  const match = (g: GoldEvent): ExtractedEvent | undefined =>
    events.find((e) => e.kind === g.kind && (g.startsOn === undefined || e.startsOn === g.startsOn) && ((g.places ?? []).length === 0 ? true : e.places.some((p) => g.places!.includes(p))));

  test.each(gold.events.map((g) => [g.title, g] as const))("%s", (_title, g) => {
    const e = match(g);
    expect(e).toBeDefined();
    if (g.endsOn) expect(e!.endsOn).toBe(g.endsOn);
    if (g.datePrecision) expect(e!.datePrecision).toBe(g.datePrecision);
    if (g.status) expect(e!.status).toBe(g.status);
    if ((g.places ?? []).length === 0) expect(e!.places).toEqual([]);
    expect(e!.participants).toEqual(expect.arrayContaining(g.participants ?? []));
    expect(e!.participants.filter((p) => !(g.participants ?? []).includes(p))).toEqual([]);
  });

  test("nothing more than the gold: the Feb. 10 photo of a speech to staff is not an event", () => {
    expect(events).toHaveLength(gold.events.length);
  });

  test("provenance: body events point at their clause, caption events at their caption", () => {
    const travel = events.find((e) => e.kind === EventKind.TRAVEL)!;
    expect(doc.body.slice(travel.startOffset!, travel.endOffset!)).toBe("before departing for Seoul on Wednesday.");
    expect(travel.title).toBe("Blinken and Austin depart for Seoul");
    const briefing = events.find((e) => e.kind === EventKind.BRIEFING)!;
    expect(briefing).toMatchObject({ startOffset: null, endOffset: null, source: "images[0].caption", status: EventStatus.HAPPENED, title: "Antony Blinken briefs Senators in Washington" });
    for (const e of events) expect(e.confidence).toBeGreaterThan(0.5);
  });

  test("titles name who, what and where", () => {
    expect(events.find((e) => e.kind === EventKind.TALKS)!.title).toBe("Blinken and Jake Sullivan hold talks with Wang Yi and Yang Jiechi in Anchorage, Alaska");
    expect(events.find((e) => e.kind === EventKind.VISIT)!.title).toBe("Antony Blinken and Lloyd Austin visit Tokyo and Seoul");
  });
});

describe("events in other articles", () => {
  const doc = (body: string, publishedAt: Date, images: ParsedDocument["images"] = []): ParsedDocument => ({
    headline: "x", body, sections: ["x"], images, bylines: [], summary: null, language: "en", url: null, publishedAt, publisher: null, warnings: [],
  });
  const entities = (people: string[], places: ExtractedPlace[], orgs: string[] = []): Entities => ({ quotes: [], people: people.map((p) => person(p)), organizations: orgs.map(org), places });

  test("a caption's own date dates its event", () => {
    const events = extractEvents(doc("The ministers talked trade.", WEDNESDAY, [{ caption: "Prime Minister Jane Holm meets farmers in Lyon, France, Feb. 10, 2021.", credit: null, url: null }]), entities(["Jane Holm"], [place("Lyon, France", PlaceKind.CITY, "FR")]));
    expect(events).toEqual([expect.objectContaining({ kind: EventKind.MEETING, startsOn: "2021-02-10", places: ["Lyon, France"], participants: ["Jane Holm"], source: "images[0].caption", startOffset: null })]);
  });

  test("hypothetical and negated events are not reported; an ongoing one is, undated", () => {
    const body = "Analysts say the two sides could hold talks in Geneva next month. The president has yet to announce a decision. An audit of the agency is ongoing.";
    const events = extractEvents(doc(body, WEDNESDAY), entities([], [place("Geneva", PlaceKind.CITY, "CH")]));
    expect(events.map((e) => [e.kind, e.status, e.startsOn])).toEqual([[EventKind.REVIEW, EventStatus.ONGOING, null]]);
  });

  test("a three-day summit spans three days; a later 'the summit' on a day inside it is the same event", () => {
    const body = "Ministers opened a three-day summit in Nairobi on Monday. The UN chief will address the summit on Tuesday.";
    const events = extractEvents(doc(body, new Date("2023-09-04T15:00:00Z")), entities([], [place("Nairobi", PlaceKind.CITY, "KE")]));
    expect(events).toEqual([expect.objectContaining({ kind: EventKind.SUMMIT, startsOn: "2023-09-04", endsOn: "2023-09-06", places: ["Nairobi"] })]);
  });

  test("an organization acts; a surname in 'the X administration' is not the person", () => {
    const body = "The Health Ministry published new vaccination guidelines on Tuesday. Officials of the Moreau administration will visit Lille next week.";
    const events = extractEvents(doc(body, WEDNESDAY), entities(["Claire Moreau"], [place("Lille", PlaceKind.CITY, "FR")], ["Health Ministry"]));
    expect(events).toEqual([
      expect.objectContaining({ kind: EventKind.PUBLICATION, startsOn: "2021-03-16", participants: ["Health Ministry"], status: EventStatus.HAPPENED }),
      expect.objectContaining({ kind: EventKind.VISIT, startsOn: "2021-03-22", endsOn: "2021-03-28", datePrecision: DatePrecision.WEEK, places: ["Lille"], participants: [], status: EventStatus.SCHEDULED }),
    ]);
  });

  test("the HTML fixture of a summit: the dateline places the opening, 'ahead of' talks are future", () => {
    const html = fs.readFileSync(path.join(__dirname, "../fixtures/html/summit-jsonld.html"), "utf8");
    const parsed = parseDocument({ html }, "html");
    const events = extractEvents(parsed, entities(["William Ruto", "António Guterres"], [place("Nairobi", PlaceKind.CITY, "KE"), place("Dubai", PlaceKind.CITY, "AE")], ["United Nations", "African Development Bank"]));
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: EventKind.SUMMIT, startsOn: "2023-09-04", endsOn: "2023-09-06", places: ["Nairobi"] }),
        expect.objectContaining({ kind: EventKind.TALKS, startsOn: "2023-12-01", datePrecision: DatePrecision.MONTH, places: ["Dubai"], status: EventStatus.SCHEDULED }),
        expect.objectContaining({ kind: EventKind.PUBLICATION, startsOn: "2023-08-01", participants: ["African Development Bank"] }),
        expect.objectContaining({ kind: EventKind.PROTEST, startsOn: "2023-09-03", places: ["Nairobi"], status: EventStatus.HAPPENED }),
      ]),
    );
  });
});
