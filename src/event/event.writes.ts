import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth-checker";
import { notFound } from "../common/errors";
import { expectGlobalId, parseGlobalId, toGlobalId } from "../common/global-id";
import { dateRange } from "../common/input-rules";
import { RefResolver, type ResolvedSpeaker, cleanName } from "../common/ref-resolver";
import { LINKS, addLinks, setLinks } from "../common/sync";
import { type FieldError, invalidInput } from "../common/validation";
import { type ColumnChanges, type Tx, staleVersion, updateChanged, writeTransaction } from "../common/write";
import type { Context } from "../context";
import type { ArticleEventInput, EventFields, EventInput, EventPatch } from "./event-write.inputs";
import { EVENT_COLUMNS, toEvent } from "./event.loaders";
import type { EventRow } from "./event.type";
import { type Report, loadHappenings, sameHappening, spanOf } from "./event-matching";

async function readEvent(tx: Tx, id: string): Promise<EventRow> {
  return toEvent((await tx.one(`SELECT ${EVENT_COLUMNS} FROM event e WHERE e.id = $1`, [id]))!);
}

/** Places and participants of an event input, resolved. */
async function resolveParts(r: RefResolver, e: EventFields, path: string): Promise<{ placeIds: Array<string | null>; participants: Array<ResolvedSpeaker | null> }> {
  const placeIds: Array<string | null> = [];
  for (const [i, p] of (e.places ?? []).entries()) placeIds.push(await r.place(p, `${path}.places[${i}]`));
  const participants: Array<ResolvedSpeaker | null> = [];
  for (const [i, s] of (e.participants ?? []).entries()) participants.push(await r.speaker(s, `${path}.participants[${i}]`));
  return { placeIds, participants };
}

async function linkParticipants(tx: Tx, eventId: string, participants: Array<ResolvedSpeaker | null>, replace: boolean): Promise<void> {
  const experts = participants.map((p) => p?.expertId);
  const organizations = participants.map((p) => p?.organizationId);
  if (replace) {
    await setLinks(tx, LINKS.eventExperts, eventId, experts);
    await setLinks(tx, LINKS.eventOrganizations, eventId, organizations);
  } else {
    await addLinks(tx, LINKS.eventExperts, eventId, experts);
    await addLinks(tx, LINKS.eventOrganizations, eventId, organizations);
  }
}

const EVENT_VALUES = `title, kind, description, starts_on, ends_on, date_precision, status`;

async function insertEvent(tx: Tx, title: string, e: EventFields): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `INSERT INTO event (${EVENT_VALUES}) VALUES ($1, coalesce($2, 'other'), $3, $4, $5, coalesce($6, 'day'), coalesce($7, 'happened')) RETURNING id`,
    [cleanName(title), e.kind ?? null, e.description?.trim() || null, e.startsOn ?? null, e.endsOn ?? null, e.datePrecision ?? null, e.status ?? null],
  );
  return row!.id;
}

/**
 * An event inside an article write: by id; or by title: the event this article already reported
 * under that title; the same normalised title on the same start day (its missing details are
 * filled in); the same happening by the rules of event-matching.ts; otherwise a new event. Places
 * and participants are added, never removed: other articles may have named others.
 */
