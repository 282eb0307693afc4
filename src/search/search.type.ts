import { createUnionType, Field, Float, Int, ObjectType } from "type-graphql";
import { Article } from "../article/article.type";
import { PageInfo } from "../common/graphql-types";
import type { NodeType } from "../common/global-id";
import { SEARCH_EXACT_COUNT_UP_TO } from "../common/search";
import { Event } from "../event/event.type";
import { Expert } from "../expert/expert.type";
import { Organization } from "../organization/organization.type";
import { Quote } from "../quote/quote.type";
import { Highlight } from "./highlight.type";

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
}
