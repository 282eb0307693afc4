import type { ExpertKind } from "../expert/expert.entity";
import type { OrganizationKind } from "../organization/organization.entity";
import type { PlaceKind } from "../place/place.entity";
import { type NodeType, parseGlobalId } from "./global-id";
import { SLUG } from "./refs";
import { freeSlug, hashSlug, slugify } from "./slug";
import { type FieldError, invalidInput } from "./validation";
import { type Tx, lockNames } from "./write";

type Table = "article" | "expert" | "organization" | "place" | "topic" | "event" | "quote";

/** A speaker as written: an Expert (maybe with an affiliation) or an Organization. */
export interface ResolvedSpeaker {
  expertId: string | null;
  organizationId: string | null;
  /** The affiliation named with a person, when one was. */
  affiliationId: string | null;
}

export interface SpeakerRef {
  id?: string | null;
  name?: string | null;
  title?: string | null;
  organization?: string | null;
  kind?: ExpertKind | null;
}
export interface OrganizationRef {
  id?: string | null;
  name?: string | null;
  kind?: OrganizationKind | null;
  country?: string | null;
}
export interface PlaceRef {
  id?: string | null;
  name?: string | null;
  kind?: PlaceKind | null;
  countryCode?: string | null;
}
export interface TopicRef {
  id?: string | null;
  name?: string | null;
}

/** A person a name may refer to. */
export interface Candidate {
  id: string;
  organization_id: string | null;
  title: string | null;
  kind: string;
}

/** "an" before a vowel, else "a": "an Event id", "a Place id". */
export function indefinite(word: string): string {
  return /^[AEIOU]/.test(word) ? "an" : "a";
}

/** Trims and collapses inner whitespace: the form names are stored in. */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

/** Every name a write may create, by kind: what {@link RefResolver.lock} and the batch writes lock. */
export interface NameRefs {
  speakers?: SpeakerRef[];
  organizations?: OrganizationRef[];
  places?: PlaceRef[];
  topics?: TopicRef[];
  events?: Array<{ title: string; startsOn?: string | null }>;
  articleUrls?: string[];
}

/** One name to look up: `extra` is a person's organization, an event's start day, a topic's slug. */
export interface NameKey {
  kind: string;
  name: string;
  extra: string | null;
}

/** The slug a new topic would get, which also finds an existing one. */
export function topicSlugBase(name: string): string {
  const clean = cleanName(name);
  return slugify(clean) || hashSlug("topic", clean);
}

