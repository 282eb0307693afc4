import type { FieldNode } from "graphql";
import { ARTICLE_TABLE } from "../article/article.table";
import { SEARCH_EXACT_COUNT_UP_TO } from "../common/search";
import { SqlParams } from "../common/sql";
import { EVENT_TABLE } from "../event/event.table";
import { EXPERT_TABLE } from "../expert/expert.table";
import { ORGANIZATION_TABLE } from "../organization/organization.table";
import { QUOTE_TABLE } from "../quote/quote.table";
import { highlightsSql } from "../search/highlight.service";
import { ARTICLE_FACETS } from "../article/article.facets";
import { type FacetName, type FacetPart, combinedBucketsSql } from "../facet/facet";
import { ALL_TYPES, type SearchArgsInput, type SearchStatements, facetParts, searchStatements } from "../search/search.service";
import { facetsSql } from "./facets.plan";
import { edgeField, sqlLiteral } from "./connection.plan";
import { rowObject } from "./rows";
import { EXECUTOR_MARK_SQL, type TableDescription, base64urlSql } from "./sql-json";
import { type Walk, aliasFor, argumentsOf, collect, jsonObject, orExecutor, unplannable } from "./walk";

/** The tables of SearchResult's members, by the `type` a hit row carries. */
const MEMBERS: ReadonlyArray<readonly [string, TableDescription]> = [
  ["Article", ARTICLE_TABLE],
  ["Quote", QUOTE_TABLE],
  ["Expert", EXPERT_TABLE],
  ["Organization", ORGANIZATION_TABLE],
  ["Event", EVENT_TABLE],
];

/** One SQL expression per hit type (`h.type`), the row of that type read under a fresh alias; ELSE `otherwise`. */
function byType(walk: Walk, h: string, value: (table: TableDescription, alias: string) => string | null, otherwise = "NULL"): string {
  const cases = MEMBERS.map(([type, table]) => {
    const r = aliasFor(walk, "r");
    const v = value(table, r);
    return v == null ? `WHEN '${type}' THEN ${EXECUTOR_MARK_SQL}` : `WHEN '${type}' THEN (SELECT ${v} FROM ${table.table} ${r} WHERE ${r}.id = ${h}.id)`;
  });
  return `CASE ${h}.type ${cases.join(" ")} ELSE ${otherwise} END`;
}

/** A node of the union SearchResult: its member's row object (fragments on the union apply to every member). */
function nodeSql(walk: Walk, field: FieldNode, h: string): string {
  return byType(walk, h, (table, r) => rowObject(walk, field.selectionSet, { ...table, interfaces: [...table.interfaces, "SearchResult"] }, r));
}

/**
 * The score as JSON. The executor hands pg's float8 to JSON.stringify; PostgreSQL prints the same
 * shortest digits but writes a real below 1e-4 (or from 1e15) in exponent form, which JavaScript
 * does not: such a score (none in this formula's range in practice) goes to the executor.
 */
const scoreJson = (h: string) => `CASE WHEN ${h}.score <> 0 AND (abs(${h}.score) < 1e-4 OR abs(${h}.score) >= 1e15) THEN ${EXECUTOR_MARK_SQL} ELSE to_json(${h}.score) END`;

/** encodeSearchCursor in SQL: base64url of `["search", day, score, id]` as JSON. */
const cursorSql = (h: string) => `CASE WHEN ${h}.score <> 0 AND (abs(${h}.score) < 1e-4 OR abs(${h}.score) >= 1e15) THEN ${EXECUTOR_MARK_SQL} ELSE to_json(${base64urlSql(`'["search","' || ${h}.day || '",' || to_json(${h}.score)::text || ',"' || ${h}.id::text || '"]'`)}) END`;

/**
 * The counts as SearchService counts them, as a materialized CTE `name` of one row: column `n<i>`
 * for searched type `i`, exact up to SEARCH_EXACT_COUNT_UP_TO, above it PostgreSQL's estimate of
 * that type's candidates (the query estimateRows EXPLAINs, its values written in as literals,
 * through `newsgraph_plan_rows`), raised to the threshold + 1; `over` whether any type was estimated.
 * OFFSET 0 keeps the exact counts a subquery of their own, each run once, not once per use.
 */
