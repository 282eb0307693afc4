import { randomUUID } from "node:crypto";
import type { ExpertKind } from "../expert/expert.entity";
import { type NodeType, parseGlobalId } from "./global-id";
import {
  type Candidate,
  type EventMatch,
  type NameRefs,
  type OrganizationRef,
  type PlaceRef,
  type PrefetchedName,
  type ResolvedSpeaker,
  type SpeakerRef,
  type TopicRef,
  cleanName,
  indefinite,
  nameList,
  prefetchNames,
  topicSlugBase,
} from "./ref-resolver";
import { SLUG } from "./refs";
import { hashSlug, slugify } from "./slug";
import type { FieldError } from "./validation";
import { type Tx, lockNames } from "./write";
import { type Happening, type HappeningWindow, type Report, absorb, loadHappenings, sameHappening, spanOf } from "../event/event-matching";

export type SlugTable = "expert" | "organization" | "place" | "topic" | "article";
type IdTable = SlugTable | "event";

/** A reference by id or slug, collected before anything is resolved. */
export interface IdRef {
  value: string;
  types: NodeType[];
  slugTables: SlugTable[];
}

/** A row to create, its id chosen here so everything that refers to it can be written in the same round. */
export interface NewRow {
  id: string;
  slugBase: string;
  slug?: string;
}

interface NewOrganization extends NewRow {
  name: string;
  kind: string | null;
  country: string | null;
}
interface NewPlace extends NewRow {
  name: string;
  kind: string | null;
  countryCode: string | null;
}
interface NewTopic extends NewRow {
  name: string;
}
interface NewExpert extends NewRow {
  name: string;
  title: string | null;
  organizationId: string | null;
  kind: string;
}
interface PersonCandidate extends Candidate {
  /** Created in this batch, so its fills go into its INSERT. */
  created?: NewExpert;
  /** An existing person whose title, affiliation or kind this batch fills in. */
  filled?: boolean;
}
interface EventState extends EventMatch {
  created?: boolean;
  filled?: boolean;
}

/** What an article input gives of an event (ArticleEventInput's fields). */
export interface EventRefInput {
  id?: string | null;
  title?: string | null;
  kind?: string | null;
  description?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  datePrecision?: string | null;
  status?: string | null;
  places?: PlaceRef[] | null;
  participants?: SpeakerRef[] | null;
}

/**
 * The references of many articles, resolved together: {@link load} reads every name once (a
 * prefetch, the locks on the names that are missing, a second read of those once locked, one
 * statement for ids and slugs); then resolving is synchronous, in input order, with the same rules
 * as {@link RefResolver} (so two articles of one batch naming the same new person get one Expert);
 * {@link flush} writes what is new or filled in, one INSERT or UPDATE per table. Every resolution
 * names its owner (the index of the article it is for), so reference problems and changes are
 * reported per article.
 */
export class BatchRefs {
  private readonly keys = new Map<string, string>();
  private readonly organizations = new Map<string, string>();
  private readonly places = new Map<string, string>();
  private readonly topicsByKey = new Map<string, string>();
  private readonly topicsBySlug = new Map<string, string>();
  private readonly people = new Map<string, PersonCandidate[]>();
  private readonly events = new Map<string, EventState>();
  private readonly ids = new Map<string, string>();
  /** Stored events a reported event may be (by window key `owner:index`), and every happening this batch has seen, by id. */
  private readonly windows = new Map<string, Happening[]>();
  private readonly happenings = new Map<string, Happening>();
  /** Events the batch's stored articles already report, by article and the key of the title they gave it. */
  private readonly reported = new Map<string, Map<string, string>>();

