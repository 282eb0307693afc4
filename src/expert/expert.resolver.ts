import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { relatedArticles } from "../article/article.service";
import { selectedNodeFields } from "../common/selection";
import { ArticleConnection } from "../article/article.type";
import { ConnectionArgs } from "../common/connection-args";
import type { Context } from "../context";
import { relatedEvents } from "../event/event.service";
import { EventConnection } from "../event/event.type";
import { Organization, type OrganizationRow } from "../organization/organization.type";
import { QuoteConnectionArgs } from "../quote/quote.inputs";
import { QuoteService } from "../quote/quote.service";
import { QuoteConnection } from "../quote/quote.type";
import { CoQuotedExpert, ExpertChannel, ExpertTopic } from "./expert-stats.type";
import { ExpertListArgs, ExpertLookupArgs, ExpertsArgs } from "./expert.inputs";
import { ExpertService } from "./expert.service";
import { Expert, ExpertConnection, type ExpertRow } from "./expert.type";

@Resolver(() => Expert)
export class ExpertResolver {
  @Query(() => Expert, { nullable: true, description: "One expert by id or slug (exactly one)." })
  expert(@Ctx() ctx: Context, @Args() args: ExpertLookupArgs) {
    return ExpertService.findOne(ctx, args);
  }

  @Query(() => ExpertConnection, { description: "People, by name unless searching." })
  experts(@Ctx() ctx: Context, @Args() { filter, orderBy, ...page }: ExpertsArgs) {
    return ExpertService.list(ctx, filter, orderBy, page);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "Affiliation." })
  organization(@Root() x: ExpertRow & { organization?: OrganizationRow | null }, @Ctx() ctx: Context) {
    if (x.organization !== undefined) return x.organization;
    return x.organizationId ? ctx.loaders.get("organizationById").load(x.organizationId) : null;
  }

  @FieldResolver(() => QuoteConnection, { description: "What the person said, most recent first." })
  quotes(@Root() x: ExpertRow, @Ctx() ctx: Context, @Args() { orderBy, ...page }: QuoteConnectionArgs) {
    return QuoteService.bySpeaker(ctx, "expert", x.dbId, orderBy, page);
  }

  @FieldResolver(() => ArticleConnection, { description: "Articles that name or quote the person, newest first." })
  articles(@Root() x: ExpertRow, @Ctx() ctx: Context, @Args() page: ConnectionArgs, @Info() info: GraphQLResolveInfo) {
    return relatedArticles(ctx, "expert", x.dbId, page, selectedNodeFields(info));
  }

  @FieldResolver(() => [ExpertTopic], { description: "Topics of the articles quoting the person, most articles first (then by name)." })
  topics(@Root() x: ExpertRow, @Ctx() ctx: Context, @Args() { first }: ExpertListArgs) {
    return ExpertService.topics(ctx, x.dbId, first);
  }

  @FieldResolver(() => [ExpertChannel], { description: "How the person is usually reached: their quotes' channels, most quotes first (then by channel)." })
  channels(@Root() x: ExpertRow, @Ctx() ctx: Context, @Args() { first }: ExpertListArgs) {
    return ExpertService.channels(ctx, x.dbId, first);
  }

  @FieldResolver(() => [CoQuotedExpert], { description: "People quoted in the same articles, most shared articles first (then by name)." })
  coQuoted(@Root() x: ExpertRow, @Ctx() ctx: Context, @Args() { first }: ExpertListArgs) {
    return ExpertService.coQuoted(ctx, x.dbId, first);
  }

  @FieldResolver(() => EventConnection, { description: "Events the person takes part in, by date." })
  events(@Root() x: ExpertRow, @Ctx() ctx: Context, @Args() page: ConnectionArgs) {
    return relatedEvents(ctx, "expert", x.dbId, page);
  }
}
