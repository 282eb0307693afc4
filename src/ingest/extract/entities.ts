import type { OrganizationKind } from "../../organization/organization.entity";
import {
  attributionAfter,
  attributionBefore,
  channelBefore,
  clauseBefore,
  labelSpeaker,
  namedSpeakerBefore,
  statementIntro,
  verbAt,
  ATTRIBUTION_RULES,
  type Attribution,
  type AttributionRule,
  type AttributionContext,
  type Speaker,
} from "./attribution";
import { anonymousOf } from "./anonymous";
import { OrganizationRegistry, findOrganizationCues, findOrganizations, guessOrganizationKind, type OrganizationRecord } from "./organizations";
import { PeopleRegistry, findPeople, resolveSurnames, settlePerson, type PersonRecord } from "./people";
import { PlaceLookup, findPlaceInName, findPlaces, type PlaceRecord } from "./places";
import { findQuoteSpans, mergeSplitQuotation, type QuoteSpan } from "./quotes";
import { makeSegment, mentionProvenance, type Mention, type Segment } from "./segments";
import { genderOf, isFirstName } from "./lexicon";
import { paragraphIndex } from "./text";
import type { ExtractedOrganization, ExtractedPerson, ExtractedPlace, ExtractedQuote, ParsedDocument, SpeakerRef } from "./types";

export interface Entities {
  quotes: ExtractedQuote[];
  people: ExtractedPerson[];
  organizations: ExtractedOrganization[];
  places: ExtractedPlace[];
}

/**
 * Quotes with their speakers, and the people, organizations and places the body (and the photo
 * captions) name. Organizations are read first, then people (titles, appositions, given names),
 * then quotes and their attributions, then places among the names left over.
 */
export function extractEntities(doc: ParsedDocument): Entities {
  const lookup = new PlaceLookup();
  const body = makeSegment(ledeCase(doc.body), null);
  // Photo credits and bylines name people too ("Jane Doe/Agency"), but only the body's mentions are ever a pronoun's antecedent.
  const credits = doc.images.flatMap((image, i) => (image.credit ? [makeSegment(image.credit.replace(/\s*\/\s*/g, ", "), `images[${i}].credit`)] : []));
  const bylines = doc.bylines.map((name, i) => makeSegment(name, `bylines[${i}]`));
  const segments = [body, ...doc.images.map((image, i) => makeSegment(image.caption, `images[${i}].caption`)), ...credits, ...bylines];
  const orgs = new OrganizationRegistry();
  for (const segment of segments) findOrganizations(segment, orgs);
  const people = new PeopleRegistry();
  for (const segment of segments) findPeople(segment, people, orgs, lookup);
  for (const segment of segments) resolveSurnames(segment, people);
  for (const segment of segments) findOrganizationCues(segment, orgs, lookup);
  const found = mergeSplitQuotations(doc.body, findQuotes(doc, body, people, orgs, lookup));
  const places: PlaceRecord[] = [];
  for (const segment of segments) findPlaces(segment, lookup, places);
  for (const o of orgs.all) for (const m of o.mentions) findPlaceInName(m, o.name, lookup, places);
  if (doc.publisher) orgs.add(doc.publisher, guessOrganizationKind(doc.publisher) ?? ("media" as OrganizationKind), 1, undefined, true);

  const settled = new Map(people.all.map((p) => [p, settlePerson(p, orgs)]));
  const speakerRef = (speaker: Speaker | null): SpeakerRef | null => {
    if (!speaker) return null;
    if (speaker.kind === "person") {
      const s = settled.get(speaker.person)!;
      return { name: speaker.person.name, title: s.title, organization: s.organization };
    }
    if (speaker.kind === "organization") return { name: null, title: null, organization: speaker.organization.name };
    return null;
  };
  return {
    quotes: found.map(({ span, attribution, speaker, confidence, partial, rule }) => ({
      text: span.text,
      speaker: speakerRef(speaker),
      anonymousSpeaker: speaker ? null : anonymousOf(attribution?.speaker),
      channel: attribution?.channel ?? null,
      saidOn: attribution?.saidOn ?? null,
      isPartial: partial,
      attributionRule: rule,
      startOffset: span.startOffset,
      endOffset: span.endOffset,
      ...(span.pieces.length > 1 ? { pieces: span.pieces.map((p) => ({ startOffset: p.start, endOffset: p.end })) } : {}),
      confidence,
    })),
    people: people.all.map((p) => personOut(p, settled.get(p)!)),
    organizations: orgs.all.map(organizationOut),
    places: places.map(placeOut),
  };
}

