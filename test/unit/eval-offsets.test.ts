import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { goldFromOffsets, loadOffsetArticles, offsetsFromGold, parseArgs, sha256, textMismatch, type OffsetAnnotation } from "../../scripts/eval-extract";

/**
 * The offset form of a real-news annotation (eval/real-news/): quotes as character offsets into an
 * excerpt kept outside the repository, checked by the excerpt's sha256. The article here is written
 * for this test.
 */

const TEXT = [
  "Harbor Council Votes to Close Pier",
  "",
  "MILLBROOK (Wire) — The town council voted on Tuesday to close the old pier, a decision Mayor Ines Calder called “overdue.”",
  "",
  "“We have patched it for ten years,” Calder said. “Every storm takes another plank.”",
  "",
  "‘It was our summer for forty years,",
  "",
  "‘and now it is a fence,’ said Tom Reyes, who runs the bait shop.",
  "",
  "A council aide, who asked not to be named, said the repairs were “overdue” by any measure.",
].join("\n");

const SOURCE = { query: "council votes to close pier mayor said", url: "https://example.com/pier", outlet: "Millbrook Wire", style: "local news" };

const GOLD = {
  source: SOURCE,
  article: { publishedAt: "2026-03-03", publisher: "Millbrook Wire", url: SOURCE.url },
  quotes: [
    { text: "overdue.", speaker: "Ines Calder", speakerKind: "person" as const },
    { text: "We have patched it for ten years, Every storm takes another plank.", parts: ["We have patched it for ten years,", "Every storm takes another plank."], speaker: "Ines Calder", speakerKind: "person" as const },
    { text: "It was our summer for forty years, and now it is a fence,", parts: ["It was our summer for forty years,", "and now it is a fence,"], speaker: "Tom Reyes", speakerKind: "person" as const },
    { text: "overdue", speaker: "a council aide", speakerKind: "anonymous" as const, organization: null },
  ],
  notQuotes: [],
  people: [
    { name: "Ines Calder", title: "Mayor", organization: null, aliases: ["Calder"] },
    { name: "Tom Reyes", title: null, organization: null },
  ],
};

function folder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "eval-offsets-"));
}

test("an annotation in offset form holds no quotation text and gives the gold back from the text", () => {
  const annotation = offsetsFromGold("pier", GOLD, TEXT);
  expect(annotation.text).toEqual({ sha256: sha256(TEXT), length: TEXT.length });
  expect(annotation.source).toEqual(SOURCE);
  const json = JSON.stringify(annotation);
  for (const q of GOLD.quotes) for (const piece of q.parts ?? [q.text]) if (piece.length > 8) expect(json).not.toContain(piece);
  expect(annotation.quotes.every((q) => !("text" in q) && !("parts" in q))).toBe(true);
  // A quotation its attribution splits keeps both spans, in order.
  expect(annotation.quotes[1]!.spans).toHaveLength(2);
  const [[s1, e1], [s2, e2]] = annotation.quotes[1]!.spans;
  expect(TEXT.slice(s1, e1)).toBe("We have patched it for ten years,");
  expect(TEXT.slice(s2, e2)).toBe("Every storm takes another plank.");
  expect(e1).toBeLessThan(s2);
  // The same word quoted twice gets both of its places, not the first one twice.
  expect(annotation.quotes[0]!.spans[0]![0]).not.toBe(annotation.quotes[3]!.spans[0]![0]);
  expect(TEXT.slice(...annotation.quotes[3]!.spans[0]!)).toBe("overdue");

  const back = goldFromOffsets(annotation, TEXT);
  expect(back.quotes!.map((q) => q.text)).toEqual(GOLD.quotes.map((q) => q.text));
  expect(back.quotes!.map((q) => [q.speaker, q.speakerKind])).toEqual(GOLD.quotes.map((q) => [q.speaker, q.speakerKind]));
  expect(back.people).toEqual(GOLD.people);
});

test("a quote that is not word for word in the text cannot be put in offset form", () => {
  const gold = { ...GOLD, quotes: [{ text: "We have patched it for eleven years,", speaker: "Ines Calder", speakerKind: "person" as const }] };
  expect(() => offsetsFromGold("pier", gold, TEXT)).toThrow(/quote 1: not found word for word/);
  expect(() => offsetsFromGold("pier", { ...GOLD, source: undefined }, TEXT)).toThrow(/no "source"/);
});

