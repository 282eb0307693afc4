import type { Context } from "../context";
import { badUserInput } from "../common/errors";
import { nameSearch } from "../common/name-search";
import { type Connection, type Ordering, type PageArgs, pageRequest, paginate } from "../common/pagination";
import { findByIdOrSlug, loadRelation, refSql } from "../common/refs";
import { SqlParams } from "../common/sql";
import { type ExpertFilter, type ExpertOrder, ExpertOrderField } from "./expert.inputs";
import type { CoQuotedRow, ExpertChannelRow, ExpertTopicRow } from "./expert-stats.type";
import { EXPERT_COLUMNS, channelsOfExperts, coQuotedOfExperts, toExpert, topicsOfExperts } from "./expert.loaders";
import type { ExpertRow } from "./expert.type";

export const EXPERTS_BY_NAME: Ordering = { name: "expert:name", direction: "ASC", keys: [{ expr: "x.name", type: "text" }, { expr: "x.id", type: "uuid" }] };

export function expertOrdering(order: ExpertOrder | null | undefined, relevance: string | null): Ordering {
  const field = order?.field ?? (relevance ? ExpertOrderField.RELEVANCE : ExpertOrderField.NAME);
  const direction = order?.direction ?? (field === ExpertOrderField.NAME ? "ASC" : "DESC");
  // Never quoted: a time past every quote in the direction read, so such people come last (a key is never NULL).
  const never = direction === "DESC" ? "0001-01-01 00:00:00+00" : "9999-12-31 00:00:00+00";
  switch (field) {
    case ExpertOrderField.NAME:
      return { ...EXPERTS_BY_NAME, direction };
    case ExpertOrderField.CREATED_AT:
      return { name: "expert:created", direction, keys: [{ expr: "x.created_at", type: "timestamptz" }, { expr: "x.id", type: "uuid" }] };
    case ExpertOrderField.QUOTE_COUNT:
      return { name: "expert:quotes", direction, keys: [{ expr: "x.quote_count", type: "int" }, { expr: "x.id", type: "uuid" }] };
    case ExpertOrderField.LAST_QUOTED:
      return { name: "expert:last_quoted", direction, keys: [{ expr: `coalesce(x.last_quoted_at, '${never}'::timestamptz)`, type: "timestamptz" }, { expr: "x.id", type: "uuid" }] };
    case ExpertOrderField.RELEVANCE:
      if (!relevance) throw badUserInput("Ordering by RELEVANCE needs filter.search", "orderBy");
      return { name: "expert:relevance", direction, keys: [{ expr: relevance, type: "real" }, { expr: "x.id", type: "uuid" }] };
  }
}

/**
 * The conditions of an expert filter over alias `x`, but `search` (see nameSearch). The topic and
 * the dates hold of one quote: an article on the topic, published in the window, quoting the person.
 */
export function expertConditions(filter: ExpertFilter | null | undefined, p: SqlParams): string[] {
  const where: string[] = [];
  if (!filter) return where;
  if (filter.kind != null) where.push(`x.kind = ${p.add(filter.kind)}`);
  if (filter.organization != null) where.push(`x.organization_id = ${refSql(filter.organization, "Organization", "organization", "filter.organization", p)}`);
  if (filter.country != null) where.push(`x.country = ${p.add(filter.country)}::text`);
  if (filter.quotedAfter != null && filter.quotedBefore != null && filter.quotedAfter > filter.quotedBefore) {
    throw badUserInput("filter.quotedAfter must not be later than filter.quotedBefore", "filter.quotedAfter");
  }
  const topic = filter.topic != null ? refSql(filter.topic, "Topic", "topic", "filter.topic", p) : null;
  if (filter.quotedAfter == null && filter.quotedBefore == null) {
    if (topic) where.push(`EXISTS (SELECT 1 FROM expert_topic ft WHERE ft.expert_id = x.id AND ft.topic_id = ${topic})`);
  } else {
    // The articles quoting the person (expert_article, kept by the quote triggers), in the window.
    const quote = [`fe.expert_id = x.id`];
    if (filter.quotedAfter != null) quote.push(`fa.published_at >= ${p.add(filter.quotedAfter)}::timestamptz`);
    if (filter.quotedBefore != null) quote.push(`fa.published_at < ${p.add(filter.quotedBefore)}::timestamptz`);
    let join = " JOIN article fa ON fa.id = fe.article_id";
    if (topic) {
      join += " JOIN article_topic ft ON ft.article_id = fe.article_id";
      quote.push(`ft.topic_id = ${topic}`);
    }
    where.push(`EXISTS (SELECT 1 FROM expert_article fe${join} WHERE ${quote.join(" AND ")})`);
  }
  return where;
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
    where.push(...expertConditions(filter, p));
    const ordering = expertOrdering(order, relevance);
    return paginate(ctx.db, { select: EXPERT_COLUMNS, from: "expert x", where, params: p }, ordering, pageRequest(args, ordering, ctx.config.limits), toExpert);
  },

  /** Expert.topics, batched across the experts of a request (one loader per `first`). */
  topics(ctx: Context, expertId: string, first: number): Promise<ExpertTopicRow[]> {
    return ctx.loaders.keyed(`expert.topics|${first}`, () => topicsOfExperts(ctx.db, first)).load(expertId);
  },

  channels(ctx: Context, expertId: string, first: number): Promise<ExpertChannelRow[]> {
    return ctx.loaders.keyed(`expert.channels|${first}`, () => channelsOfExperts(ctx.db, first)).load(expertId);
  },

  coQuoted(ctx: Context, expertId: string, first: number): Promise<CoQuotedRow[]> {
    return ctx.loaders.keyed(`expert.coQuoted|${first}`, () => coQuotedOfExperts(ctx.db, first)).load(expertId);
  },

  /** Members of organizations, by name, batched across organizations. */
  members(ctx: Context, organizationId: string, args: PageArgs): Promise<Connection<ExpertRow>> {
    return loadRelation(ctx, "organization.members", organizationId, args, EXPERTS_BY_NAME, (p) => ({
      select: EXPERT_COLUMNS, from: "expert x", where: [], params: p, partition: "x.organization_id",
    }), toExpert);
  },
};
