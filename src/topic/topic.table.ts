import { type TableDescription, globalIdSql } from "../planner/sql-json";
import { TRACKED_FIELDS } from "../planner/tracked.table";

/** The Topic fields the planner reads straight from the `topic` table. */
export const TOPIC_TABLE: TableDescription = {
  typeName: "Topic",
  table: "topic",
  fields: {
    __typename: () => `'Topic'`,
    id: (t) => globalIdSql("Topic", `${t}.id`),
    slug: (t) => `${t}.slug`,
    name: (t) => `${t}.name`,
    ...TRACKED_FIELDS,
  },
};
