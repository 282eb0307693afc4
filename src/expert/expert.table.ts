import { type TableDescription, globalIdSql } from "../planner/sql-json";
import { TRACKED_FIELDS } from "../planner/tracked.table";

/** The Expert fields the planner reads straight from the `expert` table, as the resolvers serialise them. */
export const EXPERT_TABLE: TableDescription = {
  typeName: "Expert",
  table: "expert",
  fields: {
    __typename: () => `'Expert'`,
    id: (x) => globalIdSql("Expert", `${x}.id`),
    slug: (x) => `${x}.slug`,
    name: (x) => `${x}.name`,
    aliases: (x) => `to_json(${x}.aliases)`,
    title: (x) => `${x}.title`,
    // ExpertKind's values are its names in lower case.
    kind: (x) => `upper(${x}.kind)`,
    country: (x) => `${x}.country`,
    description: (x) => `${x}.description`,
    ...TRACKED_FIELDS,
  },
};
