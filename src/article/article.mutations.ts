import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver, registerEnumType } from "type-graphql";
import { Min } from "class-validator";
import { Role } from "../auth/api-key.entity";
import type { Context } from "../context";
import { ArticleInput, ArticlePatch } from "./article-write.inputs";
import { Article, type ArticleRow } from "./article.type";
import { ArticleWrites, MAX_UPSERT_BATCH, WriteStatus } from "./article.writes";
import { EventWrites } from "../event/event.writes";
import { Event, type EventRow } from "../event/event.type";

registerEnumType(WriteStatus, {
  name: "WriteStatus",
  description: "What a write did.",
  valuesConfig: { UNCHANGED: { description: "The input matched what was stored; nothing was written." } },
});

@ObjectType()
export class ArticlePayload {
  @Field(() => Article)
  article!: ArticleRow;

  @Field(() => WriteStatus)
  status!: WriteStatus;
}

@ObjectType()
export class DeleteArticlePayload {
  @Field(() => ID)
  deletedId!: string;

  @Field(() => Article, { description: "The article as it was; its quotes and links are gone." })
  article!: ArticleRow;

  @Field(() => [ID], { description: "People, organizations, places, topics and events nothing referred to any more, deleted with it." })
  prunedIds!: string[];
}

@ObjectType()
export class ArticleEventPayload {
  @Field(() => Article)
  article!: ArticleRow;

  @Field(() => Event)
  event!: EventRow;
}

@ObjectType("FieldError", { description: "One invalid field: its path from the input, what is wrong, and the rule." })
export class FieldErrorType {
  @Field()
  field!: string;

  @Field()
  message!: string;

  @Field(() => String, { nullable: true })
  constraint?: string | null;
}

@ObjectType({ description: "Why one input of a bulk write was not written: the code and message the mutation alone would have failed with." })
export class WriteError {
  @Field({ description: "BAD_USER_INPUT, CONFLICT, ..." })
  code!: string;

  @Field()
  message!: string;

  @Field(() => [FieldErrorType], { nullable: true, description: "For BAD_USER_INPUT: every invalid field, paths relative to the input (`quotes[2].speaker.id`)." })
  fields?: FieldErrorType[] | null;
}

@ObjectType({ description: "What happened to one input of upsertArticles: `status` and `article`, or `error`." })
export class UpsertArticleResult {
  @Field(() => Int, { description: "Position of the input in `inputs`." })
  index!: number;

  @Field(() => WriteStatus, { nullable: true })
  status?: WriteStatus | null;

  @Field(() => Article, { nullable: true })
  article?: ArticleRow | null;

  @Field(() => WriteError, { nullable: true })
  error?: WriteError | null;
}

@ObjectType()
export class UpsertArticlesPayload {
  @Field(() => [UpsertArticleResult], { description: "One per input, in order." })
  results!: UpsertArticleResult[];
}

@ArgsType()
export class UpdateArticleArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => ArticlePatch)
  input!: ArticlePatch;

  @Field(() => Int, { description: "The version read; CONFLICT when the article has changed since." })
  @Min(1)
  expectedVersion!: number;
}

@ArgsType()
export class ArticleEventArgs {
  @Field(() => ID, { description: "Article id or slug." })
  article!: string;

  @Field(() => ID, { description: "Event id." })
  event!: string;
}

@Resolver()
export class ArticleMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => ArticlePayload, { description: "A new article and everything in it, in one transaction. CONFLICT when the url or slug is taken." })
  async createArticle(@Ctx() ctx: Context, @Arg("input", () => ArticleInput) input: ArticleInput): Promise<ArticlePayload> {
    return ArticleWrites.create(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ArticlePayload, {
    description:
      "Creates or updates the article with this canonical url, making it exactly what the input says (lists left out become empty; " +
      "updateArticle changes only what it is given). The same input twice changes nothing: status UNCHANGED, the same ids.",
  })
  async upsertArticle(@Ctx() ctx: Context, @Arg("input", () => ArticleInput) input: ArticleInput): Promise<ArticlePayload> {
    return ArticleWrites.upsert(ctx, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => UpsertArticlesPayload, {
    description:
      `upsertArticle for many articles (at most ${MAX_UPSERT_BATCH}), written together in one transaction: for bulk clients and imports. ` +
      "Each input is checked and reported on its own: an invalid one, or one whose reference is unknown, gets its error and the others are written. " +
      "An input repeating the url of an earlier one in the same call is CONFLICT.",
  })
  async upsertArticles(
    @Ctx() ctx: Context,
    // Checked one by one in the service, so one bad input does not refuse the rest.
    @Arg("inputs", () => [ArticleInput], { validateFn: () => undefined }) inputs: ArticleInput[],
  ): Promise<UpsertArticlesPayload> {
    const results = await ArticleWrites.upsertEach(ctx, inputs);
    return { results: results.map((r) => ({ ...r, error: r.error && { code: String(r.error.extensions.code), message: r.error.message, fields: r.error.extensions.fields as FieldErrorType[] | undefined } })) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ArticlePayload, { description: "Changes the fields given. CONFLICT when expectedVersion is not the current version." })
  async updateArticle(@Ctx() ctx: Context, @Args() { id, input, expectedVersion }: UpdateArticleArgs): Promise<ArticlePayload> {
    return ArticleWrites.update(ctx, id, input, expectedVersion);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => DeleteArticlePayload, { description: "Deletes an article, its images, quotes and links." })
  async deleteArticle(
    @Ctx() ctx: Context,
    @Arg("id", () => ID) id: string,
    @Arg("keepOrphans", () => Boolean, { defaultValue: false, description: "Keep people, organizations, places, topics and events nothing else refers to." }) keepOrphans: boolean,
  ): Promise<DeleteArticlePayload> {
    const { article, prunedIds } = await ArticleWrites.delete(ctx, id, keepOrphans);
    return { deletedId: article.id, article, prunedIds };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ArticleEventPayload, { description: "Records that an article reports an event; linking twice changes nothing." })
  async linkArticleEvent(@Ctx() ctx: Context, @Args() { article, event }: ArticleEventArgs): Promise<ArticleEventPayload> {
    return ArticleMutations.linked(ctx, await EventWrites.link(ctx, article, event, true));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ArticleEventPayload, { description: "Removes the link between an article and an event; the event stays." })
  async unlinkArticleEvent(@Ctx() ctx: Context, @Args() { article, event }: ArticleEventArgs): Promise<ArticleEventPayload> {
    return ArticleMutations.linked(ctx, await EventWrites.link(ctx, article, event, false));
  }

  private static async linked(ctx: Context, ids: { articleId: string; eventId: string }): Promise<ArticleEventPayload> {
    const [article, event] = await Promise.all([ctx.loaders.get("articleById").load(ids.articleId), ctx.loaders.get("eventById").load(ids.eventId)]);
    return { article: article!, event: event! };
  }
}
