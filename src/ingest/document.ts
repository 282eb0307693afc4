import { inferPublicationDate, parseDateText } from "./extract/dates";
import type { ParsedDocument, RawArticle } from "./extract/types";
import { readHtml } from "./html";
import { isCaption, isFurniture, looksLikeHeading, parseByline, parseDateLine, parseDateline, parseMetaLine, splitCredit } from "./text-blocks";

export type Format = "text" | "html";

/**
 * One paragraph-sized piece of a page, in reading order. `role` is what the markup says it is
 * (HTML headings and figcaptions); text blocks start without one and are classified here.
 */
export interface Block {
  text: string;
  role?: "heading" | "caption" | "byline";
  credit?: string | null;
  imageUrl?: string | null;
}

/** What a format reads besides its blocks: the metadata an HTML page declares. */
export interface PageMeta {
  headline?: string | null;
  publishedAt?: Date | null;
  publisher?: string | null;
  url?: string | null;
  bylines?: string[];
  summary?: string | null;
  language?: string | null;
}

/**
 * Splits a raw article into headline, body, sections, captions, bylines and publication date.
 * The body holds the paragraphs (section headings included) joined by "\n\n", without page
 * furniture, captions, bylines or date lines. Values given in `raw` win over what the page says.
 */
export function parseDocument(raw: RawArticle, format: Format): ParsedDocument {
  if (format === "html") {
    const page = readHtml(raw.html ?? "");
    return assemble(page.blocks, page.meta, raw);
  }
  return assemble(textBlocks(raw.text ?? ""), {}, raw);
}

/** A photo credit line as some pages print it, alone or glued to the image's alt text: "Image source, Jane Doe/Agency". */
const IMAGE_SOURCE = /^(.*?)\s*\b(?:Image|Photo|Picture|Media) source,\s*(\S.{0,80})$/i;
const CAPTION_LABEL = /^(?:image|photo|picture|media) caption,?$/i;

/**
 * Plain text to blocks: blank lines separate paragraphs; hard-wrapped lines are joined. A credit
 * line ("Image source, Jane Doe/Agency") followed by "Image caption," makes the next paragraph its
 * caption; without that label, the alt text glued before the credit is the caption, if any.
 */
export function textBlocks(text: string): Block[] {
  const normalized = normalizeSpace(text.replace(/\r\n?/g, "\n"));
  const blocks: Block[] = [];
  let credit: string | null = null;
  for (const chunk of normalized.split(/\n[ \t]*\n/)) {
    let all = chunk.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    if (credit !== null && all.length && !all.some((l) => IMAGE_SOURCE.test(l))) {
      blocks.push({ text: all.join(" "), role: "caption", credit });
      credit = null;
      continue;
    }
    credit = null;
    const source = all.findIndex((l) => l.length <= 400 && IMAGE_SOURCE.test(l));
    if (source >= 0) {
      const m = IMAGE_SOURCE.exec(all[source]!)!;
      const labelled = all.slice(source + 1).findIndex((l) => CAPTION_LABEL.test(l));
      const after = labelled >= 0 ? all.slice(source + 2 + labelled) : [];
      if (labelled >= 0 && after.length) blocks.push({ text: after.join(" "), role: "caption", credit: m[2]!.trim() });
      else if (labelled >= 0) credit = m[2]!.trim();
      else if (m[1]) blocks.push({ text: m[1], role: "caption", credit: m[2]!.trim() });
      all = all.slice(0, source);
    }
    const lines = all.filter((l) => !isFurniture(l));
    const distinct = lines.filter((l, i) => i === 0 || l !== lines[i - 1]);
    if (distinct.length === 0) continue;
    if (distinct.length > 1 && isHardWrapped(distinct)) blocks.push({ text: distinct.join(" ") });
    else for (const line of distinct) blocks.push({ text: line });
  }
  return blocks;
}

