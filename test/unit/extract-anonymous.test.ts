import { extractEntities } from "../../src/ingest/extract/entities";
import { docOf } from "./extract-fixtures";

/** Sentences written for these tests. */
function only(paragraphs: string[]) {
  const { quotes } = extractEntities(docOf(paragraphs));
  expect(quotes).toHaveLength(1);
  return quotes[0]!;
}

describe("anonymous sources", () => {
  test("a senior official of a named organization: the organization is the affiliation, not the speaker", () => {
    const q = only(["The talks stalled on Tuesday.", "“Nobody in the building expects a deal this month,” said a senior State Department official."]);
    expect(q.speaker).toBeNull();
    expect(q.anonymousSpeaker).toEqual({ description: "a senior State Department official", organization: "State Department" });
  });

  test("an official who spoke on condition of anonymity, before the verb", () => {
    const q = only(["“The convoy will leave at dawn and return within the week,” an official who spoke on condition of anonymity said."]);
    expect(q.speaker).toBeNull();
    expect(q.anonymousSpeaker?.description).toBe("an official who spoke on condition of anonymity");
    expect(q.anonymousSpeaker?.organization).toBeNull();
  });

  test("a quantified source: two people familiar with the talks", () => {
    const q = only(["“The draft is ready but nobody has signed it yet,” two people familiar with the talks said."]);
    expect(q.speaker).toBeNull();
    expect(q.anonymousSpeaker?.description).toBe("two people familiar with the talks");
  });

  test("the staffer, with nobody titled so named before", () => {
    const q = only(["The station lost its licence in May.", "“We found out from a press release like everyone else,” the staffer said."]);
    expect(q.speaker).toBeNull();
    expect(q.anonymousSpeaker?.description).toBe("the staffer");
  });

  test("a spokesperson for an organization followed by a name is that person, not an anonymous source", () => {
    const q = only(["“The factory will reopen on Monday after the inspection is complete,” said a spokesperson for Brightwater Foods, Jane Doe, in a statement."]);
    expect(q.anonymousSpeaker ?? null).toBeNull();
    // Which of the two named candidates speaks is attribution's decision (issue 10, other bullets).
    expect(q.speaker).not.toBeNull();
  });

  test("a named speaker is not anonymous", () => {
    const q = only(["“The bridge will be finished before the winter rains,” said Maria Gonzalez, the city engineer."]);
    expect(q.speaker?.name).toBe("Maria Gonzalez");
    expect(q.anonymousSpeaker ?? null).toBeNull();
  });

  test("the judge named earlier with that title is the speaker, not an anonymous source", () => {
    const { quotes } = extractEntities(docOf(["Judge Helen Marsh heard the case on Monday.", "“The evidence does not support the charge as it was brought,” the judge said."]));
    const q = quotes.find((x) => x.text.startsWith("The evidence"))!;
    expect(q.anonymousSpeaker ?? null).toBeNull();
    expect(q.speaker?.name).toBe("Helen Marsh");
  });
});
