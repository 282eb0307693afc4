import DataLoader from "dataloader";
import type { Context } from "../context";
import {
  type CombinedFacetSource,
  type FacetDescription,
  type FacetName,
  type FacetSource,
  bucketOrder,
  bucketsSql,
  combinedBucketsSql,
  facetLimit,
} from "./facet";

/** One bucket as the resolvers return it: the node (node facets) or the key, and the count. */
export interface FacetBucket {
  node?: unknown;
  key?: string | null;
  start?: string | null;
  count: number;
}

interface BucketRow {
  key: string | null;
  count: number;
}

/** Bucket rows → what the resolvers return; the nodes come through the request's loaders. */
function toBuckets(ctx: Context, facet: FacetDescription, rows: readonly BucketRow[]): Promise<FacetBucket[]> | FacetBucket[] {
  const node = facet.node;
  if (node) {
    const loader = ctx.loaders.get(node.loader) as { load(id: string): Promise<unknown> };
    return Promise.all(rows.map(async (r) => ({ node: r.key == null ? null : await loader.load(r.key), count: Number(r.count) })));
  }
  return rows.map((r) => (facet.period ? { start: r.key, count: Number(r.count) } : { key: r.key, count: Number(r.count) }));
}

/** A combined source's facet requests of one request, by `name:limit`. */
type CombinedLoader = DataLoader<string, BucketRow[]>;

// Keyed by the source, which one request made: a loader lives as long as its request's page.
const combinedLoaders = new WeakMap<CombinedFacetSource, CombinedLoader>();

/** All facets selected on one combined source, read by one statement: a JSON array of [key, count] per facet. */
function combinedLoader(ctx: Context, source: CombinedFacetSource): CombinedLoader {
  let loader = combinedLoaders.get(source);
  if (!loader) {
    loader = new DataLoader<string, BucketRow[]>(async (requests) => {
      const columns = requests.map((request, i) => {
        const [name, limit] = request.split(":") as [FacetName, string];
        const facet = source.parts[0].facets[name];
        const buckets = combinedBucketsSql(name, source.parts, Number(limit));
        return `(SELECT coalesce(json_agg(json_build_array(b.k::text, b.n) ORDER BY ${bucketOrder(facet, "b")}), '[]'::json) FROM (${buckets}) b) AS "f${i}"`;
      });
      const [row] = await ctx.db.query<Array<Record<string, unknown>>>(`SELECT ${columns.join(", ")}`, [...source.values]);
      return requests.map((_, i) => {
        const value = row[`f${i}`];
        const pairs = (typeof value === "string" ? JSON.parse(value) : value) as Array<[string | null, number]>;
        return pairs.map(([key, count]) => ({ key, count }));
      });
    });
    combinedLoaders.set(source, loader);
  }
  return loader;
}

/** Counts facets: a connection's, one statement per selected facet; a combined source's, all selected facets in one statement. */
export const FacetService = {
  async buckets(ctx: Context, source: FacetSource, name: FacetName, first: unknown): Promise<FacetBucket[]> {
    const facet = source.facets[name];
    const limit = facetLimit(first, ctx.config.limits);
    const rows = await ctx.db.query<BucketRow[]>(
      `SELECT b.k::text AS key, b.n AS count FROM (${bucketsSql(facet, source.from, source.where, limit)}) b ORDER BY ${bucketOrder(facet, "b")}`,
      [...source.values],
    );
    return toBuckets(ctx, facet, rows);
  },

  async combinedBuckets(ctx: Context, source: CombinedFacetSource, name: FacetName, first: unknown): Promise<FacetBucket[]> {
    const limit = facetLimit(first, ctx.config.limits);
    if (!source.parts.length || limit === 0) return [];
    const rows = await combinedLoader(ctx, source).load(`${name}:${limit}`);
    return toBuckets(ctx, source.parts[0].facets[name], rows);
  },
};
