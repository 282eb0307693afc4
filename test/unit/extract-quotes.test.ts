import { extractEntities } from "../../src/ingest/extract/entities";
import type { ExtractedQuote } from "../../src/ingest/extract/types";
import { ARTICLES, docOf, fold, load } from "./extract-fixtures";

describe("quotes in the reference article", () => {
  const { doc, gold, found } = load("top-us-officials-in-asia");

  test.each(gold.quotes.map((q) => [q.text.slice(0, 40), q] as const))("“%s…” with its speaker and channel", (_, g) => {
    const q = found.quotes.find((x) => fold(x.text) === fold(g.text));
    expect(q).toBeDefined();
    if (g.speakerKind === "organization") expect(q!.speaker).toMatchObject({ name: null, organization: g.speaker });
    else expect(q!.speaker?.name).toBe(g.speaker);
    expect(q!.channel).toBe(g.channel);
    if (g.saidOn) expect(q!.saidOn).toBe(g.saidOn);
  });

  test("finds exactly the gold quotes, and not the term “two-plus-two”", () => {
    expect(found.quotes).toHaveLength(gold.quotes.length);
    expect(found.quotes.some((q) => /two-plus-two/.test(q.text))).toBe(false);
  });

  test("offsets point at the quoted words, without marks", () => {
    for (const q of found.quotes) expect(doc.body.slice(q.startOffset!, q.endOffset!)).toBe(q.text);
  });

  test("the fragment in the writer's sentence is partial, attributed to an organization and its document", () => {
    const q = found.quotes.find((x) => x.text.startsWith("the only competitor"))!;
    expect(q.isPartial).toBe(true);
    expect(q.text.endsWith("system.")).toBe(true);
    expect(q.speaker).toEqual({ name: null, title: null, organization: "White House" });
    expect(q.channel).toBe("national security strategy document");
  });

  test("the quote opened with a curly mark and closed with a straight one, attributed across a paragraph break", () => {
    const q = found.quotes.find((x) => x.text === "China is our pacing threat")!;
    expect(q.speaker).toMatchObject({ name: "Lloyd Austin", title: "Defense Secretary" });
    expect(q.channel).toBe("told reporters");
    expect(q.isPartial).toBe(false);
  });

  test("a speaker named on the quote is surer than one carried over", () => {
    const named = found.quotes.find((x) => x.text.startsWith("Pyongyang may"))!;
    const carried = found.quotes.find((x) => x.text.startsWith("Or North Korea"))!;
    expect(carried.speaker?.name).toBe("Leif-Eric Easley");
    expect(carried.confidence).toBeLessThan(named.confidence);
  });
});

/**
 * Whether an extracted quotation is the gold one: the same words, or (for one quotation written in
 * pieces, “…,” she said. “…”, which a gold file may list as two) one of its pieces, as the eval counts it.
 */
function sameQuotation(body: string, q: ExtractedQuote, goldText: string): boolean {
  if (fold(q.text) === fold(goldText)) return true;
  return (q.pieces ?? []).some((p) => fold(body.slice(p.startOffset, p.endOffset)) === fold(goldText));
}