function isHardWrapped(lines: string[]): boolean {
  const inner = lines.slice(0, -1);
  const open = inner.filter((l) => !/[.!?:"”’)]$/.test(l)).length;
  const longest = Math.max(...lines.map((l) => l.length));
  // A byline or a bulleted list line is a line of its own, never the wrap of a sentence.
  return longest <= 100 && open >= inner.length / 2 && !lines.some((l) => isCaption(l) || /^[•·▪●*-]\s/.test(l) || parseByline(l) !== null);
}

/**
 * A short first block that reads as a sentence of the story, not a title: it ends with a full stop
 * (a closing quotation mark or bracket may follow) and has at least six lower-case words. Headlines
 * seldom end with a full stop; a lead paragraph of under 200 characters ("Ana Ruiz said on Friday
 * that the port would reopen.") would otherwise be taken as the title and lost from the body.
 */
export function isLeadParagraph(text: string): boolean {
  if (!/\.["'\u201d\u2019)\]]*$/.test(text)) return false;
  const lower = text.match(/(?:^|[\s(\u201c"'])[a-z][a-z'\u2019-]*/g) ?? [];
  return lower.length >= 6;
}

/** Collapses runs of spaces and invisible characters; keeps newlines. */
export function normalizeSpace(text: string): string {
  return text
    .replace(/[\u200b-\u200d\ufeff\u00ad]/g, "")
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/g, " ")
    .replace(/ {2,}/g, " ")
    .replace(/ *\n */g, "\n");
}

function assemble(blocks: Block[], meta: PageMeta, raw: RawArticle): ParsedDocument {
  const warnings: string[] = [];
  const body: string[] = [];
  const sections: string[] = [];
  const images: ParsedDocument["images"] = [];
  const bylines = [...(meta.bylines ?? [])];
  let headline = raw.headline?.trim() || meta.headline?.trim() || null;
  let printedDate: { date: Date; text: string } | null = null;

  const items = blocks.map((b) => ({ ...b, text: b.text.trim() })).filter((b) => b.text !== "" && !isFurniture(b.text));
  let i = 0;
  if (headline === null) {
    const first = items.findIndex((b) => b.role !== "caption" && !isCaption(b.text) && !parseDateLine(b.text) && !parseByline(b.text));
    // A first block ending in a colon introduces what follows ("Representative Ana Reid made the following statement:"): not a title.
    if (first >= 0 && items[first]!.text.length <= 200 && !isLeadParagraph(items[first]!.text) && !/:$/.test(items[first]!.text)) {
      headline = items[first]!.text;
      items.splice(first, 1);
    } else if (first >= 0) {
      // No title line: the first sentence is the headline, and the paragraph stays in the body.
      headline = firstSentence(items[first]!.text);
      warnings.push(`no title line: the headline is the first sentence, "${headline}" (give --headline to set one)`);
    }
  } else if (items[0] && sameText(items[0].text, headline)) {
    i = 1;
  }

  for (; i < items.length; i++) {
    const b = items[i]!;
    const dateLine = parseDateLine(b.text);
    if (dateLine) {
      const date = parseDateText(dateLine.dateText);
      if (date && (printedDate === null || dateLine.label !== "updated")) printedDate ??= { date, text: b.text };
      continue;
    }
    const metaLine = body.length === 0 ? parseMetaLine(b.text) : null;
    if (metaLine) {
      for (const n of metaLine.names) if (!bylines.includes(n)) bylines.push(n);
      const date = metaLine.dateText ? parseDateText(metaLine.dateText) : null;
      if (date) printedDate ??= { date, text: b.text };
      continue;
    }
    const names = b.role === "byline" || body.length === 0 ? parseByline(b.text) : null;
    if (names) {
      for (const n of names) if (!bylines.includes(n)) bylines.push(n);
      continue;
    }
    if (b.role === "caption" || (b.role === undefined && isCaption(b.text))) {
      const split = b.credit !== undefined ? { caption: b.text, credit: b.credit } : splitCredit(b.text);
      const previous = images[images.length - 1];
      if (previous && sameText(previous.caption, split.caption)) continue;
      if (split.caption !== "") images.push({ caption: split.caption, credit: split.credit, url: b.imageUrl ?? null });
      continue;
    }
    const next = items[i + 1];
    const isHeading =
      b.role === "heading" ||
      (b.role === undefined && body.length > 0 && next !== undefined && looksLikeHeading(b.text) && !looksLikeHeading(next.text) && !isCaption(next.text));
    if (isHeading) {
      if (next === undefined) continue;
      sections.push(b.text);
    }
    body.push(b.text);
  }

  const dateline = body.length > 0 ? parseDateline(body[0]!) : null;
  let publishedAt = raw.publishedAt ?? meta.publishedAt ?? printedDate?.date ?? null;
  let publishedAtSource: ParsedDocument["publishedAtSource"] = raw.publishedAt ? "given" : publishedAt ? "page" : null;
  if (publishedAt === null) {
    const inferred = inferPublicationDate([...body.map((text) => ({ text, source: "body" })), ...images.map((im, n) => ({ text: im.caption, source: `images[${n}].caption` }))]);
    if (inferred) {
      publishedAt = inferred.date;
      publishedAtSource = "text";
      warnings.push(`publishedAt inferred as ${inferred.date.toISOString().slice(0, 10)}: ${inferred.reason}`);
    } else {
      warnings.push("publishedAt unknown: no publication date given or printed; relative dates stay unresolved");
    }
  }
  return {
    headline: headline ?? "",
    body: body.join("\n\n"),
    sections: headline ? [headline, ...sections] : sections,
    images,
    bylines,
    summary: meta.summary?.trim() || null,
    language: meta.language?.slice(0, 2).toLowerCase() || "en",
    url: raw.url ?? meta.url ?? null,
    publishedAt,
    publishedAtSource,
    publisher: raw.publisher ?? meta.publisher ?? null,
    warnings,
    dateline,
  };
}

function sameText(a: string, b: string): boolean {
  const fold = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  return fold(a) === fold(b);
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATION = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|St|Jr|Sr|No|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Aug|Sept|Oct|Nov|Dec|[A-Z])\.$/;
const HEADLINE_FROM_TEXT = 300;

/**
 * The first sentence of a paragraph, for a headline: up to the first ".", "!" or "?" followed by
 * a space and a capital or a quotation mark (not after "Mr." or an initial such as "U.S."); a
 * sentence longer than 300 characters is cut at the last word boundary before it, with "…".
 */
export function firstSentence(paragraph: string): string {
  const text = paragraph.replace(/\s+/g, " ").trim();
  const ends = /[.!?]["”’)]?(?=\s+["“‘'(]?[\p{Lu}\d])/gu;
  let end = text.length;
  for (let m = ends.exec(text); m; m = ends.exec(text)) {
    const upTo = text.slice(0, m.index + 1);
    if (/[.]$/.test(upTo) && ABBREVIATION.test(upTo)) continue;
    end = m.index + m[0].length;
    break;
  }
  let sentence = text.slice(0, end).trim();
  if (sentence.length > HEADLINE_FROM_TEXT) {
    const cut = sentence.slice(0, HEADLINE_FROM_TEXT);
    sentence = `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 1)).replace(/[\s,;:–—-]+$/, "")}…`;
  }
  return sentence;
}