test("the loader scores only texts whose sha256 matches, and says how to fetch the others again", () => {
  const offsets = folder();
  const texts = folder();
  const write = (name: string, annotation: OffsetAnnotation) => fs.writeFileSync(path.join(offsets, `${name}.offsets.json`), JSON.stringify({ ...annotation, name }));
  const annotation = offsetsFromGold("pier", GOLD, TEXT);
  write("pier", annotation);
  write("pier-edited", annotation);
  write("pier-missing", annotation);
  fs.writeFileSync(path.join(texts, "pier.txt"), TEXT);
  // One character changed (a stored page re-crawled with an edit): the offsets would point at the wrong words.
  fs.writeFileSync(path.join(texts, "pier-edited.txt"), TEXT.replace("ten years", "ten yeers"));

  const { ready, skipped } = loadOffsetArticles(offsets, texts);
  expect(ready.map((r) => r.name)).toEqual(["pier"]);
  expect(ready[0]!.article).toBe(path.join(texts, "pier.txt"));
  expect(ready[0]!.gold.quotes!.map((q) => q.text)).toEqual(GOLD.quotes.map((q) => q.text));
  expect(skipped.map((s) => s.name)).toEqual(["pier-edited", "pier-missing"]);
  expect(skipped[0]!.why).toMatch(/differs from the one annotated/);
  expect(skipped[1]!.why).toContain(`no text at ${path.join(texts, "pier-missing.txt")}`);
  for (const s of skipped) {
    expect(s.why).toContain(`\`${SOURCE.query}\``);
    expect(s.why).toContain(SOURCE.url);
  }
});

test("spans outside the text or empty are refused, even with the right sha256", () => {
  const annotation = offsetsFromGold("pier", GOLD, TEXT);
  expect(textMismatch(annotation, TEXT)).toBeNull();
  expect(textMismatch({ ...annotation, quotes: [{ ...annotation.quotes[0]!, spans: [[10, TEXT.length + 1]] }] }, TEXT)).toMatch(/outside the text/);
  expect(textMismatch({ ...annotation, quotes: [{ ...annotation.quotes[0]!, spans: [[12, 12]] }] }, TEXT)).toMatch(/outside the text/);
  expect(textMismatch({ ...annotation, quotes: [{ ...annotation.quotes[0]!, spans: [] }] }, TEXT)).toMatch(/no span/);
  expect(() => goldFromOffsets(annotation, `${TEXT}\n`)).toThrow(/pier: its text differs/);
});

test("the command line takes --offsets with --texts, and --write-offsets with --dir", () => {
  expect(parseArgs(["--offsets", "eval/real-news/dev", "--texts=/tmp/dev", "--json"])).toMatchObject({ offsets: "eval/real-news/dev", texts: "/tmp/dev", json: true, dir: null });
  expect(parseArgs(["--dir", "/tmp/dev", "--write-offsets", "eval/real-news/dev"])).toMatchObject({ dir: "/tmp/dev", writeOffsets: "eval/real-news/dev" });
  expect(parseArgs(["a.txt", "a.gold.json"])).toMatchObject({ article: "a.txt", gold: "a.gold.json" });
  expect(() => parseArgs(["--offsets", "eval/real-news/dev"])).toThrow(/usage/);
  expect(() => parseArgs(["--texts", "/tmp/dev"])).toThrow(/usage/);
});

test("the real-news annotations in the repository are in offset form, with no article text", () => {
  const root = path.resolve(__dirname, "../../eval/real-news");
  for (const set of ["dev", "heldout", "heldout2", "heldout3", "heldout4"]) {
    const files = fs.readdirSync(path.join(root, set)).filter((f) => f.endsWith(".offsets.json"));
    expect(files.length).toBeGreaterThanOrEqual(set === "dev" ? 30 : 10);
    for (const f of files) {
      const a = JSON.parse(fs.readFileSync(path.join(root, set, f), "utf8")) as OffsetAnnotation;
      expect(a.text.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(a.source.query && a.source.url).toBeTruthy();
      for (const q of a.quotes) {
        expect(q).not.toHaveProperty("text");
        for (const [s, e] of q.spans) expect(0 <= s && s < e && e <= a.text.length).toBe(true);
      }
      // Names, titles, affiliations, channels and descriptions are short; a sentence would not be.
      const strings: string[] = [];
      JSON.stringify({ ...a, source: undefined, article: undefined }, (_, v: unknown) => (typeof v === "string" && strings.push(v), v));
      for (const s of strings) expect(s.length).toBeLessThan(100);
    }
  }
});
