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
  const ids = unique(childIds);
  if (!ids.length) return;
  await tx.exec(
    `INSERT INTO ${link.table} (${link.parent}, ${link.child}) SELECT $1, c FROM unnest($2::uuid[]) AS c ON CONFLICT DO NOTHING`,
    [parentId, ids],
  );
}

/** Makes the links from `parentId` exactly `childIds`: removes the others, adds the missing, in one statement. Unchanged links are not touched. */
export async function setLinks(tx: Tx, link: LinkTable, parentId: string, childIds: Iterable<string | null | undefined>): Promise<void> {
  const ids = unique(childIds);
  const row = await tx.one<{ changed: number }>(
    `WITH gone AS (DELETE FROM ${link.table} WHERE ${link.parent} = $1 AND NOT (${link.child} = ANY($2::uuid[])) RETURNING 1),
          added AS (INSERT INTO ${link.table} (${link.parent}, ${link.child}) SELECT $1, c FROM unnest($2::uuid[]) AS c ON CONFLICT DO NOTHING RETURNING 1)
     SELECT (SELECT count(*) FROM gone)::int + (SELECT count(*) FROM added)::int AS changed`,
    [parentId, ids],
  );
  if (row && row.changed > 0) tx.markChanged();
}
