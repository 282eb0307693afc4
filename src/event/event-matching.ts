import type { Tx } from "../common/write";

/**
 * When two reports are the same happening. An event reported by title is linked to an existing
 * event (or one created earlier in the same write) when all of these hold:
 * - compatible kinds: the same kind, either is OTHER, or both in one family of {@link KIND_FAMILIES};
 * - overlapping dates at their precision: each event covers its days ({@link spanOf}) and the two
 *   spans share at least one day; an undated event never matches this way;
 * - a shared place or participant (person or organization), and no conflict of places: when both
 *   name places, at least one is the same;
 * - similar titles: the trigram similarity of the new title to the event's title or any title an
 *   article gave it is at least {@link TITLE_SIMILARITY}.
 * Among several, the most similar title wins, then the oldest event.
 */
export const TITLE_SIMILARITY = 0.3;

/** Kinds that name the same sort of happening in different words. */
export const KIND_FAMILIES: ReadonlyArray<ReadonlySet<string>> = [
  new Set(["meeting", "talks", "summit", "conference", "visit"]),
  new Set(["visit", "travel"]),
  new Set(["briefing", "announcement"]),
  new Set(["publication", "review"]),
];

export function compatibleKinds(a: string, b: string): boolean {
  if (a === b || a === "other" || b === "other") return true;
  return KIND_FAMILIES.some((f) => f.has(a) && f.has(b));
}

/** pg_trgm's trigrams of a text: each word lower-cased, padded with two spaces before and one after. */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** pg_trgm's `similarity(a, b)`: shared trigrams over all trigrams. */
export function similarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The days an event covers: DAY from its start to its end (or its start); WEEK the seven days
 * from its start; MONTH its start's month; YEAR its start's year; never ending before `endsOn`.
 */
export function spanOf(startsOn: string, endsOn: string | null, precision: string | null): { from: string; to: string } {
  const start = day(startsOn);
  let from = start;
  let to = start;
  if (precision === "week") to = new Date(start.getTime() + 6 * 86_400_000);
  else if (precision === "month") {
    from = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
    to = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
  } else if (precision === "year") {
    from = new Date(Date.UTC(start.getUTCFullYear(), 0, 1));
    to = new Date(Date.UTC(start.getUTCFullYear(), 11, 31));
  }
  const end = endsOn && endsOn > iso(to) ? endsOn : iso(to);
  return { from: iso(from), to: end };
}

/** The SQL twin of {@link spanOf} for an `event` row under `e`. */
const SPAN_FROM = (e: string) => `CASE ${e}.date_precision WHEN 'month' THEN date_trunc('month', ${e}.starts_on)::date WHEN 'year' THEN date_trunc('year', ${e}.starts_on)::date ELSE ${e}.starts_on END`;
const SPAN_TO = (e: string) =>
  `greatest(coalesce(${e}.ends_on, ${e}.starts_on), CASE ${e}.date_precision WHEN 'week' THEN ${e}.starts_on + 6
     WHEN 'month' THEN (date_trunc('month', ${e}.starts_on) + interval '1 month - 1 day')::date
     WHEN 'year' THEN (date_trunc('year', ${e}.starts_on) + interval '1 year - 1 day')::date ELSE ${e}.starts_on END)`;

/** What the rules compare of an event: stored, or created earlier in the same write. */
export interface Happening {
  id: string;
  kind: string;
  span: { from: string; to: string };
  titles: string[];
  places: Set<string>;
  participants: Set<string>;
  createdAt: number;
}

/** What an article reports of an event, its references resolved. */
export interface Report {
  title: string;
  kind: string | null;
  startsOn: string | null;
  endsOn: string | null;
  datePrecision: string | null;
  places: string[];
  participants: string[];
}