function countsCte(walk: Walk, st: SearchStatements, name: string): string {
  const over = (i: number) => `e.n${i} > ${SEARCH_EXACT_COUNT_UP_TO}`;
  const exact = st.searched.map((_, i) => `${st.count(i, walk.params)} AS n${i}`);
  const counted = st.searched.map((s, i) => {
    const q = new SqlParams();
    const text = s.branch(q).replace(/\$(\d+)/g, (_, n: string) => sqlLiteral(q.values[Number(n) - 1]));
    return `CASE WHEN ${over(i)} THEN greatest(${SEARCH_EXACT_COUNT_UP_TO + 1}, newsgraph_plan_rows(${walk.params.add(text)}::text)) ELSE e.n${i} END AS n${i}`;
  });
  const anyOver = st.searched.length ? st.searched.map((_, i) => over(i)).join(" OR ") : "false";
  return `${name} AS MATERIALIZED (SELECT ${[...counted, `${anyOver} AS over`].join(", ")} FROM (SELECT ${["1 AS one", ...exact].join(", ")} OFFSET 0) e)`;
}

/** SearchFacets.types from the counts CTE `c`: a bucket per type found, the most first, ties in SearchType order. */
function typeBuckets(walk: Walk, st: SearchStatements, field: FieldNode, c: string): string {
  const t = aliasFor(walk, "ty");
  const bucket: string[] = [];
  for (const [key, f] of collect(walk, field.selectionSet ?? unplannable(), "SearchTypeBucket")) {
    if (f.name.value === "__typename") bucket.push(`'${key}', 'SearchTypeBucket'`);
    else if (f.name.value === "type") bucket.push(`'${key}', ${t}.type`);
    else if (f.name.value === "count") bucket.push(`'${key}', ${t}.n`);
    else unplannable();
  }
  if (!st.searched.length) return `'[]'::json`;
  const rows = st.searched.map((s, i) => `('${s.type}', ${ALL_TYPES.indexOf(s.type)}, ${c}.n${i}::integer)`).join(", ");
  return `(SELECT coalesce(json_agg(${jsonObject(bucket)} ORDER BY ${t}.n DESC, ${t}.o), '[]'::json) FROM ${c}, LATERAL (VALUES ${rows}) ${t} (type, o, n) WHERE ${t}.n > 0)`;
}

/**
 * `search(query, types, filter, first, after)` as one subquery: SearchService's page (the same SQL,
 * numbered `__rn` best first), each hit's node read from its member's table, its highlights (the
 * ts_headline calls of highlightsOf; a person's or organization's name highlights are the
 * executor's), cursors, pageInfo, totalCount and facets (FacetService.combinedBuckets' SQL).
 */
