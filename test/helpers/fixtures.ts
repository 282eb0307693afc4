/**
 * Extra test data, written with raw SQL through `app.sql` (the API has no write operations yet).
 * Every helper generates a unique slug unless one is given, refers to other rows by slug, and
 * throws when a referenced slug does not exist, so a typo fails the test loudly.
 */
import { randomBytes } from "node:crypto";
import { type NodeType, toGlobalId } from "../../src/common/global-id";
import type { TestApp } from "./app";

/** The opaque global id the API shows for a row of `type` with database key `uuid`. */
export function globalId(type: NodeType, uuid: string): string {
  return toGlobalId(type, uuid);
}

let counter = 0;

/** A slug (`^[a-z0-9]+(-[a-z0-9]+)*$`) from `text`, unique within the process. */
export function uniqueSlug(text: string): string {
  const base = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "") || "x";
  counter += 1;
  return `${base}-${counter}-${randomBytes(3).toString("hex")}`;
}

/** Lower-case database values of the GraphQL enums (GraphQL `THINK_TANK` is `think_tank`). */
type Kind = string;

export interface Ref {
  /** Database uuid. */
  id: string;
  slug: string;
}

async function insertReturningId(app: TestApp, sql: string, params: unknown[]): Promise<string> {
  const rows = await app.sql<{ id: string }>(sql, params);
  if (!Array.isArray(rows) || rows.length !== 1 || typeof rows[0]?.id !== "string") {
    throw new Error(`fixtures: expected one id from: ${sql.trim().split("\n")[0]}`);
  }
  return rows[0].id;
}

/** The uuid of the row of `table` with `slug`; throws when there is none. */
export async function idOf(app: TestApp, table: "article" | "expert" | "organization" | "place" | "topic", slug: string): Promise<string> {
  const rows = await app.sql<{ id: string }>(`SELECT id FROM ${table} WHERE slug = $1`, [slug]);
  if (rows.length !== 1) throw new Error(`fixtures: no ${table} with slug "${slug}"`);
  return rows[0]!.id;
}

async function link(app: TestApp, table: string, ownerColumn: string, ownerId: string, column: string, target: string, slug: string): Promise<void> {
  const rows = await app.sql(
    `INSERT INTO ${table} (${ownerColumn}, ${column}) SELECT $1::uuid, id FROM ${target} WHERE slug = $2 RETURNING ${column}`,
    [ownerId, slug],
  );
  if (!Array.isArray(rows) || rows.length !== 1) throw new Error(`fixtures: no ${target} with slug "${slug}"`);
}

export interface OrganizationFixture {
  name: string;
  slug?: string;
  aliases?: string[];
  kind?: Kind;
  country?: string | null;
}

export async function insertOrganization(app: TestApp, o: OrganizationFixture): Promise<Ref> {
  const slug = o.slug ?? uniqueSlug(o.name);
  const id = await insertReturningId(app, `INSERT INTO organization (slug, name, aliases, kind, country) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
    slug, o.name, o.aliases ?? [], o.kind ?? "other", o.country ?? null,
  ]);
  return { id, slug };
}

export interface ExpertFixture {
  name: string;
  slug?: string;
  aliases?: string[];
  title?: string | null;
  kind?: Kind;
  organizationSlug?: string | null;
  country?: string | null;
  description?: string | null;
}

export async function insertExpert(app: TestApp, x: ExpertFixture): Promise<Ref> {
  const slug = x.slug ?? uniqueSlug(x.name);
  const organizationId = x.organizationSlug ? await idOf(app, "organization", x.organizationSlug) : null;
  const id = await insertReturningId(
    app,
    `INSERT INTO expert (slug, name, aliases, title, kind, organization_id, country, description) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [slug, x.name, x.aliases ?? [], x.title ?? null, x.kind ?? "other", organizationId, x.country ?? null, x.description ?? null],
  );
  return { id, slug };
}

export interface PlaceFixture {
  name: string;
  slug?: string;
  kind?: Kind;
  region?: string | null;
  countryCode?: string | null;
}

