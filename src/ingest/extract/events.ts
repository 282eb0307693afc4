import { DatePrecision, EventKind, EventStatus } from "../../event/event.entity";
import { PlaceKind } from "../../place/place.entity";
import { clauseTense, explicitTense, findDates, isoDay, REPORTED_FUTURE, reportsFuture, type DateMention, type Tense } from "./dates";
import type { Entities } from "./entities";
import { parseDateline } from "../text-blocks";
import { BACK_REFERENCE, CANCELLED, DISASTER, DOCUMENT_NOUN, EVENT_TRIGGERS, HYPOTHETICAL, ONGOING, PRESENT_PERFECT, type EventTrigger } from "./event-lexicon";
import type { ExtractedEvent, ExtractedPlace, ParsedDocument } from "./types";

/**
 * Events the article reports, found clause by clause:
 *
 * 1. The body is cut into sentences and each sentence into clauses ("…Tuesday before departing
 *    for Seoul on Wednesday" is two). A clause with an event word (see `EVENT_TRIGGERS`) that
 *    is not hypothetical or negated ("could hold talks", "has yet to announce") is a candidate;
 *    the highest-ranked word gives its kind. Photo captions are read the same way, as one clause
 *    dated by the caption's own date.
 * 2. Dates come from the clause (`findDates`, in the clause's tense, "since …" ignored); the
 *    latest day the article has placed in the coming week is what "later in the week" follows.
 * 3. Places are the clause's places from `found.places` (a possessive "China’s" is an actor, not
 *    a venue); participants are the people (full names, surnames too) and organizations it names,
 *    else the sentence's subject, else, when the clause refers back ("their tour"), the previous
 *    event's. An organization that is a participant's own employer is left out. A trigger with a
 *    subject of its own ("when the legislature meets") takes nobody from elsewhere.
 * 4. Candidates of one kind that overlap in time and share a place or participant are merged;
 *    undated ones survive only by merging or when ongoing. A meeting with leaders in several
 *    places over a week is a trip. A trip takes in the dated meetings and departures of its
 *    travellers within its places: an undated meeting happens where the trip is that day, and a
 *    trip whose last leg is a departure ends when its travellers' next event elsewhere begins.
 */
export function extractEvents(doc: ParsedDocument, found: Entities): ExtractedEvent[] {
  const ref = doc.publishedAt;
  const finder = new MentionFinder(found);
  const candidates: Candidate[] = [];
  let anchor: string | null = null;
  let previous: Candidate | null = null;
  let lastPerson: Named | null = null;
  const datelineEnd = doc.dateline && doc.body.startsWith(doc.dateline.text) ? doc.dateline.text.length : 0;

  for (const sentence of sentences(doc.body)) {
    const tense = clauseTense(withoutQuotes(sentence.text));
    const clauses = splitClauses(sentence);
    const firstTrigger = clauses.map((c) => firstTriggerIndex(c)).find((x) => x !== null) ?? null;
    const datelineSkip = Math.max(0, datelineEnd - sentence.start);
    const subject = finder.participants(sentence.text.slice(0, firstTrigger !== null ? firstTrigger - sentence.start : undefined)).filter((n) => n.index >= datelineSkip);
    let eventless: DateMention | null = null;
    for (const clause of clauses) {
      const made = candidateFrom(clause, sentence, { ref, tense, anchor, subject, previous, finder, source: null, datelineEnd, borrowed: eventless, lastPerson });
      eventless = null;
      if (!made) {
        // "Shares fell 14% on Thursday after the company cut its forecast": the date of a clause
        // with no event of its own dates the event that follows it ("after", "following", "as").
        const own = findDates(clause.text, ref, { tense: explicitTense(clause.text) ?? tense, anchor }).filter((d) => d.role === "at" && !d.vague);
        if (own.length === 1 && own[0]!.precision === DatePrecision.DAY) eventless = own[0]!;
        continue;
      }
      candidates.push(made);
      previous = made;
    }
    const people = finder.participants(withoutQuotes(sentence.text)).filter((n) => n.person && n.index >= datelineSkip);
    if (people.length > 0) lastPerson = people[people.length - 1]!;
    for (const d of findDates(sentence.text, ref, { tense, anchor }) as DateMention[]) {
      if (ref && d.precision === DatePrecision.DAY && d.role === "at" && d.startsOn >= isoDay(ref) && d.startsOn <= isoDay(addDays(ref, 7))) {
        const last: string = d.endsOn ?? d.startsOn;
        if (anchor === null || last > anchor) anchor = last;
      }
    }
  }
  doc.images.forEach((image, i) => {
    const text = image.caption;
    const clause: Span = { text, start: 0, end: text.length };
    const made = candidateFrom(clause, clause, { ref, tense: "past", anchor: null, subject: [], previous: null, finder, source: `images[${i}].caption`, wholeCaption: true, datelineEnd: 0 });
    if (made) candidates.push(made);
  });

  const dateline = doc.dateline?.place ?? null;
  if (dateline) {
    const datelinePlace = finder.places(dateline, true)[0] ?? dateline;
    const firstParagraphEnd = doc.body.indexOf("\n\n") < 0 ? doc.body.length : doc.body.indexOf("\n\n");
    // The dateline says where the reporting was done: where the first paragraph's past events happened.
    for (const c of candidates) {
      if (c.source !== null || c.start >= firstParagraphEnd || c.places.includes(datelinePlace)) continue;
      if (c.places.length === 0 || (c.status === EventStatus.HAPPENED && !c.places.some((p) => finder.sameArea(p, datelinePlace)))) c.places.unshift(datelinePlace);
    }
  }
  // "The Springfield City Council voted", "the Electric Reliability Council of Texas": an organization named for a place.
  for (const c of candidates) if (c.places.length === 0) c.places.push(...finder.placesInNames([...c.subject, ...c.others].filter((n) => !n.person).map((n) => n.name)));

  for (const c of candidates) asTrip(c, finder);
  const merged = mergeAll(candidates, finder);
  assembleTrips(merged, finder);
  return merged
    .filter((c) => c.startsOn !== null || c.status === EventStatus.ONGOING || (c.window && c.status === EventStatus.SCHEDULED))
    .map((c) => toEvent(c, ref, finder));
}

