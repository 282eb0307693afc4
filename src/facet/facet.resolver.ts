import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import type { FacetSource } from "./facet";
import { FacetService } from "./facet.service";
import {
  ExpertFacetBucket,
  FacetArgs,
  Facets,
  KeyFacetBucket,
  OrganizationFacetBucket,
  PeriodFacetArgs,
  PeriodFacetBucket,
  PlaceFacetBucket,
  TopicFacetBucket,
} from "./facet.type";

@Resolver(() => Facets)
export class FacetResolver {
  @FieldResolver(() => [TopicFacetBucket], { description: "Topics: of the articles; of the quotes' articles; of the articles reporting the events. Multi-valued." })
  topics(@Root() s: FacetSource, @Ctx() ctx: Context, @Args() { first }: FacetArgs) {
    return FacetService.buckets(ctx, s, "topics", first);
  }

  @FieldResolver(() => [ExpertFacetBucket], {
    description: "People: whom the articles name or quote (as `filter.expert` matches); the quotes' speakers; the events' participants. Multi-valued (a quote has at most one).",
  })
  experts(@Root() s: FacetSource, @Ctx() ctx: Context, @Args() { first }: FacetArgs) {
    return FacetService.buckets(ctx, s, "experts", first);
  }

  @FieldResolver(() => [OrganizationFacetBucket], {
    description:
      "Organizations: that the articles name, quote or are published by (as `filter.organization` matches); of the quotes (their own words, " +
      "their members', anonymous sources' affiliation, as `quotes(filter: { organization })`); taking part in the events. Multi-valued.",
  })
  organizations(@Root() s: FacetSource, @Ctx() ctx: Context, @Args() { first }: FacetArgs) {
    return FacetService.buckets(ctx, s, "organizations", first);
  }

  @FieldResolver(() => [PlaceFacetBucket], { description: "Places: the articles name; of the quotes' articles; of the events. Multi-valued." })
  places(@Root() s: FacetSource, @Ctx() ctx: Context, @Args() { first }: FacetArgs) {
    return FacetService.buckets(ctx, s, "places", first);
  }

  @FieldResolver(() => [OrganizationFacetBucket], {
    description: "Publishers: of the articles, of the quotes' articles (single-valued; node null for none); of the articles reporting the events (multi-valued).",
  })
  publishers(@Root() s: FacetSource, @Ctx() ctx: Context, @Args() { first }: FacetArgs) {
    return FacetService.buckets(ctx, s, "publishers", first);
  }

  @FieldResolver(() => [KeyFacetBucket], {
    description: "Sections, by an article's first (main) section: of the articles, of the quotes' articles (single-valued; key null for none); of the articles reporting the events (multi-valued).",
  })
  sections(@Root() s: FacetSource, @Ctx() ctx: Context, @Args() { first }: FacetArgs) {
    return FacetService.buckets(ctx, s, "sections", first);
  }

  @FieldResolver(() => [KeyFacetBucket], { description: "Language tags: of the articles, of the quotes' articles (single-valued); of the articles reporting the events (multi-valued)." })
  languages(@Root() s: FacetSource, @Ctx() ctx: Context, @Args() { first }: FacetArgs) {
    return FacetService.buckets(ctx, s, "languages", first);
  }

  @FieldResolver(() => [PeriodFacetBucket], { description: "Days (UTC): of publication; a quote's day said (or its article's publication day); an event's first day (null: undated)." })
  byDay(@Root() s: FacetSource, @Ctx() ctx: Context, @Args() { first }: PeriodFacetArgs) {
    return FacetService.buckets(ctx, s, "byDay", first);
  }

  @FieldResolver(() => [PeriodFacetBucket], { description: "ISO weeks (from Monday), of the same day as `byDay`." })
  byWeek(@Root() s: FacetSource, @Ctx() ctx: Context, @Args() { first }: PeriodFacetArgs) {
    return FacetService.buckets(ctx, s, "byWeek", first);
  }

  @FieldResolver(() => [PeriodFacetBucket], { description: "Calendar months, of the same day as `byDay`." })
  byMonth(@Root() s: FacetSource, @Ctx() ctx: Context, @Args() { first }: PeriodFacetArgs) {
    return FacetService.buckets(ctx, s, "byMonth", first);
  }
}
