import type { FieldNode } from "graphql";
import { EXPERT_TABLE } from "../expert/expert.table";
import { type ConceptFacets, FACET_NAMES, type FacetName, type FacetNode, bucketOrder, bucketTypeName, bucketsSql, facetLimit } from "../facet/facet";
import { ORGANIZATION_TABLE } from "../organization/organization.table";
import { PLACE_TABLE } from "../place/place.table";
import { TOPIC_TABLE } from "../topic/topic.table";
import { and } from "../common/sql";
import { rowObject } from "./rows";
import type { TableDescription } from "./sql-json";
import { type Walk, aliasFor, argumentsOf, collect, jsonObject, orExecutor, unplannable } from "./walk";

const NODE_TABLES: Readonly<Record<FacetNode["typeName"], TableDescription>> = {
  Topic: TOPIC_TABLE,
  Expert: EXPERT_TABLE,
  Organization: ORGANIZATION_TABLE,
  Place: PLACE_TABLE,
};

const isFacet = (name: string): name is FacetName => (FACET_NAMES as readonly string[]).includes(name);

/** What a root connection's `facets` counts: its rows (FROM over the concept's aliases) and its filter's conditions, built on first use. */
export interface FacetRows {
  readonly facets: ConceptFacets;
  readonly from: string;
  readonly where: () => string[];
  /** Set when the connection reads its filtered rows once (see {@link FilteredRows}): every facet counts from them. */
  readonly once?: FilteredRows;
  /** The facets' object type: `Facets`, or `SearchFacets` (whose `types` field `extra` answers). */
  readonly typeName?: string;
  /** A facet's top `limit` buckets (columns `k`, `n`), when not counted from `from` and `where` (search's combined rows). */
  readonly buckets?: (name: FacetName, limit: number) => string;
  /** Fields of the facets' type beyond the facets: SQL built from the field. */
  readonly extra?: Readonly<Record<string, (field: FieldNode) => string>>;
}

/**
 * The filtered rows of a single-table connection read once per statement, into a materialized CTE
 * of their ids and the columns the selected facets read, which every facet (and the count) then
 * aggregates from: the filter is evaluated once instead of once per facet (at 100,000 articles a
 * topic filter cost 15-30 ms per evaluation). Only where the connection is one table under one
 * alias (`article a`), so that the facets' key expressions read the CTE as they read the table.
 */
export class FilteredRows {
  private readonly columns = new Set<string>(["id"]);

  constructor(
    /** The CTE's name, unique in the statement. */
    readonly name: string,
    /** The connection's table and the alias its facets are written over: `article`, `a`. */
    readonly table: string,
    readonly alias: string,
  ) {}

  /** The CTE as a FROM item under the connection's alias, noting the columns a facet reads. */
  from(reads: readonly string[] = []): string {
    for (const c of reads) this.columns.add(c);
    return `${this.name} ${this.alias}`;
  }

  /** `WITH name AS MATERIALIZED (...)`, once every facet has named its columns. */
  with(where: readonly string[]): string {
    const columns = [...this.columns].map((c) => `${this.alias}.${c}`).join(", ");
    return `WITH ${this.name} AS MATERIALIZED (SELECT ${columns} FROM ${this.table} ${this.alias} WHERE ${and([...where])})`;
  }
}

/**
 * A connection's `facets { ... }` as one JSON object, each selected facet a subquery of the
 * statement: the buckets FacetService reads (the same SQL, `bucketsSql`), aggregated in their
 * order, each with its node read as the node's table describes it.
 */
export function facetsSql(walk: Walk, field: FieldNode, rows: FacetRows): string {
  if (!field.selectionSet) return unplannable();
  const pairs: string[] = [];
  const typeName = rows.typeName ?? "Facets";
  for (const [key, sub] of collect(walk, field.selectionSet, typeName)) {
    const name = sub.name.value;
    if (name === "__typename") {
      pairs.push(`'${key}', '${typeName}'`);
      continue;
    }
    const extra = rows.extra?.[name];
    if (extra) {
      pairs.push(`'${key}', ${extra(sub)}`);
      continue;
    }
    if (!isFacet(name)) return unplannable();
    const facet = rows.facets[name];
    const limit = orExecutor(() => facetLimit(argumentsOf(walk, typeName, sub).first, walk.limits));
    const b = aliasFor(walk, "b");
    const bucketType = bucketTypeName(facet);
    const bucket: string[] = [];
    for (const [bkey, bf] of collect(walk, sub.selectionSet ?? unplannable(), bucketType)) {
      switch (bf.name.value) {
        case "__typename":
          bucket.push(`'${bkey}', '${bucketType}'`);
          break;
        case "count":
          bucket.push(`'${bkey}', ${b}.n`);
          break;
        case "node": {
          const table = facet.node ? NODE_TABLES[facet.node.typeName] : unplannable();
          const t = aliasFor(walk);
          bucket.push(`'${bkey}', (SELECT ${rowObject(walk, bf.selectionSet, table, t)} FROM ${table.table} ${t} WHERE ${t}.id = ${b}.k)`);
          break;
        }
        case "key":
        case "start":
          bucket.push(`'${bkey}', ${b}.k::text`);
          break;
        default:
          unplannable();
      }
    }
    const buckets = rows.buckets ? rows.buckets(name, limit) : rows.once ? bucketsSql(facet, rows.once.from(facet.reads), [], limit) : bucketsSql(facet, rows.from, rows.where(), limit);
    pairs.push(`'${key}', (SELECT coalesce(json_agg(${jsonObject(bucket)} ORDER BY ${bucketOrder(facet, b)}), '[]'::json) FROM (${buckets}) ${b})`);
  }
  return jsonObject(pairs);
}
