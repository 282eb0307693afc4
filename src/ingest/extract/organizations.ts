import type { OrganizationKind } from "../../organization/organization.entity";
import { KNOWN_ORGANIZATIONS, NOT_NAMES, ORG_HEADS, isCommonWord, lexTags } from "./lexicon";
import { claim, isClaimed, mentionText, type Mention, type Segment } from "./segments";
import { fold } from "./text";

/** An organization and where the text names it. */
export interface OrganizationRecord {
  name: string;
  kind: OrganizationKind | null;
  mentions: Mention[];
  confidence: number;
  /** Found only through a title or the publisher, not named in the text. */
  derived?: boolean;
}

/** The organizations of an article, merged by folded name. */
export class OrganizationRegistry {
  readonly all: OrganizationRecord[] = [];
  private readonly byKey = new Map<string, OrganizationRecord>();

  /** Adds (or merges) an organization. */
  add(name: string, kind: OrganizationKind | null, confidence: number, mention?: Mention, derived = false): OrganizationRecord {
    const key = orgKey(name);
    let record = this.byKey.get(key) ?? this.all.find((o) => sameByAcronym(o.name, name));
    if (!record) {
      record = { name, kind, mentions: [], confidence, derived };
      this.byKey.set(key, record);
      this.all.push(record);
    } else {
      record.confidence = Math.max(record.confidence, confidence);
      if (!derived) record.derived = false;
    }
    if (mention) record.mentions.push(mention);
    return record;
  }

  /** Drops a name's key after its record was removed. */
  forget(name: string): void {
    this.byKey.delete(orgKey(name));
  }

  /** The organization a mention [first, last) of a segment belongs to, if any. */
  at(segment: Segment, index: number): OrganizationRecord | undefined {
    return this.all.find((o) => o.mentions.some((m) => m.segment === segment && m.first <= index && index < m.last));
  }
}

/** The initials of a name, with and without its small words: "United Nations" → UN; "Electric Reliability Council of Texas" → ERCOT, ERCT. */
function initials(name: string): string[] {
  const words = name.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const all = words.map((w) => w[0]!.toUpperCase()).join("");
  const big = words.filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]!).join("");
  return [all, big];
}

function isAcronym(name: string): boolean {
  return /^[A-Z]{2,6}$/.test(name);
}

/** "UN" and "United Nations", "ERCOT" and "Electric Reliability Council of Texas": one organization. */
function sameByAcronym(a: string, b: string): boolean {
  if (isAcronym(a) && !isAcronym(b)) return initials(b).includes(a);
  if (isAcronym(b) && !isAcronym(a)) return initials(a).includes(b);
  return false;
}

/** A comparable key: folded, without a leading "the" and with "U.S."/"US" written one way. */
export function orgKey(name: string): string {
  return fold(name)
    .replace(/^the /, "")
    .replace(/\bu\.s\.(?=\s|$)/g, "us");
}

/** The kind an organization's name suggests, or null. */
export function guessOrganizationKind(name: string): OrganizationKind | null {
  const lower = fold(name).replace(/^the /, "").replace(/^(?:u\.s\.|us|united states) /, "");
  const known = KNOWN_ORGANIZATIONS[lower];
  if (known) return known as OrganizationKind;
  const words = lower.split(" ");
  for (let n = 2; n >= 1; n--) {
    for (let i = words.length - n; i >= 0; i--) {
      const kind = ORG_HEADS[words.slice(i, i + n).join(" ")];
      if (kind) return kind as OrganizationKind;
    }
  }
  if (lexTags(lower).includes("Organization")) return "company" as OrganizationKind;
  return null;
}

function isOrgHead(word: string, next?: string): number {
  const w = word.toLowerCase();
  if (next && ORG_HEADS[`${w} ${next.toLowerCase()}`]) return 2;
  return ORG_HEADS[w] ? 1 : 0;
}

function knownOrganization(phrase: string, exactCase: string): boolean {
  const lower = phrase.toLowerCase();
  if (KNOWN_ORGANIZATIONS[lower] != null) {
    // Acronyms ("WHO", "AP") count only in capitals, so that "Who" or "Ap" at a sentence start do not.
    return lower.length > 5 || lower.includes(" ") || exactCase === exactCase.toUpperCase();
  }
  return lexTags(lower).includes("Organization") && (lower.includes(" ") || exactCase === exactCase.toUpperCase() || /^\p{Lu}/u.test(exactCase));
}

