import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { relatedArticles } from "../article/article.service";
import { selectedNodeFields } from "../common/selection";
import { ArticleConnection } from "../article/article.type";
import { ConnectionArgs } from "../common/connection-args";
import { expectGlobalId } from "../common/global-id";
import { Speaker } from "../common/graphql-types";
import type { Context } from "../context";
import { Place } from "../place/place.type";
import { EventTimelineArgs, EventsArgs } from "./event.inputs";
import { EventService } from "./event.service";
import { Event, EventConnection, type EventRow, TimelineBucket } from "./event.type";

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true })
  event(@Ctx() ctx: Context, @Arg("id", () => ID) id: string) {
    return ctx.loaders.get("eventById").load(expectGlobalId(id, ["Event"], "id").id);
  }

  @Query(() => EventConnection, { description: "Events, by date unless ordered otherwise." })
  events(@Ctx() ctx: Context, @Args() { filter, orderBy, ...page }: EventsArgs) {
    return EventService.list(ctx, filter, orderBy, page);
  }

  @Query(() => [TimelineBucket], { description: "Events by day, week or month of their start, with how many there are and how widely they were covered." })
  eventTimeline(@Ctx() ctx: Context, @Args() args: EventTimelineArgs) {
    return EventService.timeline(ctx, args);
  }

  @FieldResolver(() => [String], { description: "Every title the event is reported under: its own first, then the other titles articles gave it, in the order they were published." })
  titles(@Root() e: EventRow & { titles?: string[] }, @Ctx() ctx: Context) {
    return e.titles ?? ctx.loaders.get("titlesByEvent").load(e.dbId);
  }

  @FieldResolver(() => [Place])
  places(@Root() e: EventRow & { places?: unknown[] }, @Ctx() ctx: Context) {
    return e.places ?? ctx.loaders.get("placesByEvent").load(e.dbId);
  }

  @FieldResolver(() => [Speaker], { description: "People (Experts) and Organizations taking part." })
  async participants(@Root() e: EventRow & { participants?: unknown[] }, @Ctx() ctx: Context) {
    if (e.participants) return e.participants;
    const [people, organizations] = await Promise.all([
      ctx.loaders.get("expertsByEvent").load(e.dbId),
      ctx.loaders.get("organizationsByEvent").load(e.dbId),
    ]);
    return [...people, ...organizations];
  }

  @FieldResolver(() => ArticleConnection, { description: "Articles reporting the event, newest first; totalCount is its coverage (what COVERAGE orders by)." })
  articles(@Root() e: EventRow, @Ctx() ctx: Context, @Args() page: ConnectionArgs, @Info() info: GraphQLResolveInfo) {
    return relatedArticles(ctx, "event", e.dbId, page, selectedNodeFields(info));
  }
}
