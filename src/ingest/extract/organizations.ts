import type { OrganizationKind } from "../../organization/organization.entity";
import { KNOWN_ORGANIZATIONS, NOT_NAMES, ORG_HEADS, lexTags } from "./lexicon";
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
    if (last < end && ["of", "for"].includes(tokens[last]!.text.toLowerCase())) {
      last = end;
    }
    if (last - from < 2 && !(h > from)) return null;
    return { first: from, last, confidence: 0.85 };
  }
  return null;
}
