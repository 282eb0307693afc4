import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import { badUserInput } from "../common/errors";
import { selectedNodeFields } from "../common/selection";
import type { Context } from "../context";
import { Event } from "../event/event.type";
import type { EventRow } from "../event/event.type";
import { Expert } from "../expert/expert.type";
import type { ExpertRow } from "../expert/expert.type";
import { Organization } from "../organization/organization.type";
import type { OrganizationRow } from "../organization/organization.type";
import { Place } from "../place/place.type";
import type { PlaceRow } from "../place/place.type";
import { Quote } from "../quote/quote.type";
import type { QuoteRow } from "../quote/quote.type";
import { Topic } from "../topic/topic.type";
import type { TopicRow } from "../topic/topic.type";
import { ArticleLookupArgs, ArticlesArgs } from "./article.inputs";
import { ArticleService } from "./article.service";
import { Node } from "../common/graphql-types";
import { loadNodeRow } from "../node.resolver";
import { Article, ArticleConnection, ArticleImage, type ArticleImageRow, type ArticleRow, Mention, type MentionRow, RelatedArticle } from "./article.type";

/** A parent row may arrive with its relations already loaded (by a planner); then no loader runs. */
type Preloaded<T> = T & {
  publisher?: OrganizationRow | null;
  images?: ArticleImageRow[];
  quotes?: QuoteRow[];
  experts?: ExpertRow[];
  events?: EventRow[];
  topics?: TopicRow[];
  places?: PlaceRow[];
  organizations?: OrganizationRow[];
};

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: "One article by id, slug or canonical URL (exactly one)." })
  article(@Ctx() ctx: Context, @Args() args: ArticleLookupArgs): Promise<ArticleRow | null> {
    return ArticleService.findOne(ctx, args);
  }

  @Query(() => ArticleConnection, { description: "Articles, newest first unless ordered otherwise." })
  articles(@Ctx() ctx: Context, @Args() { filter, orderBy, ...page }: ArticlesArgs, @Info() info: GraphQLResolveInfo) {
    return ArticleService.list(ctx, filter, orderBy, page, selectedNodeFields(info));
  }

  @FieldResolver(() => [RelatedArticle], { description: "Other articles that report the same events, quote the same experts or share topics, best score first (then newest)." })
  related(@Root() a: ArticleRow, @Ctx() ctx: Context, @Arg("first", () => Int, { defaultValue: 10, description: "At most maxPageSize." }) first: number) {
    if (first < 0 || first > ctx.config.limits.maxPageSize) throw badUserInput(`Argument "first" must be between 0 and ${ctx.config.limits.maxPageSize}; got ${first}`, "first");
    return ArticleService.related(ctx, a.dbId, first);
  }

  @FieldResolver(() => Organization, { nullable: true })
  publisher(@Root() a: Preloaded<ArticleRow>, @Ctx() ctx: Context) {
    if (a.publisher !== undefined) return a.publisher;
    return a.publisherId ? ctx.loaders.get("organizationById").load(a.publisherId) : null;
  }

  @FieldResolver(() => [ArticleImage])
  images(@Root() a: Preloaded<ArticleRow>, @Ctx() ctx: Context) {
    return a.images ?? ctx.loaders.get("imagesByArticle").load(a.dbId);
  }

  @FieldResolver(() => [Quote], { description: "In the order they appear." })
  quotes(@Root() a: Preloaded<ArticleRow>, @Ctx() ctx: Context) {
    return a.quotes ?? ctx.loaders.get("quotesByArticle").load(a.dbId);
  }

  @FieldResolver(() => [Expert], { description: "People the article names or quotes." })
  experts(@Root() a: Preloaded<ArticleRow>, @Ctx() ctx: Context) {
    return a.experts ?? ctx.loaders.get("expertsByArticle").load(a.dbId);
  }

  @FieldResolver(() => [Event], { description: "Events the article reports, by date." })
  events(@Root() a: Preloaded<ArticleRow>, @Ctx() ctx: Context) {
    return a.events ?? ctx.loaders.get("eventsByArticle").load(a.dbId);
  }

  @FieldResolver(() => [Topic])
  topics(@Root() a: Preloaded<ArticleRow>, @Ctx() ctx: Context) {
    return a.topics ?? ctx.loaders.get("topicsByArticle").load(a.dbId);
  }

  @FieldResolver(() => [Place], { description: "Places the article names." })
  places(@Root() a: Preloaded<ArticleRow>, @Ctx() ctx: Context) {
    return a.places ?? ctx.loaders.get("placesByArticle").load(a.dbId);
  }

  @FieldResolver(() => [Organization], { description: "Organizations the article names." })
  organizations(@Root() a: Preloaded<ArticleRow>, @Ctx() ctx: Context) {
    return a.organizations ?? ctx.loaders.get("organizationsByArticle").load(a.dbId);
  }

  @FieldResolver(() => [Mention], {
    description: "What the article names, and where: experts, organizations, places and events, in order of startOffset with the unlocated last.",
  })
  mentions(@Root() a: ArticleRow, @Ctx() ctx: Context) {
    return ctx.loaders.get("mentionsByArticle").load(a.dbId);
  }
}

@Resolver(() => Mention)
export class MentionResolver {
  @FieldResolver(() => Node, { description: "An Expert, Organization, Place or Event." })
  node(@Root() m: MentionRow, @Ctx() ctx: Context) {
    return loadNodeRow(ctx, m.nodeType, m.nodeId);
  }
}
