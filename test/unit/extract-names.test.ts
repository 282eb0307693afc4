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

describe("title chains parsed into title, affiliation and name", () => {
  test("a unit in lower case before the institution; the rank before the name stays the title", () => {
    expect(people(["Det Supt Mike Lowe, the head of the regional major crimes unit at Wessex Constabulary Police, made an appeal."])).toEqual([
      ["Mike Lowe", "Detective Superintendent", "Wessex Constabulary Police"],
    ]);
  });

  test("an institution named in apposition to its description", () => {
    expect(people(["“Nobody saw this coming,” said Ray Dunmore, chief strategist of the country’s oldest pension fund, Harrowgate Partners."])).toEqual([
      ["Ray Dunmore", "chief strategist", "Harrowgate Partners"],
    ]);
  });

  test("an office with 'of' runs to the given name that starts the person's name", () => {
    expect(people(["Director of National Intelligence Dan Morrow released a statement."])).toEqual([["Dan Morrow", "Director of National Intelligence", null]]);
  });

  test("a committee named with 'on … and …' before the chair's title", () => {
    expect(people(["Senate Committee on Rivers and Harbor Works Chairman Tom Ilsley spoke first."])).toEqual([["Tom Ilsley", "Chairman", "Senate Committee on Rivers and Harbor Works"]]);
  });

  test("'the company' and 'the Company's' stand for the company the article is about", () => {
    const found = people([
      "Harlowe Freight, Ltd. reported a loss on Monday.",
      "The Company's current Chief Executive Officer and President, Ann Marsh, will stay on.",
      "“We will grow again,” said Rob Lane, Chairman of the Company's Board of Directors.",
      "“We are pleased,” the company's finance chief, Lia Stone, said.",
    ]);
    expect(found).toEqual([
      ["Ann Marsh", "President", "Harlowe Freight, Ltd."],
      ["Rob Lane", "Chairman of the Company's Board of Directors", "Harlowe Freight, Ltd."],
      ["Lia Stone", "finance chief", "Harlowe Freight, Ltd."],
    ]);
  });

  test("an organization owning the name is the affiliation; a country is not", () => {
    expect(people(["Sky’s Kay Marlow asked the minister again.", "Britain’s Dana Cole won gold."])).toEqual([
      ["Kay Marlow", null, "Sky"],
      ["Dana Cole", null, null],
    ]);
  });

  test("a role noun the lexicon does not know, read by its suffix before a given name", () => {
    expect(people(["Radio Kent presenter Nick Farrow said: “So you deny it?”"])).toEqual([["Nick Farrow", "presenter", "Radio Kent"]]);
  });

  test("'boss' is headline shorthand: the text's 'manager' wins", () => {
    expect(people(["Wolfsburg boss Dieter Kamp was furious.", "Wolfsburg manager Dieter Kamp said: “We gave it away.”"])).toEqual([["Dieter Kamp", "manager", "Wolfsburg"]]);
  });
});
