import { type TableDescription, globalIdSql } from "../planner/sql-json";
import { TRACKED_FIELDS } from "../planner/tracked.table";

/** The Event fields the planner reads straight from the `event` table. */
export const EVENT_TABLE: TableDescription = {
  typeName: "Event",
  table: "event",
  fields: {
    __typename: () => `'Event'`,
    id: (e) => globalIdSql("Event", `${e}.id`),
    title: (e) => `${e}.title`,
    kind: (e) => `upper(${e}.kind)`,
    description: (e) => `${e}.description`,
    startsOn: (e) => `${e}.starts_on::text`,
    endsOn: (e) => `${e}.ends_on::text`,
    datePrecision: (e) => `upper(${e}.date_precision)`,
    status: (e) => `upper(${e}.status)`,
    ...TRACKED_FIELDS,
  },
};
