import { trackedColumns } from "../common/graphql-types";
import { asNode, byIdLoader, linkLoader } from "../common/loader-helpers";
import type { Queryable } from "../common/sql";
import type { EventRow } from "./event.type";

export const EVENT_COLUMNS =
  `e.id AS "dbId", e.title, e.kind, e.description, e.starts_on::text AS "startsOn", e.ends_on::text AS "endsOn", ` +
  `e.date_precision AS "datePrecision", e.status, ${trackedColumns("e")}`;
export const toEvent = asNode<EventRow>("Event");

export const eventById = (db: Queryable) => byIdLoader(db, `SELECT ${EVENT_COLUMNS} FROM event e WHERE e.id = ANY($1::uuid[])`, toEvent);

export const eventsByArticle = (db: Queryable) =>
  linkLoader(db, { link: "event_article", parent: "article_id", child: "event_id", target: "event e", columns: EVENT_COLUMNS, orderBy: "e.starts_on NULLS LAST, e.id" }, toEvent);