  private readonly newOrganizations: NewOrganization[] = [];
  private readonly newPlaces: NewPlace[] = [];
  private readonly newTopics: NewTopic[] = [];
  private readonly newExperts: NewExpert[] = [];
  private readonly filledExperts: PersonCandidate[] = [];
  private readonly newEvents: Array<EventState & { title: string; datePrecision: string | null; status: string | null }> = [];
  private readonly filledEvents: EventState[] = [];
  /** Event places and participants to add: `[event, child, owner]`. */
  readonly eventPlaces: Array<[string, string, number]> = [];
  readonly eventExperts: Array<[string, string, number]> = [];
  readonly eventOrganizations: Array<[string, string, number]> = [];

  /** Reference problems (unknown ids), by owner. */
  readonly problems = new Map<number, FieldError[]>();
  /** Owners whose references created or filled in something: their articles changed. */
  readonly changed = new Set<number>();

  constructor(private readonly tx: Tx) {}

  /**
   * Reads every name and id the batch refers to and takes the name locks for the missing ones. At
   * most four statements, however many articles.
   */
  async load(refs: NameRefs, idRefs: IdRef[]): Promise<void> {
    const names = nameList(refs);
    const first = await prefetchNames(this.tx, names);
    const missing = first.filter((f) => !f.present);
    await lockNames(this.tx, missing);
    // Read again once locked: another writer may have created them meanwhile.
    const again = missing.length ? await prefetchNames(this.tx, missing) : [];
    for (const f of [...first, ...again]) this.remember(f);
    await this.loadIds(idRefs);
  }

  private remember(f: PrefetchedName): void {
    const key = f.key ? f.key : `\u0000${cleanName(f.name).toLowerCase()}`;
    this.keys.set(`${f.kind}:${f.name}`, key);
    if (f.kind === "organization" && f.id) this.organizations.set(key, f.id);
    if (f.kind === "place" && f.id) this.places.set(key, f.id);
    if (f.kind === "topic" && f.id) {
      this.topicsBySlug.set(f.extra!, f.id);
      this.topicsByKey.set(key, f.id);
    }
    // The later read (after the lock) wins: it is the fresher.
    if (f.kind === "expert" && f.candidates) this.people.set(key, f.candidates);
    if (f.kind === "event" && f.event) this.events.set(`${key}|${f.extra ?? ""}`, { ...f.event });
  }

  private key(kind: string, name: string): string {
    const key = this.keys.get(`${kind}:${name}`);
    if (key === undefined) throw new Error(`BatchRefs: ${kind} "${name}" was not loaded`);
    return key;
  }

  private async loadIds(refs: IdRef[]): Promise<void> {
    if (!refs.length) return;
    const byTable = new Map<IdTable, { ids: string[]; slugs: string[] }>();
    const want = (table: IdTable) => byTable.get(table) ?? byTable.set(table, { ids: [], slugs: [] }).get(table)!;
    for (const r of refs) {
      const parsed = parseGlobalId(r.value);
      if (parsed) {
        if (r.types.includes(parsed.type)) want(parsed.type.toLowerCase() as IdTable).ids.push(parsed.id);
      } else if (SLUG.test(r.value)) for (const t of r.slugTables) want(t).slugs.push(r.value);
    }
    if (!byTable.size) return;
    const params: unknown[] = [];
    const parts = [...byTable].map(([table, { ids, slugs }]) => {
      params.push(ids, slugs);
      const slug = table === "event" ? "NULL::text" : "slug";
      return `SELECT '${table}' AS t, id::text AS id, ${slug} AS slug FROM ${table} WHERE id = ANY($${params.length - 1}::uuid[])${table === "event" ? "" : ` OR slug = ANY($${params.length}::text[])`}`;
    });
    for (const row of await this.tx.rows<{ t: string; id: string; slug: string | null }>(parts.join(" UNION ALL "), params)) {
      this.ids.set(`${row.t}:id:${row.id}`, row.id);
      if (row.slug) this.ids.set(`${row.t}:slug:${row.slug}`, row.id);
    }
  }

  /** The id a place reference has without creating anything, or null. */
  private peekPlace(ref: PlaceRef): string | null {
    if (ref.id != null) {
      const parsed = parseGlobalId(ref.id);
      return parsed ? (this.ids.get(`place:id:${parsed.id}`) ?? null) : (this.ids.get(`place:slug:${ref.id}`) ?? null);
    }
    return this.places.get(this.key("place", ref.name!)) ?? null;
  }