describe.each(ARTICLES.filter((a) => a.name !== "top-us-officials-in-asia").map((a) => a.name))("quotes in fixture %s", (name) => {
  const { doc, gold, found } = load(name);

  test("every gold quote, with its speaker", () => {
    for (const g of gold.quotes) {
      const q = found.quotes.find((x) => sameQuotation(doc.body, x, g.text));
      expect({ text: g.text, found: q != null }).toEqual({ text: g.text, found: true });
      const speaker = q!.speaker ? (q!.speaker.name ?? q!.speaker.organization) : null;
      expect({ text: g.text, speaker }).toEqual({ text: g.text, speaker: g.speaker });
      if (g.channel) expect(q!.channel).toBe(g.channel);
      if (g.isPartial) expect(q!.isPartial).toBe(true);
      if (g.saidOn) expect(q!.saidOn).toBe(g.saidOn);
    }
  });

  test("no term or scare quote taken for a quote, and no quote the gold lacks", () => {
    for (const n of gold.notQuotes) expect(found.quotes.map((q) => fold(q.text).replace(/[.,]$/, ""))).not.toContain(fold(n.text));
    for (const q of found.quotes) expect({ text: q.text, gold: gold.quotes.some((g) => sameQuotation(doc.body, q, g.text)) }).toEqual({ text: q.text, gold: true });
    expect(found.quotes.length).toBeLessThanOrEqual(gold.quotes.length);
  });

  test("offsets point at the quoted words (each piece's, for a quotation in pieces)", () => {
    for (const q of found.quotes) {
      if (q.pieces) {
        let at = 0;
        for (const p of q.pieces) {
          const piece = doc.body.slice(p.startOffset, p.endOffset);
          expect(q.text.indexOf(piece, at)).toBeGreaterThanOrEqual(at);
          at = q.text.indexOf(piece, at) + piece.length;
        }
        expect(at).toBe(q.text.length);
      }
      else expect(doc.body.slice(q.startOffset!, q.endOffset!)).toBe(q.text);
    }
  });
});

describe("quote rules on small texts", () => {
  test("a double prime (″) opening a paragraph continues the quotation like a quotation mark; 12″ stays a measure", () => {
    const doc = docOf([
      "Councillor Ada Brennan said: “The bridge will be rebuilt by spring.",
      "″The money is in the budget, and the work starts next week.",
      "“Nobody should doubt that.” The old span was 12″ wide.",
    ]);
    const { quotes } = extractEntities(doc);
    expect(quotes.map((q) => [q.text, q.speaker?.name])).toEqual([["The bridge will be rebuilt by spring. The money is in the budget, and the work starts next week. Nobody should doubt that.", "Ada Brennan"]]);
  });

  test("an excerpt cut off inside a quotation drops the cut quotation; one left open at a sentence's end stays", () => {
    const cut = extractEntities(docOf(["“The river is high,” warden Olu Adeyemi said. “If the rain keeps up we will close the tow"]));
    expect(cut.quotes.map((q) => q.text)).toEqual(["The river is high"]);
    const open = extractEntities(docOf(["Warden Olu Adeyemi said: “If the rain keeps up we will close the towpath."]));
    expect(open.quotes.map((q) => q.text)).toEqual(["If the rain keeps up we will close the towpath."]);
  });

  test("a term after “identified as”, “described as” or “referred to as” is not a quote", () => {
    const { quotes } = extractEntities(docOf(["A man who could only be identified as a “senior harbour official” declined to comment, the board said."]));
    expect(quotes).toEqual([]);
  });

  test("a quote split around its attribution is one quotation, with both spans' offsets", () => {
    const doc = docOf(["“We will appeal,” said Maria Gonzalez, the company’s general counsel. “The ruling ignores the evidence.”"]);
    const { quotes } = extractEntities(doc);
    expect(quotes.map((q) => [q.text, q.speaker?.name, q.speaker?.title])).toEqual([["We will appeal, The ruling ignores the evidence.", "Maria Gonzalez", "general counsel"]]);
    expect(quotes[0]!.pieces!.map((p) => doc.body.slice(p.startOffset, p.endOffset))).toEqual(["We will appeal", "The ruling ignores the evidence."]);
    expect(doc.body.slice(quotes[0]!.startOffset!, quotes[0]!.endOffset!)).toMatch(/^We will appeal,” said .* evidence\.$/);
  });

  test.each([
    ["“We will finish the bridge on time,” she said. “Nobody should doubt that for a second.”", 1],
    ["“We will finish the bridge on time,” Kerr told reporters on Monday. “Nobody should doubt that for a second.”", 1],
    // The second span names its own speaker: two quotations.
    ["“We will finish the bridge on time,” she said. “Nobody should doubt that,” said Tom Reid.", 2],
    // The first sentence ended inside the marks: the next quotation is its own.
    ["“We will finish the bridge on time,” she said. Kerr said the rest later: “Nobody should doubt that for a second.”", 2],
  ])("merging “…,” she said. “…” only when the second has no attribution: %s", (sentence, count) => {
    const { quotes } = extractEntities(docOf(["Mayor Ann Kerr defended the plan on Monday.", sentence]));
    expect(quotes).toHaveLength(count);
    expect(quotes[0]!.speaker?.name).toBe("Ann Kerr");
  });

  test("a quote running over two paragraphs is one quote", () => {
    const { quotes } = extractEntities(
      docOf(["“The first thing we saw was the water coming over the levee,” said Ahmed Karimi, a farmer in the valley. “Then the power went out.", "“By morning the whole road was gone.”"]),
    );
    expect(quotes).toHaveLength(1);
    expect(quotes[0]!.text).toBe("The first thing we saw was the water coming over the levee, Then the power went out. By morning the whole road was gone.");
    expect(quotes[0]!.pieces).toHaveLength(3);
    expect(quotes[0]!.speaker?.name).toBe("Ahmed Karimi");
  });

  test("straight quotation marks, and a speaker before the quote", () => {
    const { quotes } = extractEntities(docOf(['Health Minister Sofia Lindqvist said: "The vaccine supply is secure."']));
    expect(quotes[0]).toMatchObject({ text: "The vaccine supply is secure.", isPartial: false, speaker: { name: "Sofia Lindqvist", title: "Health Minister" } });
  });

  test("a pronoun resolves to the last person named whose given name fits it", () => {
    const { quotes } = extractEntities(docOf(["Mayor James Holloway met the union leader, Laura Chen, on Monday. “We are close to a deal,” she said."]));
    expect(quotes[0]!.speaker?.name).toBe("Laura Chen");
  });

  test("the day of a past-tense attribution resolves backwards from the publication date", () => {
    const { quotes } = extractEntities(docOf(["“Prices will fall,” Raymond Ortiz, an analyst at Harlow Capital Group, said in an interview on Monday."], "2024-03-06"));
    expect(quotes[0]).toMatchObject({ channel: "interview", saidOn: "2024-03-04", speaker: { name: "Raymond Ortiz", organization: "Harlow Capital Group" } });
  });

  test("an unattributed quote has no speaker and a low confidence", () => {
    const { quotes } = extractEntities(docOf(["Protesters outside the court chanted slogans. “No justice, no peace, no more delays in this case.”"]));
    expect(quotes[0]!.speaker).toBeNull();
    expect(quotes[0]!.confidence).toBeLessThan(0.5);
  });
});

