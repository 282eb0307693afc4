import { Readability } from "@mozilla/readability";
import type { Block, PageMeta } from "./document";
import { parseDateText } from "./extract/dates";
import { parseByline, splitCredit } from "./text-blocks";

// linkedom declares ESM-only types; its CommonJS build is the one that runs here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseHTML } = require("linkedom") as { parseHTML(html: string): { document: unknown } };

// The DOM as linkedom builds it; the project compiles without the DOM library.
interface El {
  tagName: string;
  textContent: string | null;
  children: ArrayLike<El>;
  childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
  parentElement: El | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  closest(selector: string): El | null;
  remove(): void;
}
interface Doc extends El {
  documentElement: El;
  body: El | null;
  title: string;
}

const BLOCK_TAGS = new Set(["P", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "BLOCKQUOTE", "PRE", "FIGURE", "DIV", "SECTION", "ARTICLE", "UL", "OL", "TABLE", "HEADER", "FOOTER", "ASIDE", "MAIN", "DL", "DD", "DT"]);
const CHROME = "script, style, noscript, template, iframe, nav, footer, aside, form, button, svg, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], [hidden]";

/** The blocks and metadata of an HTML news page: readability finds the main content. */
export function readHtml(html: string): { blocks: Block[]; meta: PageMeta } {
  const doc = parseHTML(html).document as unknown as Doc;
  const meta = readMeta(doc);
  const readable = new Readability(parseHTML(html).document as never, { keepClasses: true }).parse();
  let root: El | null = null;
  if (readable?.content) root = (parseHTML(`<!doctype html><html><body>${readable.content}</body></html>`).document as unknown as Doc).body;
  let blocks = root ? walk(root) : [];
  const container = doc.querySelector("article") ?? doc.querySelector("main") ?? doc.body;
  const around = container ? walk(stripChrome(container)) : [];
  if (blocks.filter((b) => b.role === undefined).length < 2) blocks = around;
  else restoreFigures(blocks, around);
  if (readable) {
    meta.headline ??= readable.title?.trim() || null;
    meta.publisher ??= readable.siteName?.trim() || null;
    meta.publishedAt ??= readable.publishedTime ? parseDateText(readable.publishedTime) : null;
    const seen = meta.bylines ?? [];
    if (readable.byline && !/^https?:/.test(readable.byline)) meta.bylines = [...seen, ...splitNames(readable.byline.replace(/^by\s+/i, "")).filter((n) => !seen.includes(n))];
    meta.language ??= readable.lang ?? null;
  }
  // The headline is read from the page; readability sometimes keeps it as the content's first block.
  if (meta.headline && blocks[0] && fold(blocks[0].text) === fold(meta.headline)) blocks.shift();
  return { blocks, meta };
}

function stripChrome(el: El): El {
  for (const chrome of Array.from(el.querySelectorAll(CHROME))) chrome.remove();
  return el;
}

/**
 * Readability drops a lead photo that sits outside the text's container; the article around it
 * still has it. Each missing figure goes back before the paragraph that follows it on the page.
 */
function restoreFigures(blocks: Block[], around: Block[]): void {
  const have = new Set(blocks.map((b) => fold(b.text)));
  around.forEach((b, i) => {
    if (b.role !== "caption" || have.has(fold(b.text))) return;
    const next = around.slice(i + 1).find((n) => n.role !== "caption" && have.has(fold(n.text)));
    const at = next ? blocks.findIndex((x) => fold(x.text) === fold(next.text)) : blocks.length;
    blocks.splice(at, 0, b);
    have.add(fold(b.text));
  });
}

function walk(root: El): Block[] {
  const blocks: Block[] = [];
  const visit = (el: El) => {
    const tag = el.tagName.toUpperCase();
    if (tag === "FIGURE" || (tag === "DIV" && /\b(caption|figure)\b/i.test(el.getAttribute("class") ?? "") && el.querySelector("img"))) {
      const figure = figureBlock(el);
      if (figure) blocks.push(figure);
      return;
    }
    if (tag === "FIGCAPTION") {
      const figure = figureBlock(el.parentElement ?? el);
      if (figure) blocks.push(figure);
      return;
    }
    if (/^H[1-6]$/.test(tag)) {
      const text = clean(el.textContent);
      if (text) blocks.push({ text, role: tag === "H1" ? undefined : "heading" });
      return;
    }
    const childBlocks = Array.from(el.children).filter((c) => BLOCK_TAGS.has(c.tagName.toUpperCase()) || c.tagName.toUpperCase() === "FIGCAPTION");
    if (tag === "P" || tag === "LI" || tag === "PRE" || tag === "DD" || childBlocks.length === 0) {
      const text = clean(el.textContent);
      if (text && !isLinkList(el, text)) blocks.push({ text, role: isBylineElement(el) ? "byline" : undefined });
      return;
    }
    // Text sitting directly in a container beside block children is a paragraph of its own.
    let loose = "";
    const flush = () => {
      const text = clean(loose);
      if (text) blocks.push({ text });
      loose = "";
    };
    for (const node of Array.from(el.childNodes)) {
      const child = node as unknown as El;
      if (node.nodeType === 1 && (BLOCK_TAGS.has(child.tagName.toUpperCase()) || child.tagName.toUpperCase() === "FIGCAPTION")) {
        flush();
        visit(child);
      } else if (node.nodeType === 1 && child.tagName.toUpperCase() === "BR") {
        if (/\S/.test(loose)) loose += "\n";
      } else if (node.nodeType === 1 || node.nodeType === 3) {
        loose += node.textContent ?? "";
      }
    }
    flush();
  };
  visit(root);
  return blocks;
}

