import { requireRole } from "../auth/auth-checker";
import { Role } from "../auth/api-key.entity";
import type { Context } from "../context";
import { expectGlobalId } from "../common/global-id";
import { offsets } from "../common/input-rules";
import { LINKS, syncProvenanceLinks } from "../common/sync";
import { RefResolver, type ResolvedSpeaker, cleanName } from "../common/ref-resolver";
import { invalidInput } from "../common/validation";
import { type ColumnChanges, type Tx, staleVersion, updateChanged, writeTransaction } from "../common/write";
import { notFound } from "../common/errors";
import type { CreateQuoteInput, QuoteFields, QuotePatch } from "./quote-write.inputs";
import { QUOTE_COLUMNS, toQuote } from "./quote.loaders";
import type { QuoteRow } from "./quote.type";

/** A quote with its speaker resolved, ready to store. */
export interface QuoteData {
  text: string;
  /** A named speaker; for an anonymous source, no expert or organization and the affiliation as `affiliationId`. */
  speaker: ResolvedSpeaker;
  /** An anonymous source's description; null for a named speaker. */
  description: string | null;
  channel: string | null;
  saidOn: string | null;
  isPartial: boolean;
  startOffset: number | null;
  endOffset: number | null;
  confidence: number;
}

export function quoteData(q: QuoteFields, speaker: ResolvedSpeaker): QuoteData {
  return {
    text: q.text.trim(),
    speaker,
    description: q.speaker == null && q.speakerDescription != null ? cleanName(q.speakerDescription) : null,
    channel: q.channel?.trim() || null,
    saidOn: q.saidOn ?? null,
    isPartial: q.isPartial ?? false,
    startOffset: q.startOffset ?? null,
    endOffset: q.endOffset ?? null,
    confidence: q.confidence ?? 1,
  };
}

/** An anonymous source as a {@link ResolvedSpeaker}: nobody named, the organization its description names as the affiliation. */
export function anonymousSpeaker(affiliationId: string | null): ResolvedSpeaker {
  return { expertId: null, organizationId: null, affiliationId };
}

/** A quote's speaker: the named one, or an anonymous source with its affiliation found or created. */
export async function resolveQuoteSpeaker(r: RefResolver, q: QuoteFields, field: string): Promise<ResolvedSpeaker | null> {
  if (q.speaker != null) return r.speaker(q.speaker, `${field}.speaker`);
  return anonymousSpeaker(q.speakerAffiliation ? await r.organization(q.speakerAffiliation, `${field}.speakerAffiliation`) : null);
}

/** Announces new quotes once the transaction has committed (`speakerId` null for an anonymous source). */
export function announceQuotes(ctx: Context, tx: Tx, articleId: string, added: Array<{ id: string; speakerId: string | null }>): void {
  if (!added.length) return;
  tx.afterCommit(() => {
    for (const q of added) ctx.pubsub.publish("QUOTE_ADDED", { quoteId: q.id, articleId, speakerId: q.speakerId });
  });
}

const QUOTE_VALUES =
  `speaker_expert_id, speaker_organization_id, speaker_description, speaker_description_organization_id, channel, said_on, is_partial, position, start_offset, end_offset, confidence`;
/** The SQL array types of {@link QUOTE_VALUES}, for unnest(). */
const QUOTE_VALUE_TYPES = ["uuid[]", "uuid[]", "text[]", "uuid[]", "text[]", "date[]", "boolean[]", "int[]", "int[]", "int[]", "real[]"];
/** The unnest() columns of {@link QUOTE_VALUES}, in order. */
const U = `u.e, u.o, u.d, u.da, u.channel, u.said_on, u.partial, u.position, u.s, u.f, u.confidence`;

