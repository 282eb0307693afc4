import { type TableDescription, globalIdSql } from "../planner/sql-json";
import { TRACKED_FIELDS } from "../planner/tracked.table";

/**
 * The Place fields the planner reads straight from the `place` table. Latitude and longitude are
 * left to the executor (their scalars round what they print).
 */
export const PLACE_TABLE: TableDescription = {
  typeName: "Place",
  table: "place",
  fields: {
    __typename: () => `'Place'`,
    id: (p) => globalIdSql("Place", `${p}.id`),
    slug: (p) => `${p}.slug`,
    name: (p) => `${p}.name`,
    kind: (p) => `upper(${p}.kind)`,
    region: (p) => `${p}.region`,
    countryCode: (p) => `${p}.country_code`,
    ...TRACKED_FIELDS,
  },
};
