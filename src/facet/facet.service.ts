import type { Context } from "../context";
import { type FacetName, type FacetSource, bucketOrder, bucketsSql, facetLimit } from "./facet";

/** One bucket as the resolvers return it: the node (node facets) or the key, and the count. */
export interface FacetBucket {
  node?: unknown;
  key?: string | null;
  start?: string | null;
  count: number;
}

/** Counts a connection's facets, one statement per selected facet; the nodes come through the request's loaders. */
export const FacetService = {
  async buckets(ctx: Context, source: FacetSource, name: FacetName, first: unknown): Promise<FacetBucket[]> {
    const facet = source.facets[name];
    const limit = facetLimit(first, ctx.config.limits);
    const rows = await ctx.db.query<Array<{ key: string | null; count: number }>>(
      `SELECT b.k::text AS key, b.n AS count FROM (${bucketsSql(facet, source.from, source.where, limit)}) b ORDER BY ${bucketOrder(facet, "b")}`,
      [...source.values],
    );
    const node = facet.node;
    if (node) {
      const loader = ctx.loaders.get(node.loader) as { load(id: string): Promise<unknown> };
      return Promise.all(rows.map(async (r) => ({ node: r.key == null ? null : await loader.load(r.key), count: Number(r.count) })));
    }
    return rows.map((r) => (facet.period ? { start: r.key, count: Number(r.count) } : { key: r.key, count: Number(r.count) }));
  },
};
