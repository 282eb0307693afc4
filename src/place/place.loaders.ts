import { trackedColumns } from "../common/graphql-types";
import { asNode, byIdLoader, linkLoader } from "../common/loader-helpers";
import type { Queryable } from "../common/sql";
import type { PlaceRow } from "./place.type";

export const PLACE_COLUMNS = `p.id AS "dbId", p.slug, p.name, p.kind, p.region, p.country_code AS "countryCode", p.latitude, p.longitude, ${trackedColumns("p")}`;
export const toPlace = asNode<PlaceRow>("Place");

export const placeById = (db: Queryable) => byIdLoader(db, `SELECT ${PLACE_COLUMNS} FROM place p WHERE p.id = ANY($1::uuid[])`, toPlace);

export const placesByArticle = (db: Queryable) =>
  linkLoader(db, { link: "article_place", parent: "article_id", child: "place_id", target: "place p", columns: PLACE_COLUMNS, orderBy: "p.name, p.id" }, toPlace);

export const placesByEvent = (db: Queryable) =>
  linkLoader(db, { link: "event_place", parent: "event_id", child: "place_id", target: "place p", columns: PLACE_COLUMNS, orderBy: "p.name, p.id" }, toPlace);
