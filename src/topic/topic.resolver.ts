import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { relatedArticles } from "../article/article.service";
import { ArticleConnection } from "../article/article.type";
import { ConnectionArgs } from "../common/connection-args";
import { badUserInput } from "../common/errors";
import { expectGlobalId } from "../common/global-id";
import { type Ordering, pageRequest, paginate } from "../common/pagination";
import { SqlParams } from "../common/sql";
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
  async topic(@Ctx() ctx: Context, @Arg("id", () => ID, { nullable: true }) id?: string, @Arg("slug", () => String, { nullable: true }) slug?: string) {
    if ((id == null) === (slug == null)) throw badUserInput("Pass exactly one of id or slug", "id");
    if (id != null) return ctx.loaders.get("topicById").load(expectGlobalId(id, ["Topic"], "id").id);
    const rows = await ctx.db.query(`SELECT ${TOPIC_COLUMNS} FROM topic t WHERE t.slug = $1`, [slug]);
    return rows.length ? toTopic(rows[0]) : null;
  }

  @Query(() => TopicConnection, { description: "Topics, by name." })
  topics(@Ctx() ctx: Context, @Args() { search, ...page }: TopicsArgs) {
    const p = new SqlParams();
    const where: string[] = [];
    if (search != null) {
      if (!search.trim()) throw badUserInput('Argument "search" must not be empty', "search");
      where.push(`t.name ILIKE ${p.add(`%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    }
    return paginate(ctx.db, { select: TOPIC_COLUMNS, from: "topic t", where, params: p }, BY_NAME, pageRequest(page, BY_NAME, ctx.config.limits), toTopic);
  }

  @FieldResolver(() => ArticleConnection, { description: "Articles on the topic, newest first." })
  articles(@Root() t: TopicRow, @Ctx() ctx: Context, @Args() page: ConnectionArgs) {
    return relatedArticles(ctx, "topic", t.dbId, page);
  }
}
