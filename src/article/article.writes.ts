import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth-checker";
import { notFound } from "../common/errors";
import { expectGlobalId, toGlobalId } from "../common/global-id";
import { RefResolver, type ResolvedSpeaker, type SpeakerRef } from "../common/ref-resolver";
import { freeSlug, hashSlug, slugify } from "../common/slug";
import { LINKS, type ProvenanceLink, setLinks, syncProvenanceLinks } from "../common/sync";
import type { Provenance } from "../common/input-rules";
import { invalidInput, join } from "../common/validation";
import { type ColumnChanges, type Tx, assertUnique, conflict, staleVersion, updateChanged, writeTransaction } from "../common/write";
import type { Context } from "../context";
import { resolveArticleEvent } from "../event/event.writes";
import { announceQuotes, quoteData, syncQuotes } from "../quote/quote.writes";
import { type ArticleInput, type ArticlePatch, type ImageInput, insideBody } from "./article-write.inputs";
import { ARTICLE_COLUMNS, toArticle } from "./article.loaders";
import type { ArticleRow } from "./article.type";

/** What a write did: upserts and imports report it. */
export enum WriteStatus {
  CREATED = "CREATED",
  UPDATED = "UPDATED",
  UNCHANGED = "UNCHANGED",
}

export interface ArticleWriteResult {
  article: ArticleRow;
  status: WriteStatus;
}

const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$/i;

/** The canonical form of an article URL: no fragment, no tracking parameters, the host lower-cased, no default port. */
export function canonicalUrl(raw: string): string {
  const url = new URL(raw.trim());
  url.hash = "";
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAMS.test(key)) url.searchParams.delete(key);
  url.search = url.searchParams.toString() ? `?${url.searchParams.toString()}` : "";
  return url.toString();
}

async function readArticle(tx: Tx, id: string): Promise<ArticleRow> {
  return toArticle((await tx.one(`SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.id = $1`, [id]))!);
}

/** Every name an article input can create, for the name locks. */
function namesIn(input: ArticleInput | ArticlePatch, url: string | null) {
  const speakers: SpeakerRef[] = [
    ...(input.quotes ?? []).map((q) => q.speaker),
    ...(input.mentions?.people ?? []),
    ...(input.events ?? []).flatMap((e) => e.participants ?? []),
  ];
  return {
    speakers,
    organizations: [...(input.publisher ? [input.publisher] : []), ...(input.mentions?.organizations ?? [])],
    places: [...(input.mentions?.places ?? []), ...(input.events ?? []).flatMap((e) => e.places ?? [])],
    topics: input.topics ?? [],
    events: (input.events ?? []).flatMap((e) => (e.id == null && e.title != null ? [{ title: e.title, startsOn: e.startsOn }] : [])),
    articleUrls: url ? [url] : [],
  };
}

/** What an article names, with provenance, per link table. */
export interface MentionLinks {
  experts: ProvenanceLink[];
  organizations: ProvenanceLink[];
  places: ProvenanceLink[];
  events: ProvenanceLink[];
}

/** A link where the input says where the article names it. */
export function link(articleId: string, child: string | null | undefined, from: Provenance): ProvenanceLink {
  return { parent: articleId, child, startOffset: from.startOffset ?? null, endOffset: from.endOffset ?? null, confidence: from.confidence ?? null };
}

/** A link the input implies (an affiliation, an event's place): not located, as sure as what implied it. */
export function implied(articleId: string, child: string | null | undefined, from: Provenance): ProvenanceLink {
  return { parent: articleId, child, startOffset: null, endOffset: null, confidence: from.confidence ?? null };
}

/** A person or organization named as a speaker or mention: the speaker located where it is named, an affiliation implied. */
export function speakerLinks(out: MentionLinks, articleId: string, s: ResolvedSpeaker, from: Provenance): void {
  if (s.expertId) out.experts.push(link(articleId, s.expertId, from));
  if (s.organizationId) out.organizations.push(link(articleId, s.organizationId, from));
  if (s.affiliationId) out.organizations.push(implied(articleId, s.affiliationId, from));
}

