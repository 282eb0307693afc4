import type { FieldNode } from "graphql";
import type { ArticleFilter, ArticleOrder } from "../article/article.inputs";
import { articleConditions, articleOrdering } from "../article/article.service";
import { ARTICLE_TABLE } from "../article/article.table";
import { ARTICLE_FACETS } from "../article/article.facets";
import { type Ordering, type PageRequest, beyondCursor, keysetConditions, orderBy } from "../common/pagination";
import { and } from "../common/sql";
import { type AggregatedPage, aggregatedEdges, aggregatedPageInfo, aggregation, estimatedTotals } from "./connection.plan";
import { facetsSql } from "./facets.plan";
import { searchEdgeFields } from "./search-edges.plan";
import { rowObject } from "./rows";
import { EXECUTOR_MARK_SQL, base64urlSql } from "./sql-json";
import { type Walk, collect, jsonObject, unplannable } from "./walk";

/** A search's totals over articles: {@link estimatedTotals} with the estimate of `SELECT 1 FROM article a WHERE <the filter>`. */
export function searchTotals(walk: Walk, filter: ArticleFilter | undefined, counted: string): { total: () => string; estimate: () => string } {
  return estimatedTotals(walk, { from: "article a", where: (q) => articleConditions(filter, q).where }, counted);
}

/**
 * A cursor key's value as JSON text, as `encodeCursor` writes the number pg hands it. PostgreSQL
 * prints a real below 1e-4 or from 1e6 in exponent form ("9e-05"), which JavaScript does not;
 * such a cursor (never a rank of this schema in practice) sends the request to the executor.
 */
function cursorJson(ordering: Ordering, alias: string): string {
  // Ordering names are plain words ("article:relevance"): nothing to escape in JSON or SQL.
  if (!/^[a-z_:]+$/.test(ordering.name)) unplannable();
  const values = ordering.keys.map((_, i) => `to_json(${alias}."__k${i}")::text`).join(` || ',' || `);
  const text = base64urlSql(`'["${ordering.name}",' || ${values} || ']'`);
  const odd = ordering.keys
    .map((k, i) => (k.type === "real" ? `(${alias}."__k${i}" <> 0 AND (abs(${alias}."__k${i}") < 1e-4 OR abs(${alias}."__k${i}") >= 1e6))` : null))
    .filter((c): c is string => c !== null);
  return odd.length ? `CASE WHEN ${odd.join(" OR ")} THEN ${EXECUTOR_MARK_SQL} ELSE to_json(${text}) END` : `to_json(${text})`;
}

/**
 * `articles(filter: { search })` in relevance order as one subquery: the matches are found through
 * the GIN index on `search` and ranked once (`hits`, each with its sort keys); the page is the
 * top `limit + 1` of them past the cursors, joined back to `article` for the selected columns;
 * totalCount counts the same hits (no second scan of the table). Same answers as
 * ArticleService.list and `paginate`.
 */
export function rankedSearchConnection(walk: Walk, field: FieldNode, filter: ArticleFilter | undefined, order: ArticleOrder | undefined, page: PageRequest): string {
  if (!field.selectionSet) return unplannable();
  const p = walk.params;
  // Built only when a selected field reads the hits: a parameter the statement does not use would have no type.
  let built: { hits: string; ordering: Ordering } | undefined;
  const hits = () => {
    if (built) return built;
    const { where, searchParam } = articleConditions(filter, p);
    const ranked = articleOrdering(order, searchParam);
    if (ranked.keys[ranked.keys.length - 1]?.expr !== "a.id") return unplannable();
    const keys = ranked.keys.map((k, i) => `${k.expr} AS k${i}`).join(", ");
    // The same ordering over the hits' columns: the rank is computed once per match, here.
    const ordering: Ordering = { ...ranked, keys: ranked.keys.map((k, i) => ({ ...k, expr: `h.k${i}` })) };
    return (built = { hits: `SELECT ${keys} FROM article a WHERE ${and(where)}`, ordering });
  };
  const limit = page.limit;
  const beyond = (cursor: unknown[] | null, side: "after" | "before") =>
    cursor ? `EXISTS (SELECT 1 FROM hits h WHERE NOT ${beyondCursor(hits().ordering, cursor, side, p)})` : "false";
  let totals: ReturnType<typeof searchTotals> | undefined;
  const counted = () => (totals ??= (hits(), searchTotals(walk, filter, `(SELECT count(*)::integer FROM hits)`)));
  const cursor = () => cursorJson(hits().ordering, "a");
  const aggregated: AggregatedPage = { typeName: "Article", table: ARTICLE_TABLE, alias: "a", page, cursor, beyond, edgeFields: searchEdgeFields(walk, "Article", filter?.search) };
  const { shown, kept } = aggregation(aggregated);

  const pairs: string[] = [];
  let readsRows = false;
  for (const [key, sub] of collect(walk, field.selectionSet, "ArticleConnection")) {
    switch (sub.name.value) {
      case "__typename":
        pairs.push(`'${key}', 'ArticleConnection'`);
        break;
      case "totalCount":
        pairs.push(`'${key}', ${counted().total()}`);
        break;
      case "totalCountIsEstimate":
        pairs.push(`'${key}', ${counted().estimate()}`);
        break;
      case "facets": {
        // Counted over every hit of the filter, not the page: the same conditions, in their own subquery.
        let facetWhere: string[] | undefined;
        pairs.push(`'${key}', ${facetsSql(walk, sub, { facets: ARTICLE_FACETS, from: "article a", where: () => (facetWhere ??= articleConditions(filter, p).where) })}`);
        break;
      }
      case "nodes":
        readsRows = true;
        pairs.push(`'${key}', coalesce(json_agg(${rowObject(walk, sub.selectionSet, ARTICLE_TABLE, "a")} ORDER BY ${shown}) ${kept}, '[]'::json)`);
        break;
      case "edges":
        readsRows = true;
        pairs.push(`'${key}', ${aggregatedEdges(walk, sub, aggregated)}`);
        break;
      case "pageInfo":
        readsRows = true;
        pairs.push(`'${key}', ${aggregatedPageInfo(walk, sub, aggregated)}`);
        break;
      default:
        unplannable();
    }
  }
  if (readsRows) hits();
  if (!built) return `(SELECT ${jsonObject(pairs)})`;
  const { ordering } = built;
  const sorted = orderBy(ordering, page.backward);
  const with_ = `WITH hits AS MATERIALIZED (${built.hits})`;
  if (!readsRows) return `(${with_} SELECT ${jsonObject(pairs)})`;
  const keys = ordering.keys.map((k, i) => `${k.expr} AS "__k${i}"`).join(", ");
  const top =
    `SELECT ${keys}, row_number() OVER (ORDER BY ${sorted}) AS "__rn" FROM hits h ` +
    `WHERE ${and(keysetConditions(ordering, page, p))} ORDER BY ${sorted} LIMIT ${limit + 1}`;
  const last = `"__k${ordering.keys.length - 1}"`;
  const rows = `SELECT a.*, t.* FROM (${top}) t JOIN article a ON a.id = t.${last}`;
  // HAVING makes it one aggregated row even when no aggregate is selected (pageInfo { __typename }).
  return `(${with_} SELECT ${jsonObject(pairs)} FROM (${rows}) a HAVING true)`;
}
