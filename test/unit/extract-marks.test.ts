import { extractEntities } from "../../src/ingest/extract/entities";
import { docOf } from "./extract-fixtures";

/** The quotations found in paragraphs written for these tests, with who says them (a name, an organization, an anonymous description, or null). */
function quotesOf(paragraphs: string[]): Array<[string, string | null]> {
  return extractEntities(docOf(paragraphs)).quotes.map((q) => [q.text, q.speaker ? (q.speaker.name ?? q.speaker.organization) : (q.anonymousSpeaker?.description ?? null)]);
}

describe("quotation marks in odd shapes", () => {
  test("a closing mark set as the opening one (`said:” We…`) opens the quotation", () => {
    expect(quotesOf(["Harbour master Lena Ortiz said:” We will reopen the quay on Monday.”"])).toEqual([["We will reopen the quay on Monday.", "Lena Ortiz"]]);
    expect(quotesOf(["Harbour master Lena Ortiz said: ”We will reopen the quay on Monday.”"])).toEqual([["We will reopen the quay on Monday.", "Lena Ortiz"]]);
  });

  test("a straight mark or a double prime right after a colon opens the quotation", () => {
    expect(quotesOf(['Harbour master Lena Ortiz said:"We will reopen the quay on Monday."'])).toEqual([["We will reopen the quay on Monday.", "Lena Ortiz"]]);
    expect(quotesOf(["Harbour master Lena Ortiz said:″We will reopen the quay on Monday.″"])).toEqual([["We will reopen the quay on Monday.", "Lena Ortiz"]]);
  });

  test("straight marks around words inside a curly quotation quote within it; a straight mark still closes a curly one", () => {
    expect(quotesOf(['Harbour master Lena Ortiz said: “We told them "not yet" twice, and we meant it.”'])).toEqual([['We told them "not yet" twice, and we meant it.', "Lena Ortiz"]]);
    expect(quotesOf(['“We will reopen the quay on Monday," harbour master Lena Ortiz said.'])).toEqual([["We will reopen the quay on Monday", "Lena Ortiz"]]);
  });
});

describe("short quotations and terms", () => {
  test("a short quotation with a comma inside its marks and an attribution after them is speech, even with nobody named", () => {
    expect(quotesOf(["Talks stalled again on Tuesday.", "“That is the sticking point,” the official said."])).toEqual([["That is the sticking point", "the official"]]);
    expect(quotesOf(["‘It’s too dear,’ commuter says"])).toEqual([["It’s too dear", null]]);
  });

  test("a short phrase inside the writer's sentence with an attribution after it stays a term", () => {
    expect(quotesOf(["The “deal,” officials said, was never signed."])).toEqual([]);
  });

  test("a list of quoted source descriptions is no quotation", () => {
    expect(
      quotesOf(['The report leaned on sources such as "people briefed on the plan," "senior officials" and "a person close to the board," Maya Lund said.']),
    ).toEqual([]);
  });

  test("two short quotations opening a sentence are not a list", () => {
    expect(quotesOf(["Coach Ivan Petrov was asked about the draw.", "“We played well,” “We can win the next one,” Petrov said."]).map(([t]) => t)).toContain("We can win the next one");
  });
});
