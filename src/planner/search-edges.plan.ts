import { highlightsSql } from "../search/highlight.service";
import type { EdgeFields } from "./connection.plan";
import type { Walk } from "./walk";

/**
 * The edge fields of a root `articles` / `quotes` connection: `highlights`, for the rows of a
 * full-text search (`filter.search`, trimmed, as the services hand it to highlightsOf), else the
 * empty list, as the resolvers answer without a search.
 */
export function searchEdgeFields(walk: Walk, type: "Article" | "Quote", search: string | null | undefined): EdgeFields {
  let param: string | undefined;
  return {
    highlights: (alias) => {
      if (search == null) return `'[]'::json`;
      param ??= `${walk.params.add(search.trim())}::text`;
      return highlightsSql(type, alias, param);
    },
  };
}
