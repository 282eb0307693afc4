import fs from "node:fs";
import path from "node:path";
import { parseDocument } from "../../src/ingest/document";
import { extractEntities, type Entities } from "../../src/ingest/extract/entities";
import type { ParsedDocument } from "../../src/ingest/extract/types";

const FIXTURES = path.resolve(__dirname, "../fixtures");

/** A fixture article's gold annotation (the shape of test/fixtures/gold.json). */
export interface Gold {
  article: { publishedAt: string; publisher: string };
  quotes: Array<{ text: string; speaker: string | null; speakerKind?: string; channel?: string | null; saidOn?: string; isPartial?: boolean }>;
  notQuotes: Array<{ text: string }>;
  people: Array<{ name: string; title?: string; organization?: string; aliases?: string[] }>;
  organizations: string[];
  places: string[];
}

/** The reference article and the fixture articles, each with its gold. */
export const ARTICLES: Array<{ name: string; text: string; gold: string }> = [
  { name: "top-us-officials-in-asia", text: path.join(FIXTURES, "top-us-officials-in-asia.txt"), gold: path.join(FIXTURES, "gold.json") },
  ...fs
    .readdirSync(path.join(FIXTURES, "articles"))
    .filter((f) => f.endsWith(".txt"))
    .map((f) => ({ name: f.replace(/\.txt$/, ""), text: path.join(FIXTURES, "articles", f), gold: path.join(FIXTURES, "articles", f.replace(/\.txt$/, ".gold.json")) })),
];

/** Parses and extracts one article as the import would. */
export function load(name: string): { doc: ParsedDocument; gold: Gold; found: Entities } {
  const article = ARTICLES.find((a) => a.name === name)!;
  const gold = JSON.parse(fs.readFileSync(article.gold, "utf8")) as Gold;
  const doc = parseDocument(
    { text: fs.readFileSync(article.text, "utf8"), publishedAt: new Date(gold.article.publishedAt), publisher: gold.article.publisher },
    "text",
  );
  return { doc, gold, found: extractEntities(doc) };
}

/** Folds quotation marks, dashes, case and spacing, for comparing quote texts. */
export function fold(s: string): string {
  return s
    .replace(/[“”„"]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** A document built by hand: body paragraphs and a publication date. */
export function docOf(paragraphs: string[], publishedAt = "2024-03-06", images: string[] = []): ParsedDocument {
  return {
    headline: "Headline",
    body: paragraphs.join("\n\n"),
    sections: ["Headline"],
    images: images.map((caption) => ({ caption, credit: null, url: null })),
    bylines: [],
    summary: null,
    language: "en",
    url: null,
    publishedAt: new Date(publishedAt),
    publisher: null,
    warnings: [],
  };
}
