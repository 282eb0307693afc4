import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { GraphQLSchema } from "graphql";
import { extract } from "../src/ingest/extract";
import { PublishedAtSource } from "../src/article/article.entity";
import { STAND_IN_WARNING, prepareRaw } from "../src/ingest/ingest.service";
import { createSchema } from "../src/schema";
import { fold as foldText } from "../src/ingest/extract/text";
import type { Extraction, ExtractedQuote } from "../src/ingest/extract/types";

/**
 * Scores the extractor against hand annotations in the shape of test/fixtures/gold.json:
 *
 *   npm run eval:extract -- ARTICLE GOLD.json [--published-at DATE] [--json]
 *   npm run eval:extract -- --dir FOLDER [--json]
 *   npm run eval:extract -- --offsets FOLDER --texts FOLDER [--json] [--detail]
 *   npm run eval:extract -- --dir FOLDER --write-offsets FOLDER
 *
 * The article is plain text, or HTML when its name ends in .html. The publication date and the
 * publisher come from the gold's `article` unless given. For one article it prints precision,
 * recall and F1 per kind, with the misses and the false positives under each score. For a folder
 * (every NAME.txt or NAME.html beside a NAME.gold.json) it prints a line per article and the
 * micro-averaged scores over all of them: quotes with the right speaker (a person, an organization,
 * or an anonymous source), the quoted people with the right title and affiliation, how many
 * articles an import would refuse, and how many it would date by fallback (no date given, printed
 * or found in the text: the file's modification time stands in). `--detail` lists, under each
 * article's line, the gold quotes missed (with the speaker given when the text was found) and the
 * quotes extracted that no gold quote matches.
 *
 * Real articles may not live in the repository, so their annotations are kept in an offset form
 * that holds no article text (see `OffsetAnnotation`): `--offsets FOLDER --texts FOLDER` scores
 * each NAME.offsets.json against NAME.txt from the texts folder, after checking the text's sha256,
 * and rebuilds every quote's text from its character offsets. `--write-offsets` turns a folder of
 * NAME.txt + NAME.gold.json into that form.
 */

interface GoldQuote {
  text: string;
  /**
   * The pieces of one quotation, in the text's order, when the text splits it (`"A," she said.
   * "B"`, or a quotation running over paragraphs): `text` is then the pieces joined by spaces.
   */
  parts?: string[];
  /** The person's or organization's name; for an anonymous source, its description ("a senior State Department official"). */
  speaker: string | null;
  speakerKind?: "person" | "organization" | "anonymous";
  /** For an anonymous source: the organization its description names, if any. */
  organization?: string | null;
  channel?: string | null;
  saidOn?: string | null;
}
interface GoldPerson {
  name: string;
  title?: string | null;
  organization?: string | null;
  aliases?: string[];
}
interface GoldEvent {
  title: string;
  startsOn?: string | null;
  endsOn?: string | null;
  places?: string[];
}
/** Where a real article's excerpt came from, so that a later session can fetch the same text again. */
interface GoldSource {
  query: string;
  url: string;
  outlet: string;
  style: string;
}
interface Gold {
  source?: GoldSource;
  article?: { publishedAt?: string | null; publisher?: string | null; url?: string | null };
  quotes?: GoldQuote[];
  notQuotes?: Array<{ text: string }>;
  people?: GoldPerson[];
  organizations?: string[];
  places?: string[];
  events?: GoldEvent[];
}

