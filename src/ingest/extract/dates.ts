import * as chrono from "chrono-node";
import { DatePrecision } from "../../event/event.entity";

/**
 * Dates in news prose, resolved against the publication date.
 *
 * The rules, in the order they apply:
 * - An absolute date ("Feb. 10, 2021") is that day. Without a year ("March 11") it takes the year
 *   that puts it on the side of the publication date the tense points to (past or future).
 * - A bare weekday ("Monday") is the nearest such day on or after the publication date in a
 *   future-tense clause, on or before it otherwise. "last/next/this Monday" follow chrono.
 * - Weeks run Monday to Sunday. "last week" is the whole previous week, "next week" the whole
 *   following one, "this week" the current one; an article published on a Saturday or Sunday that
 *   speaks of "this week" in the future tense means the week that starts the next Monday.
 * - "later in the week" / "later this week" start the day after the latest day the article has
 *   already placed in that week (the `anchor`: "Monday… Tuesday… Wednesday… later in the week"
 *   gives Thursday), or the day after publication, and end on the week's Sunday; precision WEEK.
 *   "earlier this week" runs from the week's Monday to the day before publication.
 * - "this/last/next month", a month name ("in June", "last June"), "this/last/next year" and a
 *   year after "in/since/during" give the whole period, with MONTH or YEAR precision.
 * - A date after "since" is when a state began, not when something happened: its `role` says so
 *   and event extraction ignores it.
 * - A quarter ("in the third quarter", "third-quarter", "Q3 2024") spans its three months with
 *   MONTH precision; without a year it is the latest quarter already over (past tense) or the
 *   first not yet over (future tense). A fiscal quarter is not a calendar one and is left alone.
 * - A deadline or a vague window ("by the end of the year", "later this year", "in the coming
 *   months") is marked `vague`: it bounds when something happens without saying when it starts.
 */

/** The time a clause speaks in, which decides the direction of "Monday" or "March 11". */
export type Tense = "past" | "future";

export interface DateSpan {
  /** ISO date. */
  startsOn: string;
  endsOn: string | null;
  precision: DatePrecision;
}

export interface DateMention extends DateSpan {
  /** The words that state the date, and where they are in the text searched. */
  text: string;
  index: number;
  end: number;
  /** "since" marks the start of a state ("since last June"), "until" an end; "at" everything else. */
  role: "at" | "since" | "until";
  /** Resolved against the publication date rather than printed in full. */
  relative: boolean;
  /** A window or deadline ("later this year", "by the end of the month"), not the day or period something happens on. */
  vague?: boolean;
}

export interface FindDatesOptions {
  tense?: Tense;
  /** The latest day (ISO) the text has already placed in the current week: what "later in the week" follows. */
  anchor?: string | null;
}

const DAY_MS = 86_400_000;

function utcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * DAY_MS);
}

/** ISO date (YYYY-MM-DD) of a Date, in UTC. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function fromIso(s: string): Date {
  return new Date(`${s}T00:00:00Z`);
}

/** Monday of the ISO week holding `d`. */
function weekStart(d: Date): Date {
  return addDays(utcDay(d), -((d.getUTCDay() + 6) % 7));
}

function isWeekend(d: Date): boolean {
  return d.getUTCDay() === 0 || d.getUTCDay() === 6;
}

function monthSpan(year: number, month0: number): DateSpan {
  const start = new Date(Date.UTC(year, month0, 1));
  const end = new Date(Date.UTC(year, month0 + 1, 0));
  return { startsOn: isoDay(start), endsOn: isoDay(end), precision: DatePrecision.MONTH };
}

function yearSpan(year: number): DateSpan {
  return { startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, precision: DatePrecision.YEAR };
}