/** Makes an article's images exactly `images`, by position (ids stay with their positions), in one statement. */
async function syncImages(tx: Tx, articleId: string, images: ImageInput[]): Promise<void> {
  const row = await tx.one<{ changed: number }>(
    `WITH gone AS (DELETE FROM article_image WHERE article_id = $1 AND position >= cardinality($2::int[]) RETURNING 1),
          put AS (
            INSERT INTO article_image (article_id, position, caption, credit, url)
            SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])
            ON CONFLICT (article_id, position) DO UPDATE SET caption = EXCLUDED.caption, credit = EXCLUDED.credit, url = EXCLUDED.url
             WHERE (article_image.caption, article_image.credit, article_image.url) IS DISTINCT FROM (EXCLUDED.caption, EXCLUDED.credit, EXCLUDED.url)
            RETURNING 1)
     SELECT (SELECT count(*) FROM gone)::int + (SELECT count(*) FROM put)::int AS changed`,
    [articleId, images.map((_, i) => i), images.map((i) => i.caption.trim()), images.map((i) => i.credit?.trim() || null), images.map((i) => i.url ?? null)],
  );
  if (row && row.changed > 0) tx.markChanged();
}

/**
 * Writes the nested parts of an article (images, topics, quotes, mentions, events) that `input`
 * gives; a list left out stays as it is. New quotes are announced after the commit.
 */
async function writeParts(ctx: Context, tx: Tx, r: RefResolver, articleId: string, input: ArticleInput | ArticlePatch, replaceMentions: boolean): Promise<void> {
  if (input.images != null) await syncImages(tx, articleId, input.images);
  if (input.topics != null) {
    const ids: Array<string | null> = [];
    for (const [i, t] of input.topics.entries()) ids.push(await r.topic(t, `input.topics[${i}]`));
    r.assertResolved();
    await setLinks(tx, LINKS.articleTopics, articleId, ids);
  }

  const speakers: Array<{ speaker: ResolvedSpeaker; from: Provenance }> = [];
  if (input.quotes != null) {
    const quotes = [];
    for (const [i, q] of input.quotes.entries()) {
      const speaker = await r.speaker(q.speaker, `input.quotes[${i}].speaker`);
      if (speaker) speakers.push({ speaker, from: { ...q, confidence: q.confidence ?? 1 } });
      quotes.push(quoteData(q, speaker ?? { expertId: null, organizationId: null, affiliationId: null }));
    }
    r.assertResolved();
    announceQuotes(ctx, tx, articleId, await syncQuotes(tx, articleId, quotes));
  }

  const m = input.mentions;
  const mentioned: MentionLinks = { experts: [], organizations: [], places: [], events: [] };
  if (m) {
    for (const [i, p] of (m.people ?? []).entries()) {
      const s = await r.speaker(p, `input.mentions.people[${i}]`);
      if (s) speakerLinks(mentioned, articleId, s, p);
    }
    for (const [i, o] of (m.organizations ?? []).entries()) mentioned.organizations.push(link(articleId, await r.organization(o, `input.mentions.organizations[${i}]`), o));
    for (const [i, p] of (m.places ?? []).entries()) mentioned.places.push(link(articleId, await r.place(p, `input.mentions.places[${i}]`), p));
  }
  for (const { speaker, from } of speakers) speakerLinks(mentioned, articleId, speaker, from);

  if (input.events != null) {
    for (const [i, e] of input.events.entries()) {
      const event = await resolveArticleEvent(tx, r, e, `input.events[${i}]`);
      if (event) {
        mentioned.events.push(link(articleId, event.id, e));
        for (const placeId of event.placeIds) mentioned.places.push(implied(articleId, placeId, e));
      }
    }
    r.assertResolved();
    await syncProvenanceLinks(tx, LINKS.articleEvents, [articleId], mentioned.events, "set");
  }
  r.assertResolved();

  // Mentions: what the input names, plus every speaker. A full write (create, upsert, or a patch
  // that gives `mentions`) makes the lists exactly that; a patch without `mentions` only adds.
  if (replaceMentions) {
    // What a patch leaves out still counts: the speakers of the stored quotes, the places of the stored events.
    if (input.quotes == null) for (const s of await currentSpeakers(tx, articleId)) speakerLinks(mentioned, articleId, s.speaker, s.from);
    if (input.events == null) {
      const stored = await tx.rows<{ id: string; confidence: number | null }>(
        `SELECT DISTINCT ON (p.place_id) p.place_id AS id, l.confidence FROM event_article l JOIN event_place p ON p.event_id = l.event_id WHERE l.article_id = $1 ORDER BY p.place_id, l.start_offset NULLS LAST`,
        [articleId],
      );
      for (const row of stored) mentioned.places.push(implied(articleId, row.id, row));
    }
  }
  const mode = replaceMentions ? "set" : "add";
  await syncProvenanceLinks(tx, LINKS.articleExperts, [articleId], mentioned.experts, mode);
  await syncProvenanceLinks(tx, LINKS.articleOrganizations, [articleId], mentioned.organizations, mode);
  await syncProvenanceLinks(tx, LINKS.articlePlaces, [articleId], mentioned.places, mode);
}