interface Span {
  text: string;
  /** Offsets into the body (or into a caption). */
  start: number;
  end: number;
}

interface Candidate {
  kind: EventKind;
  trigger: EventTrigger;
  triggerText: string;
  subject: Named[];
  others: Named[];
  places: string[];
  startsOn: string | null;
  endsOn: string | null;
  precision: DatePrecision;
  status: EventStatus;
  tense: Tense;
  start: number;
  end: number;
  source: string | null;
  confidence: number;
  object: string | null;
  /** Where the trip is on its first known day (its "stop in Tokyo"). */
  firstPlaces: string[];
  /** Named as one already mentioned: "the summit". */
  definite: boolean;
  /** The clause without its dates, for a title when nobody is named. */
  gist: string;
  /** Planned within a window or by a deadline ("will close … by the end of the year"), without a date. */
  window: boolean;
}

interface Named {
  /** The name as stored in `found`: a person's full name, an organization's name. */
  name: string;
  /** The form the clause uses, for titles. */
  surface: string;
  index: number;
  person: boolean;
}

const DAY_MS = 86_400_000;
function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * DAY_MS);
}
function shiftIso(iso: string, n: number): string {
  return isoDay(addDays(new Date(`${iso}T00:00:00Z`), n));
}

/** What may follow "a.m."/"p.m." inside a sentence: a day or a time zone. */
const TIME_GOES_ON = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Eastern|Pacific|Central|Mountain|ET|EST|EDT|PT|PST|PDT|CT|GMT|UTC|BST|CET|CEST)\b/;
const ABBREVIATIONS = /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Adm|Maj|Cmdr|St|Jr|Sr|No|Inc|Co|Corp|Ltd|vs|etc|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Calif|Fla|Mass|Penn|Va|Wash)|\b[A-Z]|\b(?:[A-Z]\.){1,3}[A-Z])\.$/;

/** Sentences of the body with their offsets; a sentence never crosses a paragraph break. */
export function sentences(body: string): Span[] {
  const out: Span[] = [];
  const paragraph = /[^\n]+/g;
  for (let p = paragraph.exec(body); p; p = paragraph.exec(body)) {
    const text = p[0];
    const end = /[.!?]["”’)]*\s+(?=["“‘(]?[\p{Lu}\d])/gu;
    let from = 0;
    for (let m = end.exec(text); m; m = end.exec(text)) {
      const upTo = m.index + m[0].trimEnd().length;
      if (ABBREVIATIONS.test(text.slice(Math.max(0, m.index - 12), m.index + 1))) continue;
      // "at about 3 p.m. Tuesday", "at 5 p.m. Eastern time": a time goes on into its day or zone.
      if (/\b[ap]\.m\.$/i.test(text.slice(Math.max(0, m.index - 4), m.index + 1)) && TIME_GOES_ON.test(text.slice(m.index + m[0].length))) continue;
      out.push({ text: text.slice(from, upTo), start: p.index + from, end: p.index + upTo });
      from = m.index + m[0].length;
    }
    if (from < text.length) out.push({ text: text.slice(from), start: p.index + from, end: p.index + text.length });
  }
  return out;
}

const CLAUSE_BREAK = /(?:;\s+|\s+(?=(?:starting|beginning|effective) (?:in|on|from) (?:January|February|March|April|May|June|July|August|September|October|November|December|next)\b)|,\s+(?=according to\b)|\s+that\s+|,\s+(?=[a-z]+ing\b)|,?\s+(?:ahead of|prior to|following|in the run-up to)\s+|,?\s+(?:before|after|while|until|then|whereupon)\s+(?=\w+ing\b|\w+s\b|the\b|a\b|he\b|she\b|they\b)|,\s+but\s+|,\s+and then\s+)/g;

function splitClauses(sentence: Span): Span[] {
  const out: Span[] = [];
  let from = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(sentence.text); m; m = CLAUSE_BREAK.exec(sentence.text)) {
    out.push(slice(sentence, from, m.index));
    from = m.index;
  }
  out.push(slice(sentence, from, sentence.text.length));
  return out.filter((c) => c.text.trim() !== "");
}

function slice(s: Span, a: number, b: number): Span {
  const lead = /^[\s,;]*/.exec(s.text.slice(a, b))![0].length;
  return { text: s.text.slice(a + lead, b), start: s.start + a + lead, end: s.start + b };
}

interface TriggerHit {
  trigger: EventTrigger;
  index: number;
  text: string;
}

