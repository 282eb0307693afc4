import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth-checker";
import { GraphQLError } from "graphql";
import { isClientError, notFound } from "../common/errors";
import { expectGlobalId, toGlobalId } from "../common/global-id";
import { RefResolver, type ResolvedSpeaker, type SpeakerRef } from "../common/ref-resolver";
import { freeSlug, hashSlug, slugify } from "../common/slug";
import { LINKS, addLinks, setLinks } from "../common/sync";
import { invalidInput } from "../common/validation";
import { type ColumnChanges, type Tx, assertUnique, conflict, staleVersion, updateChanged, writeTransaction } from "../common/write";
import type { Context } from "../context";
import { resolveArticleEvent } from "../event/event.writes";
import { announceQuotes, linkSpeakers, quoteData, syncQuotes } from "../quote/quote.writes";
import type { ArticleInput, ArticlePatch, ImageInput } from "./article-write.inputs";
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

  const speakers: ResolvedSpeaker[] = [];
  if (input.quotes != null) {
    const quotes = [];
    for (const [i, q] of input.quotes.entries()) {
      const speaker = await r.speaker(q.speaker, `input.quotes[${i}].speaker`);
      if (speaker) speakers.push(speaker);
      quotes.push(quoteData(q, speaker ?? { expertId: null, organizationId: null, affiliationId: null }));
    }
    r.assertResolved();
    announceQuotes(ctx, tx, articleId, await syncQuotes(tx, articleId, quotes));
  }

  const m = input.mentions;
  const people: Array<string | null> = [];
  const organizations: Array<string | null> = [];
  const places: Array<string | null> = [];
  if (m) {
    for (const [i, p] of (m.people ?? []).entries()) {
      const s = await r.speaker(p, `input.mentions.people[${i}]`);
      people.push(s?.expertId ?? null);
      organizations.push(s?.organizationId ?? null, s?.affiliationId ?? null);
    }
    for (const [i, o] of (m.organizations ?? []).entries()) organizations.push(await r.organization(o, `input.mentions.organizations[${i}]`));
    for (const [i, p] of (m.places ?? []).entries()) places.push(await r.place(p, `input.mentions.places[${i}]`));
  }

  if (input.events != null) {
    const eventIds: string[] = [];
    for (const [i, e] of input.events.entries()) {
      const event = await resolveArticleEvent(tx, r, e, `input.events[${i}]`);
      if (event) {
        eventIds.push(event.id);
        places.push(...event.placeIds);
      }
    }
    r.assertResolved();
    await setLinks(tx, LINKS.articleEvents, articleId, eventIds);
  }
  r.assertResolved();

  // Mentions: what the input names, plus every speaker. A full write (create, upsert, or a patch
  // that gives `mentions`) makes the lists exactly that; a patch without `mentions` only adds.
  const speakerExperts = speakers.map((s) => s.expertId);
  const speakerOrganizations = speakers.flatMap((s) => [s.organizationId, s.affiliationId]);
  if (replaceMentions) {
    // What a patch leaves out still counts: the speakers of the stored quotes, the places of the stored events.
    const current = input.quotes == null ? await currentSpeakers(tx, articleId) : { experts: [], organizations: [] };
    const eventPlaces =
      input.events == null
        ? (await tx.rows<{ id: string }>(`SELECT DISTINCT p.place_id AS id FROM event_article l JOIN event_place p ON p.event_id = l.event_id WHERE l.article_id = $1`, [articleId])).map((row) => row.id)
        : [];
    await setLinks(tx, LINKS.articleExperts, articleId, [...people, ...speakerExperts, ...current.experts]);
    await setLinks(tx, LINKS.articleOrganizations, articleId, [...organizations, ...speakerOrganizations, ...current.organizations]);
    await setLinks(tx, LINKS.articlePlaces, articleId, [...places, ...eventPlaces]);
  } else {
    await linkSpeakers(tx, articleId, speakers);
    await addLinks(tx, LINKS.articleExperts, articleId, people);
    await addLinks(tx, LINKS.articleOrganizations, articleId, organizations);
    await addLinks(tx, LINKS.articlePlaces, articleId, places);
  }
}

/** Speakers of an article's stored quotes (kept as mentions when a patch replaces the mentions but not the quotes). */
async function currentSpeakers(tx: Tx, articleId: string): Promise<{ experts: string[]; organizations: string[] }> {
  const rows = await tx.rows<{ e: string | null; o: string | null; a: string | null }>(
    `SELECT q.speaker_expert_id AS e, q.speaker_organization_id AS o, x.organization_id AS a
       FROM quote q LEFT JOIN expert x ON x.id = q.speaker_expert_id WHERE q.article_id = $1`,
    [articleId],
  );
  return { experts: rows.flatMap((r) => (r.e ? [r.e] : [])), organizations: rows.flatMap((r) => [r.o, r.a].filter((v): v is string => !!v)) };
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

  /**
   * Upserts many articles: one result per input, in order, a client error (CONFLICT,
   * BAD_USER_INPUT) in the slot of the input it concerns while the others are written. A database
   * failure throws.
   */
  static async upsertMany(ctx: Context, inputs: readonly ArticleInput[]): Promise<Array<ArticleWriteResult | GraphQLError>> {
    await requireRole(ctx, Role.EDITOR);
    const out: Array<ArticleWriteResult | GraphQLError> = [];
    for (const input of inputs) {
      try {
        out.push(await writeTransaction(ctx, (tx) => saveArticle(ctx, tx, input, "upsert")));
      } catch (err) {
        if (!isClientError(err)) throw err;
        out.push(err);
      }
    }
    return out;
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
      if (patch.quotes && patch.body == null) {
        const outside = patch.quotes.flatMap((q, i) => (q.endOffset != null && q.endOffset > current.body.length ? [{ field: `input.quotes[${i}].endOffset`, message: `must be inside the body (at most ${current.body.length})`, constraint: "offsets" }] : []));
        if (outside.length) throw invalidInput(outside);
      }
      if (patch.body != null && patch.quotes == null) {
        const length = patch.body.length;
        const stale = await tx.one<{ n: number }>(`SELECT count(*)::int AS n FROM quote WHERE article_id = $1 AND end_offset > $2`, [dbId, length]);
        if (stale!.n) throw invalidInput([{ field: "input.body", message: `${stale!.n} quote(s) point past the end of the new body; send their new offsets in quotes`, constraint: "offsets" }]);
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
