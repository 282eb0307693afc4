import type { FieldNode } from "graphql";
import { EXPERT_TABLE } from "../expert/expert.table";
import { type ConceptFacets, FACET_NAMES, type FacetName, type FacetNode, bucketOrder, bucketTypeName, bucketsSql, facetLimit } from "../facet/facet";
import { ORGANIZATION_TABLE } from "../organization/organization.table";
import { PLACE_TABLE } from "../place/place.table";
import { TOPIC_TABLE } from "../topic/topic.table";
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
}

/**
 * A connection's `facets { ... }` as one JSON object, each selected facet a subquery of the
 * statement: the buckets FacetService reads (the same SQL, `bucketsSql`), aggregated in their
 * order, each with its node read as the node's table describes it.
 */
export function facetsSql(walk: Walk, field: FieldNode, rows: FacetRows): string {
  if (!field.selectionSet) return unplannable();
  const pairs: string[] = [];
  for (const [key, sub] of collect(walk, field.selectionSet, "Facets")) {
    const name = sub.name.value;
    if (name === "__typename") {
      pairs.push(`'${key}', 'Facets'`);
      continue;
    }
    if (!isFacet(name)) return unplannable();
    const facet = rows.facets[name];
    const limit = orExecutor(() => facetLimit(argumentsOf(walk, "Facets", sub).first, walk.limits));
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
    const buckets = bucketsSql(facet, rows.from, rows.where(), limit);
    pairs.push(`'${key}', (SELECT coalesce(json_agg(${jsonObject(bucket)} ORDER BY ${bucketOrder(facet, b)}), '[]'::json) FROM (${buckets}) ${b})`);
  }
  return jsonObject(pairs);
}
