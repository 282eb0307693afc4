import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { Article, type ArticleRow } from "../article/article.type";
import type { Context } from "../context";
import { Quote, type QuoteRow } from "../quote/quote.type";
import { SubscriptionService } from "./subscription.service";

type Subscribe<Args = Record<string, never>> = SubscribeResolverData<unknown, Args, Context>;

/**
 * Live updates over graphql-ws. Each subscription listens on the pub/sub of its own connection's
 * context (never a process-wide one), and each event arrives here already read from the database.
 */
@Resolver()
export class SubscriptionResolver {
  @Subscription(() => Article, {
    description: "Each article as it is published (written by a mutation on any server instance).",
    subscribe: ({ context }: Subscribe) => SubscriptionService.articlesPublished(context),
  })
  articlePublished(@Root() article: ArticleRow): ArticleRow {
    return article;
  }

  @Subscription(() => Quote, {
    description: "Each quote as it is added; only the quotes of `speaker` when given.",
    subscribe: ({ args, context }: Subscribe<{ speaker?: string | null }>) => SubscriptionService.quotesAdded(context, args.speaker),
  })
  quoteAdded(
    @Root() quote: QuoteRow,
    @Arg("speaker", () => ID, { nullable: true, description: "An Expert or Organization: its id or its slug." }) _speaker?: string | null,
  ): QuoteRow {
    return quote;
  }
}
