import type { DataSource } from "typeorm";
import type { Queryable } from "../common/sql";
import { DEMO_DATA, type DemoData, type DemoQuote } from "./demo-data";


/** Arbitrary constant for the transaction-scoped advisory lock that serialises concurrent seeders. */
const SEED_LOCK_KEY = 7_301_402_117;

/** Quote marks, dashes and whitespace folded to one form each, for lenient matching. */
function foldChar(c: string): string {
  if (/[\u201C\u201D\u201E\u201F\u00AB\u00BB"]/u.test(c)) return '"';
  if (/[\u2018\u2019\u201A\u201B']/u.test(c)) return "'";
  if (/[\u2010-\u2015\u2212-]/u.test(c)) return "-";
  if (/\s/u.test(c)) return " ";
  return c;
}

/** Folds a string, collapsing whitespace runs; `map[i]` is the index in `s` of folded char `i`. */
function fold(s: string): { text: string; map: number[] } {
  let text = "";
  const map: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = foldChar(s[i]!);
    if (c === " " && text.endsWith(" ")) continue;
    text += c;
    map.push(i);
  }
  return { text, map };
}

/**
 * Where `quote` sits in `body`: `[start, end)` in UTF-16 code units (the same as PostgreSQL
 * character offsets for text without astral characters). Searches from `from` first, so
 * repeated words resolve to the occurrence after the previous quote, then from the start.
 * Exact match first; then after folding quote marks, dashes and whitespace.
 */
export function locateQuote(body: string, quote: string, from = 0): { start: number; end: number } | null {
  for (const origin of from > 0 ? [from, 0] : [0]) {
    const start = body.indexOf(quote, origin);
    if (start >= 0) return { start, end: start + quote.length };
  }
  const b = fold(body);
  const q = fold(quote).text.trim();
  if (q === "") return null;
  const foldedFrom = b.map.findIndex((i) => i >= from);
  for (const origin of foldedFrom > 0 ? [foldedFrom, 0] : [0]) {
    const at = b.text.indexOf(q, origin);
    if (at >= 0) return { start: b.map[at]!, end: b.map[at + q.length - 1]! + 1 };
  }
  return null;
}

/** Offsets of every quote, in order; throws when one is not in the body. */
export function quoteOffsets(body: string, quotes: readonly DemoQuote[]): Array<{ start: number; end: number }> {
  let cursor = 0;
  return quotes.map((quote, index) => {
    const found = locateQuote(body, quote.text, cursor);
    if (!found) {
      const preview = quote.text.length > 60 ? `${quote.text.slice(0, 60)}…` : quote.text;
      throw new Error(`Demo data: quote ${index} ("${preview}") is not in the article body`);
    }
    cursor = found.end;
    return found;
  });
}

async function one(db: Queryable, sql: string, params: unknown[]): Promise<string> {
  const rows = (await db.query(sql, params)) as Array<{ id: string }>;
  if (!Array.isArray(rows) || rows.length !== 1) throw new Error(`Demo data: expected one row from: ${sql.trim().split("\n")[0]}`);
  return rows[0]!.id;
}

/** Inserts a row keyed by slug, or returns the id of the row that already has that slug. */
async function upsertBySlug(db: Queryable, table: string, columns: string[], values: unknown[]): Promise<string> {
  const placeholders = columns.map((_, i) => `$${i + 1}`).join(", ");
  const rows = (await db.query(
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders}) ON CONFLICT (slug) DO NOTHING RETURNING id`,
    values,
  )) as Array<{ id: string }>;
  if (rows.length === 1) return rows[0]!.id;
  return one(db, `SELECT id FROM ${table} WHERE slug = $1`, [values[columns.indexOf("slug")]]);
}

function lookup(ids: Map<string, string>, what: string, slug: string): string {
  const id = ids.get(slug);
  if (!id) throw new Error(`Demo data: unknown ${what} slug "${slug}"`);
  return id;
}

/**
 * Loads the demo data into an empty database with plain parameterised SQL.
 *
 * Does nothing and returns `{ seeded: false }` when the `article` table already has a row.
 * Meant to run inside a transaction (pass the transaction's EntityManager): on any error
 * nothing is left half-written. Organizations, places, topics and experts whose slug already
 * exists are reused, not duplicated.
 */
export async function seedDemoData(db: Queryable, data: DemoData = DEMO_DATA): Promise<{ seeded: boolean }> {
  // Check the data before touching the database.
  const offsets = quoteOffsets(data.article.body, data.article.quotes);

  // Two processes seeding the same empty database at once: the second waits, then sees the article.
  await db.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [SEED_LOCK_KEY]);
  const existing = (await db.query(`SELECT 1 FROM article LIMIT 1`)) as unknown[];
  if (existing.length > 0) return { seeded: false };

  const orgIds = new Map<string, string>();
  for (const o of data.organizations) {
    orgIds.set(o.slug, await upsertBySlug(db, "organization", ["slug", "name", "aliases", "kind", "country"],
      [o.slug, o.name, [...o.aliases], o.kind, o.country]));
  }

  const placeIds = new Map<string, string>();
  for (const p of data.places) {
    placeIds.set(p.slug, await upsertBySlug(db, "place", ["slug", "name", "kind", "region", "country_code", "latitude", "longitude"],
      [p.slug, p.name, p.kind, p.region, p.countryCode, p.latitude, p.longitude]));
  }

  const topicIds = new Map<string, string>();
  for (const t of data.topics) {
    topicIds.set(t.slug, await upsertBySlug(db, "topic", ["slug", "name"], [t.slug, t.name]));
  }

  const expertIds = new Map<string, string>();
  for (const e of data.experts) {
    const organizationId = e.organization === null ? null : lookup(orgIds, "organization", e.organization);
    expertIds.set(e.slug, await upsertBySlug(db, "expert",
      ["slug", "name", "aliases", "title", "kind", "organization_id", "country", "description"],
      [e.slug, e.name, [...e.aliases], e.title, e.kind, organizationId, e.country, e.description]));
  }

  const a = data.article;
  const articleId = await one(db,
    `INSERT INTO article (slug, url, headline, summary, body, language, published_at, publisher_id, bylines, sections)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [a.slug, a.url, a.headline, a.summary, a.body, a.language, a.publishedAt,
      a.publisher === null ? null : lookup(orgIds, "organization", a.publisher), [...a.bylines], [...a.sections]]);

  for (const image of a.images) {
    await db.query(`INSERT INTO article_image (article_id, position, caption, credit, url) VALUES ($1, $2, $3, $4, $5)`,
      [articleId, image.position, image.caption, image.credit, image.url]);
  }
  for (const slug of a.topics) {
    await db.query(`INSERT INTO article_topic (article_id, topic_id) VALUES ($1, $2)`, [articleId, lookup(topicIds, "topic", slug)]);
  }
  for (const slug of a.mentions.experts) {
    await db.query(`INSERT INTO article_expert (article_id, expert_id) VALUES ($1, $2)`, [articleId, lookup(expertIds, "expert", slug)]);
  }
  for (const slug of a.mentions.organizations) {
    await db.query(`INSERT INTO article_organization (article_id, organization_id) VALUES ($1, $2)`, [articleId, lookup(orgIds, "organization", slug)]);
  }
  for (const slug of a.mentions.places) {
    await db.query(`INSERT INTO article_place (article_id, place_id) VALUES ($1, $2)`, [articleId, lookup(placeIds, "place", slug)]);
  }

  for (const [position, q] of a.quotes.entries()) {
    const speakerExpertId = "expert" in q.speaker ? lookup(expertIds, "expert", q.speaker.expert) : null;
    const speakerOrganizationId = "organization" in q.speaker ? lookup(orgIds, "organization", q.speaker.organization) : null;
    const { start, end } = offsets[position]!;
    await db.query(
      `INSERT INTO quote (text, article_id, speaker_expert_id, speaker_organization_id, channel, said_on, is_partial, position, start_offset, end_offset, confidence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [q.text, articleId, speakerExpertId, speakerOrganizationId, q.channel, q.saidOn, q.isPartial, position, start, end, q.confidence]);
  }

  for (const ev of data.events) {
    const eventId = await one(db,
      `INSERT INTO event (title, kind, description, starts_on, ends_on, date_precision, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [ev.title, ev.kind, ev.description, ev.startsOn, ev.endsOn, ev.datePrecision, ev.status]);
    for (const slug of ev.places) {
      await db.query(`INSERT INTO event_place (event_id, place_id) VALUES ($1, $2)`, [eventId, lookup(placeIds, "place", slug)]);
    }
    for (const slug of ev.participants.experts) {
      await db.query(`INSERT INTO event_expert (event_id, expert_id) VALUES ($1, $2)`, [eventId, lookup(expertIds, "expert", slug)]);
    }
    for (const slug of ev.participants.organizations) {
      await db.query(`INSERT INTO event_organization (event_id, organization_id) VALUES ($1, $2)`, [eventId, lookup(orgIds, "organization", slug)]);
    }
    await db.query(`INSERT INTO event_article (event_id, article_id) VALUES ($1, $2)`, [eventId, articleId]);
  }

  return { seeded: true };
}

/** Runs {@link seedDemoData} in its own transaction. */
export async function seedDemoDataInTransaction(dataSource: DataSource): Promise<{ seeded: boolean }> {
  return dataSource.transaction((manager) => seedDemoData(manager));
}
