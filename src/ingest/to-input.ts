import { fold } from "./extract/text";
import type { Extraction, ExtractedPerson, Provenance, SpeakerRef } from "./extract/types";

/** What an extraction becomes when written, as the plain JSON an ArticleInput is given in. */
export interface ArticleInputJson {
  url: string | null;
  slug?: string;
  headline: string;
  body: string;
  summary: string | null;
  language: string;
  publishedAt: string | null;
  /** A PublishedAtSource enum name: GIVEN, PAGE, TEXT, or a stand-in (FILE_MODIFIED, RECEIVED) set by the caller. */
  publishedAtSource: string | null;
  publisher: { name: string } | null;
  bylines: string[];
  sections: string[];
  images: Array<{ caption: string; credit: string | null; url: string | null }>;
  quotes: Array<Record<string, unknown>>;
  mentions: { people: Array<Record<string, unknown>>; organizations: Array<Record<string, unknown>>; places: Array<Record<string, unknown>> };
  events: Array<Record<string, unknown>>;
}

/** What did not make it into the input, and why. */
export interface Omitted {
  kind: "quote" | "event";
  text: string;
  reason: string;
}

const MAX_TITLE = 300;

/** A person as a SpeakerInput; a title too long for one is left out rather than failing the article. */
function personRef(p: Pick<ExtractedPerson, "name" | "title" | "organization">): Record<string, unknown> {
  return {
    name: p.name,
    ...(p.title && p.title.length <= MAX_TITLE ? { title: p.title } : {}),
    ...(p.organization ? { organization: p.organization } : {}),
  };
}

function speakerRef(s: SpeakerRef, people: Map<string, ExtractedPerson>): Record<string, unknown> {
  if (s.name == null) return { organization: s.organization };
  const known = people.get(fold(s.name));
  return personRef({ name: s.name, title: s.title ?? known?.title ?? null, organization: s.organization ?? known?.organization ?? null });
}

/** Where the article names it and how sure the extractor is, as the mention inputs take it. */
function provenance(p: Provenance): Record<string, unknown> {
  return { startOffset: p.startOffset, endOffset: p.endOffset, confidence: p.confidence };
}

/** GraphQL enum names are the upper-cased values ("meeting" → MEETING). */
const enumName = (value: string) => value.toUpperCase();

/**
 * Turns an extraction into an ArticleInput (as JSON, to be checked by `validateInput` like any
 * other input). A quote of an anonymous source the text describes ("a senior State Department
 * official") is stored with that description and the organization it names as the affiliation;
 * quotes nobody is named or described for cannot be stored (a quote needs a speaker) and events
 * without a date or place say too little to be found again; both are listed in `omitted`.
 */
export function toArticleInput(x: Extraction): { input: ArticleInputJson; omitted: Omitted[] } {
  const people = new Map(x.people.map((p) => [fold(p.name), p]));
  const organizations = new Set(x.organizations.map((o) => fold(o.name)));
  const omitted: Omitted[] = [];
  const quotes: Array<Record<string, unknown>> = [];
  for (const q of x.quotes) {
    const named = q.speaker && (q.speaker.name != null || q.speaker.organization != null) ? q.speaker : null;
    const anonymous = named ? null : q.anonymousSpeaker?.description.trim() ? q.anonymousSpeaker : null;
    if (!named && !anonymous) {
      omitted.push({ kind: "quote", text: q.text, reason: "nobody is named as its speaker" });
      continue;
    }
    quotes.push({
      text: q.text,
      ...(named
        ? { speaker: speakerRef(named, people) }
        : { speakerDescription: anonymous!.description, ...(anonymous!.organization ? { speakerAffiliation: { name: anonymous!.organization } } : {}) }),
      channel: q.channel,
      saidOn: q.saidOn,
      isPartial: q.isPartial,
      startOffset: q.startOffset,
      endOffset: q.endOffset,
      confidence: q.confidence,
    });
  }
  const participant = (name: string): Record<string, unknown> => {
    const person = people.get(fold(name));
    if (person) return personRef(person);
    return organizations.has(fold(name)) ? { organization: name } : { name };
  };
  const events: Array<Record<string, unknown>> = [];
  for (const e of x.events) {
    if (!e.startsOn && !e.places.length && !e.participants.length) {
      omitted.push({ kind: "event", text: e.title, reason: "no date, place or participant to tell it from other events" });
      continue;
    }
    events.push({
      title: e.title,
      kind: enumName(e.kind),
      startsOn: e.startsOn,
      endsOn: e.endsOn,
      datePrecision: enumName(e.datePrecision),
      status: enumName(e.status),
      places: e.places.map((name) => ({ name })),
      participants: e.participants.map(participant),
      ...provenance(e),
    });
  }
  const a = x.article;
  return {
    input: {
      url: a.url,
      headline: a.headline,
      body: a.body,
      summary: a.summary,
      language: a.language,
      publishedAt: a.publishedAt ? a.publishedAt.toISOString() : null,
      publishedAtSource: a.publishedAtSource ? enumName(a.publishedAtSource) : null,
      publisher: a.publisher ? { name: a.publisher } : null,
      bylines: a.bylines,
      sections: a.sections,
      images: a.images,
      quotes,
      mentions: {
        people: x.people.map((p) => ({ ...personRef(p), ...provenance(p) })),
        organizations: x.organizations.map((o) => ({ name: o.name, ...provenance(o) })),
        places: x.places.map((p) => ({ name: p.name, kind: enumName(p.kind), ...(p.countryCode ? { countryCode: p.countryCode } : {}), ...provenance(p) })),
      },
      events,
    },
    omitted,
  };
}