/** Speakers of an article's stored quotes, with the quotes' provenance (kept as mentions when a patch replaces the mentions but not the quotes). */
async function currentSpeakers(tx: Tx, articleId: string): Promise<Array<{ speaker: ResolvedSpeaker; from: Provenance }>> {
  const rows = await tx.rows<{ e: string | null; o: string | null; a: string | null; s: number | null; f: number | null; c: number }>(
    `SELECT q.speaker_expert_id AS e, q.speaker_organization_id AS o, x.organization_id AS a, q.start_offset AS s, q.end_offset AS f, q.confidence AS c
       FROM quote q LEFT JOIN expert x ON x.id = q.speaker_expert_id WHERE q.article_id = $1 ORDER BY q.position, q.id`,
    [articleId],
  );
  return rows.map((r) => ({ speaker: { expertId: r.e, organizationId: r.o, affiliationId: r.a }, from: { startOffset: r.s, endOffset: r.f, confidence: r.c } }));
}

const ARTICLE_SLUG = { table: "article", column: "slug", type: "Article", field: "input.slug" } as const;
const ARTICLE_URL = { table: "article", column: "url", type: "Article", field: "input.url" } as const;

const ROW_COLUMNS = `slug, url, headline, summary, body, language, published_at, publisher_id, bylines, sections`;

/** create and upsert: the whole article as given. */
async function saveArticle(ctx: Context, tx: Tx, input: ArticleInput, mode: "create" | "upsert"): Promise<ArticleWriteResult> {
  const url = input.url ? canonicalUrl(input.url) : null;
  if (mode === "upsert" && !url) throw invalidInput([{ field: "input.url", message: "is required by upsertArticle: it is the key", constraint: "required" }]);
  const r = new RefResolver(tx);
  await r.lock(namesIn(input, url));

  const existing = url ? await tx.one<{ id: string }>(`SELECT id FROM article WHERE url = $1 FOR UPDATE`, [url]) : undefined;
  if (existing && mode === "create") {
    throw conflict(`An article with url ${url} exists; use upsertArticle or updateArticle`, { field: "input.url", existingId: toGlobalId("Article", existing.id) });
  }
  if (input.slug) await assertUnique(tx, ARTICLE_SLUG, input.slug, existing?.id ?? null);
  const publisherId = input.publisher ? await r.organization(input.publisher, "input.publisher") : null;
  r.assertResolved();

  const values = [
    input.headline.trim(),
    input.summary?.trim() || null,
    input.body,
    input.language ?? "en",
    input.publishedAt,
    publisherId,
    (input.bylines ?? []).map((b) => b.trim()),
    (input.sections ?? []).map((s) => s.trim()),
  ];
  let id: string;
  let created = false;
  let rowChanged = false;
  if (!existing) {
    const slug = input.slug ?? (await freeSlug(tx, "article", slugify(input.headline) || hashSlug("article", url ?? input.headline)));
    id = (await tx.one<{ id: string }>(`INSERT INTO article (${ROW_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`, [slug, url, ...values]))!.id;
    created = true;
  } else {
    id = existing.id;
    const p = [id, input.slug ?? null, ...values];
    const res = await tx.exec(
      `UPDATE article SET (slug, headline, summary, body, language, published_at, publisher_id, bylines, sections)
                        = (coalesce($2, slug), $3, $4, $5, $6, $7, $8, $9, $10)
        WHERE id = $1 AND (slug, headline, summary, body, language, published_at, publisher_id, bylines, sections)
              IS DISTINCT FROM (coalesce($2, slug), $3::text, $4::text, $5::text, $6::text, $7::timestamptz, $8::uuid, $9::text[], $10::text[])`,
      p,
    );
    rowChanged = res.affected > 0;
  }
  await writeParts(ctx, tx, r, id, { ...input, images: input.images ?? [], topics: input.topics ?? [], quotes: input.quotes ?? [], events: input.events ?? [] } as ArticleInput, true);
  // The article's version counts changes to anything in it.
  if (!created && !rowChanged && tx.changed) await tx.exec(`UPDATE article SET updated_at = now() WHERE id = $1`, [id]);
  if (created) tx.afterCommit(() => ctx.pubsub.publish("ARTICLE_PUBLISHED", { articleId: id }));
  return { article: await readArticle(tx, id), status: created ? WriteStatus.CREATED : tx.changed ? WriteStatus.UPDATED : WriteStatus.UNCHANGED };
}