/** The extractor's fold (case, diacritics, quotation marks, dashes, whitespace), with double quotation marks dropped. */
function fold(s: string): string {
  return foldText(s).replace(/"/g, "").replace(/\s+/g, " ").trim();
}

function quoteKey(s: string): string {
  return fold(s).replace(/^['\s]+|[\s,.'…]+$/g, "");
}

function quoteTextMatches(a: string, b: string): boolean {
  const x = quoteKey(a);
  const y = quoteKey(b);
  if (x === y) return true;
  // One contains the other and they differ by a few characters (an ellipsis, a dropped word).
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return long.includes(short) && short.length >= 0.9 * long.length;
}

function nameKey(s: string): string {
  return fold(s).replace(/\./g, "").replace(/['’]s$/, "");
}

function personNameMatches(extracted: string | null, gold: GoldPerson | string): boolean {
  if (!extracted) return false;
  const g = typeof gold === "string" ? { name: gold } : gold;
  const k = nameKey(extracted);
  return [g.name, ...(g.aliases ?? [])].some((n) => nameKey(n) === k);
}

const ORG_SUFFIXES = /\s+(?:news agency|inc|corp|corporation|co|ltd|llc|plc|group)$/;

/** Organizations compared loosely: "the", "U.S."/"US"/"United States", a suffix like "News Agency", "X Department" ↔ "Department of X". */
function orgKey(s: string): string {
  let k = fold(s)
    .replace(/\./g, "")
    .replace(/^the /, "")
    .replace(/\bunited states\b/g, "us")
    .replace(ORG_SUFFIXES, "");
  const dept = /^(us )?(\w+(?: \w+)?) (department|ministry)$/.exec(k);
  if (dept) k = `${dept[1] ?? ""}${dept[3]} of ${dept[2]}`;
  return k.replace(/^us /, "");
}

function orgMatches(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  return orgKey(a) === orgKey(b);
}

function placeMatches(a: string, b: string): boolean {
  const x = fold(a);
  const y = fold(b);
  return x === y || x.split(",")[0]!.trim() === y.split(",")[0]!.trim();
}

const TITLE_STOP = new Set(["the", "a", "an", "of", "us", "u.s.", "and", "for"]);

/** AP abbreviations of titles, read as the word they stand for ("Sgt." and "Sergeant" are one title). */
const TITLE_ABBREVIATIONS: Record<string, string> = {
  sgt: "sergeant", gen: "general", gov: "governor", sen: "senator", rep: "representative", lt: "lieutenant", col: "colonel",
  maj: "major", capt: "captain", adm: "admiral", cmdr: "commander", det: "detective", insp: "inspector", supt: "superintendent", prof: "professor",
};

function words(s: string): Set<string> {
  return new Set(
    fold(s)
      .replace(/\./g, "")
      .split(/[\s,;-]+/)
      .map((w) => TITLE_ABBREVIATIONS[w] ?? w)
      .filter((w) => w && !TITLE_STOP.has(w)),
  );
}

/** Titles agree when one's words contain the other's ("policy analyst" / "senior policy analyst") or half their words are shared. */
function titleAgrees(a: string, b: string): boolean {
  const x = words(a);
  const y = words(b);
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared === x.size || shared === y.size || shared / new Set([...x, ...y]).size >= 0.5;
}

function orgAgrees(a: string, b: string): boolean {
  const x = orgKey(a);
  const y = orgKey(b);
  return x === y || x.includes(y) || y.includes(x);
}

interface Score {
  label: string;
  /** Gold items found. */
  tp: number;
  /** Extracted items that are right (differs from tp when one extracted quotation covers several gold ones, or the reverse). */
  extractedRight: number;
  extracted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
  misses: string[];
  falsePositives: string[];
  note?: string;
}

function score(label: string, goldCount: number, extractedCount: number, goldHit: number, extractedHit: number, misses: string[], falsePositives: string[], note?: string): Score {
  const precision = extractedCount ? extractedHit / extractedCount : goldCount ? 0 : 1;
  const recall = goldCount ? goldHit / goldCount : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { label, tp: goldHit, extractedRight: extractedHit, extracted: extractedCount, gold: goldCount, precision, recall, f1, misses, falsePositives, note };
}

/** Matches gold items to extracted ones, one to one. */
function matchAll<G, E>(gold: G[], extracted: E[], same: (g: G, e: E) => boolean): { pairs: Array<[G, E]>; missed: G[]; extra: E[] } {
  const used = new Set<number>();
  const pairs: Array<[G, E]> = [];
  const missed: G[] = [];
  for (const g of gold) {
    const i = extracted.findIndex((e, k) => !used.has(k) && same(g, e));
    if (i < 0) missed.push(g);
    else {
      used.add(i);
      pairs.push([g, extracted[i]!]);
    }
  }
  return { pairs, missed, extra: extracted.filter((_, k) => !used.has(k)) };
}

function short(s: string, n = 70): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function speakerLabel(q: ExtractedQuote): string {
  if (!q.speaker) return q.anonymousSpeaker ? `${q.anonymousSpeaker.description} (anonymous${q.anonymousSpeaker.organization ? `, ${q.anonymousSpeaker.organization}` : ""})` : "nobody";
  return q.speaker.name ?? `${q.speaker.organization} (organization)`;
}

function speakerMatches(g: GoldQuote, q: ExtractedQuote, people: GoldPerson[]): boolean {
  if (g.speakerKind === "anonymous") {
    // An unnamed source: right when the extractor says it is one, with the organization the text names.
    if (q.speaker || !q.anonymousSpeaker) return false;
    return !g.organization || (q.anonymousSpeaker.organization != null && orgAgrees(g.organization, q.anonymousSpeaker.organization));
  }
  if (g.speaker == null) return q.speaker == null && !q.anonymousSpeaker;
  if (!q.speaker) return false;
  if (g.speakerKind === "organization") return orgMatches(q.speaker.organization ?? q.speaker.name, g.speaker);
  const person = people.find((p) => personNameMatches(g.speaker, p)) ?? { name: g.speaker };
  return personNameMatches(q.speaker.name, person);
}

const wordCount = (s: string): number => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/**
 * Quotations matched whatever their granularity: one gold quotation the extractor returns in pieces
 * (“A,” she said. “B.” as two spans) is found when its pieces with the right speaker cover it, and
 * one extracted quotation that joins several gold ones finds each of them. A piece counts only when
 * it has four words or more, so a scare-quoted word inside a quotation never passes for it. Spans
 * matched one to one first; pairs (for the channel score) are those one-to-one matches and each
 * gold's first piece.
 */
function matchQuotations(goldQuotes: GoldQuote[], extracted: ExtractedQuote[], speakerOk: (g: GoldQuote, q: ExtractedQuote) => boolean) {
  const direct = matchAll(goldQuotes, extracted, (g, q) => quoteTextMatches(g.text, q.text) && speakerOk(g, q));
  const goldHit = new Set(direct.pairs.map(([g]) => g));
  const extractedHit = new Set(direct.pairs.map(([, q]) => q));
  const pairs: Array<[GoldQuote, ExtractedQuote]> = [...direct.pairs];
  for (const g of direct.missed) {
    const key = quoteKey(g.text);
    // One extracted quotation containing this gold one (and maybe others).
    const container = extracted.find((q) => speakerOk(g, q) && wordCount(g.text) >= 4 && quoteKey(q.text).includes(key));
    if (container) {
      goldHit.add(g);
      extractedHit.add(container);
      pairs.push([g, container]);
      continue;
    }
    // Pieces of this gold quotation that together cover it.
    const pieces = extracted.filter((q) => speakerOk(g, q) && wordCount(q.text) >= 4 && key.includes(quoteKey(q.text)));
    const covered = pieces.reduce((n, q) => n + quoteKey(q.text).length, 0);
    if (pieces.length && covered >= 0.9 * key.length) {
      goldHit.add(g);
      for (const q of pieces) extractedHit.add(q);
      pairs.push([g, pieces[0]!]);
    }
  }
  return { pairs, goldHit, extractedHit, missed: goldQuotes.filter((g) => !goldHit.has(g)), extra: extracted.filter((q) => !extractedHit.has(q)) };
}

/** Scores one extraction against its gold. */
export function evaluate(result: Extraction, gold: Gold): { scores: Score[]; channel: { right: number; of: number; misses: string[] }; events: { right: number; of: number; misses: string[]; extra: string[] }; notQuotes: string[] } {
  const goldQuotes = gold.quotes ?? [];
  const goldPeople = gold.people ?? [];
  const scores: Score[] = [];

  const withSpeaker = matchQuotations(goldQuotes, result.quotes, (g, q) => speakerMatches(g, q, goldPeople));
  const textOnly = matchQuotations(goldQuotes, result.quotes, () => true);
  scores.push(
    score(
      "quotes with the right speaker",
      goldQuotes.length,
      result.quotes.length,
      withSpeaker.goldHit.size,
      withSpeaker.extractedHit.size,
      withSpeaker.missed.map((g) => {
        const q = textOnly.pairs.find(([x]) => x === g)?.[1];
        return `“${short(g.text)}” — ${g.speaker ?? "nobody"}${q ? ` (found, attributed to ${speakerLabel(q)})` : " (not found)"}`;
      }),
      withSpeaker.extra.map((q) => `“${short(q.text)}” — ${speakerLabel(q)}`),
      "a gold quotation the extractor returns in pieces counts when its pieces (four words or more, the right speaker) cover it; an extracted quotation joining several gold ones counts for each",
    ),
  );
  scores.push(
    score(
      "quote text only",
      goldQuotes.length,
      result.quotes.length,
      textOnly.goldHit.size,
      textOnly.extractedHit.size,
      textOnly.missed.map((g) => `“${short(g.text)}”`),
      textOnly.extra.map((q) => `“${short(q.text)}”`),
    ),
  );
  const channelPairs = textOnly.pairs.filter(([g]) => g.channel != null);
  const channelMisses: string[] = [];
  let channelRight = 0;
  for (const [g, q] of channelPairs) {
    const a = fold(g.channel!);
    const b = fold(q.channel ?? "");
    if (b && (a === b || a.includes(b) || b.includes(a))) channelRight++;
    else channelMisses.push(`“${short(g.text, 40)}”: expected "${g.channel}", got ${q.channel == null ? "none" : `"${q.channel}"`}`);
  }
  const notQuotes = (gold.notQuotes ?? []).filter((n) => result.quotes.some((q) => quoteTextMatches(n.text, q.text))).map((n) => n.text);

  const peopleByName = matchAll(goldPeople, result.people, (g, p) => personNameMatches(p.name, g) || p.aliases.some((a) => personNameMatches(a, g)));
  const agrees = (g: GoldPerson, p: Extraction["people"][number]): boolean =>
    (!g.title || !p.title || titleAgrees(g.title, p.title)) && (!g.organization || !p.organization || orgAgrees(g.organization, p.organization));
  const peopleFull = peopleByName.pairs.filter(([g, p]) => agrees(g, p));
  const disagreeing = peopleByName.pairs.filter(([g, p]) => !agrees(g, p));
  const titled = goldPeople.filter((g) => g.title);
  const titlesFound = peopleByName.pairs.filter(([g, p]) => g.title && p.title && titleAgrees(g.title, p.title)).length;
  const orged = goldPeople.filter((g) => g.organization);
  const orgsFound = peopleByName.pairs.filter(([g, p]) => g.organization && p.organization && orgAgrees(g.organization, p.organization)).length;
  scores.push(
    score(
      "people (name, title and affiliation)",
      goldPeople.length,
      result.people.length,
      peopleFull.length,
      peopleFull.length,
      [
        ...peopleByName.missed.map((g) => g.name),
        ...disagreeing.map(([g, p]) => `${g.name}: expected ${g.title ?? "-"} / ${g.organization ?? "-"}, got ${p.title ?? "-"} / ${p.organization ?? "-"}`),
      ],
      peopleByName.extra.map((p) => p.name),
      `a person counts when the name (or a gold alias) matches after folding case and diacritics, and neither the title nor the organization contradicts the gold: ` +
        `titles agree when one's words contain the other's or half are shared, organizations when one contains the other after folding "the", "U.S." and "X Department"/"Department of X"; ` +
        `a title or organization the extractor leaves empty does not count against it. Titles found: ${titlesFound} of ${titled.length}; organizations found: ${orgsFound} of ${orged.length}.`,
    ),
  );
  scores.push(
    score(
      "people (name only)",
      goldPeople.length,
      result.people.length,
      peopleByName.pairs.length,
      peopleByName.pairs.length,
      peopleByName.missed.map((g) => g.name),
      peopleByName.extra.map((p) => p.name),
    ),
  );
  // The people quoted: is each one's title and affiliation right? A gold title or affiliation the
  // extractor leaves empty counts against it here (unlike the people score above).
  const goldSpeakers = goldPeople.filter((p) => goldQuotes.some((q) => (q.speakerKind ?? "person") === "person" && q.speaker && personNameMatches(q.speaker, p)));
  const extractedSpeakers = result.people.filter((p) => result.quotes.some((q) => q.speaker?.name && (nameKey(q.speaker.name) === nameKey(p.name) || p.aliases.some((a) => nameKey(a) === nameKey(q.speaker!.name!)))));
  const speakerPairs = matchAll(goldSpeakers, extractedSpeakers, (g, p) => personNameMatches(p.name, g) || p.aliases.some((a) => personNameMatches(a, g)));
  const complete = (g: GoldPerson, p: Extraction["people"][number]): boolean =>
    (g.title ? !!p.title && titleAgrees(g.title, p.title) : true) && (g.organization ? !!p.organization && orgAgrees(g.organization, p.organization) : true);
  const speakersRight = speakerPairs.pairs.filter(([g, p]) => complete(g, p));
  scores.push(
    score(
      "speakers with title and affiliation",
      goldSpeakers.length,
      extractedSpeakers.length,
      speakersRight.length,
      speakersRight.length,
      [
        ...speakerPairs.missed.map((g) => `${g.name} (not found as a speaker)`),
        ...speakerPairs.pairs.filter(([g, p]) => !complete(g, p)).map(([g, p]) => `${g.name}: expected ${g.title ?? "-"} / ${g.organization ?? "-"}, got ${p.title ?? "-"} / ${p.organization ?? "-"}`),
      ],
      speakerPairs.extra.map((p) => p.name),
      "each person the gold has speaking, found as a speaker with the gold's title and affiliation (both required when the gold has them)",
    ),
  );
  const orgs = matchAll(gold.organizations ?? [], result.organizations, (g, o) => orgMatches(o.name, g));
  scores.push(
    score(
      "organizations",
      gold.organizations?.length ?? 0,
      result.organizations.length,
      orgs.pairs.length,
      orgs.pairs.length,
      orgs.missed,
      orgs.extra.map((o) => o.name),
      `names compared after folding "the", "U.S."/"United States", a suffix such as "News Agency" or "Inc.", and "X Department"/"Department of X"`,
    ),
  );
  const places = matchAll(gold.places ?? [], result.places, (g, p) => placeMatches(p.name, g));
  scores.push(
    score(
      "places",
      gold.places?.length ?? 0,
      result.places.length,
      places.pairs.length,
      places.pairs.length,
      places.missed,
      places.extra.map((p) => p.name),
      `"Anchorage, Alaska" matches "Anchorage"`,
    ),
  );

  const goldEvents = gold.events ?? [];
  const eventMatch = matchAll(goldEvents, result.events, (g, e) => {
    if ((g.startsOn ?? null) !== (e.startsOn ?? null)) return false;
    if (g.endsOn && g.endsOn !== e.endsOn) return false;
    return !g.places?.length || g.places.some((gp) => e.places.some((ep) => placeMatches(ep, gp)));
  });
  const events = {
    right: eventMatch.pairs.length,
    of: goldEvents.length,
    misses: eventMatch.missed.map((g) => `${g.title} (${g.startsOn ?? "no date"}${g.endsOn ? ` to ${g.endsOn}` : ""}${g.places?.length ? `, ${g.places.join("/")}` : ""})`),
    extra: eventMatch.extra.map((e) => `${e.title} (${e.startsOn ?? "no date"}${e.endsOn ? ` to ${e.endsOn}` : ""}${e.places.length ? `, ${e.places.join("/")}` : ""})`),
  };
  return { scores, channel: { right: channelRight, of: channelPairs.length, misses: channelMisses }, events, notQuotes };
}

/** A stretch of the excerpt: `text.slice(start, end)`, in UTF-16 code units as JavaScript counts them. */
export type Span = [start: number, end: number];

/**
 * A real article's annotation with no article text in it, for the repository: each quotation (and
 * each term in quotation marks that is not one) as character offsets into the excerpt that was
 * annotated, and the facts about its speaker (kind, name or the description of an unnamed source,
 * the organization, the channel); the people as names, titles and affiliations. The excerpt itself
 * stays outside the repository and is named by its source (the search query and the address it
 * came back under) and its sha256, so that a later session can fetch the same text again and
 * rescore without annotating afresh.
 */
export interface OffsetAnnotation {
  name: string;
  source: GoldSource;
  /** sha256 (hex) of the excerpt's UTF-8 bytes exactly as scored, and its length in UTF-16 code units. */
  text: { sha256: string; length: number };
  article?: Gold["article"];
  quotes: Array<Omit<GoldQuote, "text" | "parts"> & { spans: Span[] }>;
  notQuotes?: Array<{ spans: Span[] }>;
  people?: GoldPerson[];
}

export const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** Why a text cannot be scored against an offset annotation, or null when it can. */
export function textMismatch(annotation: OffsetAnnotation, text: string): string | null {
  if (text.length !== annotation.text.length || sha256(text) !== annotation.text.sha256) {
    return `its text differs from the one annotated (sha256 ${sha256(text).slice(0, 12)}…, ${text.length} characters; expected ${annotation.text.sha256.slice(0, 12)}…, ${annotation.text.length})`;
  }
  for (const [i, q] of annotation.quotes.entries()) {
    if (q.spans.length === 0) return `quote ${i + 1} has no span`;
    for (const [start, end] of q.spans) if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= text.length)) return `quote ${i + 1} has a span [${start}, ${end}) outside the text`;
  }
  return null;
}

const spanText = (text: string, spans: Span[]): string => spans.map(([s, e]) => text.slice(s, e)).join(" ");

/** The gold an offset annotation stands for, with each quote's text rebuilt from the excerpt (its spans joined by spaces). Throws when the text is not the one annotated. */
export function goldFromOffsets(annotation: OffsetAnnotation, text: string): Gold {
  const why = textMismatch(annotation, text);
  if (why) throw new Error(`${annotation.name}: ${why}`);
  return {
    source: annotation.source,
    article: annotation.article,
    quotes: annotation.quotes.map(({ spans, ...rest }) => ({ ...rest, text: spanText(text, spans), ...(spans.length > 1 ? { parts: spans.map(([s, e]) => text.slice(s, e)) } : {}) })),
    notQuotes: (annotation.notQuotes ?? []).map((n) => ({ text: spanText(text, n.spans) })),
    people: annotation.people ?? [],
  };
}

/**
 * Finds each piece in the text, in order, at its first occurrence that no earlier quotation has
 * taken (so a phrase quoted twice gets both places) and, within one quotation, after the piece
 * before it.
 */
function locate(text: string, pieces: string[], taken: Span[], what: string): Span[] {
  const spans: Span[] = [];
  let from = 0;
  for (const piece of pieces) {
    let at = text.indexOf(piece, from);
    while (at >= 0 && taken.some(([s, e]) => at < e && s < at + piece.length)) at = text.indexOf(piece, at + 1);
    if (at < 0 || piece.length === 0) throw new Error(`${what}: not found word for word in the text: “${short(piece, 50)}”`);
    spans.push([at, at + piece.length]);
    from = at + piece.length;
  }
  taken.push(...spans);
  return spans;
}

/** The offset form of a gold annotation (quotes found word for word in the text, or piece by piece through `parts`). */
export function offsetsFromGold(name: string, gold: Gold, text: string): OffsetAnnotation {
  if (!gold.source) throw new Error(`${name}: the gold has no "source" (query, url, outlet, style) to fetch the text again by`);
  const taken: Span[] = [];
  const quotes = (gold.quotes ?? []).map(({ text: quoteText, parts, ...rest }, i) => ({ ...rest, spans: locate(text, parts ?? [quoteText], taken, `${name}, quote ${i + 1}`) }));
  const notTaken: Span[] = [];
  const notQuotes = (gold.notQuotes ?? []).map((n, i) => ({ spans: locate(text, [n.text], notTaken, `${name}, notQuote ${i + 1}`) }));
  return { name, source: gold.source, text: { sha256: sha256(text), length: text.length }, article: gold.article, quotes, notQuotes, people: (gold.people ?? []).map(({ name: n, title, organization, aliases }) => ({ name: n, title: title ?? null, organization: organization ?? null, ...(aliases?.length ? { aliases } : {}) })) };
}

/** The NAME.offsets.json files of a folder, each with the NAME.txt it wants from the texts folder, by name. */
export function offsetArticles(offsetsDir: string, textsDir: string): Array<{ name: string; offsets: string; article: string }> {
  return fs
    .readdirSync(offsetsDir)
    .filter((f) => f.endsWith(".offsets.json"))
    .sort()
    .map((f) => {
      const name = f.slice(0, -".offsets.json".length);
      return { name, offsets: path.join(offsetsDir, f), article: path.join(textsDir, `${name}.txt`) };
    });
}

/** Writes OUT/NAME.offsets.json for every annotated article of a folder, and OUT/manifest.md listing them. */
function writeOffsets(dir: string, out: string): void {
  fs.mkdirSync(out, { recursive: true });
  const rows: string[] = [];
  for (const a of annotatedArticles(dir)) {
    const text = fs.readFileSync(a.article, "utf8");
    const annotation = offsetsFromGold(a.name, JSON.parse(fs.readFileSync(a.gold, "utf8")) as Gold, text);
    // The annotation must give back the gold it came from, quote for quote.
    const back = goldFromOffsets(annotation, text);
    const gold = JSON.parse(fs.readFileSync(a.gold, "utf8")) as Gold;
    (gold.quotes ?? []).forEach((q, i) => {
      if (back.quotes![i]!.text !== q.text) throw new Error(`${a.name}, quote ${i + 1}: its parts joined by spaces are not its text`);
    });
    const json = JSON.stringify(annotation, null, 1).replace(/\[\s+(\d+),\s+(\d+)\s+\]/g, "[$1, $2]").replace(/"spans": \[\s+((?:\[\d+, \d+\],?\s*)+)\]/g, (_, inner: string) => `"spans": [${inner.trim().replace(/,\s+/g, ", ")}]`);
    fs.writeFileSync(path.join(out, `${a.name}.offsets.json`), `${json}\n`);
    const s = annotation.source;
    rows.push(`| ${a.name} | ${s.outlet} | ${s.style} | \`${s.query.replace(/\|/g, "\\|")}\` | ${s.url} | \`${annotation.text.sha256}\` |`);
  }
  fs.writeFileSync(
    path.join(out, "manifest.md"),
    [
      `# ${path.basename(out)}: ${rows.length} articles`,
      "",
      "Each excerpt came back from the search tool's `pages` corpus for the query shown, under the address shown; it was saved verbatim",
      "(the excerpt string as returned, no newline added) as NAME.txt outside the repository and annotated before the extractor ran on it.",
      "NAME.offsets.json holds the annotation as character offsets into that text. Score with",
      "`npm run eval:extract -- --offsets <this folder> --texts <folder of NAME.txt>`.",
      "",
      "| name | outlet | style | query | address | sha256 of the excerpt |",
      "|---|---|---|---|---|---|",
      ...rows,
      "",
    ].join("\n"),
  );
  process.stdout.write(`${rows.length} offset annotations written to ${out}\n`);
}

interface Args {
  article: string | null;
  gold: string | null;
  dir: string | null;
  offsets: string | null;
  texts: string | null;
  writeOffsets: string | null;
  publishedAt: string | null;
  json: boolean;
  /** Folder mode: each article's quote misses and extras under its line. */
  detail: boolean;
}

const USAGE = [
  "usage: npm run eval:extract -- ARTICLE GOLD.json [--published-at DATE] [--json]",
  "       npm run eval:extract -- --dir FOLDER [--json] [--detail]",
  "       npm run eval:extract -- --offsets FOLDER --texts FOLDER [--json] [--detail]",
  "       npm run eval:extract -- --dir FOLDER --write-offsets FOLDER",
].join("\n");

export function parseArgs(argv: string[]): Args {
  const rest: string[] = [];
  const options: Record<"--published-at" | "--dir" | "--offsets" | "--texts" | "--write-offsets", string | null> = { "--published-at": null, "--dir": null, "--offsets": null, "--texts": null, "--write-offsets": null };
  let json = false;
  let detail = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const key = Object.keys(options).find((k) => arg === k || arg.startsWith(`${k}=`)) as keyof typeof options | undefined;
    if (arg === "--json") json = true;
    else if (arg === "--detail") detail = true;
    else if (key) options[key] = arg === key ? (argv[++i] ?? null) : arg.slice(key.length + 1);
    else rest.push(arg);
  }
  const dir = options["--dir"];
  const offsets = options["--offsets"];
  const texts = options["--texts"];
  const writeOffsets = options["--write-offsets"];
  const ok = offsets ? !!texts && !dir && !writeOffsets && rest.length === 0 : writeOffsets ? !!dir && !texts && rest.length === 0 : dir ? !texts && rest.length === 0 : !texts && rest.length === 2;
  if (!ok || (detail && !dir && !offsets)) throw new Error(USAGE);
  return { article: rest[0] ?? null, gold: rest[1] ?? null, dir, offsets, texts, writeOffsets, publishedAt: options["--published-at"], json, detail };
}

