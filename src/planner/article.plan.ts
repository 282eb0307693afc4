import type { FieldNode } from "graphql";
import type { ArticleFilter, ArticleOrder } from "../article/article.inputs";
import { articleConditions, articleOrdering } from "../article/article.service";
import { ARTICLE_FACETS } from "../article/article.facets";
import { ARTICLE_TABLE } from "../article/article.table";
import { parseGlobalId } from "../common/global-id";
import { type Ordering, type PageArgs, keysetConditions, orderBy, pageRequest } from "../common/pagination";
import { SqlParams, and } from "../common/sql";
import { SEARCH_EXACT_COUNT_UP_TO } from "../common/search";
import { rankedSearchConnection, searchTotals } from "./article-search.plan";
import { edgeField } from "./connection.plan";
import { FilteredRows, facetsSql } from "./facets.plan";
import { searchEdgeFields } from "./search-edges.plan";
import { rowObject } from "./rows";
import { base64urlSql } from "./sql-json";
import { type Walk, aliasFor, argumentsOf, collect, jsonObject, orExecutor, unplannable } from "./walk";

/** The filters of ArticleFilter, each of which the planner applies as ArticleService does. */
const PLANNED_FILTERS = new Set(["search", "publishedAfter", "publishedBefore", "topic", "expert", "organization", "place", "section", "language"]);

/**
 * The cursor of the row under alias `a`, as `encodeCursor` writes it from `keyColumns`: JSON of
 * [ordering name, key values...] in base64url. Timestamps are the text PostgreSQL's `to_json`
 * gives (what `keyColumns` selects), the other keys their JSON.
 */
function cursorSql(ordering: Ordering): string {
  for (const key of ordering.keys) if (key.type !== "timestamptz" && key.type !== "uuid" && key.type !== "text") unplannable();
  const values = ordering.keys.map((k) => `to_json(${k.expr})::text`).join(` || ',' || `);
  return base64urlSql(`'[${JSON.stringify(ordering.name)},' || ${values} || ']'`);
}

/**
 * `articles(first | last, after, before, filter, orderBy)` with nodes, edges { cursor node },
 * pageInfo, totalCount, as ArticleService.list and `paginate` answer it. The page is read in the
 * direction asked (limit + 1 rows tell whether there is more), shown in the ordering's order.
 */
