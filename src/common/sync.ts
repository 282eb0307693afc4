import type { Tx } from "./write";

/** Link tables between articles/events and what they name. */
export type LinkTable =
  | { table: "article_topic"; parent: "article_id"; child: "topic_id" }
  | { table: "article_expert"; parent: "article_id"; child: "expert_id" }
  | { table: "article_organization"; parent: "article_id"; child: "organization_id" }
  | { table: "article_place"; parent: "article_id"; child: "place_id" }
  | { table: "event_article"; parent: "article_id"; child: "event_id" }
  | { table: "event_article"; parent: "event_id"; child: "article_id" }
  | { table: "event_place"; parent: "event_id"; child: "place_id" }
  | { table: "event_expert"; parent: "event_id"; child: "expert_id" }
  | { table: "event_organization"; parent: "event_id"; child: "organization_id" };

export const LINKS = {
  articleTopics: { table: "article_topic", parent: "article_id", child: "topic_id" },
  articleExperts: { table: "article_expert", parent: "article_id", child: "expert_id" },
  articleOrganizations: { table: "article_organization", parent: "article_id", child: "organization_id" },
  articlePlaces: { table: "article_place", parent: "article_id", child: "place_id" },
  articleEvents: { table: "event_article", parent: "article_id", child: "event_id" },
  eventArticles: { table: "event_article", parent: "event_id", child: "article_id" },
  eventPlaces: { table: "event_place", parent: "event_id", child: "place_id" },
  eventExperts: { table: "event_expert", parent: "event_id", child: "expert_id" },
  eventOrganizations: { table: "event_organization", parent: "event_id", child: "organization_id" },
} as const satisfies Record<string, LinkTable>;

function unique(ids: Iterable<string | null | undefined>): string[] {
  return [...new Set([...ids].filter((id): id is string => typeof id === "string"))];
}

/** Adds links from `parentId` to each of `childIds` that is not linked yet. */
export async function addLinks(tx: Tx, link: LinkTable, parentId: string, childIds: Iterable<string | null | undefined>): Promise<void> {
  await addLinksMany(tx, link, unique(childIds).map((c) => [parentId, c]));
}

/** Adds the `[parent, child]` links not there yet, in one statement; returns the ones added. */
export async function addLinksMany(tx: Tx, link: LinkTable, pairs: ReadonlyArray<readonly [string, string]>): Promise<Array<[string, string]>> {
  if (!pairs.length) return [];
  const rows = await tx.rows<{ p: string; c: string }>(
    `INSERT INTO ${link.table} (${link.parent}, ${link.child}) SELECT DISTINCT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING RETURNING ${link.parent} AS p, ${link.child} AS c`,
    [pairs.map((x) => x[0]), pairs.map((x) => x[1])],
  );
  if (rows.length) tx.markChanged();
  return rows.map((r) => [r.p, r.c]);
}

/** Makes the links from `parentId` exactly `childIds`: removes the others, adds the missing, in one statement. Unchanged links are not touched. */
export async function setLinks(tx: Tx, link: LinkTable, parentId: string, childIds: Iterable<string | null | undefined>): Promise<void> {
  await setLinksMany(tx, link, [parentId], unique(childIds).map((c) => [parentId, c]));
}

/** Makes the links of each of `parents` exactly the `[parent, child]` pairs given, in one statement; returns the parents whose links changed. */
export async function setLinksMany(tx: Tx, link: LinkTable, parents: readonly string[], pairs: ReadonlyArray<readonly [string, string]>): Promise<Set<string>> {
  if (!parents.length) return new Set();
  const rows = await tx.rows<{ p: string }>(
    `WITH d AS (SELECT DISTINCT p, c FROM unnest($1::uuid[], $2::uuid[]) AS d(p, c)),
          gone AS (DELETE FROM ${link.table} l WHERE l.${link.parent} = ANY($3::uuid[])
                     AND NOT EXISTS (SELECT 1 FROM d WHERE d.p = l.${link.parent} AND d.c = l.${link.child}) RETURNING l.${link.parent} AS p),
          added AS (INSERT INTO ${link.table} (${link.parent}, ${link.child}) SELECT p, c FROM d ON CONFLICT DO NOTHING RETURNING ${link.parent} AS p)
     SELECT p FROM gone UNION SELECT p FROM added`,
    [pairs.map((x) => x[0]), pairs.map((x) => x[1]), parents],
  );
  if (rows.length) tx.markChanged();
  return new Set(rows.map((r) => r.p));
}

