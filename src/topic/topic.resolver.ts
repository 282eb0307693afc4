import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { relatedArticles } from "../article/article.service";
import { selectedNodeFields } from "../common/selection";
import { ArticleConnection } from "../article/article.type";
import { ConnectionArgs } from "../common/connection-args";
import { searchTerm } from "../common/search";
import { type Ordering, pageRequest, paginate } from "../common/pagination";
import { SqlParams } from "../common/sql";
import { findByIdOrSlug } from "../common/refs";
import type { Context } from "../context";
import { TOPIC_COLUMNS, toTopic } from "./topic.loaders";
import { Topic, TopicConnection, type TopicRow } from "./topic.type";

@ArgsType()
export class TopicsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: "Part of the name, any case." })
  search?: string | null;
}

const BY_NAME: Ordering = { name: "topic:name", direction: "ASC", keys: [{ expr: "t.name", type: "text" }, { expr: "t.id", type: "uuid" }] };

@Resolver(() => Topic)
export class TopicResolver {
  @Query(() => Topic, { nullable: true, description: "One topic by id or slug (exactly one)." })
  topic(@Ctx() ctx: Context, @Arg("id", () => ID, { nullable: true }) id?: string, @Arg("slug", () => String, { nullable: true }) slug?: string) {
    return findByIdOrSlug(ctx, { id, slug }, { type: "Topic", loader: "topicById", from: "topic", alias: "t", columns: TOPIC_COLUMNS, map: toTopic });
  }

  @Query(() => TopicConnection, { description: "Topics, by name." })
  topics(@Ctx() ctx: Context, @Args() { search, ...page }: TopicsArgs) {
    const p = new SqlParams();
    const where: string[] = [];
    if (search != null) {
      const term = searchTerm(search, "search", 200);
      where.push(`t.name ILIKE ${p.add(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    }
    return paginate(ctx.db, { select: TOPIC_COLUMNS, from: "topic t", where, params: p }, BY_NAME, pageRequest(page, BY_NAME, ctx.config.limits), toTopic);
  }

  @FieldResolver(() => ArticleConnection, { description: "Articles on the topic, newest first." })
  articles(@Root() t: TopicRow, @Ctx() ctx: Context, @Args() page: ConnectionArgs, @Info() info: GraphQLResolveInfo) {
    return relatedArticles(ctx, "topic", t.dbId, page, selectedNodeFields(info));
  }
}
