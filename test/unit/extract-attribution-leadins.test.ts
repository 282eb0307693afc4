import { parseDocument } from "../../src/ingest/document";
import { extractEntities } from "../../src/ingest/extract/entities";

/** Sentences written for these tests, shaped like transcripts, press releases and statements. */
function quotesOf(text: string) {
  return extractEntities(parseDocument({ text, publishedAt: new Date("2024-05-01") }, "text")).quotes;
}

describe("transcript labels that name a role", () => {
  const transcript = [
    "Dana Holt says the tax plan is fair",
    "Transcript of press conference, Perth",
    "JOURNALIST: Will you resign if the plan fails?",
    "PM: No. The plan is sound and the numbers add up.",
    "We will keep it.",
    "JOURNALIST: What about the budget?",
    "PM: We will deliver a surplus next year.",
  ].join("\n\n");

  test("JOURNALIST: is an unnamed journalist; PM: is the person the headline names; a paragraph between two turns is the first one's", () => {
    const quotes = quotesOf(transcript);
    expect(quotes.map((q) => [q.text, q.speaker?.name ?? q.anonymousSpeaker?.description, q.attributionRule])).toEqual([
      ["Will you resign if the plan fails?", "journalist", "transcript role label"],
      ["No. The plan is sound and the numbers add up. We will keep it.", "Dana Holt", "transcript role label"],
      ["What about the budget?", "journalist", "transcript role label"],
      ["We will deliver a surplus next year.", "Dana Holt", "transcript role label"],
    ]);
    expect(quotes[0]!.speaker).toBeNull();
    expect(quotes[0]!.confidence).toBeLessThan(0.85);
  });

  test("a role label goes to the person the text gives that title before the headline", () => {
    const quotes = quotesOf(["Budget questions", "Prime Minister Lena Morrow spoke to reporters in Hobart on Friday.", "REPORTER: Is the surplus real?", "PRIME MINISTER: It is real and it is growing."].join("\n\n"));
    expect(quotes.map((q) => q.speaker?.name ?? q.anonymousSpeaker?.description)).toEqual(["reporter", "Lena Morrow"]);
  });
});

describe("statement lead-ins", () => {
  test("the subject before 'issued the following statement' speaks, not a person named after it", () => {
    const [q] = quotesOf(
      [
        "WASHINGTON—Committee Chairman Ana Reid (D-Ore.) issued the following statement after Tuesday's hearing with Marc Dorn, the former adviser to the governor:",
        "“Marc Dorn told us he never saw the contracts. We will keep asking until someone tells the truth.”",
      ].join("\n\n"),
    );
    expect(q).toMatchObject({ speaker: { name: "Ana Reid" }, attributionRule: "statement introduction", channel: "statement" });
  });

  test("a first paragraph ending in a colon is the statement's introduction, not the title", () => {
    const text = ["Washington—Representative Ana B. Reid, Chair of the Committee on Ports, today made the following statement:", "“The report paints a grim picture of the harbour and we will act on it this month.”"].join("\n\n");
    expect(parseDocument({ text }, "text").body).toMatch(/^Washington—Representative/);
    expect(quotesOf(text)[0]!.speaker?.name).toBe("Ana B. Reid");
  });

  test("'Statement from Representative X:' is X's, and a headline's 'X Statement' is nobody's name", () => {
    const quotes = quotesOf(
      ["Press releases", "Rep. Reid Statement on the Port Closure", "WASHINGTON – Representative Ana Reid released the following statement today.", "Statement from Representative Ana Reid:", "“The closure will cost the town a thousand jobs and nobody has a plan.”"].join("\n\n"),
    );
    expect(quotes[0]!.speaker?.name).toBe("Ana Reid");
  });
});

describe("photo credits, bylines and salience", () => {
  test("an 'Image source, X/Agency' line and the caption after 'Image caption,' leave the body; the pronoun goes to the person the body names", () => {
    const text = [
      "Harbour fire inquiry appeals for footage",
      "Insp Dana Cole speaking outside the station.Image source, Tom Reyes/Daily\nImage caption,",
      "Dana Cole asked drivers with dashcams to come forward",
      "Inspector Dana Cole, who leads the inquiry, spoke to reporters on Friday morning.",
      "Image source, Ana Lind/Daily\nImage caption,",
      "Fire crews worked through the night",
      "\"We want to hear from anyone who drove past the harbour after midnight,\" she said.",
    ].join("\n\n");
    const doc = parseDocument({ text, publishedAt: new Date("2024-05-01") }, "text");
    expect(doc.images).toEqual([
      { caption: "Dana Cole asked drivers with dashcams to come forward", credit: "Tom Reyes/Daily", url: null },
      { caption: "Fire crews worked through the night", credit: "Ana Lind/Daily", url: null },
    ]);
    expect(doc.body).not.toMatch(/Image source|Ana Lind/);
    const found = extractEntities(doc);
    expect(found.quotes[0]).toMatchObject({ speaker: { name: "Dana Cole" }, attributionRule: "pronoun by salience" });
    expect(found.people.find((p) => p.name === "Ana Lind")).toMatchObject({ startOffset: null, source: "images[1].credit" });
  });

  test("a byline above a bulleted summary is a byline, not body text a pronoun can refer to", () => {
    const text = ["Briefing rules", "By Lena Marsh, Daily News\n• An official briefs reporters\n• The official asks not to be named", "\"We have rules for a reason and they protect everyone,\" a senior defense official said.", "Reporters pressed the point for several minutes.", "Nobody else spoke.", "\"That is a different thing entirely and you know it,\" he said."].join("\n\n");
    const doc = parseDocument({ text, publishedAt: new Date("2024-05-01") }, "text");
    expect(doc.bylines).toEqual(["Lena Marsh"]);
    const quotes = extractEntities(doc).quotes;
    expect(quotes.map((q) => q.anonymousSpeaker?.description)).toEqual(["a senior defense official", "a senior defense official"]);
    expect(quotes.map((q) => q.attributionRule)).toEqual(["anonymous description", "pronoun by salience"]);
    expect(quotes[1]!.confidence).toBeLessThan(quotes[0]!.confidence);
  });
});

describe("documents and colon attributions", () => {
  test("'read a statement attributed to' the person at the end of a long title chain", () => {
    const [q] = quotesOf(["Denials", "“I had nothing to do with the letter and never saw it,” read a statement attributed to Harbour Authority Commander and Port Police Chief Gen. Ana Reid posted on the agency's account."].join("\n\n"));
    expect(q).toMatchObject({ speaker: { name: "Ana Reid" }, attributionRule: "document's issuer" });
  });

  test("'released a statement, which read:' is the issuer's", () => {
    const [q] = quotesOf(["Denials", "Port Director Tomas Lind released a statement of his own the same day, which read in part, “Any claim that I wrote the letter is false and I will say so under oath.”"].join("\n\n"));
    expect(q!.speaker?.name).toBe("Tomas Lind");
  });

  test("'put it to X that “…”' is the asker's; 'X repeated: “…”' and 'Y replied: “…”' are colon attributions", () => {
    const quotes = quotesOf(
      [
        "Radio row",
        "Presenter Mara Voss put it to the minister, Ana Reid, that she had been “hiding the figures” all week.",
        "Reid replied: “No, of course not.”",
        "Later on another station, she repeated: “I have hidden nothing from anybody.”",
      ].join("\n\n"),
    );
    expect(quotes.map((q) => q.speaker?.name)).toEqual(["Mara Voss", "Ana Reid", "Ana Reid"]);
    expect(quotes[2]!.attributionRule).toBe("pronoun by salience");
  });
});