function bestMention(mentions: Mention[], primary?: Mention): Mention | undefined {
  if (primary && primary.segment.source == null) return primary;
  return mentions.find((m) => m.segment.source == null && m.last - m.first > 1) ?? mentions.find((m) => m.segment.source == null) ?? primary ?? mentions[0];
}

function provenance(m: Mention | undefined, fallback: string): { startOffset: number | null; endOffset: number | null; source?: string } {
  return m ? mentionProvenance(m) : { startOffset: null, endOffset: null, source: fallback };
}

function personOut(p: PersonRecord, s: ReturnType<typeof settlePerson>): ExtractedPerson {
  return { name: p.name, title: s.title, organization: s.organization, aliases: s.aliases, ...provenance(bestMention(p.mentions, p.primary), "speaker"), confidence: p.confidence };
}

function organizationOut(o: OrganizationRecord): ExtractedOrganization {
  return { name: o.name, kind: o.kind, ...provenance(bestMention(o.mentions), o.derived && o.confidence === 1 ? "publisher" : "title"), confidence: o.confidence };
}

function placeOut(p: PlaceRecord): ExtractedPlace {
  return { name: p.name, kind: p.entry.kind, countryCode: p.entry.countryCode, ...provenance(bestMention(p.mentions), "text"), confidence: p.confidence };
}

interface FoundQuote {
  span: QuoteSpan;
  attribution: Attribution | null;
  speaker: Speaker | null;
  confidence: number;
  partial: boolean;
  /** The attribution rule that chose the speaker, or null. */
  rule: AttributionRule | null;
}

/**
 * Words written on something or chanted by a crowd, not said by anyone named: 'signs reading “…”',
 * 'a banner that said “…”', 'chanting “…”', 'an editorial headlined “…”', 'a report titled “…”'.
 * "said" and "saying" count only after a display noun (sign, banner, placard …): "Lee said “…”" is speech.
 */
