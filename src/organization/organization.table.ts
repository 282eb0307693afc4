import { type TableDescription, enumSql, globalIdSql, trackedSql } from "../planner/sql-json";
import { quotesOfSpeaker } from "../quote/quote.table";

/** The Organization fields the planner reads from the `organization` table, as the resolvers serialise them, and its quotes (a connection). */
export const ORGANIZATION_TABLE: TableDescription = {
  typeName: "Organization",
  table: "organization",
  interfaces: ["Node", "Speaker"],
  fields: {
    __typename: () => `'Organization'`,
    id: (o) => globalIdSql("Organization", `${o}.id`),
    slug: (o) => `${o}.slug`,
    name: (o) => `${o}.name`,
    aliases: (o) => `to_json(${o}.aliases)`,
    kind: (o) => enumSql(`${o}.kind`),
    country: (o) => `${o}.country`,
    ...trackedSql(),
  },
  relations: {
    quotes: quotesOfSpeaker("speaker_organization_id"),
  },
};