/** {@link QUOTE_VALUES} of many quotes as one array a column, for unnest(). */
function quoteArrays(items: Array<{ q: QuoteData; position: number }>): unknown[][] {
  return [
    items.map((x) => x.q.speaker.expertId),
    items.map((x) => x.q.speaker.organizationId),
    items.map((x) => x.q.description),
    items.map((x) => (x.q.description != null ? x.q.speaker.affiliationId : null)),
    items.map((x) => x.q.channel),
    items.map((x) => x.q.saidOn),
    items.map((x) => x.q.isPartial),
    items.map((x) => x.position),
    items.map((x) => x.q.startOffset),
    items.map((x) => x.q.endOffset),
    items.map((x) => x.q.confidence),
  ];
}

/** `$from::uuid[], $from+1::uuid[], ...` for {@link quoteArrays}. */
function quoteParams(from: number): string {
  return QUOTE_VALUE_TYPES.map((type, i) => `$${from + i}::${type}`).join(", ");
}

/**
 * Makes an article's quotes exactly `quotes`, in that order. A stored quote with the same text keeps
 * its id and is updated only where it differs; the rest are deleted and the new ones inserted in
 * one statement. Returns the quotes that are new.
 */
export async function syncQuotes(tx: Tx, articleId: string, quotes: QuoteData[]): Promise<Array<{ id: string; speakerId: string | null }>> {
  return (await syncQuotesMany(tx, [{ articleId, quotes, isNew: false }])).added;
}

/**
 * {@link syncQuotes} for many articles at once, in at most four statements: a read of the stored
 * quotes of the articles that are not new, a DELETE, an UPDATE and an INSERT. Returns the articles
 * whose quotes changed and the quotes that are new.
 */
export async function syncQuotesMany(
  tx: Tx,
  articles: ReadonlyArray<{ articleId: string; quotes: QuoteData[]; isNew: boolean }>,
): Promise<{ changed: Set<string>; added: Array<{ id: string; articleId: string; speakerId: string | null }> }> {
  const stored = articles.filter((a) => !a.isNew).map((a) => a.articleId);
  const existing = stored.length
    ? await tx.rows<{ id: string; article_id: string; text: string }>(`SELECT id, article_id, text FROM quote WHERE article_id = ANY($1::uuid[]) ORDER BY article_id, position, id`, [stored])
    : [];
  const byText = new Map<string, string[]>();
  for (const e of existing) {
    const key = `${e.article_id}\u0000${e.text}`;
    byText.set(key, [...(byText.get(key) ?? []), e.id]);
  }
  const keep = new Set<string>();
  const fresh: Array<{ articleId: string; q: QuoteData; position: number }> = [];
  const updates: Array<{ id: string; q: QuoteData; position: number }> = [];
  for (const { articleId, quotes } of articles) {
    quotes.forEach((q, position) => {
      const id = byText.get(`${articleId}\u0000${q.text}`)?.shift();
      if (id) {
        keep.add(id);
        updates.push({ id, q, position });
      } else fresh.push({ articleId, q, position });
    });
  }
  const changed = new Set<string>();
  const gone = existing.filter((e) => !keep.has(e.id));
  if (gone.length) {
    await tx.exec(`DELETE FROM quote WHERE id = ANY($1::uuid[])`, [gone.map((e) => e.id)]);
    for (const e of gone) changed.add(e.article_id);
  }
  if (updates.length) {
    const rows = await tx.rows<{ a: string }>(
      `UPDATE quote q SET (${QUOTE_VALUES}) = (${U})
         FROM unnest($1::uuid[], ${quoteParams(2)}) AS u(id, e, o, d, da, channel, said_on, partial, position, s, f, confidence)
        WHERE q.id = u.id AND (${QUOTE_VALUES.replace(/(\w+)/g, "q.$1")}) IS DISTINCT FROM (${U})
        RETURNING q.article_id AS a`,
      [updates.map((x) => x.id), ...quoteArrays(updates)],
    );
    if (rows.length) tx.markChanged();
    for (const r of rows) changed.add(r.a);
  }
  if (!fresh.length) return { changed, added: [] };
  const rows = await tx.rows<{ id: string; a: string; speaker: string | null }>(
    `INSERT INTO quote (article_id, text, ${QUOTE_VALUES})
     SELECT * FROM unnest($1::uuid[], $2::text[], ${quoteParams(3)})
     RETURNING id, article_id AS a, coalesce(speaker_expert_id, speaker_organization_id) AS speaker`,
    [fresh.map((x) => x.articleId), fresh.map((x) => x.q.text), ...quoteArrays(fresh)],
  );
  tx.markChanged();
  for (const r of rows) changed.add(r.a);
  return { changed, added: rows.map((r) => ({ id: r.id, articleId: r.a, speakerId: r.speaker })) };
}