/** The article mutations. Every one is a single transaction. */
export class ArticleWrites {
  static async create(ctx: Context, input: ArticleInput): Promise<ArticleWriteResult> {
    await requireRole(ctx, Role.EDITOR);
    return writeTransaction(ctx, (tx) => saveArticle(ctx, tx, input, "create"));
  }

  /** Keyed by canonical URL: the same input twice leaves one article with the same ids; a changed body updates it. */
  static async upsert(ctx: Context, input: ArticleInput): Promise<ArticleWriteResult> {
    await requireRole(ctx, Role.EDITOR);
    return writeTransaction(ctx, (tx) => saveArticle(ctx, tx, input, "upsert"));
  }

  static async update(ctx: Context, id: string, patch: ArticlePatch, expectedVersion: number): Promise<ArticleWriteResult> {
    await requireRole(ctx, Role.EDITOR);
    const dbId = expectGlobalId(id, ["Article"], "id").id;
    return writeTransaction(ctx, async (tx) => {
      const url = patch.url ? canonicalUrl(patch.url) : null;
      const r = new RefResolver(tx);
      await r.lock(namesIn(patch, url));
      const current = await tx.one<{ version: number; body: string }>(`SELECT version, body FROM article WHERE id = $1 FOR UPDATE`, [dbId]);
      if (!current) throw notFound(`No article has id ${id}`, { id });
      if (current.version !== expectedVersion) throw staleVersion("The article", expectedVersion, current.version);
      if (patch.body == null) {
        const outside = insideBody(patch, current.body);
        if (outside.length) throw invalidInput(outside.map((e) => ({ ...e, field: join("input", e.field) })));
      }
      if (patch.body != null && (patch.quotes == null || patch.mentions == null || patch.events == null)) {
        // What the patch keeps must still point inside the new body.
        const kept = [
          ...(patch.quotes == null ? ["quote"] : []),
          ...(patch.mentions == null ? ["article_expert", "article_organization", "article_place"] : []),
          ...(patch.events == null ? ["event_article"] : []),
        ];
        const stale = await tx.one<{ n: number }>(
          `SELECT ${kept.map((t) => `(SELECT count(*) FROM ${t} WHERE article_id = $1 AND end_offset > $2)`).join(" + ")} AS n`,
          [dbId, patch.body.length],
        );
        const n = Number(stale!.n);
        if (n) throw invalidInput([{ field: "input.body", message: `${n} quote(s) or mention(s) point past the end of the new body; send their new offsets in quotes, mentions or events`, constraint: "offsets" }]);
      }
      if (url) await assertUnique(tx, ARTICLE_URL, url, dbId);
      if (patch.slug) await assertUnique(tx, ARTICLE_SLUG, patch.slug, dbId);
      const publisherId = patch.publisher ? await r.organization(patch.publisher, "input.publisher") : null;
      r.assertResolved();

      const sets: ColumnChanges = [];
      if (patch.slug != null) sets.push(["slug", patch.slug, "text"]);
      if (patch.url !== undefined) sets.push(["url", url, "text"]);
      if (patch.headline != null) sets.push(["headline", patch.headline.trim(), "text"]);
      if (patch.summary !== undefined) sets.push(["summary", patch.summary?.trim() || null, "text"]);
      if (patch.body != null) sets.push(["body", patch.body, "text"]);
      if (patch.language != null) sets.push(["language", patch.language, "text"]);
      if (patch.publishedAt != null) sets.push(["published_at", patch.publishedAt, "timestamptz"]);
      if (patch.publisher !== undefined) sets.push(["publisher_id", publisherId, "uuid"]);
      if (patch.bylines !== undefined) sets.push(["bylines", (patch.bylines ?? []).map((b) => b.trim()), "text[]"]);
      if (patch.sections !== undefined) sets.push(["sections", (patch.sections ?? []).map((s) => s.trim()), "text[]"]);
      const rowChanged = await updateChanged(tx, "article", dbId, sets);
      await writeParts(ctx, tx, r, dbId, patch, patch.mentions != null);
      if (!rowChanged && tx.changed) await tx.exec(`UPDATE article SET updated_at = now() WHERE id = $1`, [dbId]);
      return { article: await readArticle(tx, dbId), status: tx.changed ? WriteStatus.UPDATED : WriteStatus.UNCHANGED };
    });
  }

