import { type TableDescription, globalIdSql } from "../planner/sql-json";
import { TRACKED_FIELDS } from "../planner/tracked.table";

/** The Organization fields the planner reads straight from the `organization` table. */
export const ORGANIZATION_TABLE: TableDescription = {
  typeName: "Organization",
  table: "organization",
  fields: {
    __typename: () => `'Organization'`,
    id: (o) => globalIdSql("Organization", `${o}.id`),
    slug: (o) => `${o}.slug`,
    name: (o) => `${o}.name`,
    aliases: (o) => `to_json(${o}.aliases)`,
    // OrganizationKind's values are its names in lower case (THINK_TANK = "think_tank").
    kind: (o) => `upper(${o}.kind)`,
    country: (o) => `${o}.country`,
    ...TRACKED_FIELDS,
  },
};
