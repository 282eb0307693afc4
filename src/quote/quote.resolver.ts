import { Organization } from "../organization/organization.type";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Article } from "../article/article.type";
import type { Context } from "../context";
import { expectGlobalId } from "../common/global-id";
import { Speaker } from "../common/graphql-types";
import { QuotesArgs } from "./quote.inputs";
import { QuoteService } from "./quote.service";
import { AnonymousSource, type AnonymousSourceRow, anonymousSourceOf } from "./anonymous-source.type";
import { Quote, QuoteConnection, type QuoteRow } from "./quote.type";

@Resolver(() => Quote)
export class QuoteResolver {
  @Query(() => Quote, { nullable: true })
  quote(@Ctx() ctx: Context, @Arg("id", () => ID) id: string) {
    return ctx.loaders.get("quoteById").load(expectGlobalId(id, ["Quote"], "id").id);
  }

  @Query(() => QuoteConnection, { description: "Quotes, most recently said first unless ordered otherwise." })
  quotes(@Ctx() ctx: Context, @Args() { filter, orderBy, ...page }: QuotesArgs) {
    return QuoteService.list(ctx, filter, orderBy, page);
  }

  @FieldResolver(() => Article)
  article(@Root() q: QuoteRow & { article?: unknown }, @Ctx() ctx: Context) {
    return q.article ?? ctx.loaders.get("articleById").load(q.articleId);
  }

  @FieldResolver(() => Boolean, { description: "True when the speaker is not named, only described (`speakerDescription`)." })
  anonymous(@Root() q: QuoteRow): boolean {
    return q.speakerDescription != null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The organization an anonymous speaker's description names (\"a State Department official\"); null for named speakers." })
  speakerAffiliation(@Root() q: QuoteRow, @Ctx() ctx: Context) {
    return q.speakerDescriptionOrganizationId ? ctx.loaders.get("organizationById").load(q.speakerDescriptionOrganizationId) : null;
  }

  @FieldResolver(() => Speaker, { description: "An Expert; an Organization when a statement or document is quoted; an AnonymousSource when the article only describes who spoke." })
  speaker(@Root() q: QuoteRow & { speaker?: unknown }, @Ctx() ctx: Context) {
    if (q.speaker) return q.speaker;
    const anonymous = anonymousSourceOf(q);
    if (anonymous) return anonymous;
    return q.speakerExpertId
      ? ctx.loaders.get("expertById").load(q.speakerExpertId)
      : ctx.loaders.get("organizationById").load(q.speakerOrganizationId!);
  }
}

@Resolver(() => AnonymousSource)
export class AnonymousSourceResolver {
  @FieldResolver(() => Organization, { nullable: true, description: "The organization the description names (\"a State Department official\"): where the source works, not who speaks." })
  affiliation(@Root() s: AnonymousSourceRow, @Ctx() ctx: Context) {
    return s.affiliationId ? ctx.loaders.get("organizationById").load(s.affiliationId) : null;
  }

  @FieldResolver(() => Quote, { description: "The quote this source is the speaker of." })
  quote(@Root() s: AnonymousSourceRow, @Ctx() ctx: Context) {
    return ctx.loaders.get("quoteById").load(s.quoteId);
  }
}