/** A quote's speaker becomes one of the article's mentions, located where the quote is (its affiliation too, not located); mentions already there stay as they are. */
export async function linkSpeaker(tx: Tx, articleId: string, s: ResolvedSpeaker, q: { startOffset: number | null; endOffset: number | null; confidence: number }): Promise<void> {
  const from = { startOffset: q.startOffset, endOffset: q.endOffset, confidence: q.confidence };
  await syncProvenanceLinks(tx, LINKS.articleExperts, [articleId], [{ parent: articleId, child: s.expertId, ...from }], "add");
  await syncProvenanceLinks(
    tx,
    LINKS.articleOrganizations,
    [articleId],
    [
      { parent: articleId, child: s.organizationId, ...from },
      { parent: articleId, child: s.affiliationId, startOffset: null, endOffset: null, confidence: q.confidence },
    ],
    "add",
  );
}

async function readQuote(tx: Tx, id: string): Promise<QuoteRow | undefined> {
  const row = await tx.one(`SELECT ${QUOTE_COLUMNS} FROM quote q WHERE q.id = $1`, [id]);
  return row ? toQuote(row) : undefined;
}

/** createQuote, updateQuote, deleteQuote. */
export class QuoteWrites {
  static async create(ctx: Context, input: CreateQuoteInput): Promise<QuoteRow> {
    await requireRole(ctx, Role.EDITOR);
    return writeTransaction(ctx, async (tx) => {
      const r = new RefResolver(tx);
      await r.lock({ speakers: input.speaker ? [input.speaker] : [], organizations: input.speakerAffiliation ? [input.speakerAffiliation] : [] });
      const article = await r.byId(input.article, ["Article"], ["article"], "input.article");
      const speaker = await resolveQuoteSpeaker(r, input, "input");
      r.assertResolved();
      const { body } = (await tx.one<{ body: string }>(`SELECT body FROM article WHERE id = $1 FOR UPDATE`, [article!.id]))!;
      const bad = offsets(input.startOffset, input.endOffset, body.length);
      if (bad.length) throw invalidInput(bad.map((e) => ({ ...e, field: `input.${e.field}` })));
      const count = (await tx.one<{ n: number }>(`SELECT count(*)::int AS n FROM quote WHERE article_id = $1`, [article!.id]))!.n;
      const position = Math.min(input.position ?? count, count);
      await tx.exec(`UPDATE quote SET position = position + 1 WHERE article_id = $1 AND position >= $2`, [article!.id, position]);
      const q = quoteData(input, speaker!);
      const row = await tx.one<{ id: string; speaker: string | null }>(
        `INSERT INTO quote (article_id, text, ${QUOTE_VALUES}) VALUES ($1, $2, ${quoteParams(3).replace(/\[\]/g, "")})
         RETURNING id, coalesce(speaker_expert_id, speaker_organization_id) AS speaker`,
        [article!.id, q.text, ...quoteArrays([{ q, position }]).map((column) => column[0])],
      );
      await linkSpeaker(tx, article!.id, q.speaker, q);
      announceQuotes(ctx, tx, article!.id, [{ id: row!.id, speakerId: row!.speaker }]);
      return (await readQuote(tx, row!.id))!;
    });
  }

