import { asNode, byIdLoader, groupLoader } from "../common/loader-helpers";
import type { Queryable } from "../common/sql";
import type { EventRow } from "./event.type";

export const EVENT_COLUMNS =
  `e.id AS "dbId", e.title, e.kind, e.description, e.starts_on::text AS "startsOn", e.ends_on::text AS "endsOn", ` +
  `e.date_precision AS "datePrecision", e.status, e.created_at AS "createdAt"`;
export const toEvent = asNode<EventRow>("Event");

export const eventById = (db: Queryable) => byIdLoader(db, `SELECT ${EVENT_COLUMNS} FROM event e WHERE e.id = ANY($1::uuid[])`, toEvent);

export const eventsByArticle = (db: Queryable) =>
  groupLoader(
    db,
    `SELECT ea.article_id AS "parentId", ${EVENT_COLUMNS} FROM event_article ea JOIN event e ON e.id = ea.event_id
     WHERE ea.article_id = ANY($1::uuid[]) ORDER BY e.starts_on NULLS LAST, e.id`,
    toEvent,
  );