describe("a statement introduced by a colon, the quotation in the paragraphs after it", () => {
  test("the person in the introducing sentence speaks, through a statement, across every paragraph of the quotation", () => {
    const found = extractEntities(
      docOf([
        "WASHINGTON — Senator Maria Delgado, chair of the Senate Budget Committee, issued the following statement on Tuesday:",
        "“The agreement keeps the lights on for another year. It does nothing about the debt.",
        "“We will hold hearings on the shortfall next month.”",
        "The committee meets again in April.",
      ]),
    );
    expect(found.quotes).toHaveLength(1);
    expect(found.quotes[0]).toMatchObject({ text: expect.stringMatching(/^The agreement keeps .* next month\.$/), speaker: { name: "Maria Delgado" }, channel: "statement" });
  });

  test("an organization speaks when no person is named; a colon without a statement or a speech verb introduces nothing", () => {
    const org = extractEntities(docOf(["The Harbor Authority released a joint statement with the port unions:", "“Work resumes at the container terminal on Monday.”"]));
    expect(org.quotes[0]!.speaker).toMatchObject({ name: null, organization: "Harbor Authority" });
    expect(org.quotes[0]!.channel).toBe("joint statement");
    const list = extractEntities(docOf(["Tomás Ferreira arrived with three items on his list:", "“Ports, roads and schools.”"]));
    expect(list.quotes.filter((q) => q.speaker?.name === "Tomás Ferreira")).toEqual([]);
  });
});

