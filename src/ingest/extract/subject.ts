import type { OrganizationRegistry } from "./organizations";
import type { PeopleRegistry } from "./people";
import { posTags } from "./pos";
import type { Segment } from "./segments";

/**
 * The subject noun phrase of an attribution's verb, read with compromise's part-of-speech tags:
 * where the phrase starts (after an introductory phrase: "In an interview with the Harbour
 * Service, Alvarez said"), where its head ends (before a post-modifier: a prepositional phrase
 * "the inquiry into Hall’s murder", a participle "Detectives leading the inquiry", a relative
 * clause "an official who advised Truss"), and the comma-set phrases in apposition to it ("Ana
 * Reid, an economist who advised Truss, said"; "The lawyer for the family, Jo Park, said").
 * Names already found (people, organizations) are read whole, whatever their words' tags.
 */

/** Token ranges [first, last) of a subject: its head and its appositives. */
export interface Subject {
  /** The head noun phrase, without post-modifiers or a possessor ("lawyer" in "Hall’s lawyer"). */
  head: [number, number];
  /** Phrases set off by commas (or dashes, or brackets) right after the subject, in order. */
  appositives: Array<[number, number]>;
}

export interface PhraseContext {
  segment: Segment;
  people: PeopleRegistry;
  orgs: OrganizationRegistry;
}

const RELATIVE = /^(?:who|whom|whose|which|that)$/i;
/** Words that open a subordinate or introductory phrase before a sentence's subject. */
const SUBORDINATORS = /^(?:after|before|when|while|as|although|though|if|because|since|until|once|unlike|like|despite|however|meanwhile|but|and|so|yet|also|earlier|later|then|still|now|instead)$/i;
const PUNCT = /^[,;:—–-]$/;
/** Conjunctions that join a second clause, with its own subject, to a sentence. */
const CLAUSE_CONJUNCTIONS = /^(?:while|whereas|and|but|as|though|although|yet)$/i;

/** The end of the name (person or organization) covering token k, or -1. */
function mentionEnd(ctx: PhraseContext, k: number): number {
  const person = ctx.people.at(ctx.segment, k);
  const m = person?.mentions.find((x) => x.segment === ctx.segment && x.first <= k && k < x.last);
  if (m) return m.last;
  const org = ctx.orgs.at(ctx.segment, k);
  const o = org?.mentions.find((x) => x.segment === ctx.segment && x.first <= k && k < x.last);
  return o ? o.last : -1;
}

const has = (tags: string[] | undefined, ...wanted: string[]): boolean => tags != null && tags.some((t) => wanted.includes(t));

/**
 * The end of the noun phrase starting at token a (at most `to`): determiners, adjectives, nouns
 * and names, a possessive, and a capitalised title chain's "of", "on", "for", "to", "and"
 * ("House Committee on Oversight and Accountability Chairman James Comer"); it stops at a comma, a
 * lower-case preposition's phrase, a verb after a noun (a participle), or a relative pronoun. With
 * `keepPrepositions`, prepositional phrases stay in ("a spokesperson for the ministry").
 */