  static async update(ctx: Context, id: string, patch: QuotePatch, expectedVersion: number): Promise<QuoteRow> {
    await requireRole(ctx, Role.EDITOR);
    const dbId = expectGlobalId(id, ["Quote"], "id").id;
    return writeTransaction(ctx, async (tx) => {
      const r = new RefResolver(tx);
      if (patch.speaker || patch.speakerAffiliation) await r.lock({ speakers: patch.speaker ? [patch.speaker] : [], organizations: patch.speakerAffiliation ? [patch.speakerAffiliation] : [] });
      const current = await tx.one<{ version: number; article_id: string; body: string; start_offset: number | null; end_offset: number | null; anonymous: boolean }>(
        `SELECT q.version, q.article_id, a.body, q.start_offset, q.end_offset, q.speaker_description IS NOT NULL AS anonymous
           FROM quote q JOIN article a ON a.id = q.article_id WHERE q.id = $1 FOR UPDATE OF q`,
        [dbId],
      );
      if (!current) throw notFound(`No quote has id ${id}`, { id });
      if (current.version !== expectedVersion) throw staleVersion("The quote", expectedVersion, current.version);
      if (patch.speakerAffiliation !== undefined && patch.speakerDescription == null && !current.anonymous) {
        throw invalidInput([{ field: "input.speakerAffiliation", message: "the quote has a named speaker; an affiliation belongs to an anonymous source (give speakerDescription too)", constraint: "speaker" }]);
      }
      const speaker = patch.speaker ? await r.speaker(patch.speaker, "input.speaker") : null;
      const affiliationId = patch.speakerAffiliation ? await r.organization(patch.speakerAffiliation, "input.speakerAffiliation") : null;
      r.assertResolved();
      if (patch.startOffset !== undefined) {
        const bad = offsets(patch.startOffset, patch.endOffset, current.body.length);
        if (bad.length) throw invalidInput(bad.map((e) => ({ ...e, field: `input.${e.field}` })));
      }
      const sets: ColumnChanges = [];
      if (patch.text != null) sets.push(["text", patch.text.trim(), "text"]);
      if (speaker) {
        sets.push(["speaker_expert_id", speaker.expertId, "uuid"], ["speaker_organization_id", speaker.organizationId, "uuid"]);
        sets.push(["speaker_description", null, "text"], ["speaker_description_organization_id", null, "uuid"]);
      } else if (patch.speakerDescription != null) {
        sets.push(["speaker_expert_id", null, "uuid"], ["speaker_organization_id", null, "uuid"], ["speaker_description", cleanName(patch.speakerDescription), "text"]);
        sets.push(["speaker_description_organization_id", affiliationId, "uuid"]);
      } else if (patch.speakerAffiliation !== undefined) sets.push(["speaker_description_organization_id", affiliationId, "uuid"]);
      if (patch.channel !== undefined) sets.push(["channel", patch.channel?.trim() || null, "text"]);
      if (patch.saidOn !== undefined) sets.push(["said_on", patch.saidOn, "date"]);
      if (patch.isPartial != null) sets.push(["is_partial", patch.isPartial, "boolean"]);
      if (patch.startOffset !== undefined) sets.push(["start_offset", patch.startOffset, "int"], ["end_offset", patch.endOffset, "int"]);
      if (patch.confidence != null) sets.push(["confidence", patch.confidence, "real"]);
      await updateChanged(tx, "quote", dbId, sets);
      const row = (await readQuote(tx, dbId))!;
      if (speaker) await linkSpeaker(tx, current.article_id, speaker, row);
      else if (affiliationId) await linkSpeaker(tx, current.article_id, anonymousSpeaker(affiliationId), row);
      return row;
    });
  }

  static async delete(ctx: Context, id: string): Promise<QuoteRow> {
    await requireRole(ctx, Role.EDITOR);
    const dbId = expectGlobalId(id, ["Quote"], "id").id;
    return writeTransaction(ctx, async (tx) => {
      const row = await readQuote(tx, dbId);
      if (!row) throw notFound(`No quote has id ${id}`, { id });
      await tx.exec(`DELETE FROM quote WHERE id = $1`, [dbId]);
      await tx.exec(`UPDATE quote SET position = position - 1 WHERE article_id = $1 AND position > $2`, [row.articleId, row.position]);
      return row;
    });
  }
}
