import type DataLoader from "dataloader";
import { trackedColumns } from "../common/graphql-types";
import { asNode, byIdLoader, groupLoader, linkLoader } from "../common/loader-helpers";
import type { Queryable } from "../common/sql";
import { TOPIC_COLUMNS, toTopic } from "../topic/topic.loaders";
import type { CoQuotedRow, ExpertChannelRow, ExpertTopicRow } from "./expert-stats.type";
import type { ExpertRow } from "./expert.type";

export const EXPERT_COLUMNS =
  `x.id AS "dbId", x.slug, x.name, x.aliases, x.title, x.kind, x.organization_id AS "organizationId", x.country, x.description, ` +
  `x.quote_count AS "quoteCount", x.last_quoted_at AS "lastQuotedAt", ${trackedColumns("x")}`;
export const toExpert = asNode<ExpertRow>("Expert");

export const expertById = (db: Queryable) => byIdLoader(db, `SELECT ${EXPERT_COLUMNS} FROM expert x WHERE x.id = ANY($1::uuid[])`, toExpert);

export const expertsByArticle = (db: Queryable) =>
  linkLoader(db, { link: "article_expert", parent: "article_id", child: "expert_id", target: "expert x", columns: EXPERT_COLUMNS, orderBy: "x.name, x.id" }, toExpert);

export const expertsByEvent = (db: Queryable) =>
  linkLoader(db, { link: "event_expert", parent: "event_id", child: "expert_id", target: "expert x", columns: EXPERT_COLUMNS, orderBy: "x.name, x.id" }, toExpert);

/**
 * The SQL of Expert.topics, channels and coQuoted, shared by the loaders and the planner
 * (expert.table.ts), so that both give the same rows in the same order. They read the tables the
 * quote triggers keep (migration ExpertStats). `sql(expert, limit)` selects the first `limit` rows
 * of the expert whose id is the expression `expert`, with the count as `n` and the columns
 * `order(alias)` sorts them by again outside.
 */
export const EXPERT_STATS_SQL = {
  /** Topics of the articles quoting the person: `topic_id`, `n` articles; by count, then topic name. */
  topics: {
    sql: (expert: string, limit: number) =>
      `SELECT s.topic_id, s.articles AS n, t.name FROM expert_topic s JOIN topic t ON t.id = s.topic_id WHERE s.expert_id = ${expert} ORDER BY s.articles DESC, t.name, t.id LIMIT ${limit}`,
    order: (s: string) => `${s}.n DESC, ${s}.name, ${s}.topic_id`,
  },
  /** How the person was quoted (`channel`), `n` quotes; by count, then channel. */
  channels: {
    sql: (expert: string, limit: number) => `SELECT s.channel, s.quotes AS n FROM expert_channel s WHERE s.expert_id = ${expert} ORDER BY s.quotes DESC, s.channel LIMIT ${limit}`,
    order: (s: string) => `${s}.n DESC, ${s}.channel`,
  },
  /** Other people quoted in the articles quoting the person: `expert_id`, `n` shared articles; by count, then name. */
  coQuoted: {
    sql: (expert: string, limit: number) =>
      `SELECT s.other_id AS expert_id, s.articles AS n, o.name FROM expert_co_quoted s JOIN expert o ON o.id = s.other_id WHERE s.expert_id = ${expert} ORDER BY s.articles DESC, o.name, o.id LIMIT ${limit}`,
    order: (s: string) => `${s}.n DESC, ${s}.name, ${s}.expert_id`,
  },
} as const;

/** The first `first` (a validated integer) rows of one of {@link EXPERT_STATS_SQL} for each of many experts, in one statement. */
function statsLoader<T>(db: Queryable, stat: keyof typeof EXPERT_STATS_SQL, select: string, join: string, first: number, map: (row: Record<string, unknown>) => T): DataLoader<string, T[]> {
  const { sql, order } = EXPERT_STATS_SQL[stat];
  return groupLoader(
    db,
    `SELECT e.id AS "parentId", ${select} FROM unnest($1::uuid[]) e(id) CROSS JOIN LATERAL (${sql("e.id", Math.trunc(first))}) s ${join} ORDER BY e.id, ${order("s")}`,
    map,
  );
}

export const topicsOfExperts = (db: Queryable, first: number) =>
  statsLoader<ExpertTopicRow>(db, "topics", `s.n AS count, ${TOPIC_COLUMNS}`, "JOIN topic t ON t.id = s.topic_id", first, (row) => ({ count: row.count as number, topic: toTopic(row) }));

export const channelsOfExperts = (db: Queryable, first: number) =>
  statsLoader<ExpertChannelRow>(db, "channels", `s.channel, s.n AS count`, "", first, (row) => ({ channel: row.channel as string, count: row.count as number }));

export const coQuotedOfExperts = (db: Queryable, first: number) =>
  statsLoader<CoQuotedRow>(db, "coQuoted", `s.n AS "sharedArticles", ${EXPERT_COLUMNS}`, "JOIN expert x ON x.id = s.expert_id", first, (row) => ({
    sharedArticles: row.sharedArticles as number,
    expert: toExpert(row),
  }));
