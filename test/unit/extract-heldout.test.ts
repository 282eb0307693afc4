import fs from "node:fs";
import path from "node:path";
import { evaluate } from "../../scripts/eval-extract";
import { extract } from "../../src/ingest/extract";

/**
 * The held-out articles (test/fixtures/heldout): written in styles the other fixtures do not
 * cover, annotated before the extractor was run on them, then used to find rules that did not
 * generalise. The thresholds are what the extractor reached after those fixes, less a margin; they
 * guard against regressions, not against the misses documented in each gold's "about".
 */
const DIR = path.resolve(__dirname, "../fixtures/heldout");
const THRESHOLDS: Record<string, { quotes: number; people: number }> = {
  "uk-fuel-duty-freeze": { quotes: 0.9, people: 0.9 },
  "ap-nairobi-floods": { quotes: 0.9, people: 0.9 },
  "markets-freight-earnings": { quotes: 0.9, people: 0.9 },
  "court-football-agent-fraud": { quotes: 0.85, people: 0.9 },
  "science-air-pollution-dementia": { quotes: 0.9, people: 0.9 },
  // Naledi Pandor's title is read as "former foreign minister" where the gold has her current role, "special envoy".
  "au-sudan-ceasefire-summit": { quotes: 0.9, people: 0.8 },
  "press-release-battery-launch": { quotes: 0.9, people: 0.9 },
  "brief-warehouse-fire": { quotes: 0.9, people: 0.9 },
};

describe.each(Object.entries(THRESHOLDS))("held-out article %s", (name, min) => {
  const gold = JSON.parse(fs.readFileSync(path.join(DIR, `${name}.gold.json`), "utf8"));
  const result = extract(
    { text: fs.readFileSync(path.join(DIR, `${name}.txt`), "utf8"), publishedAt: new Date(gold.article.publishedAt), publisher: gold.article.publisher },
    "text",
  );
  const { scores } = evaluate(result, gold);
  const f1 = (label: string): number => scores.find((s) => s.label === label)!.f1;

  test(`quotes with the right speaker F1 ≥ ${min.quotes}`, () => {
    expect(f1("quotes with the right speaker")).toBeGreaterThanOrEqual(min.quotes);
  });

  test(`people (name, title and affiliation) F1 ≥ ${min.people}`, () => {
    expect(f1("people (name, title and affiliation)")).toBeGreaterThanOrEqual(min.people);
  });
});