/** Link tables that record where the parent (an article) names the child. */
export type ProvenanceLinkTable = typeof LINKS.articleExperts | typeof LINKS.articleOrganizations | typeof LINKS.articlePlaces | typeof LINKS.articleEvents;

/** One link with its provenance: offsets into the parent article's body (null: not located) and a confidence (null reads as 1.0). */
export interface ProvenanceLink {
  parent: string;
  child: string | null | undefined;
  startOffset: number | null;
  endOffset: number | null;
  confidence: number | null;
  /** event_article only: the article's own title for the event. */
  title?: string | null;
}

/**
 * One link per parent and child, in the order given: the first entry that is located (has offsets)
 * wins, else the first entry. Callers list what the input names itself before what it implies (a
 * mention before a quote's speaker, a quote's speaker before an affiliation).
 */
export function firstProvenance(links: Iterable<ProvenanceLink>): Array<ProvenanceLink & { child: string }> {
  const chosen = new Map<string, ProvenanceLink & { child: string }>();
  for (const l of links) {
    if (!l.child) continue;
    const key = `${l.parent}:${l.child}`;
    const had = chosen.get(key);
    if (!had || (had.startOffset == null && l.startOffset != null)) chosen.set(key, l as ProvenanceLink & { child: string });
  }
  return [...chosen.values()];
}

/**
 * Writes links with provenance for many parents in one statement and returns the parents whose
 * links changed. `set`: the links of `parents` become exactly `links` (others deleted, changed
 * provenance updated); `add`: missing links are added, existing ones kept as they are.
 */
export async function syncProvenanceLinks(tx: Tx, link: ProvenanceLinkTable, parents: readonly string[], links: Iterable<ProvenanceLink>, mode: "set" | "add"): Promise<Set<string>> {
  const rows = firstProvenance(links);
  if (mode === "add" && !rows.length) return new Set();
  const { table, parent, child } = link;
  const titled = table === "event_article";
  const params = [rows.map((r) => r.parent), rows.map((r) => r.child), rows.map((r) => r.startOffset), rows.map((r) => r.endOffset), rows.map((r) => r.confidence)];
  const put = `INSERT INTO ${table} (${parent}, ${child}, start_offset, end_offset, confidence${titled ? ", title" : ""})
               SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::real[]${titled ? `, $${params.length + (mode === "add" ? 1 : 2)}::text[]` : ""})
               ON CONFLICT (${titled ? "event_id, article_id" : `${parent}, ${child}`}) ${
                 mode === "add"
                   ? "DO NOTHING"
                   : `DO UPDATE SET start_offset = EXCLUDED.start_offset, end_offset = EXCLUDED.end_offset, confidence = EXCLUDED.confidence${titled ? ", title = EXCLUDED.title" : ""}
                      WHERE (${table}.start_offset, ${table}.end_offset, ${table}.confidence${titled ? `, ${table}.title` : ""})
                            IS DISTINCT FROM (EXCLUDED.start_offset, EXCLUDED.end_offset, EXCLUDED.confidence${titled ? ", EXCLUDED.title" : ""})`
               }
               RETURNING ${parent} AS p`;
  const sql =
    mode === "add"
      ? `WITH put AS (${put}) SELECT DISTINCT p FROM put`
      : `WITH gone AS (DELETE FROM ${table} l WHERE l.${parent} = ANY($6::uuid[])
                         AND NOT EXISTS (SELECT 1 FROM unnest($1::uuid[], $2::uuid[]) AS d(p, c) WHERE d.p = l.${parent} AND d.c = l.${child})
                       RETURNING l.${parent} AS p),
              put AS (${put})
         SELECT p FROM gone UNION SELECT p FROM put`;
  const all: unknown[] = mode === "add" ? params : [...params, parents];
  if (titled) all.push(rows.map((r) => r.title ?? null));
  const changed = await tx.rows<{ p: string }>(sql, all);
  if (changed.length) tx.markChanged();
  return new Set(changed.map((r) => r.p));
}
