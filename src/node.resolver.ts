import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "./context";
import { badUserInput } from "./common/errors";
import { type NodeType, parseGlobalId } from "./common/global-id";
import { Node } from "./common/graphql-types";

/** The by-id loader of each node type. */
export const LOADER_BY_TYPE = {
  Article: "articleById",
  ArticleImage: "articleImageById",
  Quote: "quoteById",
  Expert: "expertById",
  Organization: "organizationById",
  Place: "placeById",
  Topic: "topicById",
  Event: "eventById",
  AnonymousSource: "anonymousSourceById",
} as const satisfies Record<NodeType, string>;

/** A node row by type and database key, through the request's loaders. */
export function loadNodeRow(ctx: Context, type: NodeType, dbId: string): Promise<unknown> {
  return ctx.loaders.get(LOADER_BY_TYPE[type]).load(dbId);
}

function loadNode(ctx: Context, id: string, argument: string): Promise<unknown> {
  const parsed = parseGlobalId(id);
  if (!parsed) throw badUserInput(`Argument "${argument}" is not a valid id: "${id}"`, argument);
  return ctx.loaders.get(LOADER_BY_TYPE[parsed.type]).load(parsed.id);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global id; null when it does not exist." })
  node(@Ctx() ctx: Context, @Arg("id", () => ID) id: string) {
    return loadNode(ctx, id, "id");
  }

  @Query(() => [Node], { nullable: "items", description: "Many objects by global id, in the order asked; null where one does not exist (at most 100)." })
  nodes(@Ctx() ctx: Context, @Arg("ids", () => [ID]) ids: string[]) {
    if (ids.length > ctx.config.limits.maxPageSize) {
      throw badUserInput(`Argument "ids" must have at most ${ctx.config.limits.maxPageSize} items`, "ids", { limit: ctx.config.limits.maxPageSize });
    }
    return Promise.all(ids.map((id) => loadNode(ctx, id, "ids")));
  }
}
