import type { Context } from "../context";
import { badUserInput } from "../common/errors";
import { nameSearch } from "../common/name-search";
import { type Connection, type Ordering, type PageArgs, pageRequest, paginate } from "../common/pagination";
import { findByIdOrSlug, loadRelation, refSql } from "../common/refs";
import { SqlParams } from "../common/sql";
import { type ExpertFilter, type ExpertOrder, ExpertOrderField } from "./expert.inputs";
import { EXPERT_COLUMNS, toExpert } from "./expert.loaders";
import type { ExpertRow } from "./expert.type";

export const EXPERTS_BY_NAME: Ordering = { name: "expert:name", direction: "ASC", keys: [{ expr: "x.name", type: "text" }, { expr: "x.id", type: "uuid" }] };

export function expertOrdering(order: ExpertOrder | null | undefined, relevance: string | null): Ordering {
  const field = order?.field ?? (relevance ? ExpertOrderField.RELEVANCE : ExpertOrderField.NAME);
  const direction = order?.direction ?? (field === ExpertOrderField.NAME ? "ASC" : "DESC");
  switch (field) {
    case ExpertOrderField.NAME:
      return { ...EXPERTS_BY_NAME, direction };
    case ExpertOrderField.CREATED_AT:
      return { name: "expert:created", direction, keys: [{ expr: "x.created_at", type: "timestamptz" }, { expr: "x.id", type: "uuid" }] };
    case ExpertOrderField.RELEVANCE:
      if (!relevance) throw badUserInput("Ordering by RELEVANCE needs filter.search", "orderBy");
      return { name: "expert:relevance", direction, keys: [{ expr: relevance, type: "real" }, { expr: "x.id", type: "uuid" }] };
  }
}

export const ExpertService = {
  async findOne(ctx: Context, by: { id?: string | null; slug?: string | null }): Promise<ExpertRow | null> {
    return findByIdOrSlug(ctx, by, { type: "Expert", loader: "expertById", from: "expert", alias: "x", columns: EXPERT_COLUMNS, map: toExpert });
  },

  async list(ctx: Context, filter: ExpertFilter | null | undefined, order: ExpertOrder | null | undefined, args: PageArgs): Promise<Connection<ExpertRow>> {
    const p = new SqlParams();
    const where: string[] = [];
    let relevance: string | null = null;
    if (filter?.search != null) {
      const s = nameSearch("x", filter.search, "filter.search", p);
      where.push(s.condition);
      relevance = s.relevance;
    }
    if (filter?.kind != null) where.push(`x.kind = ${p.add(filter.kind)}`);
    if (filter?.organization != null) where.push(`x.organization_id = ${refSql(filter.organization, "Organization", "organization", "filter.organization", p)}`);
    const ordering = expertOrdering(order, relevance);
    return paginate(ctx.db, { select: EXPERT_COLUMNS, from: "expert x", where, params: p }, ordering, pageRequest(args, ordering, ctx.config.limits), toExpert);
  },

  /** Members of organizations, by name, batched across organizations. */
  members(ctx: Context, organizationId: string, args: PageArgs): Promise<Connection<ExpertRow>> {
    return loadRelation(ctx, "organization.members", organizationId, args, EXPERTS_BY_NAME, (p) => ({
      select: EXPERT_COLUMNS, from: "expert x", where: [], params: p, partition: "x.organization_id",
    }), toExpert);
  },
};
