import { trackedColumns } from "../common/graphql-types";
import { asNode, byIdLoader, linkLoader } from "../common/loader-helpers";
import type { Queryable } from "../common/sql";
import type { ExpertRow } from "./expert.type";

export const EXPERT_COLUMNS =
  `x.id AS "dbId", x.slug, x.name, x.aliases, x.title, x.kind, x.organization_id AS "organizationId", x.country, x.description, ` +
  `${trackedColumns("x")}`;
export const toExpert = asNode<ExpertRow>("Expert");

export const expertById = (db: Queryable) => byIdLoader(db, `SELECT ${EXPERT_COLUMNS} FROM expert x WHERE x.id = ANY($1::uuid[])`, toExpert);

export const expertsByArticle = (db: Queryable) =>
  linkLoader(db, { link: "article_expert", parent: "article_id", child: "expert_id", target: "expert x", columns: EXPERT_COLUMNS, orderBy: "x.name, x.id" }, toExpert);

export const expertsByEvent = (db: Queryable) =>
  linkLoader(db, { link: "event_expert", parent: "event_id", child: "expert_id", target: "expert x", columns: EXPERT_COLUMNS, orderBy: "x.name, x.id" }, toExpert);