const DISPLAY_INTRO =
  /(?:\b(?:reading|chanting|chanted|chants? of|cries of|headlined|titled|entitled|captioned|emblazoned with|inscribed with|bearing the words|with the words)|\b(?:signs?|banners?|placards?|posters?|t-shirts?|shirts?|billboards?|graffiti|stickers?|headlines?)\b[^.!?"“”]{0,40}?\b(?:saying|said|says|read|reads|that read|which read))\s*[:,]?\s*$/i;

const TERM_INTRO = /\b(?:so-called|known as|dubbed|call|calls|called|termed|term|terms|word|words|phrase|label|labelled|labeled|slogan|nicknamed|nickname|what it calls|what they call|identified as|described as|referred to as)\s*(?:an?|the)?\s*$/i;

/** Local noon of the publication's calendar day (UTC), so that weekday arithmetic ignores time zones. */
function referenceDay(publishedAt: Date | null): Date | null {
  if (!publishedAt || Number.isNaN(publishedAt.getTime())) return null;
  return new Date(publishedAt.getUTCFullYear(), publishedAt.getUTCMonth(), publishedAt.getUTCDate(), 12);
}

/**
 * "BORIS Johnson has said…": British papers set a lede's first word in capitals. A given name so
 * written before a capitalised word reads as the name it is (the same length, so offsets hold).
 */
function ledeCase(text: string): string {
  return text.replace(/(^|\n)([^\n]{0,24}?)\b(\p{Lu}{2,})(?= \p{Lu}\p{Ll})/gu, (all, start: string, before: string, word: string) =>
    isFirstName(word.toLowerCase()) ? `${start}${before}${word[0]}${word.slice(1).toLowerCase()}` : all,
  );
}

/**
 * Quotes and who said them. An attribution after the quote wins, then one before it, then a
 * pronoun ("he added") or the speaker carried over from the previous quote, when the quote
 * follows it in the same or the next paragraph and nobody else is named in between.
 */
function findQuotes(doc: ParsedDocument, body: Segment, people: PeopleRegistry, orgs: OrganizationRegistry, places: PlaceLookup): FoundQuote[] {
  const { starts } = paragraphIndex(doc.body);
  const spans = findQuoteSpans(doc.body, starts);
  const ctx: AttributionContext = { segment: body, people, orgs, places, reference: referenceDay(doc.publishedAt), quoteOpens: new Set(spans.map((s) => s.open)), headline: doc.headline };
  const paragraphOf = paragraphIndex(doc.body).of;
  const out: FoundQuote[] = [];
  const listed = termLists(doc.body, spans);
  let previous: FoundQuote | null = null;
  for (const span of spans) {
    // A transcript turn: the label is the speaker.
    const labelled = span.label ? labelSpeaker(ctx, span.label) : null;
    if (labelled) {
      // "JOURNALIST:": an unnamed speaker the label describes, still chosen by the label.
      const speaker = labelled.speaker.kind === "unnamed" ? null : labelled.speaker;
      const found: FoundQuote = { span, attribution: labelled, speaker, confidence: ATTRIBUTION_RULES[labelled.rule ?? "transcript label"], partial: false, rule: labelled.rule ?? "transcript label" };
      out.push(found);
      previous = found;
      continue;
    }
    const [c, d] = clauseBefore(ctx, span.open);
    const before = d > c ? doc.body.slice(body.tokens[c]!.start, body.tokens[d - 1]!.end) : "";
    const words = span.text.split(/\s+/).length;
    if (words <= 6 && TERM_INTRO.test(before)) continue;
    if (DISPLAY_INTRO.test(before)) continue;
    if (listed.has(span)) continue;
    const partial = before !== "" && (/^\p{Ll}/u.test(span.text) || !/[:,]$/.test(before.trim()));
    let attribution = attributionAfter(ctx, span.close ?? span.endOffset, span.text);
    if (!attribution || attribution.speaker.kind === "unnamed") attribution = attributionBefore(ctx, span.open, partial) ?? attribution;
    // A quotation opening its own paragraph after "X issued the following statement:".
    const paragraph = paragraphOf(span.open);
    if ((!attribution || attribution.speaker.kind === "unnamed") && paragraph > 0 && starts[paragraph] === span.open) {
      const previousEnd = doc.body.slice(0, span.open).trimEnd().length;
      if (doc.body[previousEnd - 1] === ":") attribution = statementIntro(ctx, previousEnd) ?? attribution;
    }
    // A few words in quotation marks are a term or a scare quote unless somebody named says them.
    // An unnamed source the text describes, introducing the quotation ("The minister responded, “No.”"), says it too.
    const named = attribution != null && (attribution.speaker.kind !== "unnamed" || (!partial && anonymousOf(attribution.speaker) != null));
    // A whole short sentence right after a speaker's quote ("Nobody's pretending otherwise.") is still their speech.
    const sentenceCarried = /^\p{Lu}.*[.!?]$/u.test(span.text) && !attribution && previous?.speaker != null && previous.speaker.kind !== "unnamed" && carries(previous, span, paragraphOf, body, people);
    // “Here’s the problem,” the official said: a comma inside the marks and a speech verb after them make it speech however short.
    const spokenAfter = !partial && attribution?.how === "after" && span.close != null && /[,?!]/.test(doc.body.slice(span.endOffset, span.close) + span.text.slice(-1));
    if (words <= 4 && !named && !spokenAfter && !sentenceCarried && !namedSpeakerBefore(ctx, span.open) && !continuesFragment(previous, span, body)) continue;
    // A scare quote: a few lower-case words inside the writer's sentence that nobody is said to say ("the “new normal” of pricing").
    if (words <= 8 && partial && /^\p{Ll}/u.test(span.text) && !attribution && !sentenceCarried && !namedSpeakerBefore(ctx, span.open) && !continuesFragment(previous, span, body)) continue;
    let speaker: Speaker | null = attribution?.speaker ?? null;
    let rule: AttributionRule | null = attribution?.rule ?? null;
    let confidence = attribution ? (attribution.how === "after" ? 0.9 : attribution.how === "before" ? 0.85 : 0.7) : 0.3;
    if (rule) confidence = Math.min(confidence, ATTRIBUTION_RULES[rule]);
    // "“…,” a senior official said. … “…,” he said.": the pronoun goes on with the anonymous source when nobody is named in between.
    if (speaker?.kind === "pronoun" && previous && !previous.speaker && anonymousOf(previous.attribution?.speaker) && carries(previous, span, paragraphOf, body, people)) {
      attribution = { ...previous.attribution!, channel: attribution?.channel ?? previous.attribution!.channel };
      speaker = attribution.speaker;
      rule = "carried from the previous quote";
      confidence = ATTRIBUTION_RULES[rule];
    }
    if (speaker?.kind === "pronoun") {
      speaker = nearestPerson(body, people, span.open, attribution?.how === "after" ? (pronounAfter(body, span) ?? "") : pronounBefore(body, span.open));
      // "the coach said" resolves like a pronoun but keeps its own rule.
      rule = attribution?.rule === "role by salience" ? "role by salience" : "pronoun by salience";
      confidence = speaker ? ATTRIBUTION_RULES[rule] : 0.3;
      // “…,” a senior official said. (paragraphs without a name) “…,” he said.: nobody named before, so the source quoted last.
      if (!speaker && previous && !previous.speaker && anonymousOf(previous.attribution?.speaker)) {
        attribution = { ...previous.attribution!, channel: attribution?.channel ?? previous.attribution!.channel, how: attribution?.how ?? previous.attribution!.how };
        speaker = attribution.speaker;
        confidence = ATTRIBUTION_RULES[rule] - 0.1;
      }
      // "Okoro told the BBC the family was confident. “…,” he said.": the channel of the sentence before.
      if (speaker?.kind === "person" && attribution && !attribution.channel) {
        const channel = channelBefore(ctx, span.open, speaker.person);
        if (channel) attribution = { ...attribution, channel };
      }
    } else if (!attribution && previous?.speaker && previous.speaker.kind !== "unnamed" && carries(previous, span, paragraphOf, body, people)) {
      speaker = previous.speaker;
      attribution = previous.attribution ? { ...previous.attribution, saidOn: previous.attribution.saidOn } : null;
      rule = "carried from the previous quote";
      confidence = ATTRIBUTION_RULES[rule];
    } else if (!attribution && !partial && paragraph > 0 && starts[paragraph] === span.open && previous && !previous.speaker && anonymousOf(previous.attribution?.speaker) && paragraphOf(previous.span.endOffset) === paragraph - 1 && carries(previous, span, paragraphOf, body, people)) {
      // "…, the official said, “…”" then a paragraph that is only a quotation: the same unnamed source goes on.
      attribution = { ...previous.attribution! };
      speaker = attribution.speaker;
      rule = "carried from the previous quote";
      confidence = ATTRIBUTION_RULES[rule] - 0.1;
    } else if (!attribution && !partial && paragraph > 0 && starts[paragraph] === span.open && !previous?.speaker) {
      // "Analyst Dana Whitlock, editor of the Whitlock Report, doubts that …" then a paragraph that is only
      // a quotation: the one person the paragraph before introduces as its subject speaks.
      const introduced = introducedIn(doc.body, body, people, starts, paragraph - 1);
      if (introduced) {
        speaker = { kind: "person", person: introduced };
        rule = "introduced in the paragraph before";
        confidence = ATTRIBUTION_RULES[rule];
      }
    }
    // An anonymous source keeps the rule that chose it; "an official said" without a description is nobody.
    const anonymous = anonymousOf(speaker);
    if (speaker?.kind === "unnamed") {
      speaker = null;
      if (!anonymous) confidence = 0.3;
    }
    if (!speaker && !anonymous) rule = null;
    // “…,” Kim said, after an earlier quote of Kim's that said how: the same statement.
    if (attribution && !attribution.channel && previous?.attribution?.channel && sameSpeaker(previous.speaker, speaker)) {
      attribution = { ...attribution, channel: previous.attribution.channel };
    }
    if (span.close == null) confidence -= 0.15;
    const found: FoundQuote = { span, attribution, speaker, confidence: Math.max(0.1, confidence), partial, rule };
    out.push(found);
    previous = found;
  }
  return out;
}

/**
 * Short quoted phrases written one after another as a list (`sources such as “people familiar with
 * the talks,” “senior officials” and “a person close to the matter”`): named phrases, not speech.
 * Two spans of six words or fewer are a list when only commas, "and" or "or" stand between them
 * and the first follows a word of the writer's sentence.
 */
function termLists(body: string, spans: QuoteSpan[]): Set<QuoteSpan> {
  const listed = new Set<QuoteSpan>();
  const isShort = (s: QuoteSpan): boolean => s.text.split(/\s+/).length <= 6 && !s.label;
  for (let i = 0; i + 1 < spans.length; i++) {
    const a = spans[i]!;
    const b = spans[i + 1]!;
    if (a.close == null || b.open <= a.close || !isShort(a) || !isShort(b)) continue;
    if (!/^[\s,;]*(?:(?:and|or)\s+)?$/u.test(body.slice(a.close + 1, b.open)) || body.slice(a.close + 1, b.open).includes("\n")) continue;
    // The list runs on inside the writer's sentence ("such as", "including"); “Yes,” “No,” he said is speech.
    if (!listed.has(a) && !/\p{L}\s*$/u.test(body.slice(Math.max(0, a.open - 3), a.open))) continue;
    listed.add(a);
    listed.add(b);
  }
  return listed;
}

/**
 * “…,” she said. “…”: the second span is the same quotation when its speaker was only carried
 * from the first (it has no attribution of its own) and the words between are the first one's
 * attribution clause. The first span's attribution, rule and confidence stand for both.
 */
function mergeSplitQuotations(body: string, found: FoundQuote[]): FoundQuote[] {
  const out: FoundQuote[] = [];
  for (const q of found) {
    const prev = out[out.length - 1];
    const merged =
      prev && q.rule === "carried from the previous quote" && prev.attribution?.how === "after" && !prev.partial && !q.partial ? mergeSplitQuotation(body, prev.span, q.span) : null;
    if (merged) out[out.length - 1] = { ...prev!, span: merged };
    else out.push(q);
  }
  return out;
}

/** A second fragment in the sentence of an attributed one: Lin said Beijing “firmly opposes” the measures and would take “necessary steps”. */
function continuesFragment(previous: FoundQuote | null, span: QuoteSpan, body: Segment): boolean {
  if (!previous?.partial || !previous.speaker || previous.speaker.kind === "unnamed") return false;
  const from = previous.span.close ?? previous.span.endOffset;
  return !body.tokens.some((t) => t.start > from && t.start < span.open && /^[.!?]$/.test(t.text)) && !body.text.slice(from, span.open).includes("\n");
}

/**
 * The person a paragraph introduces: the only person named in it, named as a sentence's subject
 * (within its first words), in a paragraph with no quotation marks. Null otherwise.
 */
function introducedIn(text: string, body: Segment, people: PeopleRegistry, starts: number[], paragraph: number): PersonRecord | null {
  const from = starts[paragraph]!;
  const to = starts[paragraph + 1] ?? text.length;
  if (/[“”"‘’']\s*\p{L}|\p{L}[,.!?]?[“”"]/u.test(text.slice(from, to).replace(/\p{L}[’']\p{L}/gu, "xx"))) return null;
  const { tokens } = body;
  const named = people.all.filter((p) => p.mentions.some((m) => m.segment === body && tokens[m.first]!.start >= from && tokens[m.first]!.start < to));
  if (named.length !== 1) return null;
  const person = named[0]!;
  const subject = person.mentions.some((m) => {
    if (m.segment !== body || tokens[m.first]!.start < from || tokens[m.first]!.start >= to) return false;
    let k = m.first;
    let words = 0;
    while (k > 0 && tokens[k - 1]!.start >= from && !/^[.!?]$/.test(tokens[k - 1]!.text)) {
      k--;
      words++;
    }
    return words <= 4;
  });
  return subject ? person : null;
}

function sameSpeaker(a: Speaker | null, b: Speaker | null): boolean {
  if (!a || !b) return false;
  if (a.kind === "person" && b.kind === "person") return a.person === b.person;
  if (a.kind === "organization" && b.kind === "organization") return a.organization === b.organization;
  return false;
}

function carries(previous: FoundQuote, span: QuoteSpan, paragraphOf: (o: number) => number, body: Segment, people: PeopleRegistry): boolean {
  const gap = paragraphOf(span.open) - paragraphOf(previous.span.endOffset);
  if (gap > 1) return false;
  const from = previous.span.endOffset;
  const to = span.open;
  const prevPerson = previous.speaker?.kind === "person" ? previous.speaker.person : null;
  return !people.all.some((p) => p !== prevPerson && p.mentions.some((m) => m.segment === body && body.tokens[m.first]!.start > from && body.tokens[m.first]!.start < to));
}

/** The pronoun of a "he said" attribution right after the quote. */
/** The "he" or "she" of the clause just before an opening mark ("…, he said: “…”"), or "". */
function pronounBefore(body: Segment, open: number): string {
  const d = body.tokens.findIndex((t) => t.start >= open);
  for (let k = (d < 0 ? body.tokens.length : d) - 1; k >= 0 && k >= d - 6; k--) {
    const w = body.tokens[k]!.text.toLowerCase();
    if (/^[.!?]$/.test(w)) break;
    if (w === "he" || w === "she") return w;
  }
  return "";
}

function pronounAfter(body: Segment, span: QuoteSpan): string | null {
  const at = span.close ?? span.endOffset;
  const next = body.tokens.find((t) => t.start > at && /^\p{L}/u.test(t.text));
  return next ? next.text.toLowerCase() : null;
}

/**
 * The person a pronoun refers to, by salience: the person most recently named before an offset
 * (skipping those whose given name contradicts "he" or "she"), unless an earlier person in that
 * same sentence is its speaking subject ("Garcia told reporters he had met Lopez. He said …" is Garcia).
 */
function nearestPerson(body: Segment, people: PeopleRegistry, offset: number, pronoun: string): Speaker | null {
  const candidates: Array<{ person: PersonRecord; first: number; last: number }> = [];
  for (const p of people.all) {
    const gender = genderOf(p.name);
    if ((pronoun === "he" && gender === "female") || (pronoun === "she" && gender === "male")) continue;
    for (const m of p.mentions) if (m.segment === body && body.tokens[m.first]!.start < offset) candidates.push({ person: p, first: m.first, last: m.last });
  }
  if (!candidates.length) return null;
  candidates.sort((a, b) => a.first - b.first);
  const best = candidates[candidates.length - 1]!;
  const { tokens } = body;
  let start = best.first;
  while (start > 0 && !/^[.!?]$/.test(tokens[start - 1]!.text) && tokens[start - 1]!.paragraph === tokens[best.first]!.paragraph) start--;
  const subject = candidates.find((c) => c.first >= start && c.first < best.first && verbAt(tokens, c.last) > 0);
  if (subject || !inPhrase(tokens, best)) return { kind: "person", person: (subject ?? best).person };
  // "Dyche admitted his side were poor. Burnley trailed to goals from Hazard. Asked why, he said: …":
  // the pronoun refers to the last person who was a sentence's subject, not to a name in a phrase after it.
  const paragraph = tokens[best.first]!.paragraph;
  const salient = candidates.filter((c) => c.first < best.first && paragraph - tokens[c.first]!.paragraph <= 2 && isSubject(tokens, c)).pop();
  return { kind: "person", person: (salient ?? best).person };
}

/** Words after which a name is the object of a phrase ("goals from Hazard"), not a subject. */
const PREPOSITIONS = new Set("from with to by against of for over and or than at on in as".split(" "));

/** Whether a mention is the object of a phrase ("goals from Hazard and Reid"), which a pronoun does not refer back to. */
function inPhrase(tokens: Segment["tokens"], m: { first: number }): boolean {
  // "an attacking midfielder (Hugo Boumous)": a name in parentheses is an aside, never the one a pronoun means.
  return m.first > 0 && (PREPOSITIONS.has(tokens[m.first - 1]!.text.toLowerCase()) || tokens[m.first - 1]!.text === "(");
}

/** Whether a mention reads as its clause's subject: a lower-case verb follows it ("Dyche admitted", "Kim said", "Kim has"), no preposition before it. */
function isSubject(tokens: Segment["tokens"], m: { first: number; last: number }): boolean {
  if (m.first > 0 && PREPOSITIONS.has(tokens[m.first - 1]!.text.toLowerCase())) return false;
  // "Lee's lawyer, Dana Ruiz, said": the appositive names the subject.
  if (tokens[m.last]?.text === "," && verbAt(tokens, m.last + 1) > 0) return true;
  const next = tokens[m.last];
  if (!next || next.cap) return false;
  return verbAt(tokens, m.last) > 0 || /^(?:\p{Ll}+ed|is|was|has|had|will|would|says|thinks|believes|wants|knows|took|made|led|won|lost|gave|came|went)$/u.test(next.text);
}