export function searchConnection(walk: Walk, field: FieldNode): string {
  if (!field.selectionSet) return unplannable();
  const args = argumentsOf(walk, "Query", field) as unknown as SearchArgsInput;
  const st = orExecutor(() => searchStatements(args, walk.limits));
  // How many rows the query matches decides its plan (index or not): planned with its values each time.
  walk.planPerRequest = true;
  const h = aliasFor(walk, "h");
  const kept = `FILTER (WHERE ${h}."__rn" <= ${st.first})`;
  let queryParam: string | undefined;
  const highlights = (alias: string, type: string) => {
    queryParam ??= `${walk.params.add(st.query.text)}::text`;
    return highlightsSql(type as "Article" | "Quote" | "Event", alias, queryParam);
  };
  const pairs: string[] = [];
  let readsRows = false;
  // The counts, read once for totalCount, totalCountIsEstimate and facets { types }.
  const c = aliasFor(walk, "c");
  let counts: string | undefined;
  const count = () => (counts ??= countsCte(walk, st, c));
  for (const [key, sub] of collect(walk, field.selectionSet, "SearchConnection")) {
    switch (sub.name.value) {
      case "__typename":
        pairs.push(`'${key}', 'SearchConnection'`);
        break;
      case "totalCount":
        count();
        pairs.push(`'${key}', (SELECT (${st.searched.length ? st.searched.map((_, i) => `${c}.n${i}`).join(" + ") : "0"})::integer FROM ${c})`);
        break;
      case "totalCountIsEstimate":
        count();
        pairs.push(`'${key}', (SELECT ${c}.over FROM ${c})`);
        break;
      case "nodes":
        readsRows = true;
        pairs.push(`'${key}', coalesce(json_agg(${nodeSql(walk, sub, h)} ORDER BY ${h}."__rn") ${kept}, '[]'::json)`);
        break;
      case "edges": {
        readsRows = true;
        const edge: string[] = [];
        for (const [ekey, ef] of collect(walk, sub.selectionSet ?? unplannable(), "SearchEdge")) {
          switch (ef.name.value) {
            case "__typename":
              edge.push(`'${ekey}', 'SearchEdge'`);
              break;
            case "cursor":
              edge.push(`'${ekey}', ${cursorSql(h)}`);
              break;
            case "score":
              edge.push(`'${ekey}', ${scoreJson(h)}`);
              break;
            case "node":
              edge.push(`'${ekey}', ${nodeSql(walk, ef, h)}`);
              break;
            case "highlights":
              // Names are highlighted in JavaScript (trigram similarity per word): those rows are the executor's.
              edge.push(
                `'${ekey}', ${byType(walk, h, (table, r) =>
                  table.typeName === "Expert" || table.typeName === "Organization"
                    ? null
                    : edgeField(walk, ef, "SearchEdge", { highlights: (alias) => highlights(alias, table.typeName) }, r),
                )}`,
              );
              break;
            default:
              unplannable();
          }
        }
        pairs.push(`'${key}', coalesce(json_agg(${jsonObject(edge)} ORDER BY ${h}."__rn") ${kept}, '[]'::json)`);
        break;
      }
      case "pageInfo": {
        readsRows = true;
        const info: string[] = [];
        for (const [ikey, inf] of collect(walk, sub.selectionSet ?? unplannable(), "PageInfo")) {
          switch (inf.name.value) {
            case "__typename":
              info.push(`'${ikey}', 'PageInfo'`);
              break;
            case "hasNextPage":
              info.push(`'${ikey}', (count(${h}.id) > ${st.first})`);
              break;
            case "hasPreviousPage":
              info.push(`'${ikey}', ${st.hasPrevious(walk.params)}`);
              break;
            case "startCursor":
              info.push(`'${ikey}', (array_agg(${cursorSql(h)} ORDER BY ${h}."__rn") ${kept})[1]`);
              break;
            case "endCursor":
              info.push(`'${ikey}', (array_agg(${cursorSql(h)} ORDER BY ${h}."__rn" DESC) ${kept})[1]`);
              break;
            default:
              unplannable();
          }
        }
        pairs.push(`'${key}', ${jsonObject(info)}`);
        break;
      }
      case "facets": {
        // The article and quote hits, every facet over both, summed by key (FacetService.combinedBuckets' SQL).
        let parts: FacetPart[] | undefined;
        const buckets = (name: FacetName, limit: number) => {
          parts ??= facetParts(st.terms, st.types, walk.params);
          if (parts.length) return combinedBucketsSql(name, parts, limit);
          // No article or quote types searched: no buckets (keys typed as the facet's are, for its nodes).
          const facet = ARTICLE_FACETS[name];
          return `SELECT NULL::${facet.node ? "uuid" : facet.period ? "date" : "text"} AS k, 0 AS n WHERE false`;
        };
        const types = (f: FieldNode) => (count(), typeBuckets(walk, st, f, c));
        pairs.push(`'${key}', ${facetsSql(walk, sub, { facets: ARTICLE_FACETS, from: "", where: () => [], typeName: "SearchFacets", buckets, extra: { types } })}`);
        break;
      }
      default:
        unplannable();
    }
  }
  const with_ = counts ? `WITH ${counts} ` : "";
  if (!readsRows) return `(${with_}SELECT ${jsonObject(pairs)})`;
  const page = st.page(walk.params);
  // Nothing searched (no names to match for the only types asked) or first: 0: an empty page.
  const rows = page
    ? `SELECT p.*, row_number() OVER (ORDER BY p.score DESC, p.id DESC) AS "__rn" FROM (${page}) p`
    : `SELECT NULL::text AS type, NULL::uuid AS id, NULL::float8 AS score, NULL::text AS day, NULL::bigint AS "__rn" WHERE false`;
  // HAVING makes it one aggregated row even when no aggregate is selected (pageInfo { __typename }).
  return `(${with_}SELECT ${jsonObject(pairs)} FROM (${rows}) ${h} HAVING true)`;
}