function triggers(text: string): TriggerHit[] {
  const hits: TriggerHit[] = [];
  for (const trigger of EVENT_TRIGGERS) {
    if (trigger.hint && !trigger.hint.test(text)) continue;
    trigger.re.lastIndex = 0;
    for (let m = trigger.re.exec(text); m; m = trigger.re.exec(text)) hits.push({ trigger, index: m.index, text: m[0] });
  }
  return hits.sort((a, b) => a.index - b.index);
}

function firstTriggerIndex(clause: Span): number | null {
  const first = triggers(clause.text)[0];
  return first ? clause.start + first.index : null;
}

interface CandidateContext {
  ref: Date | null;
  tense: Tense;
  anchor: string | null;
  subject: Named[];
  previous: Candidate | null;
  finder: MentionFinder;
  source: string | null;
  wholeCaption?: boolean;
  /** The date of the clause before, which names no event, for a clause that begins "after…" and has none. */
  borrowed?: DateMention | null;
  /** The person named last before this sentence: who "he said at a news conference" is. */
  lastPerson?: Named | null;
  /** Body offset where the dateline ("WASHINGTON (Reuters) -") ends: its agency is no participant. */
  datelineEnd: number;
}

/** A clause-opening word and a determiner before the trigger: "when the legislature meets", "after the board voted". */
const OWN_SUBJECT = /\b(?:when|after|before|until|once|while|where|if|because|as|unless|since|that)\s+(?:the|a|an|its|their|this|that|these|those)\s+(?:[\p{L}-]+\s+){0,3}$/iu;

function candidateFrom(clause: Span, sentence: Span, ctx: CandidateContext): Candidate | null {
  const hits = triggers(clause.text).filter((h) => !hypothetical(clause.text.slice(0, h.index)) && !insideQuote(sentence.text, clause.start - sentence.start + h.index));
  if (hits.length === 0) return null;
  let best = hits.reduce((a, b) => (b.trigger.rank > a.trigger.rank ? b : a));
  // "expected to meet … the first time since June that officials have held talks": the meeting is talks.
  if (best.trigger.kind === EventKind.MEETING) {
    const talks = triggers(sentence.text).find((h) => h.trigger.kind === EventKind.TALKS && !hypothetical(sentence.text.slice(0, h.index)));
    if (talks) best = { ...talks, index: best.index };
  }
  const ahead = /^(?:ahead of|prior to|in the run-up to|starting (?:in|on|from)|beginning (?:in|on|from)|effective (?:in|on|from))\b/i.test(clause.text);
  const tense = ctx.wholeCaption ? "past" : ahead ? "future" : (explicitTense(withoutQuotes(clause.text)) ?? ctx.tense);
  const allDates = findDates(clause.text, ctx.ref, { tense, anchor: ctx.anchor }).filter((d) => d.role !== "since");
  // "by the end of the year", "later this year": a window, not a date; the event stays undated.
  const window = allDates.some((d) => d.vague);
  const dates = allDates.filter((d) => !d.vague);
  let date = pickDate(dates, best.index);
  if (!date && ctx.borrowed && /^(?:after|following|as)\b/i.test(clause.text) && tense === "past") date = { ...ctx.borrowed };
  // "a three-day summit … on Monday" lasts until Wednesday.
  const days = /\b(two|three|four|five|six|seven|\d)-day\s+(?:[\p{L}-]+\s+){0,3}$/iu.exec(clause.text.slice(0, best.index));
  if (date && date.precision === DatePrecision.DAY && date.endsOn === null && days) {
    const n = Number(days[1]) || ["two", "three", "four", "five", "six", "seven"].indexOf(days[1]!.toLowerCase()) + 2;
    date.endsOn = shiftIso(date.startsOn, n - 1);
  }
  const places = ctx.finder.places(clause.text, ctx.wholeCaption === true);
  const skip = clause.start < ctx.datelineEnd && ctx.source === null ? ctx.datelineEnd - clause.start : 0;
  const named = ctx.finder.participants(clause.text).filter((n) => n.index >= skip);
  let confidence = 0.75;
  const pivot = hits[0]!.index;
  let subject = named.filter((n) => n.index < pivot && !/\bwith\s+$/i.test(clause.text.slice(0, n.index)));
  let others = named.filter((n) => !subject.includes(n));
  // "… when the legislature meets in February": the trigger has a subject of its own, a common
  // noun; nobody named elsewhere (another sentence, the sentence's main clause) takes its place.
  const own = OWN_SUBJECT.exec(clause.text.slice(0, best.index));
  if (own && named.length === 0) {
    subject = ctx.subject.filter((n) => !n.person);
    others = [];
    confidence -= 0.1;
  } else if (own && subject.some((n) => n.index >= own.index)) {
    // "Holt said he would seek funding when the Legislature meets": the Legislature meets, not Holt.
    subject = subject.filter((n) => n.index >= own.index);
    others = others.filter((n) => !n.person);
  } else if (named.length === 0 && ctx.subject.length === 0 && ctx.lastPerson && /^(?:[“"‘][^”"’]*[”"’],?\s+)?(?:he|she)\b/i.test(clause.text.replace(/^.*?[”"’]\s*,?\s*(?=(?:he|she)\b)/i, ""))) {
    // "“…,” he said at a news conference": the person the article named last.
    subject = [{ ...ctx.lastPerson, surface: ctx.lastPerson.name, index: 0 }];
    others = [];
    confidence -= 0.1;
  } else if (named.length === 0 && ctx.subject.length > 0) {
    subject = ctx.subject;
    others = [];
    confidence -= 0.1;
  } else if (named.length === 0 && ctx.previous && BACK_REFERENCE.test(clause.text)) {
    subject = ctx.previous.subject;
    others = [];
    confidence -= 0.2;
  } else if (subject.length === 0 && ctx.subject.length > 0) {
    subject = ctx.subject.filter((s) => !others.some((o) => o.name === s.name));
  }
  const employers = new Set([...subject, ...others].filter((n) => n.person).map((n) => ctx.finder.employerOf(n.name)).filter((x): x is string => x !== null));
  subject = subject.filter((n) => n.person || !employers.has(n.name));
  others = others.filter((n) => n.person || !employers.has(n.name));

  let status = tense === "future" ? EventStatus.SCHEDULED : EventStatus.HAPPENED;
  if (CANCELLED.test(clause.text)) status = EventStatus.CANCELLED;
  else if (ONGOING.test(clause.text) && !date) status = EventStatus.ONGOING;
  // "Floods have displaced 40,000": a disaster in the present perfect, undated, is still going on.
  else if (!date && DISASTER.test(best.text) && PRESENT_PERFECT.test(clause.text)) status = EventStatus.ONGOING;
  if (date) confidence += date.relative ? 0.05 : 0.1;
  if (ctx.source) confidence = Math.min(confidence, 0.7);
  return {
    kind: best.trigger.kind,
    trigger: best.trigger,
    triggerText: best.text,
    subject,
    others,
    places,
    startsOn: date?.startsOn ?? null,
    endsOn: date?.endsOn ?? null,
    precision: date?.precision ?? DatePrecision.DAY,
    status,
    tense,
    start: clause.start,
    end: clause.end,
    source: ctx.source,
    confidence: Math.round(confidence * 100) / 100,
    object: /\b(?:from|by)$/i.test(best.text) ? null : best.trigger.kind === EventKind.PUBLICATION && /ed$/i.test(best.text) && DOCUMENT_BEFORE.test(clause.text.slice(0, best.index)) ? DOCUMENT_BEFORE.exec(clause.text.slice(0, best.index))![1]!.replace(/^(?:a|an|the)\s+/i, "") : /^t(?:ell|ells|old|elling)\s/i.test(best.text) ? best.text.replace(/^\S+\s+/, "") : objectAfter(clause.text, best.index + best.text.length),
    firstPlaces: date && date.precision === DatePrecision.DAY ? places : [],
    definite: /\bthe\s+$/i.test(clause.text.slice(0, best.index)),
    gist: best.trigger.verb === "takes effect" ? takesEffect(sentence, clause) : gist(clause.text, allDates, best.index),
    window: window && tense === "future",
  };
}

