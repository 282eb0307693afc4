import { PLACE_TABLE } from "../place/place.table";
import { type TableDescription, enumSql, globalIdSql, trackedSql } from "../planner/sql-json";

/** The Event fields the planner reads from the `event` table, and its places (participants are left to the executor). */
export const EVENT_TABLE: TableDescription = {
  typeName: "Event",
  table: "event",
  interfaces: ["Node"],
  fields: {
    __typename: () => `'Event'`,
    id: (e) => globalIdSql("Event", `${e}.id`),
    title: (e) => `${e}.title`,
    kind: (e) => enumSql(`${e}.kind`),
    description: (e) => `${e}.description`,
    startsOn: (e) => `${e}.starts_on::text`,
    endsOn: (e) => `${e}.ends_on::text`,
    datePrecision: (e) => enumSql(`${e}.date_precision`),
    status: (e) => enumSql(`${e}.status`),
    ...trackedSql(),
  },
  relations: {
    places: {
      kind: "list",
      target: () => PLACE_TABLE,
      from: (p, e) => `FROM event_place l JOIN place ${p} ON ${p}.id = l.place_id WHERE l.event_id = ${e}.id`,
      orderBy: (p) => `${p}.name, ${p}.id`,
    },
  },
};
