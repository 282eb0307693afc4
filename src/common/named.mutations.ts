import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Resolver } from "type-graphql";
import { Role } from "../auth/api-key.entity";
import type { Context } from "../context";
import { WriteStatus } from "../article/article.writes";
import { OrganizationInput } from "../organization/organization-write.inputs";
import { Organization, type OrganizationRow } from "../organization/organization.type";
import { OrganizationWrites } from "../organization/organization.writes";
import { PlaceInput } from "../place/place-write.inputs";
import { Place, type PlaceRow } from "../place/place.type";
import { PlaceWrites } from "../place/place.writes";
import { TopicInput } from "../topic/topic-write.inputs";
import { Topic, type TopicRow } from "../topic/topic.type";
import { TopicWrites } from "../topic/topic.writes";

@ObjectType()
export class OrganizationPayload {
  @Field(() => Organization)
  organization!: OrganizationRow;

  @Field(() => WriteStatus)
  status!: WriteStatus;
}

@ObjectType()
export class PlacePayload {
  @Field(() => Place)
  place!: PlaceRow;

  @Field(() => WriteStatus)
  status!: WriteStatus;
}

@ObjectType()
export class TopicPayload {
  @Field(() => Topic)
  topic!: TopicRow;

  @Field(() => WriteStatus)
  status!: WriteStatus;
}

/** Upserts of the named things articles refer to: organizations, places, topics. */
@Resolver()
export class NamedMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => OrganizationPayload, { description: "Finds the organization by slug, or by name or alias, and sets what is given; creates it when new." })
  async upsertOrganization(@Ctx() ctx: Context, @Arg("input", () => OrganizationInput) input: OrganizationInput): Promise<OrganizationPayload> {
    const { row, created, changed } = await OrganizationWrites.upsert(ctx, input);
    return { organization: row, status: created ? WriteStatus.CREATED : changed ? WriteStatus.UPDATED : WriteStatus.UNCHANGED };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => PlacePayload, { description: "Finds the place by slug, or by name, and sets what is given; creates it when new." })
  async upsertPlace(@Ctx() ctx: Context, @Arg("input", () => PlaceInput) input: PlaceInput): Promise<PlacePayload> {
    const { row, created, changed } = await PlaceWrites.upsert(ctx, input);
    return { place: row, status: created ? WriteStatus.CREATED : changed ? WriteStatus.UPDATED : WriteStatus.UNCHANGED };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => TopicPayload, { description: "Finds the topic by slug, or by name; creates it when new." })
  async upsertTopic(@Ctx() ctx: Context, @Arg("input", () => TopicInput) input: TopicInput): Promise<TopicPayload> {
    const { row, created, changed } = await TopicWrites.upsert(ctx, input);
    return { topic: row, status: created ? WriteStatus.CREATED : changed ? WriteStatus.UPDATED : WriteStatus.UNCHANGED };
  }
}
