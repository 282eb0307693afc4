import { trackedColumns } from "../common/graphql-types";
import { asNode, byIdLoader, linkLoader } from "../common/loader-helpers";
import type { Queryable } from "../common/sql";
import type { OrganizationRow } from "./organization.type";

/** Columns of `organization` under alias `o`, as an OrganizationRow. */
export const ORGANIZATION_COLUMNS = `o.id AS "dbId", o.slug, o.name, o.aliases, o.kind, o.country, ${trackedColumns("o")}`;
export const toOrganization = asNode<OrganizationRow>("Organization");

export const organizationById = (db: Queryable) =>
  byIdLoader(db, `SELECT ${ORGANIZATION_COLUMNS} FROM organization o WHERE o.id = ANY($1::uuid[])`, toOrganization);

export const organizationsByArticle = (db: Queryable) =>
  linkLoader(db, { link: "article_organization", parent: "article_id", child: "organization_id", target: "organization o", columns: ORGANIZATION_COLUMNS, orderBy: "o.name, o.id" }, toOrganization);

export const organizationsByEvent = (db: Queryable) =>
  linkLoader(db, { link: "event_organization", parent: "event_id", child: "organization_id", target: "organization o", columns: ORGANIZATION_COLUMNS, orderBy: "o.name, o.id" }, toOrganization);