export async function resolveArticleEvent(tx: Tx, r: RefResolver, e: ArticleEventInput, path: string, articleId: string): Promise<{ id: string; placeIds: string[] } | null> {
  const { placeIds, participants } = await resolveParts(r, e, path);
  let id: string | null;
  if (e.id != null) {
    id = (await r.byId(e.id, ["Event"], [], `${path}.id`))?.id ?? null;
  } else {
    const before = await tx.one<{ id: string }>(`SELECT event_id AS id FROM event_article WHERE article_id = $1 AND newsgraph_name_key(title) = newsgraph_name_key($2)`, [articleId, e.title]);
    const found =
      before ??
      (await tx.one<{ id: string }>(
        `SELECT id FROM event WHERE newsgraph_name_key(title) = newsgraph_name_key($1) AND starts_on IS NOT DISTINCT FROM $2::date ORDER BY created_at, id LIMIT 1`,
        [e.title, e.startsOn ?? null],
      ));
    const report: Report = {
      title: cleanName(e.title!),
      kind: e.kind ?? null,
      startsOn: e.startsOn ?? null,
      endsOn: e.endsOn ?? null,
      datePrecision: e.datePrecision ?? null,
      places: placeIds.filter((p): p is string => !!p),
      participants: participants.flatMap((p) => [p?.expertId, p?.organizationId]).filter((p): p is string => !!p),
    };
    if (found && !before) {
      id = found.id;
      await tx.exec(
        `UPDATE event SET description = coalesce(description, $2), ends_on = coalesce(ends_on, $3::date),
                kind = CASE WHEN kind = 'other' AND $4::text IS NOT NULL THEN $4 ELSE kind END
          WHERE id = $1 AND ((description IS NULL AND $2::text IS NOT NULL) OR (ends_on IS NULL AND $3::date IS NOT NULL AND $3::date >= starts_on)
                             OR (kind = 'other' AND $4::text IS NOT NULL AND $4 <> 'other'))`,
        [id, e.description?.trim() || null, e.endsOn ?? null, e.kind ?? null],
      );
    } else if (found) {
      id = found.id;
    } else {
      const refs = [...report.places, ...report.participants];
      const stored = report.startsOn && refs.length ? ((await loadHappenings(tx, [{ ...spanOf(report.startsOn, report.endsOn, report.datePrecision), refs }])).get(0) ?? []) : [];
      id = sameHappening(report, stored)?.id ?? (await insertEvent(tx, e.title!, e));
    }
  }
  if (!id) return null;
  await addLinks(tx, LINKS.eventPlaces, id, placeIds);
  await linkParticipants(tx, id, participants, false);
  return { id, placeIds: placeIds.filter((p): p is string => !!p) };
}

function eventNames(e: EventFields) {
  return { speakers: e.participants ?? [], places: e.places ?? [] };
}

/** createEvent, updateEvent, deleteEvent, linkArticleEvent, unlinkArticleEvent, mergeEvents, splitEvent. */
export class EventWrites {
  static async create(ctx: Context, input: EventInput): Promise<EventRow> {
    await requireRole(ctx, Role.EDITOR);
    return writeTransaction(ctx, async (tx) => {
      const r = new RefResolver(tx);
      await r.lock(eventNames(input));
      const { placeIds, participants } = await resolveParts(r, input, "input");
      const articleIds: Array<string | null> = [];
      for (const [i, a] of (input.articles ?? []).entries()) articleIds.push((await r.byId(a, ["Article"], ["article"], `input.articles[${i}]`))?.id ?? null);
      r.assertResolved();
      const id = await insertEvent(tx, input.title, input);
      await addLinks(tx, LINKS.eventPlaces, id, placeIds);
      await linkParticipants(tx, id, participants, false);
      await addLinks(tx, LINKS.eventArticles, id, articleIds);
      return readEvent(tx, id);
    });
  }

  static async update(ctx: Context, id: string, patch: EventPatch, expectedVersion: number): Promise<EventRow> {
    await requireRole(ctx, Role.EDITOR);
    const dbId = expectGlobalId(id, ["Event"], "id").id;
    return writeTransaction(ctx, async (tx) => {
      const r = new RefResolver(tx);
      await r.lock(eventNames(patch));
      const current = await tx.one<{ version: number; starts_on: string | null; ends_on: string | null }>(
        `SELECT version, starts_on::text, ends_on::text FROM event WHERE id = $1 FOR UPDATE`,
        [dbId],
      );
      if (!current) throw notFound(`No event has id ${id}`, { id });
      if (current.version !== expectedVersion) throw staleVersion("The event", expectedVersion, current.version);
      const startsOn = patch.startsOn !== undefined ? patch.startsOn : current.starts_on;
      const endsOn = patch.endsOn !== undefined ? patch.endsOn : current.ends_on;
      const bad = dateRange(startsOn, endsOn);
      if (bad.length) throw invalidInput(bad.map((b) => ({ ...b, field: `input.${patch.endsOn !== undefined ? "endsOn" : "startsOn"}` })));
      const { placeIds, participants } = await resolveParts(r, patch, "input");
      r.assertResolved();
      const sets: ColumnChanges = [];
      if (patch.title != null) sets.push(["title", cleanName(patch.title), "text"]);
      if (patch.kind != null) sets.push(["kind", patch.kind, "text"]);
      if (patch.description !== undefined) sets.push(["description", patch.description?.trim() || null, "text"]);
      if (patch.startsOn !== undefined) sets.push(["starts_on", patch.startsOn, "date"]);
      if (patch.endsOn !== undefined) sets.push(["ends_on", patch.endsOn, "date"]);
      if (patch.datePrecision != null) sets.push(["date_precision", patch.datePrecision, "text"]);
      if (patch.status != null) sets.push(["status", patch.status, "text"]);
      const rowChanged = await updateChanged(tx, "event", dbId, sets);
      if (patch.places != null) await setLinks(tx, LINKS.eventPlaces, dbId, placeIds);
      if (patch.participants != null) await linkParticipants(tx, dbId, participants, true);
      if (!rowChanged && tx.changed) await tx.exec(`UPDATE event SET updated_at = now() WHERE id = $1`, [dbId]);
      return readEvent(tx, dbId);
    });
  }

