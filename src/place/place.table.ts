import { type TableDescription, enumSql, globalIdSql, trackedSql } from "../planner/sql-json";

/** The Place fields the planner reads from the `place` table (latitude and longitude are left to the executor). */
export const PLACE_TABLE: TableDescription = {
  typeName: "Place",
  table: "place",
  interfaces: ["Node"],
  fields: {
    __typename: () => `'Place'`,
    id: (p) => globalIdSql("Place", `${p}.id`),
    slug: (p) => `${p}.slug`,
    name: (p) => `${p}.name`,
    kind: (p) => enumSql(`${p}.kind`),
    region: (p) => `${p}.region`,
    countryCode: (p) => `${p}.country_code`,
    ...trackedSql(),
  },
};
