import { ORGANIZATION_TABLE } from "../organization/organization.table";
import { quotesOfSpeaker } from "../quote/quote.table";
import { TOPIC_TABLE } from "../topic/topic.table";
import { type Relation, type TableDescription, enumSql, globalIdSql, isoSql, trackedSql } from "../planner/sql-json";
import { unplannable } from "../planner/walk";
import { EXPERT_STATS_SQL } from "./expert.loaders";

/** `first` of Expert.topics / channels / coQuoted as the resolver validates it (0 to 100); else the executor answers. */
function firstOf(args: Record<string, unknown>): number {
  const first = args.first;
  return typeof first === "number" && Number.isInteger(first) && first >= 0 && first <= 100 ? first : unplannable();
}

/** One of the counted lists of an expert `x`: its first `first` rows of EXPERT_STATS_SQL[stat], in the loaders' order. */
function statsList(stat: keyof typeof EXPERT_STATS_SQL, target: () => TableDescription): Relation {
  return {
    kind: "list",
    target,
    arguments: ["first"],
    from: (s, x, args) => `FROM (${EXPERT_STATS_SQL[stat].sql(`${x}.id`, firstOf(args))}) ${s}`,
    orderBy: (s) => EXPERT_STATS_SQL[stat].order(s),
  };
}

// The rows of the counted lists (see EXPERT_STATS_SQL): counted from quotes, `n` the count.
const EXPERT_TOPIC_TABLE: TableDescription = {
  typeName: "ExpertTopic",
  table: "quote",
  interfaces: [],
  fields: { __typename: () => `'ExpertTopic'`, count: (s) => `${s}.n` },
  relations: { topic: { kind: "one", target: () => TOPIC_TABLE, from: (t, s) => `FROM topic ${t} WHERE ${t}.id = ${s}.topic_id` } },
};

const EXPERT_CHANNEL_TABLE: TableDescription = {
  typeName: "ExpertChannel",
  table: "quote",
  interfaces: [],
  fields: { __typename: () => `'ExpertChannel'`, channel: (s) => `${s}.channel`, count: (s) => `${s}.n` },
};

const CO_QUOTED_TABLE: TableDescription = {
  typeName: "CoQuotedExpert",
  table: "quote",
  interfaces: [],
  fields: { __typename: () => `'CoQuotedExpert'`, sharedArticles: (s) => `${s}.n` },
  relations: { expert: { kind: "one", target: () => EXPERT_TABLE, from: (o, s) => `FROM expert ${o} WHERE ${o}.id = ${s}.expert_id` } },
};

/** The Expert fields the planner reads from the `expert` table, its organization, its quotes (a connection) and its counted lists. */
export const EXPERT_TABLE: TableDescription = {
  typeName: "Expert",
  table: "expert",
  interfaces: ["Node", "Speaker"],
  fields: {
    __typename: () => `'Expert'`,
    id: (x) => globalIdSql("Expert", `${x}.id`),
    slug: (x) => `${x}.slug`,
    name: (x) => `${x}.name`,
    aliases: (x) => `to_json(${x}.aliases)`,
    title: (x) => `${x}.title`,
    kind: (x) => enumSql(`${x}.kind`),
    country: (x) => `${x}.country`,
    description: (x) => `${x}.description`,
    quoteCount: (x) => `${x}.quote_count`,
    lastQuotedAt: (x) => isoSql(`${x}.last_quoted_at`),
    ...trackedSql(),
  },
  relations: {
    organization: { kind: "one", target: () => ORGANIZATION_TABLE, from: (o, x) => `FROM organization ${o} WHERE ${o}.id = ${x}.organization_id` },
    quotes: quotesOfSpeaker("speaker_expert_id"),
    topics: statsList("topics", () => EXPERT_TOPIC_TABLE),
    channels: statsList("channels", () => EXPERT_CHANNEL_TABLE),
    coQuoted: statsList("coQuoted", () => CO_QUOTED_TABLE),
  },
  // ExpertService.list's alias.
  page: { from: "expert x", alias: "x" },
};
