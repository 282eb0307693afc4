import { Min } from "class-validator";
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
}