  /** The ids a participant reference may stand for without creating anything. */
  private peekSpeaker(ref: SpeakerRef): string[] {
    if (ref.id != null) {
      const parsed = parseGlobalId(ref.id);
      if (parsed) return [this.ids.get(`expert:id:${parsed.id}`) ?? this.ids.get(`organization:id:${parsed.id}`)].filter((x): x is string => !!x);
      return [this.ids.get(`expert:slug:${ref.id}`) ?? this.ids.get(`organization:slug:${ref.id}`)].filter((x): x is string => !!x);
    }
    if (ref.name == null) return [this.organizations.get(this.key("organization", ref.organization!))].filter((x): x is string => !!x);
    return (this.people.get(this.key("expert", ref.name)) ?? []).map((c) => c.id);
  }

  /**
   * After {@link load}: the stored events each reported event (by title, dated) may be the same
   * happening as, and the events the batch's stored articles already report (so an article
   * written again links where it linked before, whatever editors merged or split since). Two
   * statements at most, however many articles.
   */
  async loadEvents(articles: ReadonlyArray<{ articleId: string; existing: boolean; events: readonly EventRefInput[] }>): Promise<void> {
    const keys: string[] = [];
    const windows: HappeningWindow[] = [];
    articles.forEach((a, owner) =>
      a.events.forEach((e, i) => {
        if (e.id != null || e.title == null || e.startsOn == null) return;
        const refs = [...(e.places ?? []).map((p) => this.peekPlace(p)), ...(e.participants ?? []).flatMap((p) => this.peekSpeaker(p))].filter((r): r is string => !!r);
        if (!refs.length) return;
        keys.push(`${owner}:${i}`);
        windows.push({ ...spanOf(e.startsOn, e.endsOn ?? null, e.datePrecision ?? null), refs });
      }),
    );
    const found = await loadHappenings(this.tx, windows);
    keys.forEach((k, i) => this.windows.set(k, (found.get(i) ?? []).map((h) => this.happenings.get(h.id) ?? (this.happenings.set(h.id, h), h))));
    const stored = articles.filter((a) => a.existing).map((a) => a.articleId);
    if (!stored.length) return;
    const links = await this.tx.rows<{ a: string; e: string; k: string }>(
      `SELECT l.article_id AS a, l.event_id AS e, newsgraph_name_key(l.title) AS k FROM event_article l WHERE l.article_id = ANY($1::uuid[]) AND l.title IS NOT NULL`,
      [stored],
    );
    for (const l of links) (this.reported.get(l.a) ?? this.reported.set(l.a, new Map()).get(l.a)!).set(l.k, l.e);
  }

  private problem(owner: number, field: string, message: string): null {
    const list = this.problems.get(owner) ?? [];
    list.push({ field, message, constraint: "reference" });
    this.problems.set(owner, list);
    return null;
  }

  /** The row behind a global id of one of `types` or a slug in `slugTables`; null (and a problem) when there is none. Messages as {@link RefResolver.byId}. */
  byId(value: string, types: NodeType[], slugTables: SlugTable[], field: string, owner: number): { type: NodeType; id: string } | null {
    const parsed = parseGlobalId(value);
    const wanted = `${indefinite(types[0]!)} ${types.join(" or ")}`;
    if (parsed) {
      if (!types.includes(parsed.type)) return this.problem(owner, field, `must be ${wanted} id; got ${indefinite(parsed.type)} ${parsed.type} id`);
      return this.ids.has(`${parsed.type.toLowerCase()}:id:${parsed.id}`) ? parsed : this.problem(owner, field, `no ${parsed.type} has id ${value}`);
    }
    if (SLUG.test(value)) {
      for (const table of slugTables) {
        const id = this.ids.get(`${table}:slug:${value}`);
        if (id) return { type: (table[0]!.toUpperCase() + table.slice(1)) as NodeType, id };
      }
      return this.problem(owner, field, `no ${types.join(" or ")} has slug "${value}"`);
    }
    return this.problem(owner, field, slugTables.length ? `must be ${wanted} id or slug` : `must be ${wanted} id`);
  }

