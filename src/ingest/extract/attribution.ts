import * as chrono from "chrono-node";
import { anonymousIn, anonymousOf, type AnonymousSpeakerRef } from "./anonymous";
import { CHANNEL_NOUNS, CHANNEL_PLATFORMS, CLUB_ROLES, FRAGMENT_VERBS, NOT_NAMES, SPEECH_VERBS, TITLE_HEADS, TITLE_WORDS, isDemonym, isRoleNoun, lexTags } from "./lexicon";
import { COMPANY_NOUNS, isOrgHead, type OrganizationRecord, type OrganizationRegistry } from "./organizations";
import { findPeople, type PeopleRegistry, type PersonRecord } from "./people";
import type { PlaceLookup } from "./places";
import { makeSegment, type Segment } from "./segments";
import { nounPhraseEnd, subjectOf, type Subject } from "./subject";
import { isBrand, type Token } from "./text";

/** Who a quote's attribution names. */
export type Speaker =
  | { kind: "person"; person: PersonRecord }
  | { kind: "organization"; organization: OrganizationRecord }
  | { kind: "pronoun" }
  /** Attributed, but to nobody named ("an official said", "experts say"). */
  | { kind: "unnamed" };

/** An attribution found around a quote. */
export interface Attribution {
  speaker: Speaker;
  /** Which rule chose the speaker (kept in the quote's provenance): see `AttributionRule`. */
  rule?: AttributionRule;
  channel: string | null;
  saidOn: string | null;
  /** "after": “…,” Kim said; "before": Kim said: “…”; "fragment": described China as “…”. */
  how: "after" | "before" | "fragment";
}

/**
 * The rules that choose a quote's speaker among the candidates its clause offers, surest first.
 * Their confidences are what the quote's provenance records.
 */
export const ATTRIBUTION_RULES = {
  "name after the verb": 0.9,
  "clause subject": 0.9,
  "appositive": 0.85,
  "statement introduction": 0.85,
  "transcript label": 0.85,
  "transcript role label": 0.75,
  "organization as subject": 0.8,
  "role by salience": 0.7,
  "surname by salience": 0.75,
  "unknown capitalised name": 0.6,
  "pronoun by salience": 0.75,
  "anonymous description": 0.8,
  "document's issuer": 0.7,
  "carried from the previous quote": 0.7,
  "introduced in the paragraph before": 0.6,
  "speaker heading": 0.75,
} as const;
export type AttributionRule = keyof typeof ATTRIBUTION_RULES;

const VERBS = new Set(SPEECH_VERBS.filter((v) => !v.includes(" ")));
const PHRASE_VERBS = SPEECH_VERBS.filter((v) => v.includes(" ")).map((v) => v.split(" "));
const FRAGMENTS = new Set(FRAGMENT_VERBS);
/** Nouns for a person that an organization's name can qualify ("a State Department official", "Pentagon spokesman"). */
const ROLE_NOUNS = new Set([...TITLE_HEADS, ..."official officials staffer staffers aide aides source sources employee employees executive executives officer officers spokesperson".split(" ")]);
const PRONOUNS = new Set(["he", "she", "they", "i", "we"]);
const PAST_TENSE = /(?:ed|told|telling|wrote|said|according to)$/;

/** Length in tokens of a speech verb at token i (lower-case words only), or 0. */
export function verbAt(tokens: Token[], i: number): number {
  const t = tokens[i];
  if (!t || t.cap) return 0;
  const w = t.text.toLowerCase();
  for (const phrase of PHRASE_VERBS) {
    if (phrase[0] === w && phrase.every((p, k) => tokens[i + k]?.text.toLowerCase() === p)) return phrase.length;
  }
  if (VERBS.has(w)) return 1;
  // "the statement read", "“…,” read the letter": a document's words.
  if (w === "read" || w === "reads") {
    const prev = tokens[i - 1]?.text.toLowerCase() ?? "";
    const next = tokens[i + 2]?.text.toLowerCase() ?? "";
    if (DOCUMENT_NOUNS.has(prev) || (/^(?:the|a|an|its|his|her|their)$/i.test(tokens[i + 1]?.text ?? "") && DOCUMENT_NOUNS.has(next))) return 1;
    // "released a statement of his own, which read in part, “…”": the relative pronoun stands for the document.
    if ((prev === "which" || prev === "that") && tokens.slice(Math.max(0, i - 10), i - 1).some((t) => DOCUMENT_NOUNS.has(t.text.toLowerCase()))) return 1;
  }
  return 0;
}

/** What a writer's "the statement said" can name: a document, which speaks for whoever issued it. */
const DOCUMENT_NOUNS = new Set("statement release letter report filing memo memorandum document notice communique communiqué post message email e-mail note announcement complaint lawsuit indictment ruling judgment verdict".split(" "));

/**
 * The one who issued a document the attribution names ("“…,” the statement read"): the first
 * person or organization (outside the dateline) of the latest earlier sentence that mentions such a
 * document ("Acme Foods issued a statement on Monday"); else the organization the text names most so far.
 */
function documentIssuer(ctx: AttributionContext, noun: string, before: number): Speaker | null {
  const { tokens } = ctx.segment;
  let k = tokens.findIndex((t) => t.start >= before);
  if (k < 0) k = tokens.length;
  for (let j = k - 1; j >= 0 && j >= k - 400; j--) {
    if (tokens[j]!.text.toLowerCase() !== noun || tokens[j - 1]?.text.toLowerCase() === "the") continue;
    let s = j;
    while (s > 0 && !/^[.!?]$/.test(tokens[s - 1]!.text) && j - s < 40) s--;
    // The issuer is named before the noun ("Lopez put out a statement", "the Lopez statement"): a person first, then an organization.
    for (let x = j - 1; x >= s; x--) {
      const person = ctx.people.at(ctx.segment, x);
      if (person) return { kind: "person", person };
    }
    for (let x = j - 1; x >= s; x--) {
      const org = ctx.orgs.at(ctx.segment, x);
      if (org && !inDateline(ctx, x)) return { kind: "organization", organization: org };
    }
  }
  const org = recentOrganization(ctx, before, false);
  return org ? { kind: "organization", organization: org } : null;
}

/**
 * “…,” read a statement attributed to Commander Ana Reid / said a statement from Acme Foods: the
 * one a document after the verb is attributed to speaks (a person anywhere in the title chain
 * before an organization), however long the chain. null when the words after the verb are not
 * such a document.
 */
