import { trackedColumns } from "../common/graphql-types";
import DataLoader from "dataloader";
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

/**
 * The titles of the event under `e`, as a text[]: its own first, then each title an article gave
 * it that differs, in the order the articles were published. Shared by the loader and the planner.
 */
export const eventTitlesSql = (e: string) =>
  `ARRAY(SELECT s.t FROM (SELECT ${e}.title AS t, 0 AS o, NULL::timestamptz AS at
                          UNION ALL SELECT tl.title, 1, ta.published_at FROM event_article tl JOIN article ta ON ta.id = tl.article_id
                           WHERE tl.event_id = ${e}.id AND tl.title IS NOT NULL) s
         GROUP BY s.t ORDER BY min(s.o), min(s.at), s.t)`;

export const titlesByEvent = (db: Queryable) =>
  new DataLoader<string, string[]>(async (ids) => {
    const rows = await db.query<Array<{ id: string; titles: string[] }>>(`SELECT e.id, ${eventTitlesSql("e")} AS titles FROM event e WHERE e.id = ANY($1::uuid[])`, [ids]);
    const byId = new Map(rows.map((r) => [r.id, r.titles]));
    return ids.map((id) => byId.get(id) ?? []);
  });