  organization(ref: OrganizationRef, field: string, owner: number): string | null {
    if (ref.id != null) return this.byId(ref.id, ["Organization"], ["organization"], `${field}.id`, owner)?.id ?? null;
    return this.organizationByName(ref.name!, owner, ref.kind ?? null, ref.country ?? null);
  }

  organizationByName(rawName: string, owner: number, kind: string | null = null, country: string | null = null): string {
    const key = this.key("organization", rawName);
    let id = this.organizations.get(key);
    if (!id) {
      const name = cleanName(rawName);
      this.newOrganizations.push({ id: (id = randomUUID()), name, kind, country, slugBase: slugify(name) || hashSlug("organization", name) });
      this.organizations.set(key, id);
      this.changed.add(owner);
    }
    return id;
  }

  place(ref: PlaceRef, field: string, owner: number): string | null {
    if (ref.id != null) return this.byId(ref.id, ["Place"], ["place"], `${field}.id`, owner)?.id ?? null;
    const key = this.key("place", ref.name!);
    let id = this.places.get(key);
    if (!id) {
      const name = cleanName(ref.name!);
      this.newPlaces.push({ id: (id = randomUUID()), name, kind: ref.kind ?? null, countryCode: ref.countryCode ?? null, slugBase: slugify(name) || hashSlug("place", name) });
      this.places.set(key, id);
      this.changed.add(owner);
    }
    return id;
  }

  topic(ref: TopicRef, field: string, owner: number): string | null {
    if (ref.id != null) return this.byId(ref.id, ["Topic"], ["topic"], `${field}.id`, owner)?.id ?? null;
    const key = this.key("topic", ref.name!);
    const base = topicSlugBase(ref.name!);
    let id = this.topicsByKey.get(key) ?? this.topicsBySlug.get(base);
    if (!id) {
      this.newTopics.push({ id: (id = randomUUID()), name: cleanName(ref.name!), slugBase: base });
      this.changed.add(owner);
    }
    this.topicsByKey.set(key, id);
    this.topicsBySlug.set(base, id);
    return id;
  }

  /** A quote's speaker or an event's participant. */
  speaker(ref: SpeakerRef, field: string, owner: number): ResolvedSpeaker | null {
    if (ref.id != null) {
      const found = this.byId(ref.id, ["Expert", "Organization"], ["expert", "organization"], `${field}.id`, owner);
      if (!found) return null;
      return found.type === "Expert" ? { expertId: found.id, organizationId: null, affiliationId: null } : { expertId: null, organizationId: found.id, affiliationId: null };
    }
    if (ref.name == null) return { expertId: null, organizationId: this.organizationByName(ref.organization!, owner), affiliationId: null };
    const affiliationId = ref.organization != null ? this.organizationByName(ref.organization, owner) : null;
    const expertId = this.expertByName(ref.name, { title: ref.title ?? null, organizationId: affiliationId, kind: ref.kind ?? null }, owner);
    return { expertId, organizationId: null, affiliationId };
  }

