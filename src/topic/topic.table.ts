import { type TableDescription, globalIdSql, trackedSql } from "../planner/sql-json";

/** The Topic fields the planner reads from the `topic` table. */
export const TOPIC_TABLE: TableDescription = {
  typeName: "Topic",
  table: "topic",
  interfaces: ["Node"],
  fields: {
    __typename: () => `'Topic'`,
    id: (t) => globalIdSql("Topic", `${t}.id`),
    slug: (t) => `${t}.slug`,
    name: (t) => `${t}.name`,
    ...trackedSql(),
  },
};
