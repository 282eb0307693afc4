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
 * quote triggers keep (migration ExpertStats). Each selects `parent` (the expert) and `n` (the
 * count), numbered `rn` within the expert in the field's order; `experts` is an expression
 * yielding the experts' ids (uuid[]).
 */
export const EXPERT_STATS_SQL = {
  /** Topics of the articles quoting the person: `topic_id`, `n` articles; by count, then topic name. */
  topics: (experts: string) =>
    `SELECT s.expert_id AS parent, s.topic_id, s.articles AS n, row_number() OVER (PARTITION BY s.expert_id ORDER BY s.articles DESC, t.name, t.id) AS rn
       FROM expert_topic s JOIN topic t ON t.id = s.topic_id WHERE s.expert_id = ANY(${experts})`,
  /** How the person was quoted (`channel`), `n` quotes; by count, then channel. */
  channels: (experts: string) =>
    `SELECT s.expert_id AS parent, s.channel, s.quotes AS n, row_number() OVER (PARTITION BY s.expert_id ORDER BY s.quotes DESC, s.channel) AS rn
       FROM expert_channel s WHERE s.expert_id = ANY(${experts})`,
  /** Other people quoted in the articles quoting the person: `expert_id`, `n` shared articles; by count, then name. */
  coQuoted: (experts: string) =>
    `SELECT s.expert_id AS parent, s.other_id AS expert_id, s.articles AS n, row_number() OVER (PARTITION BY s.expert_id ORDER BY s.articles DESC, o.name, o.id) AS rn
       FROM expert_co_quoted s JOIN expert o ON o.id = s.other_id WHERE s.expert_id = ANY(${experts})`,
} as const;

/** The first `first` (a validated integer) rows of one of {@link EXPERT_STATS_SQL} for many experts, in one statement. */
function statsLoader<T>(db: Queryable, sql: string, first: number, map: (row: Record<string, unknown>) => T): DataLoader<string, T[]> {
  return groupLoader(db, sql.replace("$LIMIT", String(Math.trunc(first))), map);
}

export const topicsOfExperts = (db: Queryable, first: number) =>
  statsLoader<ExpertTopicRow>(
    db,
    `SELECT s.parent AS "parentId", s.n AS count, ${TOPIC_COLUMNS} FROM (${EXPERT_STATS_SQL.topics("$1::uuid[]")}) s JOIN topic t ON t.id = s.topic_id
      WHERE s.rn <= $LIMIT ORDER BY s.parent, s.rn`,
    first,
    (row) => ({ count: row.count as number, topic: toTopic(row) }),
  );

export const channelsOfExperts = (db: Queryable, first: number) =>
  statsLoader<ExpertChannelRow>(
    db,
    `SELECT s.parent AS "parentId", s.channel, s.n AS count FROM (${EXPERT_STATS_SQL.channels("$1::uuid[]")}) s WHERE s.rn <= $LIMIT ORDER BY s.parent, s.rn`,
    first,
    (row) => ({ channel: row.channel as string, count: row.count as number }),
  );

export const coQuotedOfExperts = (db: Queryable, first: number) =>
  statsLoader<CoQuotedRow>(
    db,
    `SELECT s.parent AS "parentId", s.n AS "sharedArticles", ${EXPERT_COLUMNS} FROM (${EXPERT_STATS_SQL.coQuoted("$1::uuid[]")}) s JOIN expert x ON x.id = s.expert_id
      WHERE s.rn <= $LIMIT ORDER BY s.parent, s.rn`,
    first,
    (row) => ({ sharedArticles: row.sharedArticles as number, expert: toExpert(row) }),
  );