export async function insertPlace(app: TestApp, p: PlaceFixture): Promise<Ref> {
  const slug = p.slug ?? uniqueSlug(p.name);
  const id = await insertReturningId(app, `INSERT INTO place (slug, name, kind, region, country_code) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
    slug, p.name, p.kind ?? "other", p.region ?? null, p.countryCode ?? null,
  ]);
  return { id, slug };
}

export async function insertTopic(app: TestApp, t: { name: string; slug?: string }): Promise<Ref> {
  const slug = t.slug ?? uniqueSlug(t.name);
  const id = await insertReturningId(app, `INSERT INTO topic (slug, name) VALUES ($1, $2) RETURNING id`, [slug, t.name]);
  return { id, slug };
}

/** A quote: exactly one of `expertSlug` or `organizationSlug` names the speaker. */
export interface QuoteFixture {
  text: string;
  expertSlug?: string;
  organizationSlug?: string;
  /** ISO date. */
  saidOn?: string | null;
  channel?: string | null;
  isPartial?: boolean;
}

export interface ArticleFixture {
  headline: string;
  /** Defaults to the headline. */
  body?: string;
  summary?: string | null;
  /** ISO date-time. */
  publishedAt: string;
  /** ISO date-time; defaults to now(). */
  createdAt?: string;
  slug?: string;
  url?: string | null;
  language?: string;
  bylines?: string[];
  sections?: string[];
  publisherSlug?: string | null;
  topicSlugs?: string[];
  expertSlugs?: string[];
  placeSlugs?: string[];
  organizationSlugs?: string[];
  images?: Array<{ caption: string; credit?: string | null; url?: string | null }>;
  /** Stored with positions 0, 1, ... in this order. */
  quotes?: QuoteFixture[];
}

/** Inserts an article with its links, images and quotes; returns its uuid. */
export async function insertArticle(app: TestApp, a: ArticleFixture): Promise<string> {
  const publisherId = a.publisherSlug ? await idOf(app, "organization", a.publisherSlug) : null;
  const id = await insertReturningId(
    app,
    `INSERT INTO article (slug, url, headline, summary, body, language, published_at, publisher_id, bylines, sections, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8, $9, $10, coalesce($11::timestamptz, now()), coalesce($11::timestamptz, now())) RETURNING id`,
    [
      a.slug ?? uniqueSlug(a.headline), a.url ?? null, a.headline, a.summary ?? null, a.body ?? a.headline, a.language ?? "en",
      a.publishedAt, publisherId, a.bylines ?? [], a.sections ?? [], a.createdAt ?? null,
    ],
  );
  for (const slug of a.topicSlugs ?? []) await link(app, "article_topic", "article_id", id, "topic_id", "topic", slug);
  for (const slug of a.expertSlugs ?? []) await link(app, "article_expert", "article_id", id, "expert_id", "expert", slug);
  for (const slug of a.placeSlugs ?? []) await link(app, "article_place", "article_id", id, "place_id", "place", slug);
  for (const slug of a.organizationSlugs ?? []) await link(app, "article_organization", "article_id", id, "organization_id", "organization", slug);
  for (const [position, image] of (a.images ?? []).entries()) {
    await app.sql(`INSERT INTO article_image (article_id, position, caption, credit, url) VALUES ($1, $2, $3, $4, $5)`, [
      id, position, image.caption, image.credit ?? null, image.url ?? null,
    ]);
  }
  for (const [position, q] of (a.quotes ?? []).entries()) await insertQuote(app, id, position, q);
  return id;
}

/** Inserts a quote into an existing article; returns its uuid. */
export async function insertQuote(app: TestApp, articleId: string, position: number, q: QuoteFixture): Promise<string> {
  if ((q.expertSlug == null) === (q.organizationSlug == null)) throw new Error("fixtures: a quote needs exactly one of expertSlug or organizationSlug");
  const expertId = q.expertSlug ? await idOf(app, "expert", q.expertSlug) : null;
  const organizationId = q.organizationSlug ? await idOf(app, "organization", q.organizationSlug) : null;
  return insertReturningId(
    app,
    `INSERT INTO quote (text, article_id, speaker_expert_id, speaker_organization_id, channel, said_on, is_partial, position)
     VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8) RETURNING id`,
    [q.text, articleId, expertId, organizationId, q.channel ?? null, q.saidOn ?? null, q.isPartial ?? false, position],
  );
}

export interface EventFixture {
  title: string;
  kind?: Kind;
  description?: string | null;
  /** ISO dates. */
  startsOn?: string | null;
  endsOn?: string | null;
  datePrecision?: Kind;
  status?: Kind;
  /** ISO date-time; defaults to now(). */
  createdAt?: string;
  placeSlugs?: string[];
  expertSlugs?: string[];
  organizationSlugs?: string[];
  /** Article uuids reporting the event. */
  articleIds?: string[];
}

/** Inserts an event with its places, participants and articles; returns its uuid. */
export async function insertEvent(app: TestApp, e: EventFixture): Promise<string> {
  const id = await insertReturningId(
    app,
    `INSERT INTO event (title, kind, description, starts_on, ends_on, date_precision, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4::date, $5::date, $6, $7, coalesce($8::timestamptz, now()), coalesce($8::timestamptz, now())) RETURNING id`,
    [e.title, e.kind ?? "other", e.description ?? null, e.startsOn ?? null, e.endsOn ?? null, e.datePrecision ?? "day", e.status ?? "happened", e.createdAt ?? null],
  );
  for (const slug of e.placeSlugs ?? []) await link(app, "event_place", "event_id", id, "place_id", "place", slug);
  for (const slug of e.expertSlugs ?? []) await link(app, "event_expert", "event_id", id, "expert_id", "expert", slug);
  for (const slug of e.organizationSlugs ?? []) await link(app, "event_organization", "event_id", id, "organization_id", "organization", slug);
  for (const articleId of e.articleIds ?? []) await app.sql(`INSERT INTO event_article (event_id, article_id) VALUES ($1, $2)`, [id, articleId]);
  return id;
}

/* ---------- Query helpers ---------- */

/** Runs an operation that must succeed; returns its data. */
export async function query<T = any>(app: TestApp, text: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await app.graphql<T>(text, variables);
  if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
  return r.data as T;
}

/** Runs an operation that must fail with BAD_USER_INPUT (never a 500) naming `argument`; returns the error. */
export async function expectBadUserInput(
  app: TestApp,
  text: string,
  variables: Record<string, unknown> | undefined,
  argument?: string,
): Promise<{ message: string; extensions?: Record<string, any> }> {
  const r = await app.graphql(text, variables);
  expect(r.status).not.toBe(500);
  expect(r.errors?.length).toBeGreaterThan(0);
  const error = r.errors![0]!;
  expect(error.extensions?.code).toBe("BAD_USER_INPUT");
  if (argument !== undefined) expect(error.extensions?.argument).toBe(argument);
  return error;
}