/** The names of {@link NameRefs}, flat. */
export function nameList(refs: NameRefs): NameKey[] {
  const names: NameKey[] = [];
  for (const s of refs.speakers ?? []) {
    if (s.id != null) continue;
    if (s.name != null) names.push({ kind: "expert", name: s.name, extra: s.organization ?? null });
    if (s.organization != null) names.push({ kind: "organization", name: s.organization, extra: null });
  }
  for (const o of refs.organizations ?? []) if (o.id == null && o.name != null) names.push({ kind: "organization", name: o.name, extra: null });
  for (const p of refs.places ?? []) if (p.id == null && p.name != null) names.push({ kind: "place", name: p.name, extra: null });
  for (const t of refs.topics ?? []) if (t.id == null && t.name != null) names.push({ kind: "topic", name: t.name, extra: topicSlugBase(t.name) });
  for (const e of refs.events ?? []) names.push({ kind: "event", name: e.title, extra: e.startsOn ?? null });
  for (const u of refs.articleUrls ?? []) names.push({ kind: "article-url", name: u, extra: null });
  // A batch names the same people and places many times: each once, before the database computes keys.
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = `${n.kind}\u0000${n.name}\u0000${n.extra ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An event a title and day find, with what an article may fill in. */
export interface EventMatch {
  id: string;
  description: string | null;
  starts_on: string | null;
  ends_on: string | null;
  kind: string;
}

/** What {@link prefetchNames} knows of one name. */
export interface PrefetchedName {
  kind: string;
  name: string;
  extra: string | null;
  /** The normalised name (newsgraph_name_key): names with the same key are the same name. */
  key: string | null;
  /** The organization, place, topic or event the name resolves to, where that needs no further rule. */
  id: string | null;
  /** Whether any row has the name (a person: one the rules could match); the others need a lock. */
  present: boolean;
  /** People with the name or alias, oldest first. */
  candidates: Candidate[] | null;
  event: EventMatch | null;
}

/**
 * One statement: the row each name resolves to where that needs no further rule (organizations,
 * places, topics, events), every person a name may refer to, and whether a name has any row at
 * all. Each name's key is computed once, in `n`, not once per row compared, and only where it is
 * compared: an article url is matched as it is, and only a person's `extra` (the organization) is a
 * name.
 */
export async function prefetchNames(tx: Tx, names: readonly NameKey[]): Promise<PrefetchedName[]> {
  if (!names.length) return [];
  return tx.rows<PrefetchedName>(
    `SELECT n.kind, n.name, n.extra, n.key, coalesce(r.id, (r.event ->> 'id')::uuid) AS id, r.present, r.event,
            CASE WHEN n.kind = 'expert' THEN (
              SELECT coalesce(json_agg(json_build_object('id', x.id, 'organization_id', x.organization_id, 'title', x.title, 'kind', x.kind) ORDER BY x.created_at, x.id), '[]')
                FROM expert x WHERE x.name_keys @> ARRAY[n.key]) END AS candidates
       FROM (SELECT DISTINCT u.kind, u.name, u.extra,
                    CASE WHEN u.kind <> 'article-url' THEN newsgraph_name_key(u.name) END AS key,
                    CASE WHEN u.kind = 'expert' THEN newsgraph_name_key(u.extra) END AS extra_key
               FROM unnest($1::text[], $2::text[], $3::text[]) AS u(kind, name, extra)) n
       CROSS JOIN LATERAL (
         SELECT CASE n.kind
           WHEN 'organization' THEN (SELECT o.id FROM organization o WHERE o.name_keys @> ARRAY[n.key] ORDER BY o.created_at, o.id LIMIT 1)
           WHEN 'place' THEN (SELECT p.id FROM place p WHERE newsgraph_name_key(p.name) = n.key ORDER BY p.created_at, p.id LIMIT 1)
           WHEN 'topic' THEN (SELECT t.id FROM topic t WHERE newsgraph_name_key(t.name) = n.key OR t.slug = n.extra ORDER BY t.created_at, t.id LIMIT 1)
         END AS id,
         CASE WHEN n.kind = 'event' THEN (
           SELECT json_build_object('id', e.id, 'description', e.description, 'starts_on', e.starts_on::text, 'ends_on', e.ends_on::text, 'kind', e.kind)
             FROM event e WHERE newsgraph_name_key(e.title) = n.key AND e.starts_on IS NOT DISTINCT FROM n.extra::date ORDER BY e.created_at, e.id LIMIT 1)
         END AS event,
         CASE n.kind
           WHEN 'organization' THEN EXISTS (SELECT 1 FROM organization o WHERE o.name_keys @> ARRAY[n.key])
           WHEN 'expert' THEN EXISTS (
             SELECT 1 FROM expert x WHERE x.name_keys @> ARRAY[n.key]
                AND (n.extra IS NULL OR x.organization_id IS NULL
                     OR x.organization_id IN (SELECT o.id FROM organization o WHERE o.name_keys @> ARRAY[n.extra_key])))
           WHEN 'place' THEN EXISTS (SELECT 1 FROM place p WHERE newsgraph_name_key(p.name) = n.key)
           WHEN 'topic' THEN EXISTS (SELECT 1 FROM topic t WHERE newsgraph_name_key(t.name) = n.key OR t.slug = n.extra)
           WHEN 'event' THEN EXISTS (SELECT 1 FROM event e WHERE newsgraph_name_key(e.title) = n.key AND e.starts_on IS NOT DISTINCT FROM n.extra::date)
           WHEN 'article-url' THEN EXISTS (SELECT 1 FROM article a WHERE a.url = n.name)
           ELSE false
         END AS present) r`,
    [names.map((n) => n.kind), names.map((n) => n.name), names.map((n) => n.extra)],
  );
}

/**
 * Turns references in write inputs into row ids inside one transaction: ids and slugs are looked
 * up, names are matched on their normalised key (name or alias) and created when new. Results are
 * remembered for the transaction, so a name repeated across an article resolves once.
 *
 * Matching rules for people: the same normalised name or alias, and the same organization when
 * one is given (a known person without one gets it); with none given, the earliest match. Callers
 * take the name locks first ({@link RefResolver.lock}) so concurrent writers of the same name wait
 * for each other rather than both creating it.
 */
export class RefResolver {
  private readonly memo = new Map<string, Promise<unknown>>();
  /** People by cleaned, lower-cased name: every row whose name or alias matches, oldest first. */
  private readonly candidates = new Map<string, Candidate[]>();
  private readonly problems: FieldError[] = [];

  constructor(private readonly tx: Tx) {}

  /**
   * Takes the name locks for every name the refs would create: one statement finds which names
   * have no row yet, a second locks just those, in a fixed order. Names that exist need no lock, so
   * writers that share common names (a publisher, a city, a topic) do not queue behind each other.
   */
  async lock(refs: NameRefs): Promise<void> {
    const found = await prefetchNames(this.tx, nameList(refs));
    const prefix: Record<string, string> = { organization: "org", place: "place", topic: "topic" };
    for (const f of found) {
      if (f.id && prefix[f.kind]) this.memo.set(`${prefix[f.kind]}:${cleanName(f.name).toLowerCase()}`, Promise.resolve(f.id));
      // Only names that existed: the others are locked below and must be read again once the lock is held.
      if (f.candidates && f.present) this.candidates.set(cleanName(f.name).toLowerCase(), f.candidates);
    }
    await lockNames(this.tx, found.filter((f) => !f.present));
  }

  /** Collected reference problems (unknown ids), reported together by {@link assertResolved}. */
  private problem(field: string, message: string): null {
    this.problems.push({ field, message, constraint: "reference" });
    return null;
  }

  /** Throws BAD_USER_INPUT listing every reference that did not resolve. */
  assertResolved(): void {
    if (this.problems.length) throw invalidInput(this.problems);
  }

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) this.memo.set(key, (p = make()));
    return p;
  }

  /** The uuid behind a global id of one of `types` or a slug in `slugTables`; null (and a problem) when there is none. */
  async byId(value: string, types: NodeType[], slugTables: Table[], field: string): Promise<{ type: NodeType; id: string } | null> {
    const parsed = parseGlobalId(value);
    const wanted = `${indefinite(types[0]!)} ${types.join(" or ")}`;
    if (parsed) {
      if (!types.includes(parsed.type)) return this.problem(field, `must be ${wanted} id; got ${indefinite(parsed.type)} ${parsed.type} id`);
      const table = parsed.type.toLowerCase();
      const found = await this.once(`id:${parsed.id}`, () => this.tx.one(`SELECT 1 AS ok FROM ${table} WHERE id = $1`, [parsed.id]));
      return found ? parsed : this.problem(field, `no ${parsed.type} has id ${value}`);
    }
    if (SLUG.test(value)) {
      for (const table of slugTables) {
        const row = await this.once(`slug:${table}:${value}`, () => this.tx.one<{ id: string }>(`SELECT id FROM ${table} WHERE slug = $1`, [value]));
        if (row) return { type: (table[0]!.toUpperCase() + table.slice(1)) as NodeType, id: row.id };
      }
      return this.problem(field, `no ${types.join(" or ")} has slug "${value}"`);
    }
    return this.problem(field, slugTables.length ? `must be ${wanted} id or slug` : `must be ${wanted} id`);
  }

  async organization(ref: OrganizationRef, field: string): Promise<string | null> {
    if (ref.id != null) return (await this.byId(ref.id, ["Organization"], ["organization"], `${field}.id`))?.id ?? null;
    return this.organizationByName(ref.name!, ref.kind ?? null, ref.country ?? null);
  }

  organizationByName(rawName: string, kind: OrganizationKind | null = null, country: string | null = null): Promise<string> {
    const name = cleanName(rawName);
    return this.once(`org:${name.toLowerCase()}`, async () => {
      const found = await this.tx.one<{ id: string }>(
        `SELECT id FROM organization WHERE name_keys @> ARRAY[newsgraph_name_key($1)] ORDER BY created_at, id LIMIT 1`,
        [name],
      );
      if (found) return found.id;
      const slug = await freeSlug(this.tx, "organization", slugify(name) || hashSlug("organization", name));
      const row = await this.tx.one<{ id: string }>(
        `INSERT INTO organization (slug, name, kind, country) VALUES ($1, $2, coalesce($3, 'other'), $4) RETURNING id`,
        [slug, name, kind, country],
      );
      return row!.id;
    });
  }

  async place(ref: PlaceRef, field: string): Promise<string | null> {
    if (ref.id != null) return (await this.byId(ref.id, ["Place"], ["place"], `${field}.id`))?.id ?? null;
    const name = cleanName(ref.name!);
    return this.once(`place:${name.toLowerCase()}`, async () => {
      const found = await this.tx.one<{ id: string }>(`SELECT id FROM place WHERE newsgraph_name_key(name) = newsgraph_name_key($1) ORDER BY created_at, id LIMIT 1`, [name]);
      if (found) return found.id;
      const slug = await freeSlug(this.tx, "place", slugify(name) || hashSlug("place", name));
      const row = await this.tx.one<{ id: string }>(
        `INSERT INTO place (slug, name, kind, country_code) VALUES ($1, $2, coalesce($3, 'other'), $4) RETURNING id`,
        [slug, name, ref.kind ?? null, ref.countryCode ?? null],
      );
      return row!.id;
    });
  }

  async topic(ref: TopicRef, field: string): Promise<string | null> {
    if (ref.id != null) return (await this.byId(ref.id, ["Topic"], ["topic"], `${field}.id`))?.id ?? null;
    const name = cleanName(ref.name!);
    return this.once(`topic:${name.toLowerCase()}`, async () => {
      const base = slugify(name) || hashSlug("topic", name);
      const found = await this.tx.one<{ id: string }>(
        `SELECT id FROM topic WHERE newsgraph_name_key(name) = newsgraph_name_key($1) OR slug = $2 ORDER BY created_at, id LIMIT 1`,
        [name, base],
      );
      if (found) return found.id;
      const row = await this.tx.one<{ id: string }>(`INSERT INTO topic (slug, name) VALUES ($1, $2) RETURNING id`, [await freeSlug(this.tx, "topic", base), name]);
      return row!.id;
    });
  }

  /** A quote's speaker or an event's participant. */
  async speaker(ref: SpeakerRef, field: string): Promise<ResolvedSpeaker | null> {
    if (ref.id != null) {
      const found = await this.byId(ref.id, ["Expert", "Organization"], ["expert", "organization"], `${field}.id`);
      if (!found) return null;
      return found.type === "Expert" ? { expertId: found.id, organizationId: null, affiliationId: null } : { expertId: null, organizationId: found.id, affiliationId: null };
    }
    if (ref.name == null) return { expertId: null, organizationId: await this.organizationByName(ref.organization!), affiliationId: null };
    const affiliationId = ref.organization != null ? await this.organizationByName(ref.organization) : null;
    const expertId = await this.expertByName(ref.name, { title: ref.title ?? null, organizationId: affiliationId, kind: ref.kind ?? null });
    return { expertId, organizationId: null, affiliationId };
  }

  /** A person by name (see the class comment for the rules); a known person's missing title, kind or affiliation is filled in. */
  expertByName(rawName: string, known: { title: string | null; organizationId: string | null; kind: ExpertKind | null }): Promise<string> {
    const name = cleanName(rawName);
    return this.once(`expert:${name.toLowerCase()}:${known.organizationId ?? ""}`, async () => {
      const key = name.toLowerCase();
      let candidates = this.candidates.get(key);
      if (!candidates) {
        candidates = await this.tx.rows<Candidate>(`SELECT id, organization_id, title, kind FROM expert WHERE name_keys @> ARRAY[newsgraph_name_key($1)] ORDER BY created_at, id`, [name]);
        this.candidates.set(key, candidates);
      }
      const match = known.organizationId
        ? (candidates.find((c) => c.organization_id === known.organizationId) ?? candidates.find((c) => c.organization_id === null))
        : candidates[0];
      const fills =
        match &&
        ((match.title === null && known.title !== null) ||
          (match.organization_id === null && known.organizationId !== null) ||
          (match.kind === "other" && known.kind !== null && known.kind !== "other"));
      if (match && !fills) return match.id;
      if (match) {
        await this.tx.exec(
          `UPDATE expert SET title = coalesce(title, $2), organization_id = coalesce(organization_id, $3),
                  kind = CASE WHEN kind = 'other' AND $4::text IS NOT NULL THEN $4 ELSE kind END
            WHERE id = $1 AND ((title IS NULL AND $2::text IS NOT NULL) OR (organization_id IS NULL AND $3::uuid IS NOT NULL)
                               OR (kind = 'other' AND $4::text IS NOT NULL AND $4 <> 'other'))`,
          [match.id, known.title, known.organizationId, known.kind],
        );
        match.title ??= known.title;
        match.organization_id ??= known.organizationId;
        if (match.kind === "other" && known.kind) match.kind = known.kind;
        return match.id;
      }
      const slug = await freeSlug(this.tx, "expert", slugify(name) || hashSlug("expert", name));
      const row = await this.tx.one<{ id: string }>(
        `INSERT INTO expert (slug, name, title, organization_id, kind) VALUES ($1, $2, $3, $4, coalesce($5, 'other')) RETURNING id`,
        [slug, name, known.title, known.organizationId, known.kind],
      );
      candidates.push({ id: row!.id, organization_id: known.organizationId, title: known.title, kind: known.kind ?? "other" });
      return row!.id;
    });
  }
}
