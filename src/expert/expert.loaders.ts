import { asNode, byIdLoader, groupLoader } from "../common/loader-helpers";
import type { Queryable } from "../common/sql";
import type { ExpertRow } from "./expert.type";

export const EXPERT_COLUMNS =
  `x.id AS "dbId", x.slug, x.name, x.aliases, x.title, x.kind, x.organization_id AS "organizationId", x.country, x.description, ` +
  `x.created_at AS "createdAt", x.updated_at AS "updatedAt"`;
export const toExpert = asNode<ExpertRow>("Expert");

export const expertById = (db: Queryable) => byIdLoader(db, `SELECT ${EXPERT_COLUMNS} FROM expert x WHERE x.id = ANY($1::uuid[])`, toExpert);

export const expertsByArticle = (db: Queryable) =>
  groupLoader(
    db,
    `SELECT ax.article_id AS "parentId", ${EXPERT_COLUMNS} FROM article_expert ax JOIN expert x ON x.id = ax.expert_id
     WHERE ax.article_id = ANY($1::uuid[]) ORDER BY x.name, x.id`,
    toExpert,
  );

export const expertsByEvent = (db: Queryable) =>
  groupLoader(
    db,
    `SELECT ex.event_id AS "parentId", ${EXPERT_COLUMNS} FROM event_expert ex JOIN expert x ON x.id = ex.expert_id
     WHERE ex.event_id = ANY($1::uuid[]) ORDER BY x.name, x.id`,
    toExpert,
  );