/** "a large international study published …": the document a trailing "published" is about. */
const DOCUMENT_BEFORE = new RegExp(`((?:[\\w’'-]+\\s+){0,3}(?:${DOCUMENT_NOUN})s?),?\\s+(?:was\\s+|were\\s+)?$`, "i");

/** The clause as a headline: its dates and trailing asides removed, a dozen words at most. */
/**
 * The title of a change that starts later ("voted to raise fares by 25 cents starting in
 * September"): what the sentence says is done, from its last "to", before the clause.
 */
function takesEffect(sentence: Span, clause: Span): string {
  const before = sentence.text.slice(0, clause.start - sentence.start).trim();
  const to = before.lastIndexOf(" to ");
  const what = (to >= 0 ? before.slice(to + 4) : before).replace(/[,;:\s]+$/, "");
  const words = what.split(/\s+/).slice(0, 14).join(" ");
  return words ? `Takes effect: ${words}` : "Change takes effect";
}

function gist(text: string, dates: DateMention[], at: number): string {
  let out = text;
  for (const d of [...dates].sort((a, b) => b.index - a.index)) {
    // "revenue in the third quarter fell" → "revenue fell": the date's preposition goes with it.
    const prep = /\s+(?:in|on|at|during|for|over)(?:\s+(?:about|around|approximately|roughly|precisely|exactly))?\s*$/i.exec(out.slice(0, d.index));
    const from = prep && !/^\s*(?:[,.;]|$)/.test(out.slice(d.end)) ? prep.index : d.index;
    if (from < at) at -= d.end - from;
    out = out.slice(0, from) + out.slice(d.end);
  }
  const lead = /^(?:that|according to|as|after|following)\s+/i.exec(out);
  if (lead) {
    out = out.slice(lead[0].length);
    at = Math.max(0, at - lead[0].length);
  }
  const dateline = parseDateline(out);
  if (dateline) {
    out = out.slice(dateline.text.length).trimStart();
    at = Math.max(0, at - (text.length - out.length));
  }
  const cut = out.slice(at).search(/[,;:—–(]|\s-\s|\b(?:to discuss|calling for|demanding|seeking|estimating|saying|according to)\b/);
  if (cut > 0) out = out.slice(0, at + cut);
  out = out.replace(/^(?:[\p{Lu}][\p{L}]*(?:\s+\p{Ll}+)?\s*,\s*)/u, "").replace(/\b(?:on|in|at|by)(?:\s+(?:about|around|approximately|roughly))?\s*$/, "").replace(/\s+/g, " ").trim();
  const throughTrigger = out.slice(0, at).split(" ").length + 1;
  const words = out.split(" ").slice(0, Math.min(22, Math.max(14, throughTrigger + 3))).join(" ");
  return capitalize(words.replace(/[.,;:!?\s]+$/, "").replace(/\s+(?:in|at|on|of|to|for|the|a|an|and|by|with|since)$/i, ""));
}

/** Before an event word, a modal that makes it hypothetical; a reported "would" ("she said she would rule") is a plan. */
function hypothetical(before: string): boolean {
  return HYPOTHETICAL.test(reportsFuture(before) ? before.replace(REPORTED_FUTURE, "will") : before);
}

/** The text without what is quoted in it: a quote's tense ("will be left behind") is not the report's. */
function withoutQuotes(text: string): string {
  return text.replace(/“[^”]*”|"[^"]*"|‘[^’]*’(?!\p{L})/gu, " ");
}

/** A trigger inside quotation marks is the speaker's word, not the writer's report, unless the quote is a term ("a “two-plus-two”"). */
function insideQuote(text: string, index: number): boolean {
  const before = text.slice(0, index);
  const opens = (before.match(/[“]/g) ?? []).length - (before.match(/[”]/g) ?? []).length;
  if (opens <= 0) return false;
  const open = before.lastIndexOf("“");
  const close = text.indexOf("”", index);
  return close < 0 || close - open > 40;
}

/** The clause's date nearest its event word; a date after the word wins a tie. */
function pickDate(dates: DateMention[], at: number): DateMention | null {
  const distance = (d: DateMention) => (d.index >= at ? d.index - at : at - d.end + 1);
  return dates.reduce<DateMention | null>((best, d) => (best === null || distance(d) < distance(best) ? d : best), null);
}

function objectAfter(text: string, from: number): string | null {
  const m = /^\s+((?:(?!(?:in|at|on|to|for|with|from|by|that|which|who|and|as|of|during|after|before|while|last|next|this|yesterday|today|tomorrow|earlier|later|\w+ing|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b)[\p{L}\d’'-]+\s*){1,6})/u.exec(text.slice(from));
  if (!m) return null;
  const words = m[1]!.trim().split(/\s+/).filter((w) => !/^(?:its|their|his|her|the|a|an|our|this|that)$/i.test(w));
  return words.length > 0 ? words.join(" ") : null;
}

/** A meeting "with allies in Japan and South Korea this week" is a trip through those places. */
function asTrip(c: Candidate, finder: MentionFinder): void {
  if (c.kind !== EventKind.MEETING || c.precision === DatePrecision.DAY || c.startsOn === null) return;
  const distinct = c.places.filter((p, i) => !c.places.slice(0, i).some((q) => finder.sameArea(p, q)));
  if (distinct.length >= 2) {
    c.kind = EventKind.VISIT;
    c.trigger = EVENT_TRIGGERS.find((t) => t.kind === EventKind.VISIT)!;
  }
}

function overlaps(a: Candidate, b: Candidate): boolean {
  if (a.startsOn === null || b.startsOn === null) return true;
  const aEnd = a.endsOn ?? a.startsOn;
  const bEnd = b.endsOn ?? b.startsOn;
  return a.startsOn <= bEnd && b.startsOn <= aEnd;
}

function sharesSomething(a: Candidate, b: Candidate, finder: MentionFinder): boolean {
  const names = (c: Candidate) => [...c.subject, ...c.others].map((n) => n.name);
  if (names(a).some((n) => names(b).includes(n))) return a.places.length === 0 || b.places.length === 0 || a.places.some((p) => b.places.some((q) => finder.sameArea(p, q)));
  return a.places.some((p) => b.places.some((q) => finder.sameArea(p, q)));
}

function mergeAll(candidates: Candidate[], finder: MentionFinder): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates) {
    // "the trial" after "a trial": the same event word, once made definite, is the same event.
    const sameWord = (o: Candidate) => (o.definite || c.definite) && (o.startsOn === null || c.startsOn === null) && o.triggerText.toLowerCase() === c.triggerText.toLowerCase();
    const at = out.findIndex((o) => o.kind === c.kind && overlaps(o, c) && (sharesSomething(o, c, finder) || (c.definite && c.startsOn !== null && o.startsOn !== null) || sameWord(o)));
    if (at < 0) out.push(c);
    else if (out[at]!.startsOn === null && c.startsOn !== null) {
      // The dated mention is the event; the earlier undated one ("after the meeting") only adds to it.
      mergeInto(c, out[at]!);
      out[at] = c;
    } else mergeInto(out[at]!, c);
  }
  return out;
}

const PRECISION_ORDER = [DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR];

function mergeInto(a: Candidate, b: Candidate): void {
  if (b.startsOn !== null && (a.startsOn === null || PRECISION_ORDER.indexOf(b.precision) < PRECISION_ORDER.indexOf(a.precision))) {
    const widerEnd = a.startsOn !== null ? (a.endsOn ?? a.startsOn) : null;
    a.startsOn = b.startsOn;
    a.endsOn = b.endsOn ?? (widerEnd && widerEnd > b.startsOn ? widerEnd : null);
    a.precision = a.endsOn && b.precision === DatePrecision.DAY && b.endsOn === null ? DatePrecision.WEEK : b.precision;
    a.firstPlaces = b.firstPlaces;
  }
  for (const p of b.places) if (!a.places.includes(p)) a.places.push(p);
  // An undated mention ("during the secretaries’ visits to Tokyo and Seoul") confirms where, not who.
  if (b.startsOn !== null || a.subject.length + a.others.length === 0) for (const n of [...b.subject, ...b.others]) {
    if (![...a.subject, ...a.others].some((m) => m.name === n.name)) (b.subject.includes(n) ? a.subject : a.others).push(n);
  }
  if (a.status === EventStatus.ONGOING && b.startsOn !== null) a.status = b.status;
  a.confidence = Math.round(Math.min(0.95, Math.max(a.confidence, b.confidence) + 0.05) * 100) / 100;
}

function assembleTrips(events: Candidate[], finder: MentionFinder): void {
  const names = (c: Candidate) => [...c.subject, ...c.others].map((n) => n.name);
  for (const trip of events) {
    if (trip.kind !== EventKind.VISIT || trip.startsOn === null) continue;
    const travellers = trip.subject.length > 0 ? trip.subject.map((n) => n.name) : names(trip);
    const limit = trip.endsOn ?? shiftIso(trip.startsOn, 7);
    const within = (c: Candidate) => c !== trip && c.startsOn !== null && c.precision === DatePrecision.DAY && c.startsOn >= trip.startsOn! && c.startsOn <= limit && names(c).some((n) => travellers.includes(n));
    const legs = events.filter((c) => within(c) && [EventKind.TRAVEL, EventKind.MEETING, EventKind.TALKS, EventKind.BRIEFING, EventKind.CONFERENCE, EventKind.SUMMIT].includes(c.kind)).sort((a, b) => a.startsOn!.localeCompare(b.startsOn!));
    let here = trip.firstPlaces.length > 0 ? trip.firstPlaces : trip.places;
    let last: Candidate | null = null;
    for (const leg of legs) {
      const inTrip = leg.places.length === 0 || leg.places.some((p) => trip.places.some((q) => finder.sameArea(p, q)));
      if (!inTrip) continue;
      if (leg.places.length === 0 && leg.kind !== EventKind.TRAVEL) leg.places.push(...here);
      if (leg.kind === EventKind.TRAVEL && leg.places.length > 0) here = leg.places;
      for (const p of leg.places) if (!trip.places.includes(p)) trip.places.push(p);
      last = leg;
    }
    if (last === null) continue;
    let end = last.endsOn ?? last.startsOn!;
    if (last.kind === EventKind.TRAVEL) {
      const next = events
        .filter((c) => c !== trip && c.startsOn !== null && c.startsOn > end && c.startsOn <= limit && names(c).some((n) => travellers.includes(n)) && !c.places.some((p) => trip.places.some((q) => finder.sameArea(p, q))))
        .sort((a, b) => a.startsOn!.localeCompare(b.startsOn!))[0];
      if (next) end = next.startsOn!;
    }
    trip.endsOn = end > trip.startsOn ? end : null;
    trip.precision = DatePrecision.DAY;
  }
}

function toEvent(c: Candidate, ref: Date | null, finder: MentionFinder): ExtractedEvent {
  let status = c.status;
  if (ref && c.startsOn && status !== EventStatus.CANCELLED) {
    const today = isoDay(ref);
    if (status === EventStatus.HAPPENED && c.startsOn > today) status = EventStatus.SCHEDULED;
    if (status === EventStatus.SCHEDULED && (c.endsOn ?? c.startsOn) < today) status = EventStatus.HAPPENED;
    if (status === EventStatus.ONGOING) status = c.startsOn > today ? EventStatus.SCHEDULED : EventStatus.HAPPENED;
  }
  const participants = [...c.subject, ...c.others].map((n) => n.name).filter((n, i, all) => all.indexOf(n) === i);
  return {
    title: title(c, finder),
    kind: c.kind,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    datePrecision: c.precision,
    status,
    places: c.places,
    participants,
    startOffset: c.source ? null : c.start,
    endOffset: c.source ? null : c.end,
    confidence: c.confidence,
    ...(c.source ? { source: c.source } : {}),
  };
}

/** "cut its full-year forecast" → "cuts its full-year forecast": a matched verb phrase in the title's present tense. */
function verbatimVerb(phrase: string, plural: boolean): string {
  const first = phrase.split(/\s+/)[0]!.toLowerCase();
  const PAST: Record<string, string> = { cut: "cut", told: "tell", gave: "give", withdrew: "withdraw", pled: "plead", reported: "report", raised: "raise", lowered: "lower" };
  let stem = PAST[first] ?? first.replace(/(?:ed|es|s|ing)$/, "");
  if (stem === first.replace(/s$/, "") && /s$/.test(first) && !PAST[first]) stem = first.replace(/s$/, "");
  return plural ? stem : /(?:sh|ch|ss|x)$/.test(stem) ? `${stem}es` : `${stem}s`;
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function title(c: Candidate, finder: MentionFinder): string {
  const subject = list(unique(c.subject.map((n) => n.surface)));
  const others = list(unique(c.others.map((n) => n.surface)));
  const plural = c.subject.length > 1;
  const verb = (singular: string) => (plural ? singular.replace(/^(\w+?)(e?s)\b/, (_m, stem: string, s: string) => (s === "es" && /(?:sh|ch|ss|x)$/.test(stem) ? stem : stem + (s === "es" ? "e" : ""))) : singular);
  const place = c.places.length > 0 ? ` in ${list(headPlaces(c.places, finder))}` : "";
  const who = subject || others;
  const nounKind =
    [EventKind.SUMMIT, EventKind.CONFERENCE, EventKind.ELECTION, EventKind.PROTEST, EventKind.OTHER].includes(c.kind) ||
    (c.kind === EventKind.MEETING && !/^(?:meet|met|two-plus-two|sit|sat|host)/i.test(c.triggerText));
  if ((!who || nounKind) && c.kind !== EventKind.VISIT && c.kind !== EventKind.TRAVEL && c.gist) return c.gist;
  const withOthers = subject && others ? ` with ${others}` : "";
  let text: string;
  switch (c.kind) {
    case EventKind.MEETING:
      text = who ? `${who} ${verb("meets")}${withOthers ? withOthers : c.object && /^meet/i.test(c.triggerText) ? ` ${c.object}` : ""}${place}` : `Meeting${place}`;
      break;
    case EventKind.TALKS:
      text = who ? `${who} ${verb("holds")} talks${withOthers}${place}` : `Talks${place}`;
      break;
    case EventKind.VISIT:
      text = `${who ? `${who} ${verb("visits")} ` : "Visit to "}${list(headPlaces(c.places, finder)) || "the region"}`;
      break;
    case EventKind.TRAVEL: {
      const to = list(headPlaces(c.places, finder));
      const v = /^depart|^leav|^left/i.test(c.triggerText) ? "departs for" : /^arriv/i.test(c.triggerText) ? "arrives in" : "travels to";
      text = who ? `${who} ${verb(v)} ${to || "abroad"}` : `Travel to ${to || "abroad"}`;
      break;
    }
    case EventKind.BRIEFING:
    case EventKind.PUBLICATION:
    case EventKind.ANNOUNCEMENT:
    case EventKind.OTHER: {
      const base = /conference|briefing/i.test(c.triggerText) && c.kind === EventKind.BRIEFING && !/^brief/i.test(c.triggerText) ? "holds a news conference" : (c.trigger.verb ?? "acts");
      const v = c.kind === EventKind.OTHER ? verb(base) : verb(base).replace(/ (?:to|with)$/, "");
      const object = c.object ? ` ${c.object}` : "";
      const what = c.trigger.verbatim && !c.object ? ` ${c.triggerText.replace(/^\S+/, "").trim()}` : object;
      const head = c.trigger.verbatim ? verbatimVerb(c.triggerText, plural) : v;
      text = who ? `${who} ${head}${what || (subject && others ? ` ${others}` : "")}${place}` : `${capitalize(c.triggerText)}${object}${place}`;
      break;
    }
    default: {
      const noun = capitalize(c.triggerText);
      text = `${noun}${who ? ` of ${who}` : ""}${place}`;
      if (c.kind === EventKind.REVIEW && who) text = /^review\b/i.test(noun) && c.object ? `${who} ${verb("reviews")} ${c.object}` : `${who} ${noun.toLowerCase()}`;
    }
  }
  return text.replace(/\s+/g, " ").trim();
}

/** The places worth naming: a country goes when a city in it is listed. */
function headPlaces(places: string[], finder: MentionFinder): string[] {
  return places.filter((p, i) => !places.some((q, j) => j !== i && (q.length > p.length && q.startsWith(p) || (finder.isCountry(p) && !finder.isCountry(q) && finder.sameArea(p, q)))));
}

function unique(xs: string[]): string[] {
  return xs.filter((x, i) => xs.indexOf(x) === i);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Finds the people, organizations and places of `found` in a piece of text. */
class MentionFinder {
  private readonly personForms: Array<{ re: RegExp; name: string; full: boolean }> = [];
  private readonly orgForms: Array<{ re: RegExp; name: string }> = [];
  /** `test`: the form without the global flag, for testing names (made once, when first needed). */
  private readonly placeForms: Array<{ re: RegExp; place: ExtractedPlace; test?: RegExp }> = [];
  private readonly employer = new Map<string, string>();
  private readonly byName = new Map<string, ExtractedPlace>();

  constructor(found: Entities) {
    const lastTokens = new Map<string, number>();
    for (const p of found.people) {
      const last = p.name.split(/\s+/).pop()!;
      lastTokens.set(last, (lastTokens.get(last) ?? 0) + 1);
      if (p.organization) this.employer.set(p.name, p.organization);
    }
    for (const p of found.people) {
      for (const form of [p.name, ...p.aliases]) this.personForms.push({ re: wordRe(form), name: p.name, full: true });
      const last = p.name.split(/\s+/).pop()!;
      if (p.name.includes(" ") && last.length >= 3 && lastTokens.get(last) === 1) this.personForms.push({ re: wordRe(last), name: p.name, full: false });
    }
    for (const o of found.organizations) this.orgForms.push({ re: wordRe(o.name.replace(/^the\s+/i, "")), name: o.name });
    for (const pl of [...found.places].sort((a, b) => b.name.length - a.name.length)) {
      this.byName.set(pl.name, pl);
      this.placeForms.push({ re: wordRe(pl.name), place: pl });
    }
    // "NAIROBI, Kenya" (a dateline), "Columbus, Ohio": the body says "Nairobi", "Columbus".
    for (const pl of found.places) {
      const head = /^([^,]+),\s*\S/.exec(pl.name)?.[1]?.trim();
      if (!head) continue;
      const form = head === head.toUpperCase() ? head.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()) : head;
      if (!found.places.some((q) => q.name === form)) this.placeForms.push({ re: wordRe(form), place: pl });
    }
  }

  employerOf(person: string): string | null {
    return this.employer.get(person) ?? null;
  }

  participants(text: string): Named[] {
    const taken: Array<[number, number]> = [];
    const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
    const out: Named[] = [];
    const forms = [...this.personForms.filter((f) => f.full), ...this.personForms.filter((f) => !f.full)];
    for (const f of forms) {
      for (const m of text.matchAll(f.re)) {
        const a = m.index!;
        const b = a + m[0].length;
        if (!free(a, b)) continue;
        taken.push([a, b]);
        // "the Biden administration", "the Trump era": a government or a period, not the person.
        if (!f.full && SURNAME_AS_MODIFIER.test(text.slice(b))) continue;
        if (!out.some((n) => n.name === f.name)) out.push({ name: f.name, surface: m[0], index: a, person: true });
      }
    }
    for (const f of this.orgForms) {
      for (const m of text.matchAll(f.re)) {
        const a = m.index!;
        const b = a + m[0].length;
        if (!free(a, b)) continue;
        taken.push([a, b]);
        // "speaks … at the Pentagon": a venue, not a participant.
        if (/\b(?:at|in|inside|outside|near)\s+(?:the\s+)?$/i.test(text.slice(0, a))) continue;
        // "Acme Corp. (NASDAQ: ACME)": the exchange a ticker is listed on, not a participant.
        if (/\(\s*$/.test(text.slice(0, a)) && /^\s*:\s*[A-Z.]{1,6}\s*\)/.test(text.slice(b))) continue;
        if (!out.some((n) => n.name === f.name)) out.push({ name: f.name, surface: f.name, index: a, person: false });
      }
    }
    return out.sort((x, y) => x.index - y.index);
  }

  /** The places the text sets something in; `anywhere` also takes places without a locative word (a caption). */
  places(text: string, anywhere = false): string[] {
    const taken: Array<[number, number]> = [];
    const out: Array<{ name: string; index: number; end: number }> = [];
    const owners: string[] = [];
    for (const f of this.placeForms) {
      for (const m of text.matchAll(f.re)) {
        const a = m.index!;
        const b = a + m[0].length;
        if (taken.some(([x, y]) => a < y && b > x)) continue;
        taken.push([a, b]);
        // "China’s foreign minister", "Washington’s officials": an actor, not where it happens,
        // unless the clause names no other place ("Texas’ grid operator asked residents…").
        if (/^[’'](?:s\b|\s)/.test(text.slice(b))) {
          owners.push(f.place.name);
          continue;
        }
        out.push({ name: f.place.name, index: a, end: b });
      }
    }
    out.sort((x, y) => x.index - y.index);
    // A venue follows a locative word ("in Japan and South Korea", "departing for Seoul"); "an assertive China" is not one.
    const venues: typeof out = [];
    for (const o of out) {
      const before = text.slice(0, o.index);
      const prev = venues[venues.length - 1];
      const listed = prev !== undefined && /^\s*(?:,|and|or|,\s*and|,\s*or)\s*$/.test(text.slice(prev.end, o.index));
      // "Meridian, based in Columbus, Ohio, will hold…": where an actor lives, not where it acts.
      if (/\b(?:based|headquartered|born|located)\s+in\s+$/i.test(before)) continue;
      if (listed || (anywhere && !/\b(?:of|than|by|against|with)\s+(?:the\s+)?$/.test(before)) || LOCATIVE.test(before)) venues.push(o);
    }
    if (venues.length === 0) return owners.filter((n, i, all) => all.indexOf(n) === i);
    return venues.map((o) => o.name).filter((n, i, all) => all.indexOf(n) === i);
  }

  placesInNames(names: string[]): string[] {
    const out: string[] = [];
    for (const name of names) for (const f of this.placeForms) if ((f.test ??= new RegExp(f.re.source, "u")).test(name) && !out.includes(f.place.name)) out.push(f.place.name);
    return out;
  }

  isCountry(name: string): boolean {
    return this.byName.get(name)?.kind === PlaceKind.COUNTRY;
  }

  /** Same place, or one inside the other's country. */
  sameArea(a: string, b: string): boolean {
    if (a === b) return true;
    const pa = this.byName.get(a);
    const pb = this.byName.get(b);
    if (!pa || !pb || !pa.countryCode || pa.countryCode !== pb.countryCode) return false;
    return pa.kind === PlaceKind.COUNTRY || pb.kind === PlaceKind.COUNTRY;
  }
}

const SURNAME_AS_MODIFIER = /^\s+(?:administration|government|cabinet|era|campaign|presidency|years|doctrine|aides|officials|camp|team|White House)\b|^-era\b/;
const LOCATIVE = /\b(?:in|at|to|for|into|from|across|through|throughout|near|outside|inside|around|toward|towards|visit(?:s|ed|ing)?|tour(?:s|ed|ing)?|stop in)\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,2}$/u;

function wordRe(form: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\d])${escape(form).replace(/\s+/g, "\\s+")}(?![\\p{L}\\d]|-\\p{Ll})`, "gu");
}