function figureBlock(figure: El): Block | null {
  const captionEl = figure.querySelector("figcaption") ?? figure.querySelector("[class*=caption]");
  if (!captionEl) return null;
  const creditEl = captionEl.querySelector("[class*=credit], [class*=copyright], [class*=byline], small, cite") ?? figure.querySelector("[class*=credit], [class*=copyright]");
  let credit = creditEl ? clean(creditEl.textContent) : null;
  let caption = clean(captionEl.textContent);
  if (credit && creditEl && captionEl.querySelector("[class*=credit], [class*=copyright], [class*=byline], small, cite") === creditEl) {
    caption = clean(caption.replace(clean(creditEl.textContent), ""));
  }
  if (!credit) ({ caption, credit } = splitCredit(caption));
  credit = credit?.replace(/^(photo|image|credit)\s*:\s*/i, "").replace(/^\((.*)\)$/, "$1") || null;
  if (!caption) return null;
  const img = figure.querySelector("img");
  const url = img?.getAttribute("src") ?? img?.getAttribute("data-src") ?? null;
  return { text: caption, role: "caption", credit, imageUrl: url };
}

function isLinkList(el: El, text: string): boolean {
  const linked = Array.from(el.querySelectorAll("a")).reduce((n, a) => n + clean(a.textContent).length, 0);
  return text.length < 200 && linked / text.length > 0.8 && !/[.!?]["”]?$/.test(text);
}

function isBylineElement(el: El): boolean {
  return /\b(byline|author)\b/i.test(`${el.getAttribute("class") ?? ""} ${el.getAttribute("rel") ?? ""} ${el.getAttribute("itemprop") ?? ""}`);
}

function clean(text: string | null | undefined): string {
  return (text ?? "").replace(/[\u200b-\u200d\ufeff\u00ad]/g, "").replace(/\s+/g, " ").trim();
}

function fold(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

function splitNames(text: string): string[] {
  return text.split(/\s*(?:,|\band\b|&)\s*/).map((s) => s.trim()).filter((s) => /^\p{Lu}/u.test(s));
}

function readMeta(doc: Doc): PageMeta {
  const metaContent = (...keys: string[]) => {
    for (const key of keys) {
      const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
      const v = clean(el?.getAttribute("content"));
      if (v) return v;
    }
    return null;
  };
  const ld = jsonLdArticle(doc);
  const h1 = doc.querySelector("article h1") ?? doc.querySelector("h1");
  const timeEl = doc.querySelector("article time[datetime]") ?? doc.querySelector("time[datetime]");
  const published = metaContent("article:published_time", "datePublished", "pubdate", "publishdate", "parsely-pub-date", "dc.date.issued", "DC.date.issued", "date") ?? str(ld?.datePublished) ?? timeEl?.getAttribute("datetime") ?? null;
  const authors = ld?.author !== undefined ? names(ld.author) : [];
  const metaAuthor = metaContent("author", "article:author", "parsely-author");
  for (const el of Array.from(doc.querySelectorAll('[class*="byline"], [rel="author"], [itemprop="author"], [class*="author-name"]'))) {
    const text = clean(el.textContent);
    const found = parseByline(text) ?? parseByline(`By ${text.replace(/^by\s+/i, "")}`) ?? [];
    for (const n of found) if (!authors.includes(n)) authors.push(n);
  }
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? null;
  return {
    headline: clean(h1?.textContent) || metaContent("og:title", "twitter:title") || str(ld?.headline) || null,
    publishedAt: published ? parseDateText(published) : null,
    publisher: metaContent("og:site_name", "application-name") ?? (ld?.publisher !== undefined ? (names(ld.publisher)[0] ?? null) : null),
    url: canonical ?? metaContent("og:url") ?? str(ld?.url) ?? (ld?.mainEntityOfPage !== undefined ? (typeof ld.mainEntityOfPage === "string" ? ld.mainEntityOfPage : str((ld.mainEntityOfPage as Record<string, unknown>)["@id"])) : null),
    bylines: authors.length > 0 ? authors : metaAuthor && !/^https?:/.test(metaAuthor) ? splitNames(metaAuthor) : [],
    summary: metaContent("description", "og:description", "twitter:description") ?? str(ld?.description),
    language: doc.documentElement.getAttribute("lang"),
  };
}

function str(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

function names(v: unknown): string[] {
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (typeof x === "string" ? x : str((x as Record<string, unknown> | null)?.name))).filter((x): x is string => x !== null && x !== "");
}

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|LiveBlogPosting|OpinionNewsArticle|Report|WebPage)$/;

function jsonLdArticle(doc: Doc): Record<string, unknown> | null {
  const found: Array<Record<string, unknown>> = [];
  const collect = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      const types = ([] as unknown[]).concat(o["@type"] ?? []);
      if (types.some((t) => typeof t === "string" && ARTICLE_TYPES.test(t))) found.push(o);
      if (o["@graph"]) collect(o["@graph"]);
    }
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      collect(JSON.parse(script.textContent ?? ""));
    } catch {
      // A page's malformed JSON-LD is ignored; the other metadata still applies.
    }
  }
  return found.find((o) => ([] as unknown[]).concat(o["@type"]).some((t) => t !== "WebPage")) ?? found[0] ?? null;
}
