import { extractEntities } from "../../src/ingest/extract/entities";
import { docOf } from "./extract-fixtures";

/** Sentences written for these tests, shaped like real news copy (issue 10, causes 1, 6 and 7). */
function people(paragraphs: string[]) {
  return extractEntities(docOf(paragraphs)).people.map((p) => [p.name, p.title, p.organization]);
}

function speakers(paragraphs: string[]) {
  return extractEntities(docOf(paragraphs)).quotes.map((q) => [q.text, q.speaker?.name ?? (q.anonymousSpeaker ? `anonymous: ${q.anonymousSpeaker.description}` : null)]);
}

describe("title words are not part of a name", () => {
  test("British police ranks written without periods", () => {
    expect(people(["Det Supt Ana Reid said: “We will find whoever did this.”", "“The area is closed,” said Detective Constable Ben Marsh.", "Ch Insp Carl Moss and PC Dan Hurst attended."])).toEqual([
      ["Ana Reid", "Detective Superintendent", null],
      ["Ben Marsh", "Detective Constable", null],
      ["Carl Moss", "Chief Inspector", null],
      ["Dan Hurst", "Police Constable", null],
    ]);
  });

  test("a family name's particle stays in the name, and the family name alone resolves to the person", () => {
    const found = speakers(["“We never gave up on the title,” said Pieter van Dijk.", "Later van Dijk said: “The second half was ours from the start.”", "Van Dijk added: “We go again next week.”"]);
    expect(found.map(([, s]) => s)).toEqual(["Pieter van Dijk", "Pieter van Dijk", "Pieter van Dijk"]);
    expect(people(["Louis de Vries and Marta van der Berg met on Monday."]).map(([n]) => n)).toEqual(["Louis de Vries", "Marta van der Berg"]);
  });
});
