import { extractEntities } from "../../src/ingest/extract/entities";
import { docOf } from "./extract-fixtures";

/**
 * The subject noun phrase of an attribution's verb (compromise's tags): a person inside an
 * appositive, a relative clause or a prepositional phrase is not the speaker. Sentences written
 * for these tests, shaped like failures seen on real news.
 */
function quotes(paragraphs: string[]) {
  return extractEntities(docOf(paragraphs)).quotes;
}

describe("the subject of the attribution clause", () => {
  test("a person inside the speaker's appositive does not speak", () => {
    const [q] = quotes(["Prime Minister Liz Truss resigned on Thursday after six weeks in office.", "Ana Reid, an economist who advised Truss, said the plan risked a “doom loop” for the pound."]);
    expect(q!.speaker?.name).toBe("Ana Reid");
    expect(q!.attributionRule).toBe("clause subject");
  });

  test("a person in a prepositional phrase of the subject does not speak; a bare plural role is an anonymous group", () => {
    const [q] = quotes(["Tom Hall was found dead at his home in May.", "Detectives leading the inquiry into Tom Hall’s murder have pledged to leave “no stone unturned”."]);
    expect(q!.speaker).toBeNull();
    expect(q!.anonymousSpeaker?.description).toBe("Detectives");
  });

  test("a role subject with a name in apposition gives the name", () => {
    const [q] = quotes(["The lawyer for the family, Jo Park, said Hall had been “a gentle man who never hurt anyone”."]);
    expect(q!.speaker?.name).toBe("Jo Park");
    expect(q!.attributionRule).toBe("appositive");
  });

  test("a second clause joined by “while” has its own subject", () => {
    const [, second] = quotes([
      "“A cap that is too low will send tankers elsewhere,” said Lars Henriksen, Denmark’s energy minister, while Maria Nowak, Poland’s climate minister, countered that “families cannot wait for another winter of huge bills.”",
    ]);
    expect(second!.speaker?.name).toBe("Maria Nowak");
  });

  test("a relative clause after an anonymous source is not part of its description", () => {
    const [q] = quotes(["“Here’s the problem with the whole plan,” said one local official who said he feared reprisals."]);
    expect(q!.speaker).toBeNull();
    expect(q!.anonymousSpeaker?.description).toBe("one local official");
  });

  test("prosecutors as the subject, not a capitalised name after the verb", () => {
    const [q] = quotes(["Prosecutors argued that Defendant Holmes had known the tests “did not work as advertised to investors”."]);
    expect(q!.speaker).toBeNull();
    expect(q!.anonymousSpeaker?.description).toBe("Prosecutors");
  });

  test("a long title chain after the verb still reaches the name", () => {
    const [q] = quotes(["“We will look at every option available to us,” said House Committee on Oversight and Accountability Chairman James Comer."]);
    expect(q!.speaker?.name).toBe("James Comer");
  });

  test("a role run before a titled person in apposition is not a person; the person speaks", () => {
    const [q] = quotes(["Police found the van on Monday.", "Kent’s County Policing Commander, Chief Superintendent Ruth Hale, said: “We are still in the early stages of this inquiry.”"]);
    expect(q!.speaker?.name).toBe("Ruth Hale");
    expect(q!.speaker?.title).toBe("Chief Superintendent");
    expect(q!.attributionRule).toBe("appositive");
  });

  test("a name, then its role without the closing comma, before the verb: the name speaks", () => {
    const [q] = quotes(["The firm opened a depot in Leeds.", "Sam Oduya, Regional Operations Manager and a Leeds native said, “This city is so varied in terms of trade.”"]);
    expect(q!.speaker?.name).toBe("Sam Oduya");
    expect(q!.anonymousSpeaker).toBeNull();
  });

  test("British police ranks written short ('Det Serg') are a title, not a given name", () => {
    const qs = quotes(["Two tractors were taken from a farm.", "Detective Sergeant Morrow, from the PSNI’s CID unit, said: \"We have made extensive enquiries.\"", "Det Serg Morrow said: \"Keep tools out of sight.\""]);
    expect(qs.map((q) => q.speaker?.name)).toEqual(["Morrow", "Morrow"]);
    expect(qs[1]!.speaker?.title).toBe("Detective Sergeant");
  });

  test("a paragraph that is only a quotation, after a paragraph introducing one person as its subject: that person", () => {
    const [q] = quotes(["Talks resumed in Oslo on Monday.", "Election analyst Dana Whitlock, editor of the Whitlock Report, doubts that the campaign changed anything.", "“There is not much new here. They just did it better and at a bigger scale.”"]);
    expect(q!.speaker?.name).toBe("Dana Whitlock");
    expect(q!.attributionRule).toBe("introduced in the paragraph before");
  });

  test("the paragraph before names two people: nobody is guessed", () => {
    const [q] = quotes(["Talks resumed in Oslo on Monday.", "Dana Whitlock met Omar Said in Bergen last week.", "“There is not much new here. They just did it better and at a bigger scale.”"]);
    expect(q!.speaker).toBeNull();
  });

  test("an unnamed source's quotation paragraph goes on in the next paragraph", () => {
    const qs = quotes(["Talks resumed in Oslo on Monday.", "Speaking to reporters, the official said if the rival really wants a deal, “now is an opportunity to put their money where their mouth is.”", "\"It is ironic that the group which started this could now derail the best chance in months.\""]);
    expect(qs.map((q) => q.anonymousSpeaker?.description)).toEqual(["the official", "the official"]);
  });

  test("two capital initials open a name ('spokesman TJ Harlow'), and the surname resolves to it", () => {
    const qs = quotes(["The Herald quoted State Department spokesman TJ Harlow as saying that staff were told to leave phones outside.", "\"We have already seen some changes in how meetings run,\" Harlow said."]);
    expect(qs[qs.length - 1]!.speaker?.name).toBe("TJ Harlow");
  });

  test("a title of office written with capitals is the second reference to the person given it ('The Prime Minister said')", () => {
    const r = extractEntities(docOf(["Prime Minister Boris Johnson said he was shocked by the news on Thursday.", "The Prime Minister said: ‘My thoughts are with the family at this terrible time.’"]));
    expect(r.quotes[0]!.speaker?.name).toBe("Boris Johnson");
    expect(r.quotes[0]!.attributionRule).toBe("role by salience");
    expect(r.people.map((p) => p.name)).toEqual(["Boris Johnson"]);
  });

  test("a speaker's heading line ('Name, title, Company:') names the speaker of the quotation under it, with title and affiliation", () => {
    const r = extractEntities(
      docOf([
        "Chief executives spoke on calls with analysts this week.",
        "Ana Reid, chief executive, Acme Foods:",
        "“Our core business is doing well and we expect demand to hold into next year.”",
        "Tom Bell, chief financial officer, Delta Rail:",
        "“Ridership has not returned to where it was, and we are cutting costs.”",
      ]),
    );
    expect(r.quotes.map((q) => [q.speaker?.name, q.attributionRule])).toEqual([
      ["Ana Reid", "speaker heading"],
      ["Tom Bell", "speaker heading"],
    ]);
    expect(r.people.map((p) => [p.name, p.title, p.organization])).toEqual([
      ["Ana Reid", "chief executive", "Acme Foods"],
      ["Tom Bell", "chief financial officer", "Delta Rail"],
    ]);
  });

  test("a partial quote's clause reaches back over an earlier partial quote of the same sentence", () => {
    const qs = quotes(["Council leader Ana Reid spoke on Tuesday.", "She blamed “bedding-in issues” for the delays and said the council was “working flat out” to fix them."]);
    const working = qs.find((q) => q.text === "working flat out");
    expect(working?.speaker?.name).toBe("Ana Reid");
  });

  test("a paragraph whose first mark closes goes on with the quotation left open (double and single marks)", () => {
    for (const [o, c] of [["“", "”"], ["‘", "’"]]) {
      const qs = quotes([`Manager Tom Bell said: ${o}It was a tough game and the players gave everything.`, `I am so proud of them and the fans who travelled.${c}`, "The club said it would appeal."]);
      expect(qs.map((q) => [q.text, q.speaker?.name])).toEqual([["It was a tough game and the players gave everything. I am so proud of them and the fans who travelled.", "Tom Bell"]]);
      expect(qs[0]!.pieces).toHaveLength(2);
    }
  });

  test("a single-quoted quotation left open at a sentence's end ends with its paragraph", () => {
    const qs = quotes(["Manager Tom Bell said: ‘It was a tough game and the players gave everything.", "The club said it would appeal against the red card on Monday."]);
    expect(qs.map((q) => [q.text, q.speaker?.name])).toEqual([["It was a tough game and the players gave everything.", "Tom Bell"]]);
  });

  test("a role with nobody named before it describes an unnamed speaker, each role its own ('The reporter asked')", () => {
    const qs = quotes(["The interview did not go well.", "The minister responded, “I have already answered that question.”", "The reporter asked, “Will you answer it now, though?”", "The minister responded, “No. Next question.”"]);
    expect(qs.map((q) => q.anonymousSpeaker?.description)).toEqual(["The minister", "The reporter", "The minister"]);
  });

  test("'the fire department said' is the organization named earlier whose name has those words", () => {
    const [q] = quotes(["Austin Fire Department shift commander Eddie Martinez said the injuries were not serious.", "The fire department said on Twitter that the firefighter was now “home and doing well.”"]);
    expect(q!.speaker).toMatchObject({ name: null, organization: "Austin Fire Department" });
  });

  test("a possessor before a participle's quote is not its subject ('dismissed Dubois’s claims, telling the agency that')", () => {
    const qs = quotes(["“It was a plot,” Alain Dubois told reporters in Paris.", "Foreign ministry spokesperson Marc Petit immediately dismissed Dubois’s claims, telling the agency that “Mr Dubois must be unwell.”"]);
    expect(qs.map((q) => q.speaker?.name)).toEqual(["Alain Dubois", "Marc Petit"]);
  });

  test("a surname qualifying a role before a full name gives the holder ('Reyes family attorney Benjamin Ortiz said')", () => {
    const qs = quotes(["Derek Hall was sentenced on Friday for the death of George Reyes.", "Reyes family attorney Benjamin Ortiz said the sentence was “historic” and would bring the city “one step closer to healing.”"]);
    expect(qs.map((q) => q.speaker?.name)).toEqual(["Benjamin Ortiz", "Benjamin Ortiz"]);
  });

  test("a lede's given name set in capitals is a name, and 'The Prime Minister' then refers to that person", () => {
    const r = extractEntities(docOf(["BORIS Johnson has said he is ‘shocked and deeply saddened’ by the developments.", "The Prime Minister said: \"Like the whole country, my thoughts are with her family.”"]));
    expect(r.quotes.map((q) => q.speaker?.name)).toEqual(["Boris Johnson", "Boris Johnson"]);
  });

  test("a heading that ends with the name ('Acme Technology SA CFO Tom Bell:') names the speaker; SA is a legal form", () => {
    const r = extractEntities(docOf(["The Pandemic", "Acme Technology SA CFO Tom Bell:", "“In general all consumption is back above pre-Covid levels.\" (Oct. 29)"]));
    expect(r.quotes[0]!.speaker?.name).toBe("Tom Bell");
    expect(r.quotes[0]!.attributionRule).toBe("speaker heading");
    expect(r.people.map((p) => [p.name, p.title, p.organization])).toEqual([["Tom Bell", "CFO", "Acme Technology SA"]]);
  });

  test("a copular sentence gives a profession as the title; a friend is no title", () => {
    const a = extractEntities(docOf(["Craig A. Goodman is an assistant professor of political science at Lakeside University. “A switch like this is rare,” Goodman said."]));
    expect(a.people.map((p) => [p.name, p.title, p.organization])).toEqual([["Craig A. Goodman", "assistant professor of political science", "Lakeside University"]]);
    const b = extractEntities(docOf(["Ana Reid is a good friend of the family. “It matters,” Reid said."]));
    expect(b.people[0]!.title).toBeNull();
  });

  test("'head coach' is a title though 'coach' is also a verb; the club before it is the affiliation", () => {
    const r = extractEntities(docOf(["Riverside Pirates head coach Josef Brandt hailed the performances of his two midfielders on Saturday."]));
    expect(r.people.map((p) => [p.name, p.title, p.organization])).toEqual([["Josef Brandt", "head coach", "Riverside Pirates"]]);
  });
});