describe("transcript form: the speaker label is the speaker", () => {
  test("labels in capitals, without quotation marks, and a turn glued to the previous one on its line", () => {
    const { quotes, people } = extractEntities(
      docOf(["MARA VOSS: Thanks for coming in today.", "TOM REYES: Glad to be here. It has been a long week.    MARA VOSS: What went wrong on the night?"]),
    );
    expect(quotes.map((q) => [q.text, q.speaker?.name, q.attributionRule])).toEqual([
      ["Thanks for coming in today.", "Mara Voss", "transcript label"],
      ["Glad to be here. It has been a long week.", "Tom Reyes", "transcript label"],
      ["What went wrong on the night?", "Mara Voss", "transcript label"],
    ]);
    expect(people.map((p) => p.name).sort()).toEqual(["Mara Voss", "Tom Reyes"]);
  });

  test("a label before a quotation mark names a person found with a title", () => {
    const { quotes } = extractEntities(docOf(["Brightwell Foods CEO Lena Ortiz: “We lost the plot after the break and we paid for it.”"]));
    expect(quotes[0]).toMatchObject({ text: "We lost the plot after the break and we paid for it.", speaker: { name: "Lena Ortiz", title: "CEO", organization: "Brightwell Foods" } });
  });

  test("an interview in title-case labels: two turns make it a transcript; a heading with a colon is not a speaker", () => {
    const { quotes } = extractEntities(
      docOf(["Full Transcript: an interview with the minister", "Lena Brandt: What will you tell the committee tomorrow?", "Omar Haddad: That the numbers do not add up, and that we said so in March."]),
    );
    expect(quotes.map((q) => q.speaker?.name)).toEqual(["Lena Brandt", "Omar Haddad"]);
  });

  test("one title-case label alone, without marks, is not a transcript", () => {
    const { quotes } = extractEntities(docOf(["Lena Brandt: the committee meets tomorrow at noon.", "The minister declined to comment."]));
    expect(quotes).toHaveLength(0);
  });
});

test("a British quotation over several paragraphs (each opens with ‘, only the last closes) is one quotation", () => {
  const { quotes } = extractEntities(
    docOf(["Rovers manager Ian Pell said: ‘We were flat in the first half and we know it.", "‘After the break we showed what this group can do.", "‘I am proud of every one of them.’"]),
  );
  expect(quotes).toHaveLength(1);
  expect(quotes[0]).toMatchObject({ text: expect.stringMatching(/^We were flat .* every one of them\.$/), speaker: { name: "Ian Pell" } });
  expect(quotes[0]!.pieces).toHaveLength(3);
});

test("quotation marks glued to the next sentence without a space still bound each quotation; a glued mark before the writer's words opens nothing", () => {
  const { quotes } = extractEntities(
    docOf(['Laura Chen said: "We were slow today."We need more from the bench."The lads know it and so do the fans."Losing at home left the side ninth, and Chen said: "We move on to Friday."']),
  );
  const texts = quotes.map((q) => q.text);
  expect(texts).toEqual(expect.arrayContaining(["We were slow today.", "We need more from the bench.", "The lads know it and so do the fans.", "We move on to Friday."]));
  expect(texts.some((t) => t.startsWith("Losing at home"))).toBe(false);
  expect(quotes.every((q) => q.speaker?.name === "Laura Chen")).toBe(true);
});

test("a pronoun before the quote resolves to the last sentence subject, not to a name in a phrase after it", () => {
  const { quotes } = extractEntities(
    docOf([
      "Rovers manager James Holloway admitted his side had been poor in the first half.",
      "Rovers trailed at the break to goals from Laura Chen and Tom Reid.",
      "Asked whether the visitors were too good, he said: “Both, and we have to look at ourselves first.”",
    ]),
  );
  expect(quotes[0]).toMatchObject({ speaker: { name: "James Holloway" }, attributionRule: "pronoun by salience" });
});