  /** {@link RefResolver.expertByName}'s rules, on the people loaded and the ones this batch creates. */
  private expertByName(rawName: string, known: { title: string | null; organizationId: string | null; kind: ExpertKind | null }, owner: number): string {
    const key = this.key("expert", rawName);
    let candidates = this.people.get(key);
    if (!candidates) this.people.set(key, (candidates = []));
    const match = known.organizationId
      ? (candidates.find((c) => c.organization_id === known.organizationId) ?? candidates.find((c) => c.organization_id === null))
      : candidates[0];
    if (match) {
      const fills =
        (match.title === null && known.title !== null) ||
        (match.organization_id === null && known.organizationId !== null) ||
        (match.kind === "other" && known.kind !== null && known.kind !== "other");
      if (fills) {
        match.title ??= known.title;
        match.organization_id ??= known.organizationId;
        if (match.kind === "other" && known.kind) match.kind = known.kind;
        if (match.created) Object.assign(match.created, { title: match.title, organizationId: match.organization_id, kind: match.kind });
        else if (!match.filled) this.filledExperts.push(Object.assign(match, { filled: true }));
        this.changed.add(owner);
      }
      return match.id;
    }
    const name = cleanName(rawName);
    const created: NewExpert = { id: randomUUID(), name, title: known.title, organizationId: known.organizationId, kind: known.kind ?? "other", slugBase: slugify(name) || hashSlug("expert", name) };
    this.newExperts.push(created);
    candidates.push({ id: created.id, organization_id: created.organizationId, title: created.title, kind: created.kind, created });
    this.changed.add(owner);
    return created.id;
  }

  /**
   * An event an article reports: by id; or by title: the event this article already reported
   * under that title; the same normalised title on the same start day (its missing details filled
   * in); the same happening by the rules of event-matching.ts, stored or new in this batch; else a
   * new one. Its places and participants are added. As {@link resolveArticleEvent}.
   */
  event(e: EventRefInput, field: string, owner: number, articleId: string, index: number): { id: string; placeIds: string[] } | null {
    const placeIds = (e.places ?? []).map((p, i) => this.place(p, `${field}.places[${i}]`, owner));
    const participants = (e.participants ?? []).map((p, i) => this.speaker(p, `${field}.participants[${i}]`, owner));
    let id: string | null;
    if (e.id != null) id = this.byId(e.id, ["Event"], [], `${field}.id`, owner)?.id ?? null;
    else {
      const titleKey = this.key("event", e.title!);
      const key = `${titleKey}|${e.startsOn ?? ""}`;
      const report: Report = {
        title: cleanName(e.title!),
        kind: e.kind ?? null,
        startsOn: e.startsOn ?? null,
        endsOn: e.endsOn ?? null,
        datePrecision: e.datePrecision ?? null,
        places: placeIds.filter((p): p is string => !!p),
        participants: participants.flatMap((p) => [p?.expertId, p?.organizationId]).filter((p): p is string => !!p),
      };
      const description = e.description?.trim() || null;
      let ev = this.events.get(key);
      const before = this.reported.get(articleId)?.get(titleKey);
      if (before) id = before;
      else if (ev) {
        const endsOn = e.endsOn ?? null;
        const fillEnd = ev.ends_on === null && endsOn !== null && ev.starts_on !== null && endsOn >= ev.starts_on;
        const fillKind = ev.kind === "other" && e.kind != null && e.kind !== "other";
        if ((ev.description === null && description !== null) || fillEnd || fillKind) {
          ev.description ??= description;
          if (fillEnd) ev.ends_on = endsOn;
          if (fillKind) ev.kind = e.kind!;
          if (!ev.created && !ev.filled) this.filledEvents.push(Object.assign(ev, { filled: true }));
          this.changed.add(owner);
        }
        id = ev.id;
      } else {
        const stored = this.windows.get(`${owner}:${index}`) ?? [];
        const same = sameHappening(report, new Set([...stored, ...this.happenings.values()]));
        if (same) id = same.id;
        else {
          ev = { id: randomUUID(), description, starts_on: e.startsOn ?? null, ends_on: e.endsOn ?? null, kind: e.kind ?? "other", created: true };
          this.newEvents.push(Object.assign(ev, { title: report.title, datePrecision: e.datePrecision ?? null, status: e.status ?? null }));
          this.events.set(key, ev);
          this.changed.add(owner);
          id = ev.id;
          if (report.startsOn) {
            // Created by this batch: later articles of it may report the same happening. Newer than anything stored.
            this.happenings.set(id, {
              id, kind: report.kind ?? "other", span: spanOf(report.startsOn, report.endsOn, report.datePrecision), titles: [], places: new Set(), participants: new Set(), createdAt: Infinity,
            });
          }
        }
      }
      const h = this.happenings.get(id);
      if (h) absorb(h, report);
    }
    if (!id) return null;
    for (const p of placeIds) if (p) this.eventPlaces.push([id, p, owner]);
    for (const p of participants) {
      if (p?.expertId) this.eventExperts.push([id, p.expertId, owner]);
      if (p?.organizationId) this.eventOrganizations.push([id, p.organizationId, owner]);
    }
    return { id, placeIds: placeIds.filter((p): p is string => !!p) };
  }