function weekSpan(monday: Date, from?: Date, to?: Date): DateSpan {
  return { startsOn: isoDay(from ?? monday), endsOn: isoDay(to ?? addDays(monday, 6)), precision: DatePrecision.WEEK };
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

interface PhraseRule {
  re: RegExp;
  vague?: boolean;
  resolve: (m: RegExpExecArray, ref: Date, opts: FindDatesOptions) => DateSpan | null;
}

const QUARTER_WORDS: Record<string, number> = { first: 0, "1st": 0, second: 1, "2nd": 1, third: 2, "3rd": 2, fourth: 3, "4th": 3, q1: 0, q2: 1, q3: 2, q4: 3 };

function quarterSpan(year: number, q: number): DateSpan {
  const start = new Date(Date.UTC(year, q * 3, 1));
  const end = new Date(Date.UTC(year, q * 3 + 3, 0));
  return { startsOn: isoDay(start), endsOn: isoDay(end), precision: DatePrecision.MONTH };
}

const PERIOD_PHRASES: PhraseRule[] = [
  {
    // Windows and deadlines: they bound an event without dating it.
    re: /\b(?:later (?:this|in the) (?:year|month)|by (?:the )?(?:end of (?:the|this) (?:year|month)|year-end|the end of (?:19|20)\d\d)|in the (?:coming|next few) (?:weeks|months)|in the months ahead)\b/gi,
    vague: true,
    resolve: (m, ref) => {
      const month = /month/i.test(m[0]);
      const end = month ? new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth() + 1, 0)) : new Date(Date.UTC(ref.getUTCFullYear(), 11, 31));
      return { startsOn: isoDay(addDays(ref, 1)), endsOn: isoDay(end), precision: month ? DatePrecision.MONTH : DatePrecision.YEAR };
    },
  },
  {
    re: /(?<!\bfiscal(?:[\s-]+(?:year\s+)?))\b(?:(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter(?:\s+of\s+((?:19|20)\d\d))?|(Q[1-4])(?:\s+((?:19|20)\d\d))?)\b/gi,
    resolve: (m, ref, opts) => {
      const q = QUARTER_WORDS[(m[1] ?? m[3])!.toLowerCase()]!;
      const given = m[2] ?? m[4];
      if (given) return quarterSpan(Number(given), q);
      let year = ref.getUTCFullYear();
      const span = (y: number) => quarterSpan(y, q);
      if (opts.tense === "future") {
        if (span(year).endsOn! < isoDay(ref)) year += 1;
      } else if (span(year).endsOn! >= isoDay(ref)) year -= 1;
      return span(year);
    },
  },
  {
    re: /\blater (?:in the|this) week\b/gi,
    resolve: (_m, ref, opts) => {
      const monday = isWeekend(ref) ? weekStart(addDays(ref, 7)) : weekStart(ref);
      const sunday = addDays(monday, 6);
      let from = ref < monday ? monday : addDays(ref, 1);
      if (opts.anchor) {
        const next = addDays(fromIso(opts.anchor), 1);
        if (next > from && next <= sunday) from = next;
      }
      return from > sunday ? weekSpan(monday) : weekSpan(monday, from, sunday);
    },
  },
  {
    re: /\bearlier (?:in the|this) week\b/gi,
    resolve: (_m, ref) => {
      const monday = weekStart(ref);
      const until = addDays(utcDay(ref), -1);
      return until < monday ? weekSpan(monday, monday, monday) : weekSpan(monday, monday, until);
    },
  },
  {
    re: /\b(this|last|next|past|previous|coming|the following|the previous) week(?:end)?\b/gi,
    resolve: (m, ref, opts) => {
      const which = m[1]!.toLowerCase();
      const weekend = /weekend$/i.test(m[0]);
      let monday = weekStart(ref);
      if (which === "last" || which === "previous" || which === "the previous") monday = addDays(monday, -7);
      else if (which === "next" || which === "the following") monday = addDays(monday, 7);
      else if (which === "past") return weekSpan(monday, addDays(utcDay(ref), -7), utcDay(ref));
      else if (which === "coming" || (isWeekend(ref) && opts.tense === "future" && !weekend)) monday = isWeekend(ref) ? addDays(monday, 7) : monday;
      if (weekend) return { startsOn: isoDay(addDays(monday, 5)), endsOn: isoDay(addDays(monday, 6)), precision: DatePrecision.WEEK };
      return weekSpan(monday);
    },
  },
  {
    re: /\b(?:(later|earlier) )?(this|last|next|past|previous) (month|year)\b/gi,
    resolve: (m, ref) => {
      const which = m[2]!.toLowerCase();
      const step = which === "next" ? 1 : which === "this" ? 0 : -1;
      if (m[3]!.toLowerCase() === "year") return yearSpan(ref.getUTCFullYear() + step);
      const d = new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth() + step, 1));
      return monthSpan(d.getUTCFullYear(), d.getUTCMonth());
    },
  },
  {
    re: new RegExp(`\\b(last|next|this|in|since|by|during|until|early|late|mid-?)\\s+(${MONTHS.join("|")})\\b(?!\\s+\\d)`, "gi"),
    resolve: (m, ref, opts) => {
      const which = m[1]!.toLowerCase();
      const month0 = MONTHS.indexOf(m[2]!.toLowerCase());
      const refMonth = ref.getUTCMonth();
      let year = ref.getUTCFullYear();
      if (which === "last" || which === "since") year -= month0 >= refMonth ? 1 : 0;
      else if (which === "next") year += month0 <= refMonth ? 1 : 0;
      else if (which !== "this") {
        if (opts.tense === "future" && month0 < refMonth) year += 1;
        if (opts.tense !== "future" && month0 > refMonth) year -= 1;
      }
      return monthSpan(year, month0);
    },
  },
  {
    re: /\b(?:in|since|during|until|by|throughout|early|late|mid-?)\s+((?:19|20)\d\d)\b(?![-/]\d)/gi,
    resolve: (m) => yearSpan(Number(m[1])),
  },
];

