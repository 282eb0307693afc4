import { ORGANIZATION_TABLE } from "../organization/organization.table";
import { quotesOfSpeaker } from "../quote/quote.table";
import { type TableDescription, enumSql, globalIdSql, trackedSql } from "../planner/sql-json";

/** The Expert fields the planner reads from the `expert` table, its organization and its quotes (a connection). */
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
    ...trackedSql(),
  },
  relations: {
    organization: { kind: "one", target: () => ORGANIZATION_TABLE, from: (o, x) => `FROM organization ${o} WHERE ${o}.id = ${x}.organization_id` },
    quotes: quotesOfSpeaker("speaker_expert_id"),
  },
  // ExpertService.list's alias.
  page: { from: "expert x", alias: "x" },
};
