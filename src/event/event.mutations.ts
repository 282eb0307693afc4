import { ArrayMaxSize, ArrayNotEmpty, MaxLength, Min } from "class-validator";
import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { Role } from "../auth/api-key.entity";
import type { Context } from "../context";
import { EventInput, EventPatch } from "./event-write.inputs";
import { Event, type EventRow } from "./event.type";
import { EventWrites } from "./event.writes";

@ObjectType()
export class EventPayload {
  @Field(() => Event)
  event!: EventRow;
}

@ObjectType()
export class DeleteEventPayload {
  @Field(() => ID)
  deletedId!: string;

  @Field(() => Event, { description: "The event as it was." })
  event!: EventRow;
}

@ArgsType()
export class UpdateEventArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => EventPatch)
  input!: EventPatch;

  @Field(() => Int)
  @Min(1)
  expectedVersion!: number;
}

@ObjectType()
export class MergeEventsPayload {
  @Field(() => Event, { description: "The event merged into, with the articles, titles, places and participants moved to it." })
  event!: EventRow;

  @Field(() => [ID], { description: "The events merged and deleted." })
  mergedIds!: string[];
}

@ArgsType()
export class MergeEventsArgs {
  @Field(() => ID, { description: "The event that stays." })
  into!: string;

  @Field(() => [ID], { description: "Events that are the same happening, to fold into it (at most 100)." })
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  from!: string[];
}

@ObjectType()
export class SplitEventPayload {
  @Field(() => Event, { description: "The event split, with the articles that stayed." })
  event!: EventRow;

  @Field(() => Event, { description: "The new event, with the articles moved." })
  newEvent!: EventRow;
}

@ArgsType()
export class SplitEventArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => [ID], { description: "Articles (ids or slugs) reporting the event whose links move to the new event; at least one must stay." })
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  articles!: string[];

  @Field(() => String, { nullable: true, description: "The new event's title; default the title the first of those articles gave the event." })
  @MaxLength(500)
  title?: string | null;
}

@Resolver()
export class EventMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => EventPayload)
  async createEvent(@Ctx() ctx: Context, @Arg("input", () => EventInput) input: EventInput): Promise<EventPayload> {
    return { event: await EventWrites.create(ctx, input) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => EventPayload)
  async updateEvent(@Ctx() ctx: Context, @Args() { id, input, expectedVersion }: UpdateEventArgs): Promise<EventPayload> {
    return { event: await EventWrites.update(ctx, id, input, expectedVersion) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => DeleteEventPayload, { description: "Deletes an event and its links; the articles, people and places stay." })
  async deleteEvent(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<DeleteEventPayload> {
    const event = await EventWrites.delete(ctx, id);
    return { deletedId: event.id, event };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => MergeEventsPayload, { description: "Moves the article links (with their titles), places and participants of `from` to `into` and deletes them; one transaction." })
  async mergeEvents(@Ctx() ctx: Context, @Args() { into, from }: MergeEventsArgs): Promise<MergeEventsPayload> {
    return EventWrites.merge(ctx, into, from);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => SplitEventPayload, { description: "Moves the links of `articles` to a new event copied from this one (kind, dates, places, participants); one transaction." })
  async splitEvent(@Ctx() ctx: Context, @Args() { id, articles, title }: SplitEventArgs): Promise<SplitEventPayload> {
    return EventWrites.split(ctx, id, articles, title);
  }
}