/**
 * Every date the text states, resolved against `ref` (the publication date). Without `ref` only
 * dates printed in full (day, month and year) are returned.
 */
export function findDates(text: string, ref: Date | null, opts: FindDatesOptions = {}): DateMention[] {
  const found: DateMention[] = [];
  const taken = (a: number, b: number) => found.some((f) => a < f.end && b > f.index);
  if (ref) {
    for (const rule of PERIOD_PHRASES) {
      rule.re.lastIndex = 0;
      for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
        const start = m.index;
        const end = start + m[0].length;
        if (taken(start, end)) continue;
        const span = rule.resolve(m, utcDay(ref), opts);
        if (span) found.push({ ...span, text: m[0], index: start, end, role: roleBefore(text, start, m[0]), relative: true, ...(rule.vague ? { vague: true } : {}) });
      }
    }
  }
  const base = ref ?? new Date(Date.UTC(2000, 0, 1));
  for (const r of chrono.parse(text, base)) {
    // chrono takes the comma after "on Monday," into the phrase; it belongs to the sentence.
    const end = r.index + r.text.replace(/[\s,;]+$/, "").length;
    if (taken(r.index, end)) continue;
    // "for three months" is how long, not when.
    if (/^(?:for\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+(?:days?|weeks?|months?|years?)$/i.test(r.text) && !/\bin\s*$/i.test(text.slice(Math.max(0, r.index - 4), r.index))) continue;
    // "expected to last five weeks": the verb "last", not "the last five weeks".
    if (/^last\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+(?:days?|weeks?|months?|years?)$/i.test(r.text) && /\b(?:to|will|would|could|may|might|should|can)\s*$/i.test(text.slice(Math.max(0, r.index - 8), r.index))) continue;
    const span = resolveChrono(r, ref ? utcDay(ref) : null, opts.tense);
    if (span) found.push({ ...span.span, text: text.slice(r.index, end), index: r.index, end, role: roleBefore(text, r.index, r.text), relative: span.relative });
  }
  return found.sort((a, b) => a.index - b.index);
}

function roleBefore(text: string, index: number, phrase: string): DateMention["role"] {
  const before = text.slice(Math.max(0, index - 12), index).toLowerCase();
  const wider = text.slice(Math.max(0, index - 40), index).toLowerCase();
  if (/\bsince\s*$/.test(before) || /^since\b/i.test(phrase) || /\bsince\s+the\s+(?:start|beginning|end|middle|turn)\s+of\s+(?:the\s+)?$/.test(wider)) return "since";
  if (/\b(until|till|through|by)\s*$/.test(before) || /^(until|by)\b/i.test(phrase)) return "until";
  return "at";
}

