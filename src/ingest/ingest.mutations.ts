import type { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, Field, Info, Mutation, ObjectType, Resolver } from "type-graphql";
import { Role } from "../auth/api-key.entity";
import { Article, type ArticleRow } from "../article/article.type";
import { WriteStatus } from "../article/article.writes";
import type { Context } from "../context";
import { IngestArticleInput } from "./ingest.inputs";
import { IngestService } from "./ingest.service";

@ObjectType({ description: "Something the extractor found but could not store." })
export class OmittedItem {
  @Field({ description: '"quote" or "event".' })
  kind!: string;

  @Field({ description: "The quote's words, or the event's title." })
  text!: string;

  @Field()
  reason!: string;
}

@ObjectType()
export class IngestArticlePayload {
  @Field(() => Article, { description: "The article as stored: its quotes (with speakers, channels, offsets and confidence), people, organizations, places and events." })
  article!: ArticleRow;

  @Field(() => WriteStatus)
  status!: WriteStatus;

  @Field(() => [OmittedItem])
  omitted!: OmittedItem[];

  @Field(() => [String], { description: "What the parser noticed: a publication date inferred from the text, no headline found..." })
  warnings!: string[];
}

@Resolver()
export class IngestMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => IngestArticlePayload, {
    description:
      "Turns a raw article (text or HTML) into its structure — quotes with speakers and channels, people with titles and affiliations, " +
      "organizations, places, events with dates — and upserts it by canonical url, in one transaction. The same article twice changes nothing.",
  })
  async ingestArticle(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Arg("input", () => IngestArticleInput) input: IngestArticleInput): Promise<IngestArticlePayload> {
    return IngestService.ingest(ctx, info.schema, input, input.html != null ? "html" : "text");
  }
}