  /** New rows that need a slug, by table. */
  newSlugRows(): Array<[SlugTable, NewRow[]]> {
    return [
      ["organization", this.newOrganizations],
      ["place", this.newPlaces],
      ["topic", this.newTopics],
      ["expert", this.newExperts],
    ];
  }

  /**
   * Writes what resolving created or filled in: one INSERT per table with new rows (organizations
   * before the people affiliated with them), one UPDATE each for people and events filled in.
   * Slugs must have been given ({@link allocateSlugs}).
   */
  async flush(): Promise<void> {
    const tx = this.tx;
    const o = this.newOrganizations;
    if (o.length) {
      await tx.exec(`INSERT INTO organization (id, slug, name, kind, country) SELECT i, s, n, coalesce(k, 'other'), c FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(i, s, n, k, c)`, [
        o.map((r) => r.id),
        o.map((r) => r.slug),
        o.map((r) => r.name),
        o.map((r) => r.kind),
        o.map((r) => r.country),
      ]);
    }
    const p = this.newPlaces;
    if (p.length) {
      await tx.exec(`INSERT INTO place (id, slug, name, kind, country_code) SELECT i, s, n, coalesce(k, 'other'), c FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(i, s, n, k, c)`, [
        p.map((r) => r.id),
        p.map((r) => r.slug),
        p.map((r) => r.name),
        p.map((r) => r.kind),
        p.map((r) => r.countryCode),
      ]);
    }
    const t = this.newTopics;
    if (t.length) await tx.exec(`INSERT INTO topic (id, slug, name) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`, [t.map((r) => r.id), t.map((r) => r.slug), t.map((r) => r.name)]);
    const x = this.newExperts;
    if (x.length) {
      await tx.exec(`INSERT INTO expert (id, slug, name, title, organization_id, kind) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[])`, [
        x.map((r) => r.id),
        x.map((r) => r.slug),
        x.map((r) => r.name),
        x.map((r) => r.title),
        x.map((r) => r.organizationId),
        x.map((r) => r.kind),
      ]);
    }
    const f = this.filledExperts;
    if (f.length) {
      // Only what is still missing: another writer may have filled it in since it was read.
      await tx.exec(
        `UPDATE expert x SET title = coalesce(x.title, u.title), organization_id = coalesce(x.organization_id, u.org),
                kind = CASE WHEN x.kind = 'other' AND u.kind <> 'other' THEN u.kind ELSE x.kind END
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[]) AS u(id, title, org, kind)
          WHERE x.id = u.id AND ((x.title IS NULL AND u.title IS NOT NULL) OR (x.organization_id IS NULL AND u.org IS NOT NULL) OR (x.kind = 'other' AND u.kind <> 'other'))`,
        [f.map((r) => r.id), f.map((r) => r.title), f.map((r) => r.organization_id), f.map((r) => r.kind)],
      );
    }
    const e = this.newEvents;
    if (e.length) {
      await tx.exec(
        `INSERT INTO event (id, title, kind, description, starts_on, ends_on, date_precision, status)
         SELECT i, t, k, d, s, f, coalesce(p, 'day'), coalesce(st, 'happened')
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::text[], $8::text[]) AS u(i, t, k, d, s, f, p, st)`,
        [e.map((r) => r.id), e.map((r) => r.title), e.map((r) => r.kind), e.map((r) => r.description), e.map((r) => r.starts_on), e.map((r) => r.ends_on), e.map((r) => r.datePrecision), e.map((r) => r.status)],
      );
    }
    const g = this.filledEvents;
    if (g.length) {
      await tx.exec(
        `UPDATE event e SET description = coalesce(e.description, u.d), ends_on = coalesce(e.ends_on, u.f),
                kind = CASE WHEN e.kind = 'other' AND u.k <> 'other' THEN u.k ELSE e.kind END
           FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[]) AS u(id, d, f, k)
          WHERE e.id = u.id AND ((e.description IS NULL AND u.d IS NOT NULL) OR (e.ends_on IS NULL AND u.f IS NOT NULL AND u.f >= e.starts_on) OR (e.kind = 'other' AND u.k <> 'other'))`,
        [g.map((r) => r.id), g.map((r) => r.description), g.map((r) => r.ends_on), g.map((r) => r.kind)],
      );
    }
  }
}

