import { asNode, byIdLoader, groupLoader } from "../common/loader-helpers";
import type { Queryable } from "../common/sql";
import type { PlaceRow } from "./place.type";

export const PLACE_COLUMNS = `p.id AS "dbId", p.slug, p.name, p.kind, p.region, p.country_code AS "countryCode", p.latitude, p.longitude`;
export const toPlace = asNode<PlaceRow>("Place");

export const placeById = (db: Queryable) => byIdLoader(db, `SELECT ${PLACE_COLUMNS} FROM place p WHERE p.id = ANY($1::uuid[])`, toPlace);

export const placesByArticle = (db: Queryable) =>
  groupLoader(
    db,
    `SELECT ap.article_id AS "parentId", ${PLACE_COLUMNS} FROM article_place ap JOIN place p ON p.id = ap.place_id
     WHERE ap.article_id = ANY($1::uuid[]) ORDER BY p.name, p.id`,
    toPlace,
  );

export const placesByEvent = (db: Queryable) =>
  groupLoader(
    db,
    `SELECT ep.event_id AS "parentId", ${PLACE_COLUMNS} FROM event_place ep JOIN place p ON p.id = ep.place_id
     WHERE ep.event_id = ANY($1::uuid[]) ORDER BY p.name, p.id`,
    toPlace,
  );