  static async delete(ctx: Context, id: string): Promise<EventRow> {
    await requireRole(ctx, Role.EDITOR);
    const dbId = expectGlobalId(id, ["Event"], "id").id;
    return writeTransaction(ctx, async (tx) => {
      const exists = await tx.one(`SELECT id FROM event WHERE id = $1 FOR UPDATE`, [dbId]);
      if (!exists) throw notFound(`No event has id ${id}`, { id });
      const row = await readEvent(tx, dbId);
      await tx.exec(`DELETE FROM event WHERE id = $1`, [dbId]);
      return row;
    });
  }

  /** Links (or, with `link` false, unlinks) an article and an event; doing it twice changes nothing. */
  static async link(ctx: Context, article: string, event: string, link: boolean): Promise<{ articleId: string; eventId: string }> {
    await requireRole(ctx, Role.EDITOR);
    return writeTransaction(ctx, async (tx) => {
      const r = new RefResolver(tx);
      const a = await r.byId(article, ["Article"], ["article"], "article");
      const e = await r.byId(event, ["Event"], [], "event");
      r.assertResolved();
      if (link) await addLinks(tx, LINKS.eventArticles, e!.id, [a!.id]);
      else await tx.exec(`DELETE FROM event_article WHERE event_id = $1 AND article_id = $2`, [e!.id, a!.id]);
      return { articleId: a!.id, eventId: e!.id };
    });
  }