/**
 * Finds organizations in a segment's capitalised runs: a name ending in an organization word
 * ("… University", "… Institute of Peace", "Reuters News Agency", "U.S. Army"), or a name known
 * as an organization ("White House", "Pentagon", compromise's Organization lexicon).
 */
export function findOrganizations(segment: Segment, registry: OrganizationRegistry): void {
  const { tokens } = segment;
  for (const span of segment.spans) {
    let start = span.first;
    while (start < span.last && NOT_NAMES.has(tokens[start]!.text.toLowerCase())) start++;
    // "Shares of Meridian Freight fell", "Residents of …": a capitalised common word opening the sentence is no part of the name.
    const lead = tokens[start];
    if (lead?.sentenceStart && span.last - start > 2 && tokens[start + 1]!.text === "of" && isCommonWord(lead.text) && !isOrgHead(lead.text) && /s$/.test(lead.text)) start += 2;
    let i = start;
    while (i < span.last) {
      const found = organizationAt(segment, i, span.last);
      if (found && !isClaimed(segment, found.first, found.last)) {
        const mention = { segment, first: found.first, last: found.last };
        const name = mentionText(mention);
        registry.add(name, guessOrganizationKind(name), found.confidence, mention);
        claim(segment, found.first, found.last);
        i = found.last;
      } else i++;
    }
  }
  joinAcrossAnd(segment, registry);
  findCompanyCues(segment, registry);
}

/**
 * "Securities and Exchange Commission", "Food and Drug Administration": a short capitalised run,
 * "and" or "&", then an organization found from its head word, are one name.
 */
function joinAcrossAnd(segment: Segment, registry: OrganizationRegistry): void {
  const { tokens } = segment;
  for (let k = 0; k + 1 < segment.spans.length; k++) {
    const a = segment.spans[k]!;
    const b = segment.spans[k + 1]!;
    if (b.first !== a.last + 1 || !/^(?:and|&)$/.test(tokens[a.last]!.text) || a.last - a.first > 2) continue;
    if (tokens[a.first]!.paragraph !== tokens[b.first]!.paragraph || isClaimed(segment, a.first, a.last)) continue;
    const org = registry.at(segment, b.first);
    const m = org?.mentions.find((x) => x.segment === segment && x.first === b.first);
    if (!org || !m || m.last - m.first > 3 || KNOWN_ORGANIZATIONS[org.name.toLowerCase()] != null || !isOrgHead(tokens[m.last - 1]!.text)) continue;
    const name = segment.text.slice(tokens[a.first]!.start, tokens[m.last - 1]!.end);
    org.mentions.splice(org.mentions.indexOf(m), 1);
    if (!org.mentions.length) {
      registry.all.splice(registry.all.indexOf(org), 1);
      registry.forget(org.name);
    }
    registry.add(name, guessOrganizationKind(name), 0.85, { segment, first: a.first, last: m.last });
    claim(segment, a.first, m.last);
  }
}

/** Lexicon tags of a word that names a place or a people, never a company by itself. */
const PLACE_TAGS = new Set(["Demonym", "Country", "City", "Region", "Place", "Continent"]);

/** Stock exchanges written before a ticker: "(NYSE: MRDN)". */
const EXCHANGES = new Set(["nyse", "nasdaq", "lse", "tsx", "asx", "hkex", "sgx", "bse", "nse", "euronext", "otc"]);
/** Nouns of a company's trade written right before its name: "rival carrier Corvane", "chipmaker Nexa". */
const COMPANY_NOUNS = new Set(
  (
    "company firm carrier airline automaker carmaker chipmaker drugmaker retailer lender insurer startup start-up conglomerate " +
    "supplier manufacturer maker producer operator miner trucker shipper broker brokerage"
  ).split(" "),
);

/**
 * Companies known only by name, from how business news writes them: "shares of Meridian Freight",
 * "Meridian (NYSE: MRDN)", "rival carrier Corvane". A company found so is also named by its first
 * word alone later ("Meridian said").
 */
