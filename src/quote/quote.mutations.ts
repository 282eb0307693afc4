import { Min } from "class-validator";
import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { Role } from "../auth/api-key.entity";
import type { Context } from "../context";
import { CreateQuoteInput, QuotePatch } from "./quote-write.inputs";
import { Quote, type QuoteRow } from "./quote.type";
import { QuoteWrites } from "./quote.writes";

@ObjectType()
export class QuotePayload {
  @Field(() => Quote)
  quote!: QuoteRow;
}

@ObjectType()
export class DeleteQuotePayload {
  @Field(() => ID)
  deletedId!: string;

  @Field(() => Quote, { description: "The quote as it was." })
  quote!: QuoteRow;
}

@ArgsType()
export class UpdateQuoteArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => QuotePatch)
  input!: QuotePatch;

  @Field(() => Int)
  @Min(1)
  expectedVersion!: number;
}

@Resolver()
export class QuoteMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => QuotePayload, { description: "Adds a quote to an article; the speaker is resolved like in createArticle." })
  async createQuote(@Ctx() ctx: Context, @Arg("input", () => CreateQuoteInput) input: CreateQuoteInput): Promise<QuotePayload> {
    return { quote: await QuoteWrites.create(ctx, input) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => QuotePayload)
  async updateQuote(@Ctx() ctx: Context, @Args() { id, input, expectedVersion }: UpdateQuoteArgs): Promise<QuotePayload> {
    return { quote: await QuoteWrites.update(ctx, id, input, expectedVersion) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => DeleteQuotePayload)
  async deleteQuote(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<DeleteQuotePayload> {
    const quote = await QuoteWrites.delete(ctx, id);
    return { deletedId: quote.id, quote };
  }
}
