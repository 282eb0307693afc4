import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { relatedArticles } from "../article/article.service";
import { selectedNodeFields } from "../common/selection";
import { ArticleConnection } from "../article/article.type";
import { ConnectionArgs } from "../common/connection-args";
import { findByIdOrSlug } from "../common/refs";
import type { Context } from "../context";
import { relatedEvents } from "../event/event.service";
import { EventConnection } from "../event/event.type";
import { ExpertService } from "../expert/expert.service";
import { ExpertConnection } from "../expert/expert.type";
import { QuoteConnectionArgs } from "../quote/quote.inputs";
import { QuoteService } from "../quote/quote.service";
import { QuoteConnection } from "../quote/quote.type";
import { OrganizationsArgs } from "./organization.inputs";
import { ORGANIZATION_COLUMNS, toOrganization } from "./organization.loaders";
import { OrganizationService } from "./organization.service";
import { Organization, OrganizationConnection, type OrganizationRow } from "./organization.type";

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: "One organization by id or slug (exactly one)." })
  organization(@Ctx() ctx: Context, @Arg("id", () => ID, { nullable: true }) id?: string, @Arg("slug", () => String, { nullable: true }) slug?: string) {
    return findByIdOrSlug(ctx, { id, slug }, { type: "Organization", loader: "organizationById", from: "organization", alias: "o", columns: ORGANIZATION_COLUMNS, map: toOrganization });
  }

  @Query(() => OrganizationConnection, { description: "Organizations, by name unless searching." })
  organizations(@Ctx() ctx: Context, @Args() { filter, ...page }: OrganizationsArgs) {
    return OrganizationService.list(ctx, filter, page);
  }

  @FieldResolver(() => ExpertConnection, { description: "People affiliated with the organization, by name." })
  members(@Root() o: OrganizationRow, @Ctx() ctx: Context, @Args() page: ConnectionArgs) {
    return ExpertService.members(ctx, o.dbId, page);
  }

  @FieldResolver(() => QuoteConnection, { description: "Statements and documents quoted as the organization's own words." })
  quotes(@Root() o: OrganizationRow, @Ctx() ctx: Context, @Args() { orderBy, ...page }: QuoteConnectionArgs) {
    return QuoteService.bySpeaker(ctx, "organization", o.dbId, orderBy, page);
  }

  @FieldResolver(() => ArticleConnection, { description: "Articles that name the organization, newest first." })
  articles(@Root() o: OrganizationRow, @Ctx() ctx: Context, @Args() page: ConnectionArgs, @Info() info: GraphQLResolveInfo) {
    return relatedArticles(ctx, "organization", o.dbId, page, selectedNodeFields(info));
  }

  @FieldResolver(() => EventConnection, { description: "Events the organization takes part in, by date." })
  events(@Root() o: OrganizationRow, @Ctx() ctx: Context, @Args() page: ConnectionArgs) {
    return relatedEvents(ctx, "organization", o.dbId, page);
  }
}
