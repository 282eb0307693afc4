import { asNode, byIdLoader, groupLoader } from "../common/loader-helpers";
import type { Queryable } from "../common/sql";
import type { OrganizationRow } from "./organization.type";

/** Columns of `organization` under alias `o`, as an OrganizationRow. */
export const ORGANIZATION_COLUMNS = `o.id AS "dbId", o.slug, o.name, o.aliases, o.kind, o.country, o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;
export const toOrganization = asNode<OrganizationRow>("Organization");

export const organizationById = (db: Queryable) =>
  byIdLoader(db, `SELECT ${ORGANIZATION_COLUMNS} FROM organization o WHERE o.id = ANY($1::uuid[])`, toOrganization);

export const organizationsByArticle = (db: Queryable) =>
  groupLoader(
    db,
    `SELECT ao.article_id AS "parentId", ${ORGANIZATION_COLUMNS} FROM article_organization ao JOIN organization o ON o.id = ao.organization_id
     WHERE ao.article_id = ANY($1::uuid[]) ORDER BY o.name, o.id`,
    toOrganization,
  );

export const organizationsByEvent = (db: Queryable) =>
  groupLoader(
    db,
    `SELECT eo.event_id AS "parentId", ${ORGANIZATION_COLUMNS} FROM event_organization eo JOIN organization o ON o.id = eo.organization_id
     WHERE eo.event_id = ANY($1::uuid[]) ORDER BY o.name, o.id`,
    toOrganization,
  );
