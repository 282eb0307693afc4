import path from "node:path";
import { annotatedArticles, evaluate, microAverage } from "../../scripts/eval-extract";
import type { Extraction, ExtractedQuote } from "../../src/ingest/extract/types";

/** The scorer behind `npm run eval:extract`: what counts as the right speaker, and how a folder adds up. */

const quote = (text: string, speaker: ExtractedQuote["speaker"], anonymousSpeaker: ExtractedQuote["anonymousSpeaker"] = null): ExtractedQuote =>
  ({ text, speaker, anonymousSpeaker, channel: null, saidOn: null, isPartial: false, startOffset: 0, endOffset: 1, confidence: 1 }) as ExtractedQuote;
const extraction = (quotes: ExtractedQuote[], people: Extraction["people"] = []): Extraction =>
  ({ quotes, people, organizations: [], places: [], events: [], topics: [], article: {} }) as unknown as Extraction;
const scoreOf = (report: ReturnType<typeof evaluate>, label: string) => report.scores.find((s) => s.label === label)!;

test("an anonymous source is right only when the extractor calls it one, with the organization the gold names", () => {
  const gold = {
    quotes: [
      { text: "The talks will resume next week", speaker: "a senior ministry official", speakerKind: "anonymous" as const, organization: "Foreign Ministry" },
      { text: "We were not consulted", speaker: "an aide", speakerKind: "anonymous" as const },
    ],
  };
  const right = evaluate(
    extraction([quote("The talks will resume next week", null, { description: "senior ministry official", organization: "Foreign Ministry" }), quote("We were not consulted", null, { description: "aide", organization: null })]),
    gold,
  );
  expect(scoreOf(right, "quotes with the right speaker")).toMatchObject({ tp: 2, gold: 2, f1: 1 });
  // Given to the organization instead, or to nobody: wrong.
  const wrong = evaluate(extraction([quote("The talks will resume next week", { name: null, title: null, organization: "Foreign Ministry" }), quote("We were not consulted", null)]), gold);
  expect(scoreOf(wrong, "quotes with the right speaker")).toMatchObject({ tp: 0, gold: 2 });
});

test("a quoted person's title and affiliation are both required by the speaker score when the gold has them", () => {
  const gold = {
    quotes: [{ text: "Prices will stay high", speaker: "Lena Ortiz", speakerKind: "person" as const }],
    people: [{ name: "Lena Ortiz", title: "chief economist", organization: "Harbor Bank" }],
  };
  const person = (title: string | null, organization: string | null) => [{ name: "Lena Ortiz", title, organization, aliases: [], startOffset: 0, endOffset: 1, confidence: 1 }] as Extraction["people"];
  const q = [quote("Prices will stay high", { name: "Lena Ortiz", title: "chief economist", organization: "Harbor Bank" })];
  expect(scoreOf(evaluate(extraction(q, person("chief economist", "Harbor Bank")), gold), "speakers with title and affiliation")).toMatchObject({ tp: 1, gold: 1 });
  expect(scoreOf(evaluate(extraction(q, person("chief economist", null)), gold), "speakers with title and affiliation")).toMatchObject({ tp: 0, gold: 1 });
});

test("a folder's scores are micro-averaged: sums first, ratios after", () => {
  expect(microAverage([{ tp: 1, extractedRight: 1, extracted: 1, gold: 1 }, { tp: 0, extractedRight: 0, extracted: 3, gold: 3 }])).toEqual({ tp: 1, extractedRight: 1, extracted: 4, gold: 4, precision: 0.25, recall: 0.25, f1: 0.25 });
  const articles = annotatedArticles(path.resolve(__dirname, "../fixtures/heldout"));
  expect(articles.length).toBeGreaterThanOrEqual(9);
  for (const a of articles) expect(a.gold).toBe(a.article.replace(/\.(txt|html?)$/, ".gold.json"));
});

test("a quotation split by its attribution matches a gold that has it whole, and the reverse, but a scare-quoted word inside it does not count", () => {
  const lee = { name: "Dana Lee", title: null, organization: null };
  const whole = { quotes: [{ text: "We reopen the bridge on Monday, and the tolls stay as they are for now.", speaker: "Dana Lee", speakerKind: "person" as const }] };
  const split = evaluate(extraction([quote("We reopen the bridge on Monday", lee), quote("and the tolls stay as they are for now.", lee), quote("tolls", lee)]), whole);
  expect(scoreOf(split, "quotes with the right speaker")).toMatchObject({ tp: 1, gold: 1, extractedRight: 2, extracted: 3 });
  const pieces = {
    quotes: [
      { text: "We reopen the bridge on Monday", speaker: "Dana Lee", speakerKind: "person" as const },
      { text: "and the tolls stay as they are for now.", speaker: "Dana Lee", speakerKind: "person" as const },
    ],
  };
  const joined = evaluate(extraction([quote("We reopen the bridge on Monday, and the tolls stay as they are for now.", lee)]), pieces);
  expect(scoreOf(joined, "quotes with the right speaker")).toMatchObject({ tp: 2, gold: 2, extractedRight: 1, extracted: 1, f1: 1 });
  // The wrong speaker finds nothing, pieces or whole.
  const wrong = evaluate(extraction([quote("We reopen the bridge on Monday, and the tolls stay as they are for now.", { name: "Sam Ortiz", title: null, organization: null })]), pieces);
  expect(scoreOf(wrong, "quotes with the right speaker")).toMatchObject({ tp: 0, extractedRight: 0 });
});