  /**
   * Deletes an article with its images, quotes and links. People, organizations, places, topics and
   * events it named stay while anything else refers to them; unless `keepOrphans`, the ones nothing
   * refers to any more go with it. Returns the article as it was and the ids of what was pruned.
   */
  static async delete(ctx: Context, id: string, keepOrphans: boolean): Promise<{ article: ArticleRow; prunedIds: string[] }> {
    await requireRole(ctx, Role.EDITOR);
    const dbId = expectGlobalId(id, ["Article"], "id").id;
    return writeTransaction(ctx, async (tx) => {
      const locked = await tx.one(`SELECT id FROM article WHERE id = $1 FOR UPDATE`, [dbId]);
      if (!locked) throw notFound(`No article has id ${id}`, { id });
      const article = await readArticle(tx, dbId);
      const named = await tx.rows<{ type: string; id: string }>(
        `SELECT 'Expert' AS type, speaker_expert_id AS id FROM quote WHERE article_id = $1 AND speaker_expert_id IS NOT NULL
         UNION SELECT 'Organization', speaker_organization_id FROM quote WHERE article_id = $1 AND speaker_organization_id IS NOT NULL
         UNION SELECT 'Expert', expert_id FROM article_expert WHERE article_id = $1
         UNION SELECT 'Organization', organization_id FROM article_organization WHERE article_id = $1
         UNION SELECT 'Organization', publisher_id FROM article WHERE id = $1 AND publisher_id IS NOT NULL
         UNION SELECT 'Place', place_id FROM article_place WHERE article_id = $1
         UNION SELECT 'Topic', topic_id FROM article_topic WHERE article_id = $1
         UNION SELECT 'Event', event_id FROM event_article WHERE article_id = $1`,
        [dbId],
      );
      await tx.exec(`DELETE FROM article WHERE id = $1`, [dbId]);
      const pruned: string[] = [];
      if (!keepOrphans) {
        const ids = (type: string) => named.filter((n) => n.type === type).map((n) => n.id);
        const prune = async (type: string, sql: string) => {
          const candidates = ids(type);
          if (!candidates.length) return;
          const rows = await tx.rows<{ id: string }>(sql, [candidates]);
          pruned.push(...rows.map((row) => toGlobalId(type as "Expert", row.id)));
        };
        // Events first (their participants and places then count as unused), organizations after people (affiliations).
        await prune("Event", `DELETE FROM event e WHERE e.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM event_article l WHERE l.event_id = e.id) RETURNING e.id`);
        await prune(
          "Expert",
          `DELETE FROM expert x WHERE x.id = ANY($1::uuid[])
             AND NOT EXISTS (SELECT 1 FROM quote q WHERE q.speaker_expert_id = x.id)
             AND NOT EXISTS (SELECT 1 FROM article_expert l WHERE l.expert_id = x.id)
             AND NOT EXISTS (SELECT 1 FROM event_expert l WHERE l.expert_id = x.id) RETURNING x.id`,
        );
        await prune(
          "Organization",
          `DELETE FROM organization o WHERE o.id = ANY($1::uuid[])
             AND NOT EXISTS (SELECT 1 FROM quote q WHERE q.speaker_organization_id = o.id)
             AND NOT EXISTS (SELECT 1 FROM article_organization l WHERE l.organization_id = o.id)
             AND NOT EXISTS (SELECT 1 FROM event_organization l WHERE l.organization_id = o.id)
             AND NOT EXISTS (SELECT 1 FROM article a WHERE a.publisher_id = o.id)
             AND NOT EXISTS (SELECT 1 FROM expert x WHERE x.organization_id = o.id) RETURNING o.id`,
        );
        await prune(
          "Place",
          `DELETE FROM place p WHERE p.id = ANY($1::uuid[])
             AND NOT EXISTS (SELECT 1 FROM article_place l WHERE l.place_id = p.id)
             AND NOT EXISTS (SELECT 1 FROM event_place l WHERE l.place_id = p.id) RETURNING p.id`,
        );
        await prune("Topic", `DELETE FROM topic t WHERE t.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM article_topic l WHERE l.topic_id = t.id) RETURNING t.id`);
      }
      return { article, prunedIds: pruned };
    });
  }
}
