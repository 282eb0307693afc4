import { EXPERT_TABLE } from "../expert/expert.table";
import { ORGANIZATION_TABLE } from "../organization/organization.table";
import { PLACE_TABLE } from "../place/place.table";
import { type TableDescription, enumSql, globalIdSql, trackedSql } from "../planner/sql-json";
import { eventTitlesSql } from "./event.loaders";

/** The Event fields the planner reads from the `event` table, its places and its participants. */
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
    titles: (e) => `to_json(${eventTitlesSql(e)})`,
    ...trackedSql(),
  },
  relations: {
    places: {
      kind: "list",
      target: () => PLACE_TABLE,
      from: (p, e) => `FROM event_place l JOIN place ${p} ON ${p}.id = l.place_id WHERE l.event_id = ${e}.id`,
      orderBy: (p) => `${p}.name, ${p}.id`,
    },
    // The people (by name, then id), then the organizations (likewise), as the resolver lists them.
    participants: {
      kind: "lists",
      parts: [
        {
          target: () => EXPERT_TABLE,
          from: (x, e) => `FROM event_expert l JOIN expert ${x} ON ${x}.id = l.expert_id WHERE l.event_id = ${e}.id`,
          orderBy: (x) => `${x}.name, ${x}.id`,
        },
        {
          target: () => ORGANIZATION_TABLE,
          from: (o, e) => `FROM event_organization l JOIN organization ${o} ON ${o}.id = l.organization_id WHERE l.event_id = ${e}.id`,
          orderBy: (o) => `${o}.name, ${o}.id`,
        },
      ],
    },
  },
  // EventService.list's alias.
  page: { from: "event e", alias: "e" },
};

/**
 * A TimelineBucket: a row of `timelineSql` (start, end, counts, the ids of its listed events)
 * and those events, in the order of their ids.
 */
export const TIMELINE_BUCKET_TABLE: TableDescription = {
  typeName: "TimelineBucket",
  table: "event",
  interfaces: [],
  fields: {
    __typename: () => `'TimelineBucket'`,
    start: (b) => `${b}.start`,
    end: (b) => `${b}."end"`,
    eventCount: (b) => `${b}."eventCount"`,
    articleCount: (b) => `${b}."articleCount"`,
  },
  relations: {
    events: {
      kind: "list",
      target: () => EVENT_TABLE,
      from: (e, b) => `FROM unnest(${b}.ids) WITH ORDINALITY ${e}_u (id, n) JOIN event ${e} ON ${e}.id = ${e}_u.id::uuid`,
      orderBy: (e) => `${e}_u.n`,
    },
  },
};