  /**
   * Folds events that are one happening into `into`: their article links (each with its
   * confidence and its title, the merged event's title where the link had none), places and
   * participants move to it, details it lacks (description, a kind other than OTHER) are taken from
   * them, and they are deleted. As mergeExperts: editors only, one transaction, the whole request
   * refused on bad arguments.
   */
  static async merge(ctx: Context, into: string, from: string[]): Promise<{ event: EventRow; mergedIds: string[] }> {
    await requireRole(ctx, Role.EDITOR);
    const target = expectGlobalId(into, ["Event"], "into").id;
    const problems: FieldError[] = [];
    const sources: string[] = [];
    if (!from.length) problems.push({ field: "from", message: "give at least one event to merge", constraint: "arrayNotEmpty" });
    if (from.length > 100) problems.push({ field: "from", message: "at most 100 at once", constraint: "arrayMaxSize" });
    from.forEach((f, i) => {
      const parsed = parseGlobalId(f);
      if (parsed?.type !== "Event") problems.push({ field: `from[${i}]`, message: "must be an Event id", constraint: "reference" });
      else if (parsed.id === target) problems.push({ field: `from[${i}]`, message: "is the event merged into", constraint: "distinct" });
      else if (!sources.includes(parsed.id)) sources.push(parsed.id);
    });
    if (problems.length) throw invalidInput(problems);
    return writeTransaction(ctx, async (tx) => {
      // Row locks in id order: two merges over the same events wait rather than deadlock.
      const locked = await tx.rows<{ id: string }>(`SELECT id FROM event WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[target, ...sources]]);
      const found = new Set(locked.map((l) => l.id));
      if (!found.has(target)) throw notFound(`No event has id ${into}`, { id: into });
      const missing = from.filter((f) => !found.has(parseGlobalId(f)!.id));
      if (missing.length) throw notFound(`No event has id ${missing.join(", ")}`, { ids: missing });
      // An article that reported several of them keeps one link, the first located.
      await tx.exec(
        `INSERT INTO event_article (event_id, article_id, start_offset, end_offset, confidence, title)
         SELECT DISTINCT ON (l.article_id) $1::uuid, l.article_id, l.start_offset, l.end_offset, l.confidence, coalesce(l.title, e.title)
           FROM event_article l JOIN event e ON e.id = l.event_id WHERE l.event_id = ANY($2::uuid[])
          ORDER BY l.article_id, l.start_offset NULLS LAST, e.created_at
         ON CONFLICT DO NOTHING`,
        [target, sources],
      );
      for (const [table, column] of [["event_place", "place_id"], ["event_expert", "expert_id"], ["event_organization", "organization_id"]] as const) {
        await tx.exec(`INSERT INTO ${table} (event_id, ${column}) SELECT DISTINCT $1::uuid, ${column} FROM ${table} WHERE event_id = ANY($2::uuid[]) ON CONFLICT DO NOTHING`, [target, sources]);
      }
      await tx.exec(
        `UPDATE event t SET description = coalesce(t.description, s.description),
                kind = CASE WHEN t.kind = 'other' THEN coalesce(s.kind, t.kind) ELSE t.kind END
           FROM (SELECT (array_agg(description ORDER BY created_at) FILTER (WHERE description IS NOT NULL))[1] AS description,
                        (array_agg(kind ORDER BY created_at) FILTER (WHERE kind <> 'other'))[1] AS kind
                   FROM event WHERE id = ANY($2::uuid[])) s
          WHERE t.id = $1 AND ((t.description IS NULL AND s.description IS NOT NULL) OR (t.kind = 'other' AND s.kind IS NOT NULL))`,
        [target, sources],
      );
      await tx.exec(`DELETE FROM event WHERE id = ANY($1::uuid[])`, [sources]);
      if (tx.changed) await tx.exec(`UPDATE event SET updated_at = now() WHERE id = $1`, [target]);
      return { event: await readEvent(tx, target), mergedIds: sources.map((id) => toGlobalId("Event", id)) };
    });
  }

  /**
   * The undoing of a wrong match: the links of `articles` (ids or slugs, each reporting the event)
   * move to a new event with the event's kind, dates, status, description, places and
   * participants, titled `title` or else the title the first of those articles gave the event. At
   * least one article must stay. One transaction.
   */
  static async split(ctx: Context, id: string, articles: string[], title: string | null | undefined): Promise<{ event: EventRow; newEvent: EventRow }> {
    await requireRole(ctx, Role.EDITOR);
    const dbId = expectGlobalId(id, ["Event"], "id").id;
    if (!articles.length) throw invalidInput([{ field: "articles", message: "give at least one article to move", constraint: "arrayNotEmpty" }]);
    if (title != null && !title.trim()) throw invalidInput([{ field: "title", message: "must not be blank", constraint: "notBlank" }]);
    return writeTransaction(ctx, async (tx) => {
      const current = await tx.one<{ title: string }>(`SELECT title FROM event WHERE id = $1 FOR UPDATE`, [dbId]);
      if (!current) throw notFound(`No event has id ${id}`, { id });
      const r = new RefResolver(tx);
      const moved: string[] = [];
      for (const [i, a] of articles.entries()) {
        const found = await r.byId(a, ["Article"], ["article"], `articles[${i}]`);
        if (found && !moved.includes(found.id)) moved.push(found.id);
      }
      r.assertResolved();
      const links = await tx.rows<{ article_id: string; title: string | null }>(`SELECT article_id, title FROM event_article WHERE event_id = $1`, [dbId]);
      const linked = new Map(links.map((l) => [l.article_id, l.title]));
      const strangers = articles.flatMap((a, i) => (moved[i] && !linked.has(moved[i]!) ? [{ field: `articles[${i}]`, message: "does not report this event", constraint: "linked" }] : []));
      if (strangers.length) throw invalidInput(strangers);
      if (moved.length >= links.length) throw invalidInput([{ field: "articles", message: "at least one article must stay with the event (to rename it, use updateEvent)", constraint: "remaining" }]);
      const newTitle = cleanName(title ?? linked.get(moved[0]!) ?? current.title);
      const created = await tx.one<{ id: string }>(
        `INSERT INTO event (title, kind, description, starts_on, ends_on, date_precision, status)
         SELECT $2, kind, description, starts_on, ends_on, date_precision, status FROM event WHERE id = $1 RETURNING id`,
        [dbId, newTitle],
      );
      const newId = created!.id;
      for (const [table, column] of [["event_place", "place_id"], ["event_expert", "expert_id"], ["event_organization", "organization_id"]] as const) {
        await tx.exec(`INSERT INTO ${table} (event_id, ${column}) SELECT $2::uuid, ${column} FROM ${table} WHERE event_id = $1`, [dbId, newId]);
      }
      await tx.exec(`UPDATE event_article SET event_id = $2 WHERE event_id = $1 AND article_id = ANY($3::uuid[])`, [dbId, newId, moved]);
      await tx.exec(`UPDATE event SET updated_at = now() WHERE id = $1`, [dbId]);
      return { event: await readEvent(tx, dbId), newEvent: await readEvent(tx, newId) };
    });
  }
}