export function articlesConnection(walk: Walk, field: FieldNode): string {
  const args = argumentsOf(walk, "Query", field);
  const filter = args.filter as ArticleFilter | undefined;
  for (const name of Object.keys(filter ?? {})) if (!PLANNED_FILTERS.has(name)) unplannable();
  if (!field.selectionSet) return unplannable();
  const p = walk.params;
  // Validated first (the executor gives the coded errors), with throwaway parameters; the
  // conditions join the statement's parameters only when a field uses them, so that no
  // parameter is left without a type.
  const { ordering, page } = orExecutor(() => {
    const { searchParam } = articleConditions(filter, new SqlParams());
    const ordering = articleOrdering(args.orderBy as ArticleOrder | undefined, searchParam);
    return { ordering, page: pageRequest(args as PageArgs, ordering, walk.limits) };
  });
  const searching = filter?.search != null;
  // How many rows a search matches decides its plan (index or not): planned with its values each time.
  if (searching) walk.planPerRequest = true;
  // The relevance ordering embeds the search parameter: built over the ranked hits, once.
  if (ordering.name === "article:relevance") return rankedSearchConnection(walk, field, filter, args.orderBy as ArticleOrder | undefined, page);
  let filterWhere: string[] | undefined;
  const where = () => (filterWhere ??= articleConditions(filter, p).where);
  let keysetWhere: string[] | undefined;
  const keyset = () => (keysetWhere ??= keysetConditions(ordering, page, p));
  // The root's alias is `a`: the orderings' and filters' expressions are written over it.
  const read = (limit: number) =>
    `(SELECT a.* FROM article a WHERE ${and([...where(), ...keyset()])} ORDER BY ${orderBy(ordering, page.backward)} LIMIT ${limit}) a`;
  const shown = orderBy(ordering, false);
  // A search counts up to the threshold + 1 matches (then estimates), as `paginate` does.
  const searchCount = () => searchTotals(walk, filter, `(SELECT count(*)::integer FROM (SELECT 1 FROM article a WHERE ${and(where())} LIMIT ${SEARCH_EXACT_COUNT_UP_TO + 1}) s)`);
  const selected = collect(walk, field.selectionSet, "ArticleConnection");
  // With facets, the filtered rows are read once for all of them and for the count.
  const once = [...selected.values()].some((sub) => sub.name.value === "facets") ? new FilteredRows(aliasFor(walk, "fr"), "article", "a") : undefined;
  const pairs: string[] = [];
  for (const [key, sub] of selected) {
    switch (sub.name.value) {
      case "__typename":
        pairs.push(`'${key}', 'ArticleConnection'`);
        break;
      case "totalCount":
        if (searching) pairs.push(`'${key}', ${searchCount().total()}`);
        else pairs.push(`'${key}', (SELECT count(*)::integer FROM ${once ? once.from() : `article a WHERE ${and(where())}`})`);
        break;
      case "totalCountIsEstimate":
        pairs.push(`'${key}', ${searching ? searchCount().estimate() : "false"}`);
        break;
      case "facets":
        pairs.push(`'${key}', ${facetsSql(walk, sub, { facets: ARTICLE_FACETS, from: "article a", where, once })}`);
        break;
      case "nodes":
        pairs.push(`'${key}', (SELECT coalesce(json_agg(${rowObject(walk, sub.selectionSet, ARTICLE_TABLE, "a")} ORDER BY ${shown}), '[]'::json) FROM ${read(page.limit)})`);
        break;
      case "edges": {
        const edge: string[] = [];
        for (const [ekey, ef] of collect(walk, sub.selectionSet ?? unplannable(), "ArticleEdge")) {
          if (ef.name.value === "__typename") edge.push(`'${ekey}', 'ArticleEdge'`);
          else if (ef.name.value === "cursor") edge.push(`'${ekey}', ${cursorSql(ordering)}`);
          else if (ef.name.value === "node") edge.push(`'${ekey}', ${rowObject(walk, ef.selectionSet, ARTICLE_TABLE, "a")}`);
          else edge.push(`'${ekey}', ${edgeField(walk, ef, "ArticleEdge", searchEdgeFields(walk, "Article", filter?.search), "a")}`);
        }
        pairs.push(`'${key}', (SELECT coalesce(json_agg(${jsonObject(edge)} ORDER BY ${shown}), '[]'::json) FROM ${read(page.limit)})`);
        break;
      }
      case "pageInfo": {
        const more = () => `(SELECT count(*) > ${page.limit} FROM ${read(page.limit + 1)})`;
        // Rows on the far side of the cursor this page started from.
        const beyond = (cursor: unknown[] | null, side: "after" | "before") => {
          if (!cursor) return "false";
          const [condition] = keysetConditions(ordering, side === "after" ? { after: cursor, before: null } : { after: null, before: cursor }, p);
          return `EXISTS (SELECT 1 FROM article a WHERE ${and([...where(), `NOT (${condition})`])})`;
        };
        const info: string[] = [];
        for (const [ikey, f] of collect(walk, sub.selectionSet ?? unplannable(), "PageInfo")) {
          switch (f.name.value) {
            case "__typename":
              info.push(`'${ikey}', 'PageInfo'`);
              break;
            case "hasNextPage":
              info.push(`'${ikey}', ${page.backward ? beyond(page.before, "before") : more()}`);
              break;
            case "hasPreviousPage":
              info.push(`'${ikey}', ${page.backward ? more() : beyond(page.after, "after")}`);
              break;
            case "startCursor":
            case "endCursor": {
              const direction = f.name.value === "startCursor" ? shown : orderBy(ordering, true);
              info.push(`'${ikey}', (SELECT ${cursorSql(ordering)} FROM ${read(page.limit)} ORDER BY ${direction} LIMIT 1)`);
              break;
            }
            default:
              unplannable();
          }
        }
        pairs.push(`'${key}', ${jsonObject(info)}`);
        break;
      }
      default:
        unplannable();
    }
  }
  return once ? `(${once.with(where())} SELECT ${jsonObject(pairs)})` : jsonObject(pairs);
}

/** `article(id | slug | url)`: the article or null; anything but exactly one valid argument goes to the executor. */
export function articleRoot(walk: Walk, field: FieldNode): string {
  const args = argumentsOf(walk, "Query", field);
  const given = Object.keys(args);
  if (given.length !== 1) unplannable();
  const p = walk.params;
  let where: string;
  if (args.id != null) {
    const parsed = parseGlobalId(String(args.id));
    if (!parsed || parsed.type !== "Article") return unplannable();
    where = `a.id = ${p.add(parsed.id)}::uuid`;
  } else if (args.slug != null) {
    where = `a.slug = ${p.add(args.slug)}::text`;
  } else {
    where = `a.url = ${p.add(args.url)}::text`;
  }
  return `(SELECT ${rowObject(walk, field.selectionSet, ARTICLE_TABLE, "a")} FROM article a WHERE ${where})`;
}