/**
 * Gives every new row a free slug: its base when no row of its table has it (nor another new row,
 * nor an explicit slug of the batch), else `base-2`, `base-3`, ... as {@link freeSlug} does, for
 * all tables in one statement (another only for bases with more rows taken than were probed). The
 * same statement finds the articles that have the `explicitArticleSlugs`: returned, slug → id.
 */
export async function allocateSlugs(tx: Tx, tables: Array<[SlugTable, NewRow[]]>, explicitArticleSlugs: string[]): Promise<Map<string, string>> {
  const explicit = new Map<string, string>();
  // Per table and base: the rows still without a slug, and the next suffix to probe.
  const open = new Map<SlugTable, Map<string, { rows: NewRow[]; from: number; used: Set<string> }>>();
  for (const [table, rows] of tables) {
    for (const r of rows) {
      if (r.slug) continue;
      const bases = open.get(table) ?? open.set(table, new Map()).get(table)!;
      const b = bases.get(r.slugBase) ?? bases.set(r.slugBase, { rows: [], from: 1, used: new Set(table === "article" ? explicitArticleSlugs : []) }).get(r.slugBase)!;
      b.rows.push(r);
    }
  }
  const name = (base: string, i: number) => (i === 1 ? base : `${base}-${i}`);
  let probeExplicit = explicitArticleSlugs.length > 0;
  for (let round = 0; open.size || probeExplicit; round++) {
    const width = round === 0 ? 4 : 50;
    const params: unknown[] = [];
    const parts: string[] = [];
    for (const [table, bases] of open) {
      const candidates: string[] = [];
      for (const [base, b] of bases) for (let i = b.from; i < b.from + b.rows.length + width; i++) candidates.push(name(base, i));
      params.push(candidates);
      parts.push(`SELECT '${table}' AS t, slug, NULL::uuid AS id FROM ${table} WHERE slug = ANY($${params.length}::text[])`);
    }
    if (probeExplicit) {
      params.push(explicitArticleSlugs);
      parts.push(`SELECT 'explicit' AS t, slug, id FROM article WHERE slug = ANY($${params.length}::text[])`);
      probeExplicit = false;
    }
    const taken = new Set<string>();
    for (const row of await tx.rows<{ t: string; slug: string; id: string | null }>(parts.join(" UNION ALL "), params)) {
      if (row.t === "explicit") explicit.set(row.slug, row.id!);
      else taken.add(`${row.t}:${row.slug}`);
    }
    for (const [table, bases] of open) {
      for (const [base, b] of bases) {
        const end = b.from + b.rows.length + width;
        let i = b.from;
        while (b.rows.length && i < end) {
          const c = name(base, i++);
          if (taken.has(`${table}:${c}`) || b.used.has(c)) continue;
          b.used.add(c);
          b.rows.shift()!.slug = c;
        }
        b.from = end;
        if (!b.rows.length) bases.delete(base);
      }
      if (!bases.size) open.delete(table);
    }
  }
  return explicit;
}
