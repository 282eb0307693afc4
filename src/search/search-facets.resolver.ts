import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { FacetService } from "../facet/facet.service";
import {
  ExpertFacetBucket,
  FacetArgs,
  KeyFacetBucket,
  OrganizationFacetBucket,
  PeriodFacetArgs,
  PeriodFacetBucket,
  PlaceFacetBucket,
  TopicFacetBucket,
} from "../facet/facet.type";
import { SearchFacets, type SearchFacetsRoot } from "./search.type";

const ARTICLES_AND_QUOTES = "the articles' and the quotes' buckets of the connections' field of the same name, added up.";

/** `search`'s facets: the article connection's bucket types, over the article and quote results; every selected facet in one statement. */
@Resolver(() => SearchFacets)
export class SearchFacetsResolver {
  @FieldResolver(() => [TopicFacetBucket], { description: `Topics: ${ARTICLES_AND_QUOTES}` })
  topics(@Root() s: SearchFacetsRoot, @Ctx() ctx: Context, @Args() { first }: FacetArgs) {
    return FacetService.combinedBuckets(ctx, s.source, "topics", first);
  }

  @FieldResolver(() => [ExpertFacetBucket], { description: `People named or quoted by the articles, the quotes' speakers: ${ARTICLES_AND_QUOTES}` })
  experts(@Root() s: SearchFacetsRoot, @Ctx() ctx: Context, @Args() { first }: FacetArgs) {
    return FacetService.combinedBuckets(ctx, s.source, "experts", first);
  }

  @FieldResolver(() => [OrganizationFacetBucket], { description: `Organizations: ${ARTICLES_AND_QUOTES}` })
  organizations(@Root() s: SearchFacetsRoot, @Ctx() ctx: Context, @Args() { first }: FacetArgs) {
    return FacetService.combinedBuckets(ctx, s.source, "organizations", first);
  }

  @FieldResolver(() => [PlaceFacetBucket], { description: `Places: ${ARTICLES_AND_QUOTES}` })
  places(@Root() s: SearchFacetsRoot, @Ctx() ctx: Context, @Args() { first }: FacetArgs) {
    return FacetService.combinedBuckets(ctx, s.source, "places", first);
  }

  @FieldResolver(() => [OrganizationFacetBucket], { description: `Publishers (node null for none): ${ARTICLES_AND_QUOTES}` })
  publishers(@Root() s: SearchFacetsRoot, @Ctx() ctx: Context, @Args() { first }: FacetArgs) {
    return FacetService.combinedBuckets(ctx, s.source, "publishers", first);
  }

  @FieldResolver(() => [KeyFacetBucket], { description: `Main sections (key null for none): ${ARTICLES_AND_QUOTES}` })
  sections(@Root() s: SearchFacetsRoot, @Ctx() ctx: Context, @Args() { first }: FacetArgs) {
    return FacetService.combinedBuckets(ctx, s.source, "sections", first);
  }

  @FieldResolver(() => [KeyFacetBucket], { description: `Language tags: ${ARTICLES_AND_QUOTES}` })
  languages(@Root() s: SearchFacetsRoot, @Ctx() ctx: Context, @Args() { first }: FacetArgs) {
    return FacetService.combinedBuckets(ctx, s.source, "languages", first);
  }

  @FieldResolver(() => [PeriodFacetBucket], { description: `Days (UTC) an article was published or a quote said: ${ARTICLES_AND_QUOTES}` })
  byDay(@Root() s: SearchFacetsRoot, @Ctx() ctx: Context, @Args() { first }: PeriodFacetArgs) {
    return FacetService.combinedBuckets(ctx, s.source, "byDay", first);
  }

  @FieldResolver(() => [PeriodFacetBucket], { description: "ISO weeks (from Monday), of the same day as `byDay`." })
  byWeek(@Root() s: SearchFacetsRoot, @Ctx() ctx: Context, @Args() { first }: PeriodFacetArgs) {
    return FacetService.combinedBuckets(ctx, s.source, "byWeek", first);
  }

  @FieldResolver(() => [PeriodFacetBucket], { description: "Calendar months, of the same day as `byDay`." })
  byMonth(@Root() s: SearchFacetsRoot, @Ctx() ctx: Context, @Args() { first }: PeriodFacetArgs) {
    return FacetService.combinedBuckets(ctx, s.source, "byMonth", first);
  }
}