interface ArticleRun {
  article: string;
  published: string | null;
  report: ReturnType<typeof evaluate>;
  timing: { firstMs: number; warmMs: number };
  /** Why `newsgraph import` would refuse the article (with the gold's url and date given), or null. */
  refused: string | null;
  /** `newsgraph import` would date it by the file's modification time: neither the gold, the page nor the text gives a date. */
  datedByFallback: boolean;
}

async function runArticle(schema: GraphQLSchema, articlePath: string, gold: Gold, publishedAt: string | null): Promise<ArticleRun> {
  const source = fs.readFileSync(articlePath, "utf8");
  const html = /\.html?$/i.test(articlePath);
  const published = publishedAt ?? gold.article?.publishedAt ?? null;
  const raw = {
    text: html ? null : source,
    html: html ? source : null,
    publishedAt: published ? new Date(published) : null,
    publisher: gold.article?.publisher ?? null,
    url: gold.article?.url ?? "https://example.com/eval/" + path.basename(articlePath).replace(/\W+/g, "-"),
  };
  const format = html ? "html" : "text";
  const started = performance.now();
  const result = extract(raw, format);
  const firstMs = performance.now() - started;
  // The median of 30 runs once warm: one run is at the mercy of the JIT and of whatever else the machine does.
  const runs: number[] = [];
  for (let i = 0; i < 30; i++) {
    const again = performance.now();
    extract(raw, format);
    runs.push(performance.now() - again);
  }
  const warmMs = runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  // As `newsgraph import` reads the file: its modification time stands in for a date nobody gives.
  const standInDate = { at: fs.statSync(articlePath).mtime, source: PublishedAtSource.FILE_MODIFIED as const, fix: "give --published-at" };
  const prepared = prepareRaw(schema, raw, format, { standInDate });
  const refused = prepared.ok ? null : prepared.errors.map((e) => `${e.field || "article"}: ${e.message}`).join("; ");
  const datedByFallback = prepared.ok && prepared.article.warnings.some((w) => w.startsWith(STAND_IN_WARNING));
  return { article: articlePath, published, report: evaluate(result, gold), timing: { firstMs, warmMs }, refused, datedByFallback };
}