export function nounPhraseEnd(ctx: PhraseContext, a: number, to: number, tags = posTags(ctx.segment, a, to), keepPrepositions = false): number {
  const { tokens } = ctx.segment;
  let k = a;
  let noun = false;
  while (k < to) {
    const end = mentionEnd(ctx, k);
    if (end > k) {
      k = Math.min(end, to);
      noun = true;
      continue;
    }
    const t = tokens[k]!;
    const tg = tags[k - a];
    if (PUNCT.test(t.text) || t.text === "(" || /^[“”"‘’«»]$/.test(t.text)) break;
    if (/^['’]s$/.test(t.text)) {
      k++;
      continue;
    }
    if (!t.cap && RELATIVE.test(t.text) && noun) break;
    if (keepPrepositions && !t.cap && has(tg, "Preposition") && !RELATIVE.test(t.text)) {
      k++;
      continue;
    }
    if (!t.cap && has(tg, "Preposition", "Conjunction") && !/^(?:of|on|for|to|and|&)$/i.test(t.text)) break;
    // A title chain's preposition or conjunction joins capitalised words; before a lower-case word it opens a phrase.
    if (!t.cap && /^(?:of|on|for|to|and|&)$/i.test(t.text) && !(noun && tokens[k + 1]?.cap && tokens[k - 1]?.cap)) break;
    if (!t.cap && noun && has(tg, "Verb") && !has(tg, "Noun", "Adjective")) break;
    if (!t.cap && !has(tg, "Determiner", "Adjective", "Adverb", "Noun", "Value", "Possessive") && !/^\d/.test(t.text) && !/-/.test(t.text)) break;
    if (t.cap || has(tg, "Noun", "Value")) noun = true;
    k++;
  }
  return k;
}

/**
 * Whether tokens [a, b) read as an introductory phrase rather than a subject: they open with a
 * preposition, a subordinator or an adverb, a verb ("Sentencing Hollis", "Asked why"), or a date.
 */
function introductory(ctx: PhraseContext, a: number, b: number, tags: string[][], offset: number): boolean {
  const t = ctx.segment.tokens[a]!;
  if (mentionEnd(ctx, a) > a) return false;
  const tg = tags[a - offset];
  if (SUBORDINATORS.test(t.text)) return true;
  if (has(tg, "Preposition", "Adverb", "Date", "Conjunction")) return true;
  if (has(tg, "Verb") && !has(tg, "Noun")) return true;
  return b - a === 0;
}

/**
 * The subject of the verb at token v, within [from, v): null when no noun phrase stands there.
 * Auxiliaries and adverbs before the verb ("have pledged", "also said") are passed over.
 */
export function subjectOf(ctx: PhraseContext, from: number, v: number): Subject | null {
  const { tokens } = ctx.segment;
  if (v <= from) return null;
  const tags = posTags(ctx.segment, from, v);
  const tag = (k: number): string[] | undefined => tags[k - from];
  let e = v;
  while (e > from && !tokens[e - 1]!.cap && has(tag(e - 1), "Auxiliary", "Adverb", "Modal", "Negative") && !PUNCT.test(tokens[e - 1]!.text)) e--;
  if (e <= from) return null;
  // The parts between top-level commas, dashes and brackets (a name's own comma, "Acme, Inc.", stays inside it).
  const parts: Array<[number, number]> = [];
  let start = from;
  let depth = 0;
  for (let k = from; k < e; k++) {
    const w = tokens[k]!.text;
    if (w === "(") {
      if (depth === 0 && k > start) parts.push([start, k]);
      depth++;
      if (depth === 1) start = k + 1;
      continue;
    }
    if (w === ")" && depth > 0) {
      depth--;
      if (depth === 0) {
        parts.push([start, k]);
        start = k + 1;
      }
      continue;
    }
    if (depth === 0 && PUNCT.test(w) && w !== ":" && !(mentionEnd(ctx, k) > k)) {
      parts.push([start, k]);
      start = k + 1;
    }
  }
  parts.push([start, e]);
  let nonEmpty = parts.filter(([a, b]) => b > a);
  // "said Lars Henriksen, Denmark’s minister, while Anna Kowalczyk, Poland’s minister, countered": a
  // conjunction before a noun phrase opens the verb's own clause; the parts before it are another's.
  for (let i = nonEmpty.length - 1; i > 0; i--) {
    const [a, b] = nonEmpty[i]!;
    if (b - a < 2 || !CLAUSE_CONJUNCTIONS.test(tokens[a]!.text)) continue;
    const next = tags[a + 1 - from];
    if (mentionEnd(ctx, a + 1) > a + 1 || (!has(next, "Preposition", "Verb", "Adverb") && has(next, "Noun", "Determiner", "Pronoun"))) {
      nonEmpty = [[a + 1, b], ...nonEmpty.slice(i + 1)];
      break;
    }
  }
  if (!nonEmpty.length) return null;
  const closed = parts[parts.length - 1]![1] <= parts[parts.length - 1]![0];
  let subjectIndex: number;
  if (closed) {
    // "Ana Reid, an economist who advised Truss, said": the first part that is not introductory.
    subjectIndex = nonEmpty.findIndex(([a, b]) => !introductory(ctx, a, b, tags, from));
    if (subjectIndex < 0) return null;
  } else {
    subjectIndex = nonEmpty.length - 1;
    // "Alex Ruiz, Area Operations Manager and a Leeds native said": the writer left out the closing
    // comma; a part that is wholly a person's name, with no person after it, is the subject.
    const hasPerson = ([a, b]: [number, number]): boolean => {
      for (let k = a; k < b; k++) if (ctx.people.at(ctx.segment, k)) return true;
      return false;
    };
    for (let i = 0; i < nonEmpty.length - 1; i++) {
      const [a, b] = nonEmpty[i]!;
      if (introductory(ctx, a, b, tags, from) && !ctx.people.at(ctx.segment, a)) continue;
      if (ctx.people.at(ctx.segment, a) && mentionEnd(ctx, a) === b && !nonEmpty.slice(i + 1).some(hasPerson)) {
        return { head: [a, b], appositives: nonEmpty.slice(i + 1) };
      }
      break;
    }
  }
  const b = nonEmpty[subjectIndex]![1];
  let a = nonEmpty[subjectIndex]![0];
  while (a < b && !tokens[a]!.cap && /^(?:and|but|so|then|yet)$/i.test(tokens[a]!.text)) a++;
  if (a >= b || (!closed && introductory(ctx, a, b, tags, from) && !(nounPhraseEnd(ctx, a, b, tags.slice(a - from, b - from)) > a))) return null;
  const end = nounPhraseEnd(ctx, a, b, tags.slice(a - from, b - from));
  if (end <= a) return null;
  // "Tom Hall’s lawyer": the possessor qualifies the head; "Sky’s Kay Burley": the name after it is the head.
  let headStart = a;
  for (let k = a; k < end; k++) if (/^['’]s$/.test(tokens[k]!.text) && k + 1 < end) headStart = k + 1;
  return { head: [headStart, end], appositives: closed ? nonEmpty.slice(subjectIndex + 1) : [] };
}