function findCompanyCues(segment: Segment, registry: OrganizationRegistry): void {
  const { tokens } = segment;
  // Companies the head-word rule found ("Meridian Freight"), whose first word is no common word, place or people's word.
  const found: OrganizationRecord[] = registry.all.filter((o) => {
    const words = o.name.split(" ");
    return o.kind === "company" && words.length === 2 && !lexTags(words[0]!.toLowerCase()).some((t) => PLACE_TAGS.has(t) || t === "FirstName") && !isCommonWord(words[0]!) && !NOT_NAMES.has(words[0]!.toLowerCase());
  });
  for (const span of segment.spans) {
    let { first, last } = span;
    // "Shares of Meridian Freight fell" at a sentence start: the run begins with the cue itself.
    if (tokens[first]!.text === "Shares" && tokens[first + 1]?.text === "of" && last - first > 2) first += 2;
    if (isClaimed(segment, first, last)) continue;
    // Not across a possessive: "Meridian's chief executive".
    while (last > first + 1 && /^['’]s$/.test(tokens[last - 1]!.text)) last--;
    const before = first > span.first ? "of" : tokens[first - 1]?.text.toLowerCase();
    const before2 = tokens[first - 2]?.text.toLowerCase();
    const capBefore = first > span.first || tokens[first - 1]?.cap === true;
    const exchange = tokens[last]?.text === "(" && EXCHANGES.has(tokens[last + 1]?.text.toLowerCase() ?? "") && tokens[last + 2]?.text === ":";
    const cue = exchange || (before === "of" && before2 === "shares") || (before != null && !capBefore && COMPANY_NOUNS.has(before));
    if (!cue || last - first > 4 || NOT_NAMES.has(tokens[first]!.text.toLowerCase())) continue;
    // "shares of Dutch equipment maker ASML": a nationality or a place is no company.
    if (last - first === 1 && lexTags(tokens[first]!.text.toLowerCase()).some((t) => PLACE_TAGS.has(t))) continue;
    const mention = { segment, first, last };
    const name = mentionText(mention);
    // "Meridian (NYSE: MRDN)" after "Meridian Freight": the same company.
    const same = last - first === 1 ? found.find((o) => o.name.split(" ")[0] === name) : undefined;
    const record = same ?? registry.add(name, guessOrganizationKind(name) ?? ("company" as OrganizationKind), 0.7, mention);
    if (same) same.mentions.push(mention);
    claim(segment, first, last);
    if (!same) found.push(record);
    if (exchange && !isClaimed(segment, last + 1, last + 2)) {
      registry.add(tokens[last + 1]!.text, "other" as OrganizationKind, 0.7, { segment, first: last + 1, last: last + 2 });
      claim(segment, last + 1, last + 2);
    }
  }
  // "Meridian Freight" … "Meridian": the first word alone names the company.
  const firstWords = new Map(found.filter((o) => o.name.includes(" ")).map((o) => [o.name.split(" ")[0]!, o]));
  if (!firstWords.size) return;
  for (const span of segment.spans) {
    for (let i = span.first; i < span.last; i++) {
      const org = firstWords.get(tokens[i]!.text);
      if (!org || isClaimed(segment, i, i + 1)) continue;
      const next = tokens[i + 1];
      if (next && next.cap && i + 1 < span.last) continue;
      org.mentions.push({ segment, first: i, last: i + 1 });
      claim(segment, i, i + 1);
    }
  }
}

function organizationAt(segment: Segment, from: number, end: number): { first: number; last: number; confidence: number } | null {
  const { tokens, text } = segment;
  // Longest known name first.
  for (let last = Math.min(end, from + 5); last > from; last--) {
    const phrase = tokens.slice(from, last).map((t) => t.text).join(" ");
    if (knownOrganization(phrase, text.slice(tokens[from]!.start, tokens[last - 1]!.end))) {
      // "Reuters News Agency": a known name and an organization word after it are one name; but
      // "White House national security advisor" stops at the known name.
      const width = last < end ? isOrgHead(tokens[last]!.text, tokens[last + 1]?.text) : 0;
      return { first: from, last: width && last + width <= end ? last + width : last, confidence: 0.9 };
    }
  }
  // A head word within the run: the organization runs from `from` to the head, plus an "of …" tail.
  for (let h = from; h < end; h++) {
    const width = isOrgHead(tokens[h]!.text, tokens[h + 1]?.text);
    if (!width) continue;
    // A lone head word ("University", "Army") is not a name unless something precedes it.
    let last = h + width;
    // "Harlow Capital Group": heads in a row are one name.
    while (last < end && isOrgHead(tokens[last]!.text, tokens[last + 1]?.text)) last += isOrgHead(tokens[last]!.text, tokens[last + 1]?.text);
    if (last < end && ["of", "for"].includes(tokens[last]!.text.toLowerCase())) {
      last = end;
    }
    if (last - from < 2 && !(h > from)) return null;
    return { first: from, last, confidence: 0.85 };
  }
  return null;
}