function resolveChrono(r: chrono.ParsedResult, ref: Date | null, tense: Tense | undefined): { span: DateSpan; relative: boolean } | null {
  const s = r.start;
  const known = (k: chrono.Component) => s.isCertain(k);
  const point = (d: Date) => isoDay(d);
  const endOf = () => (r.end ? point(new Date(Date.UTC(r.end.get("year")!, r.end.get("month")! - 1, r.end.get("day")!))) : null);
  if (known("day") && known("month")) {
    let year = s.get("year")!;
    if (!known("year")) {
      if (!ref) return null;
      year = yearFor(ref, s.get("month")! - 1, s.get("day")!, tense);
    }
    const start = new Date(Date.UTC(year, s.get("month")! - 1, s.get("day")!));
    const relative = !known("year") || /\b(ago|yesterday|today|tomorrow|tonight|from now|later|earlier|next|last)\b/i.test(r.text);
    let end = endOf();
    if (end && r.end && !r.end.isCertain("year")) end = point(new Date(Date.UTC(start.getUTCFullYear(), r.end.get("month")! - 1, r.end.get("day")!)));
    return { span: { startsOn: point(start), endsOn: end && end !== point(start) ? end : null, precision: DatePrecision.DAY }, relative };
  }
  if (!ref) return null;
  if (known("weekday") && !known("day")) {
    let start: Date;
    if (/\b(last|next|this|past|coming)\b/i.test(r.text)) start = utcDay(s.date());
    else start = weekdayFrom(ref, s.get("weekday")!, tense);
    let end: string | null = null;
    if (r.end && r.end.isCertain("weekday")) {
      const delta = (r.end.get("weekday")! - s.get("weekday")! + 7) % 7;
      end = point(addDays(start, delta));
    }
    return { span: { startsOn: point(start), endsOn: end, precision: DatePrecision.DAY }, relative: true };
  }
  if (known("month") && !known("day")) {
    const month0 = s.get("month")! - 1;
    const year = known("year") ? s.get("year")! : yearFor(ref, month0, 1, tense, true);
    return { span: monthSpan(year, month0), relative: !known("year") };
  }
  return null;
}

function weekdayFrom(ref: Date, weekday: number, tense: Tense | undefined): Date {
  const diff = weekday - ref.getUTCDay();
  return tense === "future" ? addDays(ref, (diff + 7) % 7) : addDays(ref, -((-diff + 7) % 7));
}

function yearFor(ref: Date, month0: number, day: number, tense: Tense | undefined, wholeMonth = false): number {
  const year = ref.getUTCFullYear();
  const candidate = new Date(Date.UTC(year, month0, day));
  const refMonthStart = new Date(Date.UTC(year, ref.getUTCMonth(), 1));
  if (tense === "future") return (wholeMonth ? candidate < refMonthStart : candidate < ref) ? year + 1 : year;
  return (wholeMonth ? candidate > refMonthStart : candidate > addDays(ref, 1)) ? year - 1 : year;
}

/** A date printed on its own ("March 14, 2021", "2021-03-14T10:00Z", "Sun, 14 Mar 2021"), or null. */
export function parseDateText(text: string): Date | null {
  const r = chrono.parse(text, new Date(Date.UTC(2000, 0, 1)))[0];
  if (!r || !r.start.isCertain("day") || !r.start.isCertain("month") || !r.start.isCertain("year")) return null;
  return r.start.date();
}

const FUTURE = /\b(takes? effect|comes? into (?:force|effect)|goes? into effect|(?:begins|starts|opens|closes|resumes|ends|concludes|continues|reconvenes|meets) (?:on|in|next|this|at)|will|shall|'ll|won't|(?:is|are|was|were) (?:expected|scheduled|set|due|slated|poised|planning|going|likely|to)|plans? to|intends? to|aims? to|upcoming|next|tomorrow)\b/i;