const pct = (x: number): string => x.toFixed(2);

function printArticle(run: ArticleRun): void {
  const { report } = run;
  const out: string[] = [
    `${run.article}`,
    `published ${run.published ?? "unknown"}; extraction ${run.timing.firstMs.toFixed(0)} ms cold (libraries and gazetteer loading), ${run.timing.warmMs.toFixed(1)} ms warm (median of 30 runs)`,
    ...(run.refused ? [`an import would refuse it: ${run.refused}`] : []),
    ...(run.datedByFallback ? ["no publication date given, printed or in the text: an import would date it by the file's modification time"] : []),
    "",
  ];
  for (const s of report.scores) {
    out.push(`${s.label.padEnd(38)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (${s.tp} of ${s.gold} gold found; ${s.extracted} extracted)`);
    if (s.note) out.push(`    how: ${s.note}`);
    for (const m of s.misses) out.push(`    missed: ${m}`);
    for (const f of s.falsePositives) out.push(`    not in gold: ${f}`);
    if (s.label === "quotes with the right speaker") {
      for (const n of report.notQuotes) out.push(`    a term in quotation marks taken for a quote: “${n}”`);
    }
    if (s.label === "quote text only") {
      out.push(`${"channel (of quotes found)".padEnd(38)} ${report.channel.right} of ${report.channel.of} right`);
      for (const m of report.channel.misses) out.push(`    wrong: ${m}`);
    }
  }
  out.push(`${"events with the right date and place".padEnd(38)} ${report.events.right} of ${report.events.of} events right`);
  for (const m of report.events.misses) out.push(`    missed: ${m}`);
  for (const e of report.events.extra) out.push(`    not in gold: ${e}`);
  process.stdout.write(`${out.join("\n")}\n`);
}

