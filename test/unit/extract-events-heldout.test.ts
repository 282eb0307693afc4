import { DatePrecision, EventKind, EventStatus } from "../../src/event/event.entity";
import { clauseTense, findDates } from "../../src/ingest/extract/dates";
import { extract } from "../../src/ingest/extract";

/**
 * Event rules found by the held-out articles (test/fixtures/heldout): courts, company results,
 * wire copy, science and British politics. Every sentence here is written for the test, not
 * taken from those articles, so the rules are judged on English the extractor has not seen.
 */
/** The first paragraph of a text is its headline: the sentences under test follow one. */
const events = (text: string, publishedAt: string) => extract({ text: `Headline for the test\n\n${text}`, publishedAt: new Date(`${publishedAt}T12:00:00Z`), publisher: "Test Wire" }, "text").events;

describe("dates the held-out articles needed", () => {
  const AUG = new Date("2023-08-15T12:00:00Z");
  const OCT = new Date("2024-10-25T12:00:00Z");

  test("a quarter spans its three months: the latest one over in the past tense, the first not over in the future", () => {
    expect(findDates("sales in the second quarter rose", AUG, { tense: "past" })[0]).toMatchObject({ startsOn: "2023-04-01", endsOn: "2023-06-30", precision: DatePrecision.MONTH });
    expect(findDates("third-quarter profit fell", AUG, { tense: "past" })[0]).toMatchObject({ startsOn: "2022-07-01", endsOn: "2022-09-30" });
    expect(findDates("the charge will be booked in the fourth quarter", OCT, { tense: "future" })[0]).toMatchObject({ startsOn: "2024-10-01", endsOn: "2024-12-31" });
    expect(findDates("results for Q1 2022 were", OCT, { tense: "past" })[0]).toMatchObject({ startsOn: "2022-01-01", endsOn: "2022-03-31" });
    expect(findDates("in its fiscal third quarter", OCT, { tense: "past" })).toEqual([]);
  });

  test("a deadline or a vague window is marked vague", () => {
    expect(findDates("will shut the plant by the end of the year", OCT, { tense: "future" })[0]).toMatchObject({ vague: true });
    expect(findDates("is to decide later this year", OCT, { tense: "future" })[0]).toMatchObject({ vague: true });
    expect(findDates("will meet later this week", OCT, { tense: "future" })[0]?.vague).toBeUndefined();
  });

  test("'expected to last three weeks' is how long, not when; 'since the start of May' is a since", () => {
    expect(findDates("the inquiry is expected to last three weeks", OCT, { tense: "future" })).toEqual([]);
    expect(findDates("had fallen since the start of March", OCT, { tense: "past" })[0]).toMatchObject({ role: "since" });
  });

  test("a reported 'would' is the future; a quote's tense is not the report's", () => {
    expect(clauseTense("The mayor said she would sign the order on June 2")).toBe("future");
    expect(clauseTense("He said it would not have mattered")).toBe("past");
  });
});

describe("events the held-out articles needed", () => {
  test("courts: evidence told to a jury, a trial that resumes, a ruling promised for a date", () => {
    const found = events(
      [
        "A former council treasurer accused of stealing from a charity told the jury on Tuesday that the payments were loans.",
        "The trial, which is expected to last three weeks, resumes on Monday. The judge said she would rule on a request to dismiss two counts on April 2.",
        "A clinical trial of the drug enrolled 400 patients in March.",
      ].join("\n\n"),
      "2025-03-13",
    );
    expect(found.map((e) => e.startsOn).sort()).toEqual(["2025-03-11", "2025-03-17", "2025-04-02"]);
    expect(found.find((e) => e.startsOn === "2025-04-02")).toMatchObject({ kind: EventKind.OTHER, status: EventStatus.SCHEDULED });
  });

  test("companies: a guidance cut dated by the clause before it, results reported, quarterly revenue, an investor day", () => {
    const found = events(
      [
        "Shares of Halvorsen Tools fell 8% on Tuesday after the company lowered its annual outlook.",
        "Halvorsen said revenue in the second quarter fell 4% to $900 million.",
        "Its rival Brandt Machines, which reported results on Monday, said demand was steady.",
        "Halvorsen will hold an investor day in Chicago on Nov. 12, the company said.",
      ].join("\n\n"),
      "2024-08-08",
    );
    expect(found.find((e) => e.startsOn === "2024-08-06")).toMatchObject({ kind: EventKind.ANNOUNCEMENT, status: EventStatus.HAPPENED });
    expect(found.find((e) => e.kind === EventKind.OTHER)).toMatchObject({ startsOn: "2024-04-01", endsOn: "2024-06-30", datePrecision: DatePrecision.MONTH });
    expect(found.find((e) => e.startsOn === "2024-08-05")).toMatchObject({ kind: EventKind.ANNOUNCEMENT });
    expect(found.find((e) => e.kind === EventKind.MEETING)).toMatchObject({ startsOn: "2024-11-12", status: EventStatus.SCHEDULED, places: ["Chicago"] });
  });

  test("a plan with only a deadline is kept, undated and scheduled", () => {
    const found = events("The airline said it would close three maintenance hangars in Texas by the end of the year.", "2024-06-03");
    expect(found).toEqual([expect.objectContaining({ startsOn: null, status: EventStatus.SCHEDULED, places: ["Texas"] })]);
  });

  test("wire copy: an unfolding disaster, a dated statement from a named source, a pronoun's news conference", () => {
    const found = events(
      [
        "LIMA, Peru (AP) — Landslides have killed at least 12 people in Peru, according to a statement from the national emergency agency on Sunday.",
        "The housing minister, Rosa Quispe, said shelters had been opened in three regions. “Nobody will be forgotten,” she said at a news conference in Lima on Monday.",
      ].join("\n\n"),
      "2024-02-13",
    );
    expect(found.find((e) => e.status === EventStatus.ONGOING)).toMatchObject({ kind: EventKind.OTHER, startsOn: null });
    expect(found.find((e) => e.kind === EventKind.ANNOUNCEMENT)).toMatchObject({ startsOn: "2024-02-11" });
    const briefing = found.find((e) => e.kind === EventKind.BRIEFING)!;
    expect(briefing).toMatchObject({ startsOn: "2024-02-12", status: EventStatus.HAPPENED, participants: ["Rosa Quispe"] });
    expect(briefing.places.some((p) => /^Lima\b/i.test(p))).toBe(true);
    expect(found.flatMap((e) => e.participants)).not.toContain("AP");
  });

  test("a named conference 'in Basel next month'; MPs told in the Commons", () => {
    expect(events("The team will present the results at the European Stroke Conference in Basel next month.", "2025-04-10")).toEqual([
      expect.objectContaining({ kind: EventKind.CONFERENCE, startsOn: "2025-05-01", endsOn: "2025-05-31", places: ["Basel"] }),
    ]);
    expect(events("The minister defended the policy, telling MPs on Tuesday that it was working.", "2024-11-14")).toEqual([
      expect.objectContaining({ kind: EventKind.BRIEFING, startsOn: "2024-11-12" }),
    ]);
  });
});
