import { createUnionType, Field, Float, Int, ObjectType } from "type-graphql";
import { Article } from "../article/article.type";
import { PageInfo } from "../common/graphql-types";
import type { NodeType } from "../common/global-id";
import { SEARCH_EXACT_COUNT_UP_TO } from "../common/search";
import { Event } from "../event/event.type";
import { Expert } from "../expert/expert.type";
import { Organization } from "../organization/organization.type";
import { Quote } from "../quote/quote.type";
import type { CombinedFacetSource } from "../facet/facet";
import { Highlight } from "./highlight.type";
import { SearchType } from "./search.inputs";

/** What one search hit names before its node is loaded. */
export interface SearchHit {
  type: Extract<NodeType, "Article" | "Quote" | "Expert" | "Organization" | "Event">;
  /** Database key. */
  dbId: string;
  score: number;
  cursor: string;
  /** The search text, for highlights. */
  query: string;
}

export const SearchResult = createUnionType({
  name: "SearchResult",
  description: "One thing `search` found: use fragments (`... on Article { headline }`).",
  types: () => [Article, Quote, Expert, Organization, Event] as const,
  resolveType: (value) => (value as unknown as { __typename: string }).__typename,
});

@ObjectType("SearchEdge", { description: "One search result, its score and why it matched." })
export class SearchEdge {
  @Field({ description: "Opaque cursor; pass it as `after`." })
  cursor!: string;

  @Field(() => SearchResult)
  node!: unknown;

  @Field(() => Float, { description: "Relevance; results come highest first. See the README's \"Cross-type search\" for the formula." })
  score!: number;

  @Field(() => [Highlight], { description: "Snippets of the fields that matched, with the matched words marked by offsets." })
  highlights!: Highlight[];
}

/** One bucket of `SearchFacets.types`. */
export interface SearchTypeBucketRow {
  type: SearchType;
  count: number;
}

/** What `SearchFacets` resolves from: the article and quote hits to count, and the counts by type (totalCount's). */
export interface SearchFacetsRoot {
  source: CombinedFacetSource;
  types: () => Promise<SearchTypeBucketRow[]>;
}

@ObjectType("SearchTypeBucket", { simpleResolvers: true, description: "How many results of one type a search found." })
export class SearchTypeBucket {
  @Field(() => SearchType)
  type!: SearchType;

  @Field(() => Int, { description: "As counted for `totalCount`: exact, or the database's estimate above the exact limit." })
  count!: number;
}

@ObjectType("SearchFacets", {
  simpleResolvers: true,
  description:
    "Counts over a search's results, top buckets first. `types` has a bucket per type found, summing to `totalCount`. The other facets count the " +
    "article results as `ArticleConnection.facets` counts articles and the quote results as `QuoteConnection.facets` counts quotes, added up per bucket " +
    "(experts, organizations and events found are not in them): with `types: [ARTICLE]`, a topic's count is the totalCount of " +
    "`articles(filter: { search, topic })`. Single-valued facets sum to the article and quote results' count when `first` covers them all.",
})
export class SearchFacets {
  @Field(() => [SearchTypeBucket], { description: "Results by type, the most first; types with none are left out." })
  types!: SearchTypeBucket[];
}

@ObjectType("SearchConnection", { simpleResolvers: true })
export class SearchConnection {
  @Field(() => [SearchEdge])
  edges!: SearchEdge[];

  @Field(() => [SearchResult], { description: "The nodes of `edges`, for clients that need no scores or cursors." })
  nodes!: unknown[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many results match, across all pages and types; an estimate when `totalCountIsEstimate` is true." })
  totalCount!: number;

  @Field(() => Boolean, {
    description: `True when \`totalCount\` includes the database's estimate for a type with more than ${SEARCH_EXACT_COUNT_UP_TO.toLocaleString("en-US")} matches.`,
  })
  totalCountIsEstimate!: boolean;

  @Field(() => SearchFacets, {
    description:
      "Counts over every result the query and filter match (not only the page): by type, and the article facets over the article and quote results. " +
      "Only the facets selected are counted.",
  })
  facets!: SearchFacetsRoot;
}
