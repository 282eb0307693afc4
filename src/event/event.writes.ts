import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth-checker";
import { notFound } from "../common/errors";
import { expectGlobalId } from "../common/global-id";
import { dateRange } from "../common/input-rules";
import { RefResolver, type ResolvedSpeaker, cleanName } from "../common/ref-resolver";
import { LINKS, addLinks, setLinks } from "../common/sync";
import { invalidInput } from "../common/validation";
import { type ColumnChanges, type Tx, staleVersion, updateChanged, writeTransaction } from "../common/write";
import type { Context } from "../context";
import type { ArticleEventInput, EventFields, EventInput, EventPatch } from "./event-write.inputs";
import { EVENT_COLUMNS, toEvent } from "./event.loaders";
import type { EventRow } from "./event.type";

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
 * An event inside an article write: by id; or by title, where the same normalised title on the
 * same start day is the event another article already reported (its missing details are filled
 * in); otherwise a new event. Places and participants are added, never removed: other articles may
 * have named others.
 */
export async function resolveArticleEvent(tx: Tx, r: RefResolver, e: ArticleEventInput, path: string): Promise<{ id: string; placeIds: string[] } | null> {
  let id: string | null;
  if (e.id != null) {
    id = (await r.byId(e.id, ["Event"], [], `${path}.id`))?.id ?? null;
  } else {
    const found = await tx.one<{ id: string }>(
      `SELECT id FROM event WHERE newsgraph_name_key(title) = newsgraph_name_key($1) AND starts_on IS NOT DISTINCT FROM $2::date ORDER BY created_at, id LIMIT 1`,
      [e.title, e.startsOn ?? null],
    );
    if (found) {
      id = found.id;
      await tx.exec(
        `UPDATE event SET description = coalesce(description, $2), ends_on = coalesce(ends_on, $3::date),
                kind = CASE WHEN kind = 'other' AND $4::text IS NOT NULL THEN $4 ELSE kind END
          WHERE id = $1 AND ((description IS NULL AND $2::text IS NOT NULL) OR (ends_on IS NULL AND $3::date IS NOT NULL AND $3::date >= starts_on)
                             OR (kind = 'other' AND $4::text IS NOT NULL AND $4 <> 'other'))`,
        [id, e.description?.trim() || null, e.endsOn ?? null, e.kind ?? null],
      );
    } else {
      id = await insertEvent(tx, e.title!, e);
    }
  }
  const { placeIds, participants } = await resolveParts(r, e, path);
  if (!id) return null;
  await addLinks(tx, LINKS.eventPlaces, id, placeIds);
  await linkParticipants(tx, id, participants, false);
  return { id, placeIds: placeIds.filter((p): p is string => !!p) };
}

function eventNames(e: EventFields) {
  return { speakers: e.participants ?? [], places: e.places ?? [] };
}

/** createEvent, updateEvent, deleteEvent, linkArticleEvent, unlinkArticleEvent. */
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
}
