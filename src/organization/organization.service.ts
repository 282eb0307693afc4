import type { Context } from "../context";
import { nameSearch } from "../common/name-search";
import { type Connection, type Ordering, type PageArgs, pageRequest, paginate } from "../common/pagination";
import { SqlParams } from "../common/sql";
import type { OrganizationFilter } from "./organization.inputs";
import { ORGANIZATION_COLUMNS, toOrganization } from "./organization.loaders";
import type { OrganizationRow } from "./organization.type";

const BY_NAME: Ordering = { name: "organization:name", direction: "ASC", keys: [{ expr: "o.name", type: "text" }, { expr: "o.id", type: "uuid" }] };

export const OrganizationService = {
  list(ctx: Context, filter: OrganizationFilter | null | undefined, args: PageArgs): Promise<Connection<OrganizationRow>> {
    const p = new SqlParams();
    const where: string[] = [];
    let ordering = BY_NAME;
    if (filter?.search != null) {
      const s = nameSearch("o", filter.search, "filter.search", p);
      where.push(s.condition);
      ordering = { name: "organization:relevance", direction: "DESC", keys: [{ expr: s.relevance, type: "real" }, { expr: "o.id", type: "uuid" }] };
    }
    if (filter?.kind != null) where.push(`o.kind = ${p.add(filter.kind)}`);
    if (filter?.country != null) where.push(`o.country = ${p.add(filter.country.toUpperCase())}`);
    return paginate(ctx.db, { select: ORGANIZATION_COLUMNS, from: "organization o", where, params: p }, ordering, pageRequest(args, ordering, ctx.config.limits), toOrganization);
  },
};
