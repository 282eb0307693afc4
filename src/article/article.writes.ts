import { randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";
import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth-checker";
import { isClientError, notFound } from "../common/errors";
import { expectGlobalId, toGlobalId } from "../common/global-id";
import { BatchRefs, type IdRef, type NewRow, allocateSlugs } from "../common/batch-refs";
import { type OrganizationRef, type PlaceRef, RefResolver, type ResolvedSpeaker, type SpeakerRef, cleanName } from "../common/ref-resolver";
import { hashSlug, slugify } from "../common/slug";
import { LINKS, type ProvenanceLink, addLinksMany, setLinks, setLinksMany, syncProvenanceLinks } from "../common/sync";
import type { Provenance } from "../common/input-rules";
import { invalidInput, join, validateInstance } from "../common/validation";
import { type ColumnChanges, type Tx, assertUnique, conflict, staleVersion, updateChanged, writeTransaction } from "../common/write";
import type { Context } from "../context";
import { resolveArticleEvent } from "../event/event.writes";
import { type QuoteData, announceQuotes, anonymousSpeaker, quoteData, resolveQuoteSpeaker, syncQuotes, syncQuotesMany } from "../quote/quote.writes";
import { type ArticleInput, type ArticlePatch, type ImageInput, insideBody } from "./article-write.inputs";
import { ARTICLE_COLUMNS, toArticle } from "./article.loaders";
import type { ArticleRow } from "./article.type";
import { PublishedAtSource, STAND_IN_DATES } from "./article.entity";

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
    ...(input.quotes ?? []).flatMap((q) => (q.speaker ? [q.speaker] : [])),
    ...(input.mentions?.people ?? []),
    ...(input.events ?? []).flatMap((e) => e.participants ?? []),
  ];
  return {
    speakers,
    organizations: [
      ...(input.publisher ? [input.publisher] : []),
      ...(input.mentions?.organizations ?? []),
      ...(input.quotes ?? []).flatMap((q) => (q.speakerAffiliation ? [q.speakerAffiliation] : [])),
    ],
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

/** An article's link to an event it reports, with the article's own title for it (null: reported by id). */
export function eventLink(articleId: string, eventId: string, from: Provenance & { id?: string | null; title?: string | null }): ProvenanceLink {
  return { ...link(articleId, eventId, from), title: from.id == null && from.title != null ? cleanName(from.title) : null };
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

/** Makes an article's images exactly `images`. */
async function syncImages(tx: Tx, articleId: string, images: ImageInput[]): Promise<void> {
  await syncImagesMany(tx, [{ articleId, images }]);
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
      const speaker = await resolveQuoteSpeaker(r, q, `input.quotes[${i}]`);
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
      const event = await resolveArticleEvent(tx, r, e, `input.events[${i}]`, articleId);
      if (event) {
        mentioned.events.push(eventLink(articleId, event.id, e));
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
    `SELECT q.speaker_expert_id AS e, q.speaker_organization_id AS o, coalesce(x.organization_id, q.speaker_description_organization_id) AS a,
            q.start_offset AS s, q.end_offset AS f, q.confidence AS c
       FROM quote q LEFT JOIN expert x ON x.id = q.speaker_expert_id WHERE q.article_id = $1 ORDER BY q.position, q.id`,
    [articleId],
  );
  return rows.map((r) => ({ speaker: { expertId: r.e, organizationId: r.o, affiliationId: r.a }, from: { startOffset: r.s, endOffset: r.f, confidence: r.c } }));
}

const ARTICLE_SLUG = { table: "article", column: "slug", type: "Article", field: "input.slug" } as const;
const ROW_COLUMNS = `slug, url, headline, summary, body, language, published_at, publisher_id, bylines, sections, published_at_source`;
const ARTICLE_URL = { table: "article", column: "url", type: "Article", field: "input.url" } as const;

/** An input of a batch, its canonical url worked out. */
interface Prepared {
  /** Its index in the call's inputs. */
  index: number;
  input: ArticleInput;
  url: string | null;
}

/** `input.quotes[0]` when writing one article, `quotes[0]` (relative to the input) in a batch. */
function pathIn(base: string) {
  return (path: string) => (base ? `${base}.${path}` : path);
}

/**
 * What can be told about each input without the database: a url that does not parse, an upsert
 * without a url, and a url or explicit slug an earlier input of the same call already has. Such
 * inputs get their error and are left out of the batch; a later call may update the article.
 */
function prepare(inputs: readonly ArticleInput[], mode: "create" | "upsert", base: string): { items: Prepared[]; errors: Map<number, GraphQLError> } {
  const at = pathIn(base);
  const items: Prepared[] = [];
  const errors = new Map<number, GraphQLError>();
  const urls = new Map<string, number>();
  const slugs = new Map<string, number>();
  inputs.forEach((input, index) => {
    let url: string | null;
    try {
      url = input.url ? canonicalUrl(input.url) : null;
    } catch {
      errors.set(index, invalidInput([{ field: at("url"), message: "must be an http(s) URL", constraint: "isUrl" }]));
      return;
    }
    if (mode === "upsert" && !url) {
      errors.set(index, invalidInput([{ field: at("url"), message: "is required by upsertArticle: it is the key", constraint: "required" }]));
      return;
    }
    const sameUrl = url ? urls.get(url) : undefined;
    const sameSlug = input.slug ? slugs.get(input.slug) : undefined;
    if (sameUrl !== undefined || sameSlug !== undefined) {
      const [field, earlier, what] = sameUrl !== undefined ? ["url", sameUrl, `canonical url ${url}`] : ["slug", sameSlug!, `slug "${input.slug}"`];
      errors.set(index, conflict(`Input ${earlier} of this call has the same ${what}; send this one in a later call to update the article`, { field: at(field), duplicateOf: earlier }));
      return;
    }
    if (url) urls.set(url, index);
    if (input.slug) slugs.set(input.slug, index);
    items.push({ index, input, url });
  });
  return { items, errors };
}

/** Every id or slug reference in an article input, to be read in one statement. */
function idRefsIn(input: ArticleInput): IdRef[] {
  const refs: IdRef[] = [];
  const speaker = (s: SpeakerRef | null | undefined) => s?.id != null && refs.push({ value: s.id, types: ["Expert", "Organization"], slugTables: ["expert", "organization"] });
  const org = (o: OrganizationRef | null | undefined) => o?.id != null && refs.push({ value: o.id, types: ["Organization"], slugTables: ["organization"] });
  const place = (p: PlaceRef | null | undefined) => p?.id != null && refs.push({ value: p.id, types: ["Place"], slugTables: ["place"] });
  org(input.publisher);
  for (const t of input.topics ?? []) if (t.id != null) refs.push({ value: t.id, types: ["Topic"], slugTables: ["topic"] });
  for (const q of input.quotes ?? []) {
    speaker(q.speaker);
    org(q.speakerAffiliation);
  }
  for (const p of input.mentions?.people ?? []) speaker(p);
  for (const o of input.mentions?.organizations ?? []) org(o);
  for (const p of input.mentions?.places ?? []) place(p);
  for (const e of input.events ?? []) {
    if (e.id != null) refs.push({ value: e.id, types: ["Event"], slugTables: [] });
    for (const p of e.places ?? []) place(p);
    for (const s of e.participants ?? []) speaker(s);
  }
  return refs;
}

/** One article of a batch, resolved and ready to write. */
interface Planned extends Prepared {
  id: string;
  existing: boolean;
  slug: NewRow;
  publisherId: string | null;
  topicIds: string[];
  quotes: QuoteData[];
  mentioned: MentionLinks;
  eventIds: string[];
}

const ARTICLE_RECORD = `r(id uuid, slug text, url text, headline text, summary text, body text, language text, published_at timestamptz, publisher_id uuid, bylines text[], sections text[], published_at_source text)`;

// A stand-in date (the file's modification time, the time received) never replaces a stored date:
// the stored one is either real or the stand-in taken the first time, and an undated file imported
// again (touched, copied) must come out unchanged.
const STAND_IN_LIST = STAND_IN_DATES.map((s) => `'${s}'`).join(", ");
const KEPT_PUBLISHED_AT = `CASE WHEN r.published_at_source IN (${STAND_IN_LIST}) THEN a.published_at ELSE r.published_at END`;
const KEPT_PUBLISHED_AT_SOURCE = `CASE WHEN r.published_at_source IN (${STAND_IN_LIST}) THEN a.published_at_source ELSE r.published_at_source END`;

/**
 * create and upsert, for many articles in one transaction, set-based: the statements do not grow
 * with the number of articles (names read and locked once for the whole batch; every table written
 * by one statement). Each article is made exactly what its input says (lists left out become
 * empty) and reports CREATED, UPDATED or UNCHANGED as if it had been written on its own, after the
 * ones before it. Throws the first client error of an article (a url that exists on create, a slug
 * taken, an unknown reference): nothing is written then.
 */
async function saveArticles(ctx: Context, tx: Tx, items: Prepared[], mode: "create" | "upsert", base: string): Promise<ArticleWriteResult[]> {
  if (!items.length) return [];
  const at = pathIn(base);
  const refs = new BatchRefs(tx);
  const names = items.map((it) => namesIn(it.input, it.url));
  await refs.load(
    {
      speakers: names.flatMap((n) => n.speakers),
      organizations: names.flatMap((n) => n.organizations),
      places: names.flatMap((n) => n.places),
      topics: names.flatMap((n) => n.topics),
      events: names.flatMap((n) => n.events),
      articleUrls: names.flatMap((n) => n.articleUrls),
    },
    items.flatMap((it) => idRefsIn(it.input)),
  );
  const urls = items.flatMap((it) => (it.url ? [it.url] : []));
  const existing = new Map(
    (urls.length ? await tx.rows<{ id: string; url: string }>(`SELECT id, url FROM article WHERE url = ANY($1::text[]) ORDER BY url FOR UPDATE`, [urls]) : []).map((r) => [r.url, r.id]),
  );

  const articleIds = items.map((it) => (it.url ? existing.get(it.url) : undefined) ?? randomUUID());
  await refs.loadEvents(items.map((it, owner) => ({ articleId: articleIds[owner]!, existing: !!(it.url && existing.get(it.url)), events: it.input.events ?? [] })));

  const errors = new Map<number, GraphQLError>();
  const planned: Planned[] = items.map((it, owner) => {
    const { input } = it;
    const existingId = it.url ? existing.get(it.url) : undefined;
    if (existingId && mode === "create") {
      errors.set(owner, conflict(`An article with url ${it.url} exists; use upsertArticle or updateArticle`, { field: at("url"), existingId: toGlobalId("Article", existingId) }));
    }
    const id = articleIds[owner]!;
    const publisherId = input.publisher ? refs.organization(input.publisher, at("publisher"), owner) : null;
    const topicIds = (input.topics ?? []).map((t, i) => refs.topic(t, at(`topics[${i}]`), owner)).filter((t): t is string => !!t);
    const mentioned: MentionLinks = { experts: [], organizations: [], places: [], events: [] };
    const speakers: Array<{ speaker: ResolvedSpeaker; from: Provenance }> = [];
    const quotes = (input.quotes ?? []).map((q, i) => {
      const speaker = q.speaker
        ? refs.speaker(q.speaker, at(`quotes[${i}].speaker`), owner)
        : anonymousSpeaker(q.speakerAffiliation ? refs.organization(q.speakerAffiliation, at(`quotes[${i}].speakerAffiliation`), owner) : null);
      if (speaker) speakers.push({ speaker, from: { ...q, confidence: q.confidence ?? 1 } });
      return quoteData(q, speaker ?? { expertId: null, organizationId: null, affiliationId: null });
    });
    const m = input.mentions;
    (m?.people ?? []).forEach((p, i) => {
      const s = refs.speaker(p, at(`mentions.people[${i}]`), owner);
      if (s) speakerLinks(mentioned, id, s, p);
    });
    (m?.organizations ?? []).forEach((o, i) => mentioned.organizations.push(link(id, refs.organization(o, at(`mentions.organizations[${i}]`), owner), o)));
    (m?.places ?? []).forEach((p, i) => mentioned.places.push(link(id, refs.place(p, at(`mentions.places[${i}]`), owner), p)));
    for (const { speaker, from } of speakers) speakerLinks(mentioned, id, speaker, from);
    const eventIds: string[] = [];
    (input.events ?? []).forEach((e, i) => {
      const event = refs.event(e, at(`events[${i}]`), owner, id, i);
      if (!event) return;
      eventIds.push(event.id);
      mentioned.events.push(eventLink(id, event.id, e));
      for (const placeId of event.placeIds) mentioned.places.push(implied(id, placeId, e));
    });
    const slug: NewRow = { id, slugBase: slugify(input.headline) || hashSlug("article", it.url ?? input.headline), slug: input.slug ?? undefined };
    return { ...it, id, existing: !!existingId, slug, publisherId, topicIds, quotes, mentioned, eventIds };
  });

  const explicit = planned.flatMap((p) => (p.input.slug ? [p.input.slug] : []));
  const fresh = planned.filter((p) => !p.existing);
  const owners = await allocateSlugs(tx, [["article", fresh.filter((p) => !p.input.slug).map((p) => p.slug)], ...refs.newSlugRows()], explicit);
  planned.forEach((p, owner) => {
    const other = p.input.slug ? owners.get(p.input.slug) : undefined;
    if (other && other !== p.id && !errors.has(owner)) {
      errors.set(owner, conflict(`Another article has slug "${p.input.slug}"`, { field: at("slug"), existingId: toGlobalId("Article", other) }));
    }
    const problems = refs.problems.get(owner);
    if (problems && !errors.has(owner)) errors.set(owner, invalidInput(problems));
  });
  if (errors.size) throw errors.get(Math.min(...errors.keys()))!;

  await refs.flush();
  const changed = new Set<string>(planned.filter((_, owner) => refs.changed.has(owner)).map((p) => p.id));
  const record = (p: Planned) => ({
    id: p.id,
    slug: p.input.slug ?? (p.existing ? null : p.slug.slug),
    url: p.url,
    headline: p.input.headline.trim(),
    summary: p.input.summary?.trim() || null,
    body: p.input.body,
    language: p.input.language ?? "en",
    published_at: p.input.publishedAt,
    publisher_id: p.publisherId,
    bylines: (p.input.bylines ?? []).map((b) => b.trim()),
    sections: (p.input.sections ?? []).map((s) => s.trim()),
    published_at_source: p.input.publishedAtSource ?? PublishedAtSource.GIVEN,
  });
  if (fresh.length) {
    await tx.exec(`INSERT INTO article (id, ${ROW_COLUMNS}) SELECT r.* FROM json_to_recordset($1::json) AS ${ARTICLE_RECORD}`, [JSON.stringify(fresh.map(record))]);
  }
  const stored = planned.filter((p) => p.existing);
  const rowChanged = new Set<string>();
  if (stored.length) {
    const rows = await tx.rows<{ id: string }>(
      `UPDATE article a SET (slug, headline, summary, body, language, published_at, published_at_source, publisher_id, bylines, sections)
                          = (coalesce(r.slug, a.slug), r.headline, r.summary, r.body, r.language, ${KEPT_PUBLISHED_AT}, ${KEPT_PUBLISHED_AT_SOURCE}, r.publisher_id, r.bylines, r.sections)
         FROM json_to_recordset($1::json) AS ${ARTICLE_RECORD}
        WHERE a.id = r.id AND (a.slug, a.headline, a.summary, a.body, a.language, a.published_at, a.published_at_source, a.publisher_id, a.bylines, a.sections)
              IS DISTINCT FROM (coalesce(r.slug, a.slug), r.headline, r.summary, r.body, r.language, ${KEPT_PUBLISHED_AT}, ${KEPT_PUBLISHED_AT_SOURCE}, r.publisher_id, r.bylines, r.sections)
        RETURNING a.id`,
      [JSON.stringify(stored.map(record))],
    );
    for (const r of rows) {
      rowChanged.add(r.id);
      changed.add(r.id);
    }
  }

  const ids = planned.map((p) => p.id);
  const add = (set: Set<string>) => set.forEach((id) => changed.add(id));
  add(await syncImagesMany(tx, planned.map((p) => ({ articleId: p.id, images: p.input.images ?? [] }))));
  add(await setLinksMany(tx, LINKS.articleTopics, ids, planned.flatMap((p) => p.topicIds.map((t) => [p.id, t] as const))));
  const quotes = await syncQuotesMany(tx, planned.map((p) => ({ articleId: p.id, quotes: p.quotes, isNew: !p.existing })));
  add(quotes.changed);
  add(await syncProvenanceLinks(tx, LINKS.articleExperts, ids, planned.flatMap((p) => p.mentioned.experts), "set"));
  add(await syncProvenanceLinks(tx, LINKS.articleOrganizations, ids, planned.flatMap((p) => p.mentioned.organizations), "set"));
  add(await syncProvenanceLinks(tx, LINKS.articlePlaces, ids, planned.flatMap((p) => p.mentioned.places), "set"));
  add(await syncProvenanceLinks(tx, LINKS.articleEvents, ids, planned.flatMap((p) => p.mentioned.events), "set"));
  // Places and participants added to an event change the article that named them first.
  for (const [table, pairs] of [
    [LINKS.eventPlaces, refs.eventPlaces],
    [LINKS.eventExperts, refs.eventExperts],
    [LINKS.eventOrganizations, refs.eventOrganizations],
  ] as const) {
    const added = new Set((await addLinksMany(tx, table, pairs.map(([e, c]) => [e, c] as const))).map(([e, c]) => `${e}:${c}`));
    for (const [e, c, owner] of pairs) if (added.delete(`${e}:${c}`)) changed.add(planned[owner]!.id);
  }

  // The version counts changes to anything in the article, once.
  const bump = stored.filter((p) => changed.has(p.id) && !rowChanged.has(p.id)).map((p) => p.id);
  if (bump.length) await tx.exec(`UPDATE article SET updated_at = now() WHERE id = ANY($1::uuid[])`, [bump]);
  const rows = new Map((await tx.rows(`SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.id = ANY($1::uuid[])`, [ids])).map((r) => [r.dbId as string, toArticle(r)]));

  for (const p of fresh) tx.afterCommit(() => ctx.pubsub.publish("ARTICLE_PUBLISHED", { articleId: p.id }));
  const addedByArticle = new Map<string, Array<{ id: string; speakerId: string | null }>>();
  for (const q of quotes.added) addedByArticle.set(q.articleId, [...(addedByArticle.get(q.articleId) ?? []), q]);
  for (const [articleId, added] of addedByArticle) announceQuotes(ctx, tx, articleId, added);
  return planned.map((p) => ({
    article: rows.get(p.id)!,
    status: !p.existing ? WriteStatus.CREATED : changed.has(p.id) ? WriteStatus.UPDATED : WriteStatus.UNCHANGED,
  }));
}

/** Makes each article's images exactly its `images`, by position (ids stay with their positions), in one statement; returns the articles whose images changed. */
async function syncImagesMany(tx: Tx, articles: ReadonlyArray<{ articleId: string; images: ImageInput[] }>): Promise<Set<string>> {
  const rows = articles.flatMap((a) => a.images.map((img, position) => ({ a: a.articleId, position, caption: img.caption.trim(), credit: img.credit?.trim() || null, url: img.url ?? null })));
  const changed = await tx.rows<{ p: string }>(
    `WITH d AS (SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[]) AS d(a, position, caption, credit, url)),
          gone AS (DELETE FROM article_image i WHERE i.article_id = ANY($6::uuid[])
                     AND NOT EXISTS (SELECT 1 FROM d WHERE d.a = i.article_id AND d.position = i.position) RETURNING i.article_id AS p),
          put AS (
            INSERT INTO article_image (article_id, position, caption, credit, url) SELECT * FROM d
            ON CONFLICT (article_id, position) DO UPDATE SET caption = EXCLUDED.caption, credit = EXCLUDED.credit, url = EXCLUDED.url
             WHERE (article_image.caption, article_image.credit, article_image.url) IS DISTINCT FROM (EXCLUDED.caption, EXCLUDED.credit, EXCLUDED.url)
            RETURNING article_id AS p)
     SELECT p FROM gone UNION SELECT p FROM put`,
    [rows.map((r) => r.a), rows.map((r) => r.position), rows.map((r) => r.caption), rows.map((r) => r.credit), rows.map((r) => r.url), articles.map((a) => a.articleId)],
  );
  if (changed.length) tx.markChanged();
  return new Set(changed.map((r) => r.p));
}

/** The most inputs one upsertArticles call takes. */
export const MAX_UPSERT_BATCH = 500;

/** One input of upsertArticles: what was written, or why not. */
export interface UpsertOutcome {
  index: number;
  status?: WriteStatus;
  article?: ArticleRow;
  error?: GraphQLError;
}

/** Where the single-article writes' errors point: the `input` argument. */
const SINGLE = "input";

/** The article mutations. Every one is a single transaction. */
export class ArticleWrites {
  static async create(ctx: Context, input: ArticleInput): Promise<ArticleWriteResult> {
    await requireRole(ctx, Role.EDITOR);
    return ArticleWrites.one(ctx, input, "create");
  }

  /** Keyed by canonical URL: the same input twice leaves one article with the same ids; a changed body updates it. */
  static async upsert(ctx: Context, input: ArticleInput): Promise<ArticleWriteResult> {
    await requireRole(ctx, Role.EDITOR);
    return ArticleWrites.one(ctx, input, "upsert");
  }

  /** create and upsert: a batch of one. */
  private static async one(ctx: Context, input: ArticleInput, mode: "create" | "upsert"): Promise<ArticleWriteResult> {
    const { items, errors } = prepare([input], mode, SINGLE);
    if (errors.size) throw errors.get(0)!;
    return (await writeTransaction(ctx, (tx) => saveArticles(ctx, tx, items, mode, SINGLE)))[0]!;
  }

  /**
   * Upserts many articles (already validated), one result per input in the same order: the
   * article and what happened to it, or the error that kept it out. All of them go in one
   * transaction whose statements do not grow with their number. When that transaction fails on a
   * client error (an unknown reference, a slug taken), the inputs are written again one per
   * transaction, so only the bad ones fail; their errors' field paths are relative to the input
   * (`quotes[2].speaker.id`). An input with the canonical url (or explicit slug) of an earlier
   * input of the same call is CONFLICT, with `duplicateOf` its index: the earlier one is written.
   * A database failure throws.
   */
  static async upsertMany(ctx: Context, inputs: readonly ArticleInput[]): Promise<Array<ArticleWriteResult | GraphQLError>> {
    await requireRole(ctx, Role.EDITOR);
    const { items, errors } = prepare(inputs, "upsert", "");
    const results: Array<ArticleWriteResult | GraphQLError | undefined> = inputs.map((_, i) => errors.get(i));
    try {
      const written = await writeTransaction(ctx, (tx) => saveArticles(ctx, tx, items, "upsert", ""));
      items.forEach((it, k) => (results[it.index] = written[k]));
    } catch (err) {
      if (!isClientError(err)) throw err;
      for (const it of items) {
        try {
          results[it.index] = (await writeTransaction(ctx, (tx) => saveArticles(ctx, tx, [it], "upsert", "")))[0];
        } catch (one) {
          if (!isClientError(one)) throw one;
          results[it.index] = one;
        }
      }
    }
    return results as Array<ArticleWriteResult | GraphQLError>;
  }

  /**
   * upsertArticles: {@link upsertMany} for inputs from a request, each validated on its own so an
   * invalid one gets its BAD_USER_INPUT (paths relative to it) while the others are written. At
   * most {@link MAX_UPSERT_BATCH} inputs.
   */
  static async upsertEach(ctx: Context, inputs: readonly ArticleInput[]): Promise<UpsertOutcome[]> {
    await requireRole(ctx, Role.EDITOR);
    if (inputs.length > MAX_UPSERT_BATCH) {
      throw invalidInput([{ field: "inputs", message: `must have at most ${MAX_UPSERT_BATCH} items; send more in further calls`, constraint: "arrayMaxSize" }]);
    }
    const out: UpsertOutcome[] = inputs.map((_, index) => ({ index }));
    const valid: number[] = [];
    inputs.forEach((input, index) => {
      const fields = validateInstance(input);
      if (fields.length) out[index]!.error = invalidInput(fields);
      else valid.push(index);
    });
    const written = await ArticleWrites.upsertMany(
      ctx,
      valid.map((i) => inputs[i]!),
    );
    written.forEach((r, k) => {
      const o = out[valid[k]!]!;
      if (r instanceof GraphQLError) o.error = r;
      else Object.assign(o, r);
    });
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
      if (patch.publishedAt != null) {
        sets.push(["published_at", patch.publishedAt, "timestamptz"]);
        // A date set by hand is given, whatever stood in for it before.
        sets.push(["published_at_source", PublishedAtSource.GIVEN, "text"]);
      }
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
             AND NOT EXISTS (SELECT 1 FROM quote q WHERE q.speaker_organization_id = o.id OR q.speaker_description_organization_id = o.id)
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
