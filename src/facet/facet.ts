import { badUserInput } from "../common/errors";
import type { PageLimits } from "../common/pagination";
import { and } from "../common/sql";

/** The facets every faceted connection (articles, quotes, events) offers, by GraphQL field name. */
export const FACET_NAMES = ["topics", "experts", "organizations", "places", "publishers", "sections", "languages", "byDay", "byWeek", "byMonth"] as const;
export type FacetName = (typeof FACET_NAMES)[number];

/**
 * How one facet reads the keys of a row, written over the aliases of the concept's connection
 * (`a` for articles; `q` and `a` for quotes; `e` for events):
 * - `single`: an expression, one key per row; rows where it is null make a bucket of their own
 *   (key / node null), so the buckets of a single-valued facet sum to the connection's totalCount;
 * - `multi`: a subquery selecting column `key` (each value once, never null): a row counts once
 *   in the bucket of each of its values, and not at all when it has none.
 */
export type FacetKeys = { readonly single: string } | { readonly multi: string };

/** The node type a facet's buckets name, and the loader the executor reads it with (the planner reads its table). */
export interface FacetNode {
  readonly typeName: "Topic" | "Expert" | "Organization" | "Place";
  readonly loader: "topicById" | "expertById" | "organizationById" | "placeById";
}

/** One facet of one concept. Buckets of `node` facets carry the node; the others a key (text, or a period's first day). */
export interface FacetDescription {
  readonly keys: FacetKeys;
  readonly node?: FacetNode;
  /** Date buckets (`key` a date): newest first. Others: most rows first. */
  readonly period?: boolean;
  /**
   * The columns of the connection's root row (alias `a` on articles) its keys read, besides `id`:
   * a plan that reads the filtered rows once (a materialized CTE) selects only these.
   */
  readonly reads?: readonly string[];
}

export type ConceptFacets = Readonly<Record<FacetName, FacetDescription>>;

/** The rows a connection's facets count: its FROM, its filter's conditions, and their parameter values. */
export interface FacetSource {
  readonly facets: ConceptFacets;
  readonly from: string;
  readonly where: readonly string[];
  readonly values: readonly unknown[];
}

/** The GraphQL type of a facet's buckets. */
export function bucketTypeName(facet: FacetDescription): string {
  return facet.node ? `${facet.node.typeName}FacetBucket` : facet.period ? "PeriodFacetBucket" : "KeyFacetBucket";
}

/** `date_trunc` of a day or timestamp expression (already in UTC, without a zone) to a period's first day. */
export function periodKey(unit: "day" | "week" | "month", timestamp: string): FacetKeys {
  return { single: `date_trunc('${unit}', ${timestamp})::date` };
}

/** The order of buckets under alias `b` (columns `k`, `n`), for the bucket statement and whoever aggregates it. */
export function bucketOrder(facet: FacetDescription, b: string): string {
  return facet.period ? `${b}.k DESC NULLS LAST` : `${b}.n DESC, ${b}.k NULLS LAST`;
}

/** Every bucket of a facet over `FROM from WHERE where`, unordered: columns `k` and `n`. */
function groupedSql(facet: FacetDescription, from: string, where: readonly string[]): string {
  const key = "single" in facet.keys ? facet.keys.single : "fk.key";
  const lateral = "multi" in facet.keys ? ` CROSS JOIN LATERAL (${facet.keys.multi}) fk` : "";
  return `SELECT ${key} AS k, count(*)::integer AS n FROM ${from}${lateral} WHERE ${and([...where])} GROUP BY 1`;
}

const orderByPosition = (facet: FacetDescription) => (facet.period ? `1 DESC NULLS LAST` : `2 DESC, 1 NULLS LAST`);

/**
 * The top `limit` buckets of a facet over `FROM from WHERE where` (the connection's rows, not its
 * page): columns `k` (the key, uuid / text / date) and `n` (how many rows), in {@link bucketOrder}.
 */
export function bucketsSql(facet: FacetDescription, from: string, where: readonly string[], limit: number): string {
  return `${groupedSql(facet, from, where)} ORDER BY ${orderByPosition(facet)} LIMIT ${limit}`;
}

/** One kind of row a combined facet counts: the concept's facets, its FROM and its conditions. */
export interface FacetPart {
  readonly facets: ConceptFacets;
  readonly from: string;
  readonly where: readonly string[];
}

/**
 * Rows of several concepts counted together (`search`'s article and quote hits): a bucket's count is
 * the sum of each concept's count for the key, so each part's rows count as its own facets say.
 * The parts' parameters share one list.
 */
export interface CombinedFacetSource {
  readonly parts: readonly FacetPart[];
  readonly values: readonly unknown[];
}

/** {@link bucketsSql} over several parts at once: each part's buckets, summed by key, then ordered and cut. */
export function combinedBucketsSql(name: FacetName, parts: readonly FacetPart[], limit: number): string {
  if (parts.length === 1) return bucketsSql(parts[0].facets[name], parts[0].from, parts[0].where, limit);
  const grouped = parts.map((part) => groupedSql(part.facets[name], part.from, part.where)).join(" UNION ALL ");
  return `SELECT u.k, sum(u.n)::integer AS n FROM (${grouped}) u GROUP BY 1 ORDER BY ${orderByPosition(parts[0].facets[name])} LIMIT ${limit}`;
}

/** A facet's `first`: how many buckets, 0 to the largest page size, or BAD_USER_INPUT. */
export function facetLimit(first: unknown, limits: PageLimits): number {
  if (typeof first !== "number" || !Number.isInteger(first) || first < 0) throw badUserInput('Argument "first" must be a non-negative integer', "first");
  if (first > limits.maxPageSize) throw badUserInput(`Argument "first" must be at most ${limits.maxPageSize}; got ${first}`, "first", { limit: limits.maxPageSize });
  return first;
}