/** Sums of one score over several articles, and the micro-averaged precision, recall and F1. */
export function microAverage(scores: Array<Pick<Score, "tp" | "extractedRight" | "extracted" | "gold">>): { tp: number; extractedRight: number; extracted: number; gold: number; precision: number; recall: number; f1: number } {
  const tp = scores.reduce((n, s) => n + s.tp, 0);
  const extractedRight = scores.reduce((n, s) => n + s.extractedRight, 0);
  const extracted = scores.reduce((n, s) => n + s.extracted, 0);
  const gold = scores.reduce((n, s) => n + s.gold, 0);
  const precision = extracted ? extractedRight / extracted : gold ? 0 : 1;
  const recall = gold ? tp / gold : 1;
  return { tp, extractedRight, extracted, gold, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** The NAME.txt / NAME.html files of a folder that have a NAME.gold.json beside them, by name. */
export function annotatedArticles(dir: string): Array<{ name: string; article: string; gold: string }> {
  const files = fs.readdirSync(dir).sort();
  return files
    .filter((f) => /\.(txt|html?)$/i.test(f))
    .map((f) => ({ name: f.replace(/\.(txt|html?)$/i, ""), article: path.join(dir, f) }))
    .filter((a) => files.includes(`${a.name}.gold.json`))
    .map((a) => ({ ...a, gold: path.join(dir, `${a.name}.gold.json`) }));
}

const FOLDER_SCORES = ["quotes with the right speaker", "speakers with title and affiliation", "quote text only", "people (name, title and affiliation)"] as const;

/** The offset-annotated articles of a folder as gold objects, and those that cannot be scored (no text, or not the text annotated) with the reason and how to fetch the text again. */
export function loadOffsetArticles(offsetsDir: string, textsDir: string): { ready: Array<{ name: string; article: string; gold: Gold }>; skipped: Array<{ name: string; why: string }> } {
  const ready: Array<{ name: string; article: string; gold: Gold }> = [];
  const skipped: Array<{ name: string; why: string }> = [];
  for (const a of offsetArticles(offsetsDir, textsDir)) {
    const annotation = JSON.parse(fs.readFileSync(a.offsets, "utf8")) as OffsetAnnotation;
    const refetch = `search the pages corpus for \`${annotation.source.query}\` and save the excerpt of the result at ${annotation.source.url} as ${a.article}`;
    if (!fs.existsSync(a.article)) {
      skipped.push({ name: a.name, why: `no text at ${a.article} (${refetch})` });
      continue;
    }
    const text = fs.readFileSync(a.article, "utf8");
    const why = textMismatch(annotation, text);
    if (why) skipped.push({ name: a.name, why: `${why}: the stored page may have changed; ${refetch}, or annotate it afresh` });
    else ready.push({ name: a.name, article: a.article, gold: goldFromOffsets(annotation, text) });
  }
  return { ready, skipped };
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  if (args.writeOffsets) {
    writeOffsets(args.dir!, args.writeOffsets);
    return;
  }
  const schema = await createSchema();
  const readGold = (file: string): Gold => JSON.parse(fs.readFileSync(file, "utf8")) as Gold;
  if (!args.dir && !args.offsets) {
    const run = await runArticle(schema, args.article!, readGold(args.gold!), args.publishedAt);
    if (args.json) process.stdout.write(`${JSON.stringify({ article: run.article, ...run.report, timing: run.timing, refused: run.refused, datedByFallback: run.datedByFallback }, null, 2)}\n`);
    else printArticle(run);
    return;
  }
  const loaded = args.offsets
    ? loadOffsetArticles(args.offsets, args.texts!)
    : { ready: annotatedArticles(args.dir!).map((a) => ({ name: a.name, article: a.article, gold: readGold(a.gold) })), skipped: [] };
  const articles = loaded.ready;
  if (articles.length === 0) {
    process.stderr.write(
      args.offsets
        ? `no article of ${args.offsets} could be scored with the texts in ${args.texts}:\n${loaded.skipped.map((s) => `  ${s.name}: ${s.why}`).join("\n")}\n`
        : `no annotated articles in ${args.dir}: expected NAME.txt (or .html) beside NAME.gold.json\n`,
    );
    process.exit(2);
  }
  const runs: ArticleRun[] = [];
  for (const a of articles) runs.push(await runArticle(schema, a.article, a.gold, args.publishedAt));
  const of = (run: ArticleRun, label: string) => run.report.scores.find((s) => s.label === label)!;
  const totals = Object.fromEntries(FOLDER_SCORES.map((label) => [label, microAverage(runs.map((r) => of(r, label)))]));
  const refused = runs.filter((r) => r.refused);
  const fallback = runs.filter((r) => r.datedByFallback);
  const warm = runs.map((r) => r.timing.warmMs).sort((a, b) => a - b);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ articles: runs.map((r) => ({ article: r.article, refused: r.refused, datedByFallback: r.datedByFallback, timing: r.timing, scores: r.report.scores.map(({ label, tp, extractedRight, extracted, gold, precision, recall, f1 }) => ({ label, tp, extractedRight, extracted, gold, precision, recall, f1 })) })), micro: totals, refused: refused.length, datedByFallback: fallback.length, notScored: loaded.skipped }, null, 2)}\n`);
    return;
  }
  const name = (r: ArticleRun) => path.basename(r.article).replace(/\.(txt|html?)$/i, "");
  const width = Math.max(7, ...runs.map((r) => name(r).length));
  const out: string[] = [
    `${"article".padEnd(width)}  quotes right/extracted/gold    F1  speakers right/gold  text found  import`,
  ];
  for (const r of runs) {
    const q = of(r, "quotes with the right speaker");
    const sp = of(r, "speakers with title and affiliation");
    const t = of(r, "quote text only");
    out.push(`${name(r).padEnd(width)}  ${`${q.tp} / ${q.extracted} / ${q.gold}`.padEnd(26)}  ${pct(q.f1)}  ${`${sp.tp} / ${sp.gold}`.padEnd(19)}  ${`${t.tp} / ${t.gold}`.padEnd(10)}  ${r.refused ? "REFUSED" : r.datedByFallback ? "ok (dated by fallback)" : "ok"}`);
    if (args.detail) {
      for (const m of q.misses) out.push(`    missed: ${m}`);
      for (const f of q.falsePositives) out.push(`    not in gold: ${f}`);
      for (const m of sp.misses) out.push(`    speaker: ${m}`);
    }
  }
  out.push("", `${runs.length} articles, micro-averaged:`);
  for (const label of FOLDER_SCORES) {
    const m = totals[label]!;
    out.push(`${label.padEnd(38)} P ${pct(m.precision)}  R ${pct(m.recall)}  F1 ${pct(m.f1)}   (${m.tp} of ${m.gold} gold found; ${m.extractedRight} of ${m.extracted} extracted right)`);
  }
  // The speaker score's misses, split: a gold speaker never found speaking, or found with a wrong or missing title or affiliation.
  const speakerMisses = runs.flatMap((r) => of(r, "speakers with title and affiliation").misses);
  const notFound = speakerMisses.filter((m) => m.endsWith("(not found as a speaker)")).length;
  out.push(`${"  speakers missed, of which".padEnd(38)} ${notFound} not found as a speaker, ${speakerMisses.length - notFound} with a wrong or missing title or affiliation`);
  out.push(`${"articles an import would refuse".padEnd(38)} ${refused.length} of ${runs.length}${refused.length ? `: ${refused.map((r) => `${name(r)} (${r.refused})`).join("; ")}` : ""}`);
  out.push(`${"dated by fallback (file's modification time)".padEnd(38)} ${fallback.length} of ${runs.length}${fallback.length ? `: ${fallback.map(name).join(", ")}` : ""}`);
  if (loaded.skipped.length) out.push(`${"not scored (text missing or changed)".padEnd(38)} ${loaded.skipped.length}`, ...loaded.skipped.map((s) => `    ${s.name}: ${s.why}`));
  out.push(`${"extraction, warm".padEnd(38)} median ${warm[Math.floor(warm.length / 2)]!.toFixed(1)} ms, slowest ${warm[warm.length - 1]!.toFixed(1)} ms per article`);
  process.stdout.write(`${out.join("\n")}\n`);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