/** The happening `report` is, of `candidates` (by the rules above), or null. */
export function sameHappening(report: Report, candidates: Iterable<Happening>): Happening | null {
  if (!report.startsOn) return null;
  const span = spanOf(report.startsOn, report.endsOn, report.datePrecision);
  const kind = report.kind ?? "other";
  let best: { h: Happening; score: number } | null = null;
  for (const h of candidates) {
    if (!compatibleKinds(kind, h.kind)) continue;
    if (h.span.to < span.from || span.to < h.span.from) continue;
    const sharedPlace = report.places.some((p) => h.places.has(p));
    if (report.places.length && h.places.size && !sharedPlace) continue;
    if (!sharedPlace && !report.participants.some((p) => h.participants.has(p))) continue;
    const score = Math.max(0, ...h.titles.map((t) => similarity(report.title, t)));
    if (score < TITLE_SIMILARITY) continue;
    if (!best || score > best.score || (score === best.score && h.createdAt < best.h.createdAt)) best = { h, score };
  }
  return best?.h ?? null;
}

/** Adds what a report linked to `h` says of it, so later reports of the same write can match on it. */
export function absorb(h: Happening, report: Report): void {
  if (!h.titles.includes(report.title)) h.titles.push(report.title);
  for (const p of report.places) h.places.add(p);
  for (const p of report.participants) h.participants.add(p);
}

/** A window to look for stored happenings in: the report's span and its resolved places and participants. */
export interface HappeningWindow {
  from: string;
  to: string;
  refs: string[];
}

interface HappeningRow {
  w: number;
  id: string;
  kind: string;
  span_from: string;
  span_to: string;
  titles: string[];
  places: string[];
  participants: string[];
  created: number;
}

/**
 * The stored events each window could be the same happening as (dated, spans overlapping, sharing a
 * place or participant), in one statement, driven from the links of the window's places and
 * participants. Result per window index.
 */
export async function loadHappenings(tx: Tx, windows: readonly HappeningWindow[]): Promise<Map<number, Happening[]>> {
  const out = new Map<number, Happening[]>();
  const refs = windows.flatMap((w, i) => w.refs.map((r) => [i, r] as const));
  if (!refs.length) return out;
  const rows = await tx.rows<HappeningRow>(
    `WITH w AS (SELECT * FROM unnest($1::int[], $2::date[], $3::date[]) AS w(i, lo, hi)),
          r AS (SELECT DISTINCT * FROM unnest($4::int[], $5::uuid[]) AS r(i, id)),
          hit AS (
            SELECT r.i, l.event_id FROM r JOIN event_place l ON l.place_id = r.id
            UNION SELECT r.i, l.event_id FROM r JOIN event_expert l ON l.expert_id = r.id
            UNION SELECT r.i, l.event_id FROM r JOIN event_organization l ON l.organization_id = r.id)
     SELECT w.i AS w, e.id, e.kind, (${SPAN_FROM("e")})::text AS span_from, (${SPAN_TO("e")})::text AS span_to,
            ARRAY(SELECT e.title UNION SELECT l.title FROM event_article l WHERE l.event_id = e.id AND l.title IS NOT NULL) AS titles,
            ARRAY(SELECT p.place_id::text FROM event_place p WHERE p.event_id = e.id) AS places,
            ARRAY(SELECT x.expert_id::text FROM event_expert x WHERE x.event_id = e.id
                  UNION ALL SELECT o.organization_id::text FROM event_organization o WHERE o.event_id = e.id) AS participants,
            extract(epoch FROM e.created_at)::float8 AS created
       FROM hit JOIN w ON w.i = hit.i JOIN event e ON e.id = hit.event_id
      WHERE e.starts_on IS NOT NULL AND (${SPAN_FROM("e")}) <= w.hi AND (${SPAN_TO("e")}) >= w.lo
      ORDER BY w.i, e.created_at, e.id`,
    [windows.map((_, i) => i), windows.map((w) => w.from), windows.map((w) => w.to), refs.map((r) => r[0]), refs.map((r) => r[1])],
  );
  for (const r of rows) {
    const list = out.get(r.w) ?? out.set(r.w, []).get(r.w)!;
    list.push({ id: r.id, kind: r.kind, span: { from: r.span_from, to: r.span_to }, titles: r.titles, places: new Set(r.places), participants: new Set(r.participants), createdAt: r.created });
  }
  return out;
}
