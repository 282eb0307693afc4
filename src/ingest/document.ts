import type { ParsedDocument, RawArticle } from "./extract/types";

export type Format = "text" | "html";

/** Splits a raw article into headline, body, sections, captions. (Being written: see issue 4.) */
export function parseDocument(raw: RawArticle, format: Format): ParsedDocument {
  const text = format === "html" ? (raw.html ?? "") : (raw.text ?? "");
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const headline = paragraphs.shift() ?? "";
  return {
    headline,
    body: paragraphs.join("\n\n"),
    sections: headline ? [headline] : [],
    images: [],
    bylines: [],
    summary: null,
    language: "en",
    url: raw.url ?? null,
    publishedAt: raw.publishedAt ?? null,
    publisher: raw.publisher ?? null,
    warnings: [],
  };
}