const PAST = /\b(?:was|were|had|did|said|met|began|took|fell|rose|made|held|told|went|came|left|won|lost|sent|gave|spoke|\w{3,}ed)\b/i;

/** Reported future: "she said she would rule on March 3", "the company said it would close". */
export const REPORTED_FUTURE = /(?<=\b(?:said|says|told|announced|added|confirmed)\b[^.;:“”"]{0,60})\bwould\b(?!\s+(?:not|have)\b)/i;

/** Whether a clause speaks in the reported future; the lookbehind is tried only when "would" is there at all (it is costly at every position). */
export function reportsFuture(clause: string): boolean {
  return /\bwould\b/i.test(clause) && REPORTED_FUTURE.test(clause);
}

/** The tense a clause speaks in: future when a modal or a plan ("will", "is expected to", a reported "would") governs it. */
export function clauseTense(clause: string): Tense {
  return FUTURE.test(clause) || reportsFuture(clause) ? "future" : "past";
}

/** A clause's own tense when it shows one (a modal, a past-tense verb), else null. */
export function explicitTense(clause: string): Tense | null {
  if (FUTURE.test(clause) || reportsFuture(clause)) return "future";
  return PAST.test(clause) ? "past" : null;
}

/**
 * The publication date a text without one most likely has: the latest date printed in full
 * (captions and datelines carry the day a photo or report was made, on or before publication),
 * moved forward up to six days when the text's weekday words fit a later day better: past-tense
 * weekdays should not fall before that printed date, and future-tense weekdays should fall in
 * the week the text calls "this week". Among days that fit equally, a text that announces
 * (future weekdays) takes the latest, one that reports takes the earliest.
 */
export function inferPublicationDate(parts: Array<{ text: string; source: string }>): { date: Date; reason: string } | null {
  let latest: { date: Date; text: string; source: string } | null = null;
  const weekdays: Array<{ weekday: number; tense: Tense }> = [];
  let thisWeekFuture = false;
  for (const part of parts) {
    for (const sentence of part.text.split(/(?<=[.!?][”"]?)\s+(?=[“"]?[A-Z])/)) {
      const tense = clauseTense(sentence);
      if (/\bthis week\b/i.test(sentence) && tense === "future") thisWeekFuture = true;
      for (const r of chrono.parse(sentence, new Date(Date.UTC(2000, 0, 1)))) {
        const s = r.start;
        if (s.isCertain("day") && s.isCertain("month") && s.isCertain("year") && /\d{4}/.test(r.text)) {
          const d = utcDay(s.date());
          if (d.getTime() <= Date.now() && (!latest || d > latest.date)) latest = { date: d, text: r.text, source: part.source };
        } else if (s.isCertain("weekday") && !s.isCertain("day") && !/\b(last|next|this)\b/i.test(r.text)) {
          weekdays.push({ weekday: s.get("weekday")!, tense });
        }
      }
    }
  }
  if (!latest) return null;
  const printed = latest.date;
  const hasFuture = weekdays.some((w) => w.tense === "future");
  let best = { date: printed, score: -1 };
  for (let k = 0; k < 7; k++) {
    const p = addDays(printed, k);
    const week = weekStart(isWeekend(p) && thisWeekFuture ? addDays(p, 7) : p);
    let score = 0;
    for (const w of weekdays) {
      const r = weekdayFrom(p, w.weekday, w.tense);
      if (w.tense === "past" && r >= printed) score++;
      if (w.tense === "future" && thisWeekFuture && r > p && r >= week && r < addDays(week, 7)) score++;
    }
    // Ties: a preview ("will begin Monday") is dated as late as it can be, a report as early.
    if (score > best.score || (score === best.score && score > 0 && hasFuture)) best = { date: p, score };
  }
  const moved = best.date.getTime() !== printed.getTime();
  const reason =
    `the latest date printed is "${latest.text}" (${latest.source})` +
    (moved ? `; the text's weekday references (${weekdays.length}) fit ${isoDay(best.date)} best` : "");
  return { date: best.date, reason };
}
