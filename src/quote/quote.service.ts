import type { Context } from "../context";
import { parseGlobalId } from "../common/global-id";
import { type Connection, type Ordering, type PageArgs, pageRequest, paginate } from "../common/pagination";
import { loadRelation, refSql } from "../common/refs";
import { SEARCH_CONFIG, SEARCH_EXACT_COUNT_UP_TO, searchTerm } from "../common/search";
import { SqlParams } from "../common/sql";
import { type QuoteFilter, type QuoteOrder, QuoteOrderField } from "./quote.inputs";
import { SAID_DAY } from "./said-day";
import { QUOTE_FACETS } from "./quote.facets";
import { QUOTE_COLUMNS, toQuote } from "./quote.loaders";
import type { QuoteRow } from "./quote.type";

const FROM = "quote q JOIN article a ON a.id = q.article_id";

export function quoteOrdering(order: QuoteOrder | null | undefined): Ordering {
  const direction = order?.direction ?? "DESC";
  if (order?.field === QuoteOrderField.CREATED_AT) {
    return { name: "quote:created", direction, keys: [{ expr: "q.created_at", type: "timestamptz" }, { expr: "q.id", type: "uuid" }] };
  }
  return {
    name: "quote:said",
    direction,
    // Within one article, quotes keep their order in the text whichever way the days run.
    keys: [
      { expr: SAID_DAY, type: "date" },
      { expr: "a.published_at", type: "timestamptz" },
      { expr: "q.position", type: "int", reverse: direction === "DESC" },
      { expr: "q.id", type: "uuid" },
    ],
  };
}

export function quoteConditions(filter: QuoteFilter | null | undefined, p: SqlParams): string[] {
  const where: string[] = [];
  if (!filter) return where;
  if (filter.speaker != null) {
    const parsed = parseGlobalId(filter.speaker);
    if (parsed?.type === "Organization") where.push(`q.speaker_organization_id = ${p.add(parsed.id)}::uuid`);
    // An anonymous source is the speaker of its one quote.
    else if (parsed?.type === "AnonymousSource") where.push(`q.id = ${p.add(parsed.id)}::uuid AND q.speaker_description IS NOT NULL`);
    else where.push(`q.speaker_expert_id = ${refSql(filter.speaker, "Expert", "expert", "filter.speaker", p)}`);
  }
  if (filter.anonymous != null) where.push(`q.speaker_description IS ${filter.anonymous ? "NOT " : ""}NULL`);
  if (filter.article != null) where.push(`q.article_id = ${refSql(filter.article, "Article", "article", "filter.article", p)}`);
  if (filter.organization != null) {
    const ref = refSql(filter.organization, "Organization", "organization", "filter.organization", p);
    // Its own words, its members' and those of anonymous sources it is the affiliation of ("a ministry official").
    where.push(
      `(q.speaker_organization_id = ${ref} OR q.speaker_description_organization_id = ${ref} ` +
        `OR EXISTS (SELECT 1 FROM expert x WHERE x.id = q.speaker_expert_id AND x.organization_id = ${ref}))`,
    );
  }
  if (filter.search != null) {
    const search = searchTerm(filter.search, "filter.search");
    where.push(`q.search @@ websearch_to_tsquery(${SEARCH_CONFIG}, ${p.add(search)})`);
  }
  if (filter.saidAfter != null) where.push(`${SAID_DAY} >= ${p.add(filter.saidAfter)}::date`);
  if (filter.saidBefore != null) where.push(`${SAID_DAY} <= ${p.add(filter.saidBefore)}::date`);
  return where;
}

export const QuoteService = {
  async list(ctx: Context, filter: QuoteFilter | null | undefined, order: QuoteOrder | null | undefined, args: PageArgs): Promise<Connection<QuoteRow>> {
    const p = new SqlParams();
    const where = quoteConditions(filter, p);
    const ordering = quoteOrdering(order);
    const exactCountUpTo = filter?.search != null ? SEARCH_EXACT_COUNT_UP_TO : undefined;
    const facets = { facets: QUOTE_FACETS, from: FROM, where, values: [...p.values] };
    const connection = await paginate(ctx.db, { select: QUOTE_COLUMNS, from: FROM, where, params: p, exactCountUpTo }, ordering, pageRequest(args, ordering, ctx.config.limits), toQuote);
    if (filter?.search != null) for (const edge of connection.edges) edge.highlightQuery = filter.search.trim();
    return { ...connection, facets };
  },

  /** Quotes of one speaker (an expert or an organization), batched across parents. */
  bySpeaker(ctx: Context, kind: "expert" | "organization", speakerId: string, order: QuoteOrder | null | undefined, args: PageArgs): Promise<Connection<QuoteRow>> {
    const column = kind === "expert" ? "q.speaker_expert_id" : "q.speaker_organization_id";
    return loadRelation(ctx, `${kind}.quotes`, speakerId, args, quoteOrdering(order), (p) => ({ select: QUOTE_COLUMNS, from: FROM, where: [], params: p, partition: column }), toQuote);
  },
};