function documentOwnerAfter(ctx: AttributionContext, from: number, to: number): Choice | null {
  const { tokens } = ctx.segment;
  let k = from;
  if (!/^(?:a|an|the|its|his|her|their)$/i.test(tokens[k]?.text ?? "")) return null;
  k++;
  while (k < to && k < from + 4 && !DOCUMENT_NOUNS.has(tokens[k]!.text.toLowerCase())) k++;
  if (k >= to || !DOCUMENT_NOUNS.has(tokens[k]!.text.toLowerCase())) return null;
  k++;
  if (tokens[k]?.text.toLowerCase() === "attributed" && tokens[k + 1]?.text.toLowerCase() === "to") k += 2;
  else if (/^(?:from|by|of)$/i.test(tokens[k]?.text ?? "")) k++;
  else return null;
  let e = k;
  while (e < to && tokens[e]!.text !== "," && e - k < 24 && (e === k || !verbAt(tokens, e))) e++;
  const owner = chooseIn(ctx, k, e, true);
  return owner ? { speaker: owner.speaker, rule: "document's issuer" } : null;
}

/** The person named most recently before an offset whose title has the word `head` ("the judge" → Judge Marta Pell). */
function titledBefore(ctx: AttributionContext, head: string, before: number): PersonRecord | null {
  const { tokens } = ctx.segment;
  let best: { person: PersonRecord; at: number } | null = null;
  for (const p of ctx.people.all) {
    if (!p.titles.some((t) => t.title.toLowerCase().split(/\s+/).includes(head))) continue;
    for (const m of p.mentions) {
      const at = m.segment === ctx.segment ? tokens[m.first]!.start : -1;
      if (at >= 0 && at < before && (!best || at > best.at)) best = { person: p, at };
    }
  }
  return best?.person ?? null;
}

/** The person named most recently before `before` whose title ends with the whole `phrase` ("prime minister"). */
function titledWith(ctx: AttributionContext, phrase: string, before: number): PersonRecord | null {
  const { tokens } = ctx.segment;
  let best: { person: PersonRecord; at: number } | null = null;
  for (const p of ctx.people.all) {
    if (!p.titles.some((t) => ` ${t.title.toLowerCase()}`.endsWith(` ${phrase}`))) continue;
    for (const m of p.mentions) {
      const at = m.segment === ctx.segment ? tokens[m.first]!.start : -1;
      if (at >= 0 && at < before && (!best || at > best.at)) best = { person: p, at };
    }
  }
  return best?.person ?? null;
}

/** A noun for a person's role or origin that stands for someone named earlier: "the coach", "the Brazilian", "the 34-year-old", "the former diplomat". */
function isPersonNoun(t: Token): boolean {
  const w = t.text.toLowerCase();
  if (t.cap) return isDemonym(t.text) && !lexTags(w).includes("Plural");
  if (isOrgHead(w) || COMPANY_NOUNS.has(w) || DOCUMENT_NOUNS.has(w)) return false;
  return /^\d+-year-old$/.test(w) || CLUB_ROLES.has(w) || isRoleNoun(w);
}

/** The tokens context the attribution rules read: the body segment and the registries. */
export interface AttributionContext {
  segment: Segment;
  people: PeopleRegistry;
  orgs: OrganizationRegistry;
  places: PlaceLookup;
  /** Local noon of the publication day: the reference for "on Friday". */
  reference: Date | null;
  /** Offsets of every quotation mark that opens a quote: a clause stops there. */
  quoteOpens: Set<number>;
  /** The article's headline: who a transcript's "PM:" is when the body gives nobody that title. */
  headline?: string;
  /** The headline as a segment, made the first time a rule reads it. */
  headlineSegment?: Segment;
}

/**
 * Token range of the clause after a closing quotation mark: up to the end of the sentence or the
 * next quotation, continuing over a paragraph break that splits a sentence (a paragraph ending in
 * a comma, the next starting in lower case).
 */
export function clauseAfter(ctx: AttributionContext, offset: number): [number, number] {
  const { tokens } = ctx.segment;
  const a = tokens.findIndex((t) => t.start > offset);
  if (a < 0) return [tokens.length, tokens.length];
  const markIndex = a - 1;
  let b = a;
  while (b < tokens.length) {
    const t = tokens[b]!;
    const prevParagraph = b === a ? tokens[markIndex]?.paragraph : tokens[b - 1]!.paragraph;
    if (t.paragraph !== prevParagraph) {
      const prevText = b === a ? ctx.segment.text[offset - 1] ?? "" : tokens[b - 1]!.text;
      if (!/^[,;:]$/.test(prevText) || !/^\p{Ll}/u.test(t.text)) break;
    }
    if (/^[.!?]$/.test(t.text) || ctx.quoteOpens.has(t.start)) break;
    b++;
  }
  return [a, b];
}

