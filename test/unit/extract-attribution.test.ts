import { extractEntities } from "../../src/ingest/extract/entities";
import { docOf } from "./extract-fixtures";

/** Sentences written for these tests, shaped like real wire and broadcast copy. */
function quotesOf(paragraphs: string[]) {
  return extractEntities(docOf(paragraphs)).quotes;
}

describe("attribution as a decision over candidates", () => {
  test("a person in the clause beats an organization named before the verb", () => {
    const [q] = quotesOf(["Rosa Alvarez runs the port authority.", "In an interview with the Harbour Service, Alvarez said, “We will reopen the docks by March.”"]);
    expect(q!.speaker?.name).toBe("Rosa Alvarez");
  });

  test("a titled person after the verb is the speaker, not the organization in the title", () => {
    const [q] = quotesOf(["“The talks were constructive and will resume next week,” said State Department spokesperson Tomas Lindqvist."]);
    expect(q!.speaker?.name).toBe("Tomas Lindqvist");
  });

  test("a titled person before the verb is the speaker, not the organization in the title", () => {
    const [q] = quotesOf(["“Our reporters will keep working from the capital,” Harbour Radio Director Jane Okonjo said."]);
    expect(q!.speaker?.name).toBe("Jane Okonjo");
  });

  test("the dateline's agency never speaks", () => {
    const [q] = quotesOf(["QUITO (Wirenews) - “We reject the accusation entirely,” the spokeswoman said in a statement."]);
    expect(q!.speaker?.organization ?? null).not.toBe("Wirenews");
  });

  test("reported speech goes to the subject who reports it", () => {
    const quotes = quotesOf(["Judge Marta Pell sentenced Brian Hollis on Tuesday.", "The judge said Hollis had caused “lasting harm to the whole town.”"]);
    expect(quotes[0]!.speaker?.name).toBe("Marta Pell");
  });

  test("a pronoun resolves to the most recent subject, not the last name seen", () => {
    const quotes = quotesOf(["Carlos Ferreira told reporters he had met Prime Minister Ivan Dobrev on Monday. He said, “We agreed on the border crossings and nothing else.”"]);
    expect(quotes[0]!.speaker?.name).toBe("Carlos Ferreira");
  });

  test("a surname after the verb resolves to the person named earlier", () => {
    const quotes = quotesOf(["Union leader Nkechi Okafor spoke to farmers on Monday.", "“Prices have doubled since spring and nobody listens,” Okafor asserted."]);
    expect(quotes[0]!.speaker?.name).toBe("Nkechi Okafor");
  });

  test("an organization speaks when it is the clause's subject", () => {
    const quotes = quotesOf(["“The product recall covers every batch sold in May,” Acme Foods said in a statement."]);
    expect(quotes[0]!.speaker).toMatchObject({ name: null, organization: "Acme Foods" });
  });

  test("the provenance says which rule chose the speaker, with a confidence that reflects it", () => {
    const quotes = quotesOf(["“We will reopen the docks by March,” said Rosa Alvarez.", "“It will take time,” she added."]);
    expect(quotes[0]!.attributionRule).toBe("name after the verb");
    expect(quotes[1]!.attributionRule).toBe("pronoun by salience");
    expect(quotes[0]!.confidence).toBeGreaterThan(quotes[1]!.confidence);
  });
});
