import { extractEntities } from "../../src/ingest/extract/entities";
import { docOf } from "./extract-fixtures";

/**
 * Sentences written for these tests, shaped like failures seen on real news: a document or a
 * nationality as the subject, capitalised anonymous descriptions, a role noun standing for a
 * person, a capitalised word glued to a name at a sentence's start.
 */
function extracted(paragraphs: string[]) {
  return extractEntities(docOf(paragraphs));
}

describe("who a noun phrase before or after the verb stands for", () => {
  test("a document speaks for the organization that issued it", () => {
    const { quotes } = extracted(["Acme Foods recalled its snacks on Monday and issued a statement.", "“We apologise to every customer affected,” the statement read."]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]!.speaker).toEqual({ name: null, title: null, organization: "Acme Foods" });
    expect(quotes[0]!.attributionRule).toBe("document's issuer");
  });

  test("a capitalised anonymous description is an anonymous source, not a person", () => {
    const { quotes, people } = extracted(["“We have not seen any movement of troops near the border,” a Senior Defense Official said."]);
    expect(quotes[0]!.speaker).toBeNull();
    expect(quotes[0]!.anonymousSpeaker?.description).toBe("a Senior Defense Official");
    expect(people.map((p) => p.name)).not.toContain("Senior Defense Official");
  });

  test("a bare plural role noun is an anonymous source", () => {
    const { quotes, people } = extracted(["“The convoy will leave at dawn and come back on Friday,” Officials said."]);
    expect(quotes[0]!.speaker).toBeNull();
    expect(quotes[0]!.anonymousSpeaker?.description).toBe("Officials");
    expect(people).toHaveLength(0);
  });

  test("a nationality as the subject is the person it stands for, never an organization", () => {
    const { quotes, organizations } = extracted(["Forward Joao Mendes scored twice on Sunday.", "“I feel at home here and the fans have been wonderful to me,” the Brazilian said."]);
    expect(quotes[0]!.speaker?.name).toBe("Joao Mendes");
    expect(quotes[0]!.attributionRule).toBe("role by salience");
    expect(organizations.map((o) => o.name)).not.toContain("Brazilian");
  });

  test("a role noun resolves to the titled person, then by salience", () => {
    const titled = extracted(["Coach Laura Chen watched her side lose again.", "“We simply did not defend well enough in the second half,” the coach said."]);
    expect(titled.quotes[0]!.speaker).toMatchObject({ name: "Laura Chen", title: "Coach" });
    const salient = extracted(["Joao Mendes scored twice on Sunday.", "“It was a good day for all of us out there,” the striker said."]);
    expect(salient.quotes[0]!.speaker?.name).toBe("Joao Mendes");
  });

  test("a titled speaker introducing a quotation in the next paragraph", () => {
    const { quotes } = extracted(["Riverton lost 3-0 at home on Saturday. Coach Laura Chen said:", "“We have to be better than this on the road and everybody knows it.”"]);
    expect(quotes[0]!.speaker).toMatchObject({ name: "Laura Chen", title: "Coach" });
  });

  test("the role right before the verb is the subject, not a person named earlier in the clause", () => {
    const { quotes, people } = extracted(["Judge Marta Pell heard the case.", "Sentencing Brian Hollis, the judge said he had caused “immeasurable damage to the families involved.”"]);
    expect(people.map((p) => p.name)).toContain("Brian Hollis");
    expect(quotes[0]!.speaker?.name).toBe("Marta Pell");
  });

  test("a capitalised plural before a scare quote is no speaker, and the scare quote no quote", () => {
    const { quotes, people } = extracted(["Critics say the “reform” will hurt pensioners in the long run."]);
    expect(quotes).toHaveLength(0);
    expect(people).toHaveLength(0);
  });

  test("a name written with ® is a product, never a person or a speaker", () => {
    const { quotes, people } = extracted(["The new Zentrix® tablet and the Maria Santos® Home range go on sale in May.", "“It is our thinnest device yet,” Zentrix said."]);
    expect(people).toHaveLength(0);
    expect(quotes[0]?.speaker ?? null).toBeNull();
  });

  test("a few lower-case words in quotation marks that nobody is said to say are a scare quote", () => {
    const { quotes } = extracted(["Prices have settled into what traders see as the “new normal for the whole market” this year."]);
    expect(quotes).toHaveLength(0);
  });

  test("a pronoun does not refer to a name in parentheses", () => {
    const { quotes } = extracted([
      "Coach Sergio Lobera admitted his side struggled and brought on a defender for an attacking midfielder (Hugo Boumous).",
      "“We got a big victory against a very good team,” he said.",
    ]);
    expect(quotes[0]!.speaker?.name).toBe("Sergio Lobera");
  });

  test("two capitalised words the lexicon does not know, after 'under' or before 'said', are a person", () => {
    const { quotes, people } = extracted(["The club had been struggling under Tarvo Lindqvist until January.", "“We deserved to win tonight,” he said."]);
    expect(people.map((p) => p.name)).toEqual(["Tarvo Lindqvist"]);
    expect(quotes[0]!.speaker?.name).toBe("Tarvo Lindqvist");
  });

  test("a statement named after the person who issued it speaks for that person", () => {
    const { quotes } = extracted([
      "Assemblyman Vito Lopez put out a three-page statement this afternoon.",
      "“The claims in the report are false from start to finish,” the Lopez statement says.",
      "“There is a war against an ailing senior member,” the statement read.",
    ]);
    expect(quotes.map((q) => q.speaker?.name)).toEqual(["Vito Lopez", "Vito Lopez"]);
  });

  test("a capitalised description without a determiner is an anonymous source, and 'he said' goes on with it", () => {
    const { quotes } = extracted([
      "“That story was based on leaks to several newspapers, and I have strong views about that,” Senior Defense Official said.",
      "“I am not anonymous, I am speaking with the sanction of the department,” he said.",
    ]);
    expect(quotes).toHaveLength(2);
    for (const q of quotes) {
      expect(q.speaker).toBeNull();
      expect(q.anonymousSpeaker).toEqual({ description: "Senior Defense Official", organization: "Department of Defense" });
    }
  });
});