/** Token range of the sentence part before an opening quotation mark. */
export function clauseBefore(ctx: AttributionContext, offset: number, overPartials = false): [number, number] {
  const { tokens } = ctx.segment;
  let d = tokens.findIndex((t) => t.start >= offset);
  if (d < 0) d = tokens.length;
  let c = d;
  while (c > 0) {
    const t = tokens[c - 1]!;
    if (tokens[d] && t.paragraph !== tokens[d]!.paragraph) break;
    // overPartials: a closing mark right after a word (`blamed “bedding-in issues” for`) closes a
    // phrase inside the writer's sentence, not the sentence.
    const closesPhrase = overPartials && c > 1 && !/^[.!?,;:…]$/.test(tokens[c - 2]!.text);
    if (/^[.!?]$/.test(t.text) || (/^[”»"]$/.test(t.text) && !closesPhrase)) break;
    c--;
  }
  return [c, d];
}

/**
 * The organization a role noun ("the company", "the firm") or "it" refers to, by salience: of those
 * named before the offset outside the dateline (companies only, if asked), the one the text names
 * most often so far; between equals, the most recent.
 */
function recentOrganization(ctx: AttributionContext, before: number, companyOnly: boolean): OrganizationRecord | null {
  const { tokens } = ctx.segment;
  const earlier = ctx.segment.text.slice(0, before);
  let best: { org: OrganizationRecord; count: number; at: number } | null = null;
  for (const o of ctx.orgs.all) {
    if (companyOnly && o.kind != null && o.kind !== "company" && o.kind !== "ngo" && o.kind !== "other") continue;
    let at = -1;
    for (const m of o.mentions) {
      if (m.segment !== ctx.segment || inDateline(ctx, m.first)) continue;
      const start = tokens[m.first]!.start;
      if (start < before && start > at) at = start;
    }
    if (at < 0) continue;
    const count = earlier.split(o.name).length - 1;
    if (!best || count > best.count || (count === best.count && at > best.at)) best = { org: o, count, at };
  }
  return best?.org ?? null;
}

/** A speaker and the rule that chose it. */
interface Choice {
  speaker: Speaker;
  rule: AttributionRule | null;
}

/** Whether token k sits in the dateline ("LIMA (Newswire) -"), which never speaks. */
export function inDateline(ctx: AttributionContext, k: number): boolean {
  const { tokens } = ctx.segment;
  const paragraph = tokens[k]!.paragraph;
  let start = k;
  while (start > 0 && tokens[start - 1]!.paragraph === paragraph) start--;
  for (let j = start; j < tokens.length && j < start + 10 && tokens[j]!.paragraph === paragraph; j++) {
    if (/^[-—–]$/.test(tokens[j]!.text) && j > start && tokens.slice(start, j).some((t) => t.text === ")")) return k < j;
    if (/^[.!?“"]$/.test(tokens[j]!.text)) return false;
  }
  return false;
}

/**
 * The speaker among a clause part's candidates: a person named anywhere in it beats an
 * organization in it ("State Department spokesperson John Doe"); a pronoun, a role noun ("the
 * judge") or an unknown capitalised name come after; the dateline never speaks.
 */
function chooseIn(ctx: AttributionContext, first: number, last: number, knownOnly = false): Choice | null {
  const { tokens } = ctx.segment;
  const anonymous = knownOnly ? null : anonymousIn(ctx, first, last);
  if (anonymous) return { speaker: anonymous, rule: "anonymous description" };
  for (let k = first; k < last; k++) {
    const person = ctx.people.at(ctx.segment, k);
    if (person) {
      const m = person.mentions.find((x) => x.segment === ctx.segment && x.first <= k && k < x.last);
      // "Reyes family attorney Benjamin Ortiz": a surname qualifying a role, then the person who holds it.
      if (m && m.last - m.first === 1) {
        let j = m.last;
        while (j < last && j < m.last + 4 && !tokens[j]!.cap && /^\p{Ll}[\p{L}-]*$/u.test(tokens[j]!.text)) j++;
        const holder = j > m.last && j < last ? ctx.people.at(ctx.segment, j) : undefined;
        if (holder && holder !== person && isRoleNoun(tokens[j - 1]!.text)) {
          k = j - 1;
          continue;
        }
      }
      const short = m != null && m.last - m.first === 1 && person.name.includes(" ");
      return { speaker: { kind: "person", person }, rule: short ? "surname by salience" : null };
    }
  }
  for (let k = first; k < last; k++) {
    const org = ctx.orgs.at(ctx.segment, k);
    if (!org || inDateline(ctx, k)) continue;
    // "a senior State Department official", "Pentagon spokesman": the organization only qualifies an unnamed speaker.
    const m = org.mentions.find((x) => x.segment === ctx.segment && x.first <= k && k < x.last);
    const next = m && m.last < last ? tokens[m.last] : undefined;
    if (next && !next.cap && ROLE_NOUNS.has(next.text.toLowerCase())) return { speaker: { kind: "unnamed" }, rule: null };
    return { speaker: { kind: "organization", organization: org }, rule: "organization as subject" };
  }
  if (knownOnly) return null;
  const words = tokens.slice(first, last).filter((t) => !/^[,;:—–-]$/.test(t.text));
  if (words.length === 1 && PRONOUNS.has(words[0]!.text.toLowerCase())) return { speaker: { kind: "pronoun" }, rule: "pronoun by salience" };
  // "it said": the organization most recently named, outside the dateline.
  if (words.length === 1 && words[0]!.text.toLowerCase() === "it") {
    const org = recentOrganization(ctx, words[0]!.start, false);
    return org ? { speaker: { kind: "organization", organization: org }, rule: "pronoun by salience" } : { speaker: { kind: "unnamed" }, rule: null };
  }
  // "the fire department said", "the county council said": the organization named earlier whose name has all those words.
  if (words.length >= 3 && words.length <= 4 && words[0]!.text.toLowerCase() === "the" && words.slice(1).every((t) => !t.cap && /^\p{Ll}+$/u.test(t.text)) && isOrgHead(words[words.length - 1]!.text.toLowerCase())) {
    const wanted = words.slice(1).map((t) => t.text.toLowerCase());
    const before = tokens[first]!.start;
    const org = [...ctx.orgs.all]
      .reverse()
      .find((o) => o.mentions.some((m) => m.segment === ctx.segment && tokens[m.first]!.start < before) && wanted.every((w) => o.name.toLowerCase().split(/\s+/).includes(w)));
    if (org) return { speaker: { kind: "organization", organization: org }, rule: "role by salience" };
  }
  // "the council said": the organization named earlier whose name has that word (else a person with that title).
  if (words.length === 2 && words[0]!.text.toLowerCase() === "the" && !words[1]!.cap) {
    const head = words[1]!.text.toLowerCase();
    const before = tokens[first]!.start;
    const org = [...ctx.orgs.all]
      .reverse()
      .find((o) => o.mentions.some((m) => m.segment === ctx.segment && tokens[m.first]!.start < before) && o.name.toLowerCase().split(/\s+/).includes(head));
    if (org) return { speaker: { kind: "organization", organization: org }, rule: "role by salience" };
    // "the company said": the company most recently named.
    if (COMPANY_NOUNS.has(head) || head === "group") {
      const company = recentOrganization(ctx, before, true);
      if (company) return { speaker: { kind: "organization", organization: company }, rule: "role by salience" };
    }
    // "the judge said": the person named most recently before whose title has that word.
    const titled = titledBefore(ctx, head, before);
    if (titled) return { speaker: { kind: "person", person: titled }, rule: "role by salience" };
    // "the statement read": the document speaks for whoever issued it.
    if (DOCUMENT_NOUNS.has(head)) {
      const issuer = documentIssuer(ctx, head, before);
      if (issuer) return { speaker: issuer, rule: "document's issuer" };
    }
  }
  // "the coach said", "the Brazilian said", "the former diplomat said": a role or a nationality
  // standing for a person named earlier, resolved by salience like a pronoun (a title with that word first).
  if (words.length >= 2 && words.length <= 4 && words[0]!.text.toLowerCase() === "the" && isPersonNoun(words[words.length - 1]!)) {
    const middle = words.slice(1, -1);
    if (middle.every((t) => !t.cap && /^[\p{Ll}\d-]+$/u.test(t.text))) {
      const before = tokens[first]!.start;
      const titled = titledBefore(ctx, words[words.length - 1]!.text.toLowerCase(), before);
      if (titled) return { speaker: { kind: "person", person: titled }, rule: "role by salience" };
      // "The reporter asked": with nobody named before to stand for, the role describes an unnamed speaker.
      if (!ctx.people.all.some((p) => p.mentions.some((m) => m.segment === ctx.segment && tokens[m.first]!.start < before))) {
        const description = ctx.segment.text.slice(words[0]!.start, words[words.length - 1]!.end);
        return { speaker: { kind: "unnamed", anonymous: { description, organization: null } } as Speaker, rule: "anonymous description" };
      }
      return { speaker: { kind: "pronoun" }, rule: "role by salience" };
    }
  }
  // "The Prime Minister said", "the Chief Constable said": a title of office written with capitals as the
  // second reference to the person the text gave it (the whole title first, then its head word).
  if (words.length >= 2 && words.length <= 4 && words[0]!.text.toLowerCase() === "the" && words[words.length - 1]!.cap && isRoleNoun(words[words.length - 1]!.text)) {
    const title = words.slice(1);
    if (title.every((t) => /^\p{Lu}[\p{Ll}-]+$/u.test(t.text) && !ctx.people.at(ctx.segment, tokens.indexOf(t)) && !ctx.orgs.at(ctx.segment, tokens.indexOf(t)))) {
      const before = tokens[first]!.start;
      const phrase = title.map((t) => t.text.toLowerCase()).join(" ");
      const titled = titledWith(ctx, phrase, before) ?? titledBefore(ctx, phrase.split(" ").pop()!, before);
      return titled ? { speaker: { kind: "person", person: titled }, rule: "role by salience" } : { speaker: { kind: "pronoun" }, rule: "role by salience" };
    }
  }
  // A capitalised name no other rule knew, in a speaker's position: "“…,” said Okonkwo."
  const caps = words.filter((t) => t.cap && !NOT_NAMES.has(t.text.toLowerCase()));
  const endsWithName = words.length > 0 && words[words.length - 1] === caps[caps.length - 1];
  // Not a role, a plural common noun or a nationality written with a capital ("Critics say", "Officials said", "Brazilian").
  const commonNoun = (t: Token): boolean => isRoleNoun(t.text) || isDemonym(t.text) || lexTags(t.text).some((g) => g === "Plural" || g === "Actor" || g === "Uncountable");
  const brand = caps.length > 0 && isBrand(ctx.segment.text, ctx.segment.text.slice(caps[0]!.start, caps[caps.length - 1]!.end));
  if (endsWithName && !brand && caps.length >= 1 && caps.length <= 3 && !(caps.length === 1 && commonNoun(caps[0]!)) && caps.every((t) => /^\p{Lu}[\p{Ll}'’-]+$/u.test(t.text))) {
    const firstCap = tokens.indexOf(caps[0]!);
    const lastCap = tokens.indexOf(caps[caps.length - 1]!) + 1;
    if (lastCap - firstCap === caps.length) {
      const name = ctx.segment.text.slice(caps[0]!.start, caps[caps.length - 1]!.end);
      if (!ctx.places.lookup(name, true)) {
        // A surname of a person named earlier ("Okafor asserted"): that person, by salience.
        if (caps.length === 1) {
          const known = ctx.people.all.filter((p) => p.name.split(/\s+/).slice(-1)[0] === name && p.name.includes(" "));
          if (known.length === 1) return { speaker: { kind: "person", person: known[0]! }, rule: "surname by salience" };
        }
        const person = ctx.people.add(name, { segment: ctx.segment, first: firstCap, last: lastCap }, 0.6);
        return { speaker: { kind: "person", person }, rule: "unknown capitalised name" };
      }
    }
  }
  return words.length ? { speaker: { kind: "unnamed" }, rule: null } : null;
}

/**
 * The speaker a subject noun phrase names: a person in its head ("Ana Reid" of "Ana Reid, an
 * economist who advised Truss,"), else a person in apposition to it ("The lawyer for the family,
 * Jo Park,"), else what its head is (an organization, an anonymous source, a role or a pronoun
 * resolved by salience). A speaker of null: the head is a noun phrase that names nobody ("The plan").
 * null when the head offers no candidate at all.
 */
function subjectChoice(ctx: AttributionContext, subject: Subject): { speaker: Speaker | null; rule: AttributionRule | null } | null {
  const [h0, h1] = subject.head;
  const head = chooseIn(ctx, h0, h1);
  // A capitalised run nobody was found under ("County Policing Commander") gives way to a person in apposition.
  if (head?.speaker.kind === "person" && head.rule !== "unknown capitalised name") return { speaker: head.speaker, rule: head.rule ?? "clause subject" };
  for (const [a, b] of subject.appositives) {
    const named = chooseIn(ctx, a, nounPhraseEnd(ctx, a, b), true);
    if (named?.speaker.kind === "person") return { speaker: named.speaker, rule: "appositive" };
  }
  if (!head) return null;
  if (head.speaker.kind === "person") return { speaker: head.speaker, rule: head.rule ?? "clause subject" };
  if (head.speaker.kind === "unnamed" && !anonymousOf(head.speaker)) return { speaker: { kind: "unnamed" }, rule: null };
  return { speaker: head.speaker, rule: head.rule };
}

const NOUNS = CHANNEL_NOUNS.join("|");
const PLATFORMS = CHANNEL_PLATFORMS.map((p) => p.replace(/\s+/g, "\\s+")).join("|");
const CHANNEL_PATTERNS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [
    new RegExp(
      `\\b(?:in|via|through)\\s+(?:a|an|the|his|her|their|its)\\s+((?:[\\p{L}-]+\\s+){0,3}(?:${NOUNS})s?(?:\\s+(?:to|with)\\s+(?:the\\s+)?\\p{Lu}[\\p{L}.&]*(?:\\s+\\p{Lu}[\\p{L}.&]*){0,3})?)`,
      "iu",
    ),
    (m) => m[1]!,
  ],
  // "on a call with analysts", "on a conference call with investors".
  [
    /\bon\s+(?:a|an|the|its|his|her|their)\s+((?:[\p{L}-]+\s+){0,2}(?:call|podcast|programme|program|show|livestream)(?:\s+with\s+(?:analysts|investors|reporters|journalists|shareholders))?)\b/iu,
    (m) => m[1]!,
  ],
  [new RegExp(`\\bon\\s+(${PLATFORMS})\\b`, "u"), (m) => m[1]!],
  [/\b(?:at|during)\s+(?:a|an|the)\s+((?:[\p{L}-]+\s+){0,2}(?:conference|briefing|hearing|rally|summit|meeting|forum|event|session))\b/iu, (m) => m[1]!],
  [/\b(?:by|via|over the)\s+(e-?mail|phone|telephone|text message)\b/i, (m) => m[1]!],
  [/\bin\s+(remarks|comments|testimony|a tweet|a post)\b/i, (m) => m[1]!],
];

/** How something was said, read from the words after the verb ("in an emailed statement"; "told reporters"). */
export function channelOf(verb: string, after: string): string | null {
  const clause = after.split(/[,;]/)[0]!;
  if (/^(?:told|tells|tell|telling)$/i.test(verb)) {
    const object = /^\s*((?:the\s+)?[\p{L}.&’'-]+(?:\s+\p{Lu}[\p{L}.&’'-]*){0,3})/u.exec(clause);
    if (object && !/^(?:that|him|her|them|us|me|it)$/i.test(object[1]!)) return `${verb.toLowerCase() === "telling" ? "told" : verb.toLowerCase()} ${object[1]}`;
  }
  for (const [pattern, pick] of CHANNEL_PATTERNS) {
    const m = pattern.exec(clause);
    if (m) return pick(m).replace(/\s+/g, " ");
  }
  if (/^tweet(?:ed|s)?$/i.test(verb)) return "Twitter";
  return null;
}

/** The day a clause says ("on Friday"), resolved against the publication date; a past-tense verb looks backwards. */
export function dateOf(ctx: AttributionContext, clause: string, verb: string): string | null {
  if (!ctx.reference) return null;
  const m = /\b(?:on\s+)?((?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?|yesterday|today)\b/i.exec(
    clause,
  );
  if (!m) return null;
  const results = chrono.parse(m[0], ctx.reference, { forwardDate: false });
  if (!results.length) return null;
  const date = results[0]!.start.date();
  if (PAST_TENSE.test(verb.toLowerCase()) && date.getTime() > ctx.reference.getTime() + 12 * 3600_000) date.setDate(date.getDate() - 7);
  return isoDay(date);
}

/** The local calendar day of a date, as YYYY-MM-DD. */
export function isoDay(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

function text(ctx: AttributionContext, first: number, last: number): string {
  const { tokens } = ctx.segment;
  if (last <= first) return "";
  return ctx.segment.text.slice(tokens[first]!.start, tokens[last - 1]!.end);
}

/**
 * The speaker a transcript label names ("MARA VOSS", "Sir Alex Ferguson", "Iranian Foreign Minister
 * Mohammad Javad Zarif", "STEPHANOPOULOS"): the person or organization named inside it; else the
 * person whose full name or surname it is, written in capitals; else a new person under the
 * label's words in their usual case.
 */
export function labelSpeaker(ctx: AttributionContext, label: { start: number; end: number }): Attribution | null {
  const { tokens } = ctx.segment;
  const first = tokens.findIndex((t) => t.start >= label.start);
  let last = first;
  while (last < tokens.length && tokens[last]!.end <= label.end) last++;
  if (first < 0 || last <= first) return null;
  const made = (speaker: Speaker): Attribution => ({ speaker, rule: "transcript label", channel: null, saidOn: null, how: "before" });
  for (let k = first; k < last; k++) {
    const person = ctx.people.at(ctx.segment, k);
    if (person) return made({ kind: "person", person });
  }
  for (let k = first; k < last; k++) {
    const org = ctx.orgs.at(ctx.segment, k);
    if (org) return made({ kind: "organization", organization: org });
  }
  const words = tokens.slice(first, last).map((t) => t.text);
  const role = labelRole(ctx, words);
  if (role) return { ...made(role), rule: "transcript role label" };
  const cased = words.map((w) => (w === w.toUpperCase() ? w.charAt(0) + w.slice(1).toLowerCase().replace(/([-'’])(\p{L})/gu, (_, d: string, c: string) => d + c.toUpperCase()) : w)).join(" ");
  const key = cased.toLowerCase();
  const known = ctx.people.all.find((p) => p.name.toLowerCase() === key) ?? (words.length === 1 ? ctx.people.resolve(cased) : undefined);
  if (known) return made({ kind: "person", person: known });
  if (words.some((w) => NOT_NAMES.has(w.toLowerCase())) || ctx.places.lookup(cased)) return null;
  const person = ctx.people.add(cased, { segment: ctx.segment, first, last }, 0.7);
  return made({ kind: "person", person });
}

/** Abbreviations transcripts write for a speaker's title in their labels ("PM:"). */
const LABEL_ABBREVIATIONS: Record<string, string> = { pm: "prime minister", dpm: "deputy prime minister", fm: "foreign minister", mp: "member of parliament" };

/**
 * The speaker of a transcript label that names a role, not a person ("JOURNALIST:", "PM:",
 * "Presenter:"): the person the text gives that title ("Presenter Tom Bell", "Prime Minister
 * Julia Gillard"); for a title of office with nobody so titled, the person the headline names (a
 * transcript of the prime minister's press conference is headed by her name); else an unnamed
 * speaker described by the label ("journalist"). null when the label is not a role.
 */
function labelRole(ctx: AttributionContext, words: string[]): Speaker | null {
  const key = words.join(" ").toLowerCase().replace(/\.$/, "");
  const role = (LABEL_ABBREVIATIONS[key] ?? key).split(/\s+/);
  const head = role[role.length - 1]!;
  if (!role.every((w) => isRoleNoun(w) || TITLE_WORDS.has(w) || w === "of") || !(isRoleNoun(head) || TITLE_HEADS.has(head))) return null;
  const titled = ctx.people.all.filter((p) => p.titles.some((t) => {
    const title = t.title.toLowerCase().split(/\s+/);
    return role.every((w) => w === "of" || title.includes(w));
  }));
  if (titled.length) return { kind: "person", person: titled.sort((a, b) => b.mentions.length - a.mentions.length)[0]! };
  if (TITLE_HEADS.has(head) && head !== "officer" && ctx.headline) {
    const named = headlinePerson(ctx);
    if (named) return { kind: "person", person: named };
  }
  const unnamed: AnonymousSpeakerRef = { kind: "unnamed", anonymous: { description: role.join(" "), organization: null } };
  return unnamed;
}

/** The first person the headline names, read from the headline as its own segment (once). */
function headlinePerson(ctx: AttributionContext): PersonRecord | null {
  if (!ctx.headlineSegment) {
    ctx.headlineSegment = makeSegment(ctx.headline ?? "", "headline");
    findPeople(ctx.headlineSegment, ctx.people, ctx.orgs, ctx.places);
  }
  const segment = ctx.headlineSegment;
  const found = ctx.people.all
    .map((p) => ({ p, at: Math.min(...p.mentions.filter((m) => m.segment === segment).map((m) => m.first)) }))
    .filter((x) => Number.isFinite(x.at))
    .sort((a, b) => a.at - b.at);
  return found[0]?.p ?? null;
}

/**
 * The attribution after a quote: “…,” Patricia Kim, a senior policy analyst at …, wrote in an
 * emailed statement on Friday. / “…,” said Kim. / “…,” according to Kim. / “…,” he added.
 */
export function attributionAfter(ctx: AttributionContext, close: number, quoteText: string): Attribution | null {
  const { tokens } = ctx.segment;
  const [a0, b] = clauseAfter(ctx, close);
  // “… a weakness.” Henriksen said …: the period inside the marks ended the sentence.
  if (/[.!?]$/.test(quoteText) && tokens[a0]?.cap) return null;
  let a = a0;
  while (a < b && /^[,—–-]$/.test(tokens[a]!.text)) a++;
  if (a >= b) return null;
  for (let v = a; v < Math.min(b, a + 32); v++) {
    const len = verbAt(tokens, v);
    if (!len) continue;
    const verb = text(ctx, v, v + len);
    let speaker: Speaker | null;
    let rule: AttributionRule | null;
    let restFrom = v + len;
    if (v === a) {
      // "said Kim", "according to Kim, a professor at …": the speaker follows the verb, a noun phrase
      // with its prepositional phrases ("said House Committee on Oversight Chairman James Comer",
      // "said a spokesperson for the ministry"), not a relative clause after it ("said one local
      // official who said he feared reprisals").
      let e = restFrom;
      while (e < b && tokens[e]!.text !== "," && e - restFrom < 24) e++;
      const phrase = e > restFrom ? nounPhraseEnd(ctx, restFrom, e, undefined, true) : e;
      e = Math.min(e, restFrom + 8);
      const owner = documentOwnerAfter(ctx, restFrom, b);
      const inPhrase = phrase > restFrom ? chooseIn(ctx, restFrom, phrase) : null;
      const named = inPhrase && (inPhrase.speaker.kind !== "unnamed" || anonymousOf(inPhrase.speaker));
      if (named) e = phrase;
      const choice = owner ?? (named ? inPhrase : chooseIn(ctx, restFrom, e));
      speaker = choice?.speaker ?? null;
      rule = choice?.rule ?? "name after the verb";
      restFrom = owner ? restFrom : e;
    } else {
      let head = a;
      while (head < v && tokens[head]!.text !== ",") head++;
      if (head - a > 16) return null;
      // The subject's head noun phrase, then its appositives: "“…,” Ana Reid, an economist who advised Truss, said."
      const subject = head - a > 8 || tokens.slice(a, v).some((t) => t.text === "(") ? subjectOf(ctx, a, v) : null;
      const chosen = subject ? subjectChoice(ctx, subject) : null;
      if (chosen) {
        if (!chosen.speaker) return null;
        const rest = text(ctx, restFrom, b);
        return { speaker: chosen.speaker, rule: chosen.rule ?? "clause subject", channel: channelOf(verb, rest), saidOn: dateOf(ctx, rest, verb), how: "after" };
      }
      if (head - a > 8) return null;
      const choice = chooseIn(ctx, a, head);
      speaker = choice?.speaker ?? null;
      rule = choice?.rule ?? "clause subject";
      // "the association’s chief negotiator, Helen Marsh, told reporters": the name is in apposition.
      if (!speaker || speaker.kind === "unnamed" || speaker.kind === "organization") {
        const named = chooseIn(ctx, head, v, true);
        if (named && named.speaker.kind === "person") {
          speaker = named.speaker;
          rule = "appositive";
        } else if (named && (!speaker || speaker.kind === "unnamed")) {
          speaker = named.speaker;
          rule = "appositive";
        }
      }
    }
    if (!speaker) return null;
    if (rule === "organization as subject" && v === a) rule = "name after the verb";
    const rest = text(ctx, restFrom, b);
    // "said Kim, a spokeswoman for the ministry, in an emailed statement": past the appositive.
    const pastAppositive = /^\s*,[^,]*,(.*)$/su.exec(rest)?.[1];
    const channel = channelOf(verb, rest) ?? (pastAppositive ? channelOf(verb, pastAppositive) : null);
    return { speaker, rule: rule ?? undefined, channel, saidOn: dateOf(ctx, rest, verb), how: "after" };
  }
  return null;
}

const DOCUMENT = new RegExp(`\\b(?:its|his|her|their|a|an|the)\\s+((?:[\\p{L}-]+\\s+){0,4}(?:${NOUNS}))\\b`, "iu");

/**
 * The attribution before a quote: Kim said: “…” / According to Kim, “…” / the White House
 * released its strategy document that described China as “…” (a fragment, whose speaker is the
 * subject before the verb, and whose channel is the document named between them).
 */
export function attributionBefore(ctx: AttributionContext, open: number, fragment: boolean): Attribution | null {
  const found = attributionInClause(ctx, open, fragment, false);
  // "She blamed “bedding-in issues” for the delays and said the council was “working flat out”": a
  // partial quote's clause goes on back over an earlier partial quote of the same sentence.
  return found || !fragment ? found : attributionInClause(ctx, open, fragment, true);
}

function attributionInClause(ctx: AttributionContext, open: number, fragment: boolean, overPartials: boolean): Attribution | null {
  const { tokens } = ctx.segment;
  const [c, d] = clauseBefore(ctx, open, overPartials);
  if (overPartials && c === clauseBefore(ctx, open)[0]) return null;
  if (d <= c) return null;
  const introduces = /^[:,]$/.test(tokens[d - 1]!.text);
  if (!introduces && !fragment) return null;
  for (let v = d - 1; v >= c; v--) {
    const len = verbAt(tokens, v);
    const isFragmentVerb = fragment && !tokens[v]!.cap && FRAGMENTS.has(tokens[v]!.text.toLowerCase());
    if (!len && !isFragmentVerb) continue;
    const width = len || 1;
    const verb = text(ctx, v, v + width);
    let speaker: Speaker | null = null;
    let rule: AttributionRule = "clause subject";
    let channelFrom = c;
    // "Sentencing Hollis, the judge said he had caused “…”": the noun phrase right before the verb
    // is the subject when it is a role, a document or an anonymous source, whoever is named before it.
    let s = v;
    while (s > c && tokens[s - 1]!.text !== "," && v - s < 5) s--;
    if (s < v && (s === c || tokens[s - 1]!.text === ",")) {
      const near = chooseIn(ctx, s, v);
      if (near && (near.rule === "role by salience" || near.rule === "document's issuer" || anonymousOf(near.speaker))) {
        speaker = near.speaker;
        rule = near.rule ?? "clause subject";
        channelFrom = s;
      }
    }
    // The subject noun phrase of the verb (after an earlier speech verb or "that" in the sentence):
    // its head, else a person in apposition to it, rather than the last name before the verb.
    if (!speaker) {
      let from = c;
      for (let k = v - 1; k > c; k--) {
        if (tokens[k]!.text === ";" || verbAt(tokens, k)) {
          from = k + Math.max(1, verbAt(tokens, k));
          break;
        }
      }
      if (/^that$/i.test(tokens[from]?.text ?? "") && from < v) from++;
      const subject = subjectOf(ctx, from, v);
      const chosen = subject ? subjectChoice(ctx, subject) : null;
      if (chosen?.speaker) {
        speaker = chosen.speaker;
        rule = chosen.rule ?? "clause subject";
        channelFrom = subject!.head[1];
      }
    }
    // The subject: the nearest person or organization before the verb.
    for (let k = v - 1; k >= c && !speaker; k--) {
      const person = ctx.people.at(ctx.segment, k);
      // "dismissed Dubois’s claims, telling the agency": a possessor is not the subject; the name before it may be.
      if (person && /^['’]s?$/.test(tokens[k + 1]?.text ?? "") && !ctx.people.at(ctx.segment, k + 1)) continue;
      if (person) speaker = { kind: "person", person };
      else {
        const org = ctx.orgs.at(ctx.segment, k);
        if (org && inDateline(ctx, k)) {
          // "LIMA (Newswire) - …": the dateline never speaks.
        } else if (org && modifiesNoun(ctx, org, k)) {
          // "A football agent accused of defrauding three Premier League clubs told the court": the clubs do not speak.
          speaker = { kind: "unnamed" };
        } else if (org && tokens.slice(k + 1, v).some((t) => t.text === ",") && personAfterComma(ctx, k + 1, v)) {
          // "In an interview with the Harbour Service, Alvarez said": the organization is not the subject.
          const choice = personAfterComma(ctx, k + 1, v)!;
          speaker = choice.speaker;
          rule = choice.rule ?? "clause subject";
        } else if (org) {
          const owner = appositionOwner(ctx, c, k);
          speaker = owner ?? { kind: "organization", organization: org };
          rule = owner ? "appositive" : "organization as subject";
        } else if (PRONOUNS.has(tokens[k]!.text.toLowerCase()) && k >= v - 3) {
          speaker = { kind: "pronoun" };
          rule = "pronoun by salience";
        }
      }
      channelFrom = k + 1;
    }
    // "The judge said Smith had caused “…”": a role noun as the subject, resolved by salience.
    if (!speaker && v > c) {
      const choice = chooseIn(ctx, c, v);
      if (choice && (choice.rule === "role by salience" || choice.rule === "document's issuer" || (choice.rule === "pronoun by salience" && choice.speaker.kind === "organization"))) {
        speaker = choice.speaker;
        rule = choice.rule;
      }
    }
    if (!speaker && verb.toLowerCase() === "according to") {
      let e = v + width;
      while (e < d && tokens[e]!.text !== ",") e++;
      const choice = chooseIn(ctx, v + width, e);
      speaker = choice?.speaker ?? null;
      rule = choice?.rule ?? "name after the verb";
    }
    if (!speaker) {
      // "said Kim:": the speaker follows the verb.
      const choice = chooseIn(ctx, v + width, d - (introduces ? 1 : 0));
      speaker = choice?.speaker ?? null;
      rule = choice?.rule && choice.rule !== "organization as subject" ? choice.rule : "name after the verb";
      if (!speaker || speaker.kind === "unnamed") return null;
    }
    const between = text(ctx, channelFrom, v);
    const after = text(ctx, v + width, d);
    const doc = fragment ? DOCUMENT.exec(between) : null;
    const channel = doc ? doc[1]!.replace(/\s+/g, " ") : channelOf(verb, after) ?? channelOf(verb, between);
    return { speaker, rule, channel, saidOn: dateOf(ctx, `${between} ${after}`, verb), how: fragment && !introduces ? "fragment" : "before" };
  }
  return null;
}

/** The person (known or a capitalised name) after the last comma before the verb, or null. */
function personAfterComma(ctx: AttributionContext, from: number, v: number): Choice | null {
  const { tokens } = ctx.segment;
  let comma = -1;
  for (let j = from; j < v; j++) if (tokens[j]!.text === ",") comma = j;
  if (comma < 0 || comma + 1 >= v) return null;
  const choice = chooseIn(ctx, comma + 1, v);
  return choice?.speaker.kind === "person" ? choice : null;
}

/**
 * Whether an organization's name at token k only qualifies a noun inside a longer phrase: after a
 * number or a verb's -ing form, and before a lower-case noun ("defrauding three Premier League
 * clubs", "two Google engineers").
 */
function modifiesNoun(ctx: AttributionContext, org: OrganizationRecord, k: number): boolean {
  const { tokens } = ctx.segment;
  const m = org.mentions.find((x) => x.segment === ctx.segment && x.first <= k && k < x.last);
  if (!m) return false;
  const before = tokens[m.first - 1];
  const after = tokens[m.last];
  if (!before || !after || after.cap || !/^\p{Ll}+$/u.test(after.text) || verbAt(tokens, m.last)) return false;
  return /^(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|several|many|dozens|hundreds|thousands)$/.test(before.text) || /ing$/.test(before.text);
}

/**
 * The channel of a "told the BBC" in the sentence before a quote attributed only by a pronoun:
 * "Samuel Okoro told the BBC the family was confident. “He will be cleared,” he said."
 */
export function channelBefore(ctx: AttributionContext, open: number, person: PersonRecord): string | null {
  const { tokens } = ctx.segment;
  const [c] = clauseBefore(ctx, open);
  const end = c - 1;
  if (end < 0 || tokens[end]!.text !== ".") return null;
  let start = end;
  while (start > 0 && !/^[.!?]$/.test(tokens[start - 1]!.text) && tokens[start - 1]!.paragraph === tokens[end]!.paragraph) start--;
  if (tokens[c]?.paragraph !== tokens[end]!.paragraph) return null;
  for (let k = start; k < end; k++) {
    if (ctx.people.at(ctx.segment, k) !== person) continue;
    for (let v = k + 1; v < end && v < k + 12; v++) {
      const len = verbAt(tokens, v);
      if (!len) continue;
      return channelOf(text(ctx, v, v + len), text(ctx, v + len, end));
    }
    break;
  }
  return null;
}

/**
 * The person whose appositive names an organization at token k: "Rajiv Menon, an associate
 * professor at Johns Hopkins University who …, called the study “…”" — Menon speaks, not the
 * university. The person's mention must be followed by a comma that opens the appositive.
 */
function appositionOwner(ctx: AttributionContext, c: number, k: number): Speaker | null {
  const { tokens } = ctx.segment;
  for (let j = k - 1; j >= c && j >= k - 16; j--) {
    const person = ctx.people.at(ctx.segment, j);
    if (!person) continue;
    const m = person.mentions.find((x) => x.segment === ctx.segment && x.first <= j && j < x.last)!;
    return tokens[m.last]?.text === "," ? { kind: "person", person } : null;
  }
  return null;
}

/** Whether a named person or organization speaks, through a speech verb, earlier in the quote's own clause ("Lin said Beijing “firmly opposes”"). */
export function namedSpeakerBefore(ctx: AttributionContext, open: number): boolean {
  const { tokens } = ctx.segment;
  const [c, d] = clauseBefore(ctx, open);
  for (let v = d - 1; v >= c; v--) {
    if (!verbAt(tokens, v)) continue;
    for (let k = v - 1; k >= c && k >= v - 12; k--) if (ctx.people.at(ctx.segment, k) || ctx.orgs.at(ctx.segment, k)) return true;
    return false;
  }
  return false;
}

/**
 * A paragraph that introduces a statement with a colon, the quotation following as its own
 * paragraph(s), as press releases and statements run: "Representative Ana Ruiz, chair of the
 * committee, issued the following statement:" / "The ministry said in a statement:". The speaker is
 * the sentence's first person, or else its first organization; the channel is the statement noun.
 * `end` is the offset just past the colon.
 */
export function statementIntro(ctx: AttributionContext, end: number): Attribution | null {
  const { tokens } = ctx.segment;
  let d = tokens.findIndex((t) => t.start >= end);
  if (d < 0) d = tokens.length;
  if (d === 0 || tokens[d - 1]!.text !== ":") return null;
  const paragraph = tokens[d - 1]!.paragraph;
  let c = d - 1;
  // The sentence, over the periods of abbreviations and initials ("Comer (R-Ky.) issued", "Eliot L. Engel").
  while (c > 0 && tokens[c - 1]!.paragraph === paragraph && !(/^[.!?]$/.test(tokens[c - 1]!.text) && !/^(?:\p{L}{1,3}|\p{L}{1,3}-\p{L}{1,3})$/u.test(tokens[c - 2]?.text ?? "") && tokens[c]!.cap && tokens[c]!.text !== ")")) c--;
  const sentence = text(ctx, c, d - 1);
  const noun = new RegExp(`\\b((?:joint|written|emailed|brief|short|prepared|official)\\s+)?(${CHANNEL_NOUNS.join("|")})\\b`, "i").exec(sentence.replace(/\bfollowing\s+/gi, ""));
  let verb = -1;
  for (let v = c; v < d && verb < 0; v++) if (verbAt(tokens, v)) verb = v;
  // A statement noun ("issued the following statement:") or a speech verb ("said:") makes it an introduction.
  if (!noun && verb < 0) return speakerHeading(ctx, c, d);
  // The subject comes before the verb or the statement noun: "Chairman Ana Reid issued the following
  // statement after the interview with Ian Sams:" is Reid's, whoever the rest of the sentence names.
  const nounWord = noun?.[2]!.toLowerCase().split(/\s+/)[0];
  const nounAt = nounWord ? tokens.findIndex((t, k) => k >= c && k < d && t.text.toLowerCase() === nounWord) : -1;
  const cut = Math.min(...[verb, nounAt].filter((k) => k >= 0));
  let speaker: Speaker | null = null;
  for (let k = c; k < cut && !speaker; k++) {
    const person = ctx.people.at(ctx.segment, k);
    if (person) speaker = { kind: "person", person };
  }
  for (let k = c; k < d && !speaker; k++) {
    const person = ctx.people.at(ctx.segment, k);
    if (person) speaker = { kind: "person", person };
  }
  for (let k = c; k < d && !speaker; k++) {
    const org = ctx.orgs.at(ctx.segment, k);
    if (org) speaker = appositionOwner(ctx, c, k) ?? { kind: "organization", organization: org };
  }
  if (!speaker) return null;
  const channel = noun ? `${noun[1] ?? ""}${noun[2]}`.toLowerCase() : null;
  return { speaker, rule: "statement introduction", channel, saidOn: dateOf(ctx, sentence, "said"), how: "before" };
}

/**
 * "Ana Reid, chief executive, Acme Foods:" on a line of its own above a quotation (earnings-call
 * round-ups, panels, Q&A write-ups): a paragraph that opens with a person's name followed by a
 * comma or the colon, with no verb and at most 20 tokens, names the speaker of the quotation under it.
 */
function speakerHeading(ctx: AttributionContext, c: number, d: number): Attribution | null {
  const { tokens } = ctx.segment;
  // The whole paragraph, over an abbreviation's period ("Advanced Micro Devices Inc. CEO Lisa Su:").
  let p0 = c;
  while (p0 > 0 && tokens[p0 - 1]!.paragraph === tokens[d - 1]!.paragraph) p0--;
  if (d - p0 > 20) return null;
  for (let k = p0; k < d; k++) if (verbAt(tokens, k) || /^[.!?]$/.test(tokens[k]!.text) && !/^\p{Lu}[\p{L}]{0,3}$/u.test(tokens[k - 1]?.text ?? "")) return null;
  // "Ana Reid, chief executive, Acme:" (the name first) or "Acme Inc. CEO Ana Reid:" (the name last).
  const first = ctx.people.at(ctx.segment, p0);
  const m = first?.mentions.find((x) => x.segment === ctx.segment && x.first === p0);
  if (first && m && (m.last === d - 1 || tokens[m.last]?.text === ",")) return { speaker: { kind: "person", person: first }, rule: "speaker heading", channel: null, saidOn: null, how: "before" };
  const last = ctx.people.at(ctx.segment, d - 2);
  const n = last?.mentions.find((x) => x.segment === ctx.segment && x.last === d - 1);
  if (last && n) return { speaker: { kind: "person", person: last }, rule: "speaker heading", channel: null, saidOn: null, how: "before" };
  return null;
}
