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
