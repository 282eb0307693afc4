import { ArrayMaxSize, ArrayNotEmpty, Min } from "class-validator";
import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { Role } from "../auth/api-key.entity";
import type { Context } from "../context";
import { ExpertInput, ExpertPatch } from "./expert-write.inputs";
import { Expert, type ExpertRow } from "./expert.type";
import { ExpertWrites } from "./expert.writes";

@ObjectType()
export class ExpertPayload {
  @Field(() => Expert)
  expert!: ExpertRow;
}

@ObjectType()
export class MergeExpertsPayload {
  @Field(() => Expert, { description: "The expert merged into, with everything moved to it." })
  expert!: ExpertRow;

  @Field(() => [ID], { description: "The experts merged and deleted." })
  mergedIds!: string[];
}

@ArgsType()
export class UpdateExpertArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => ExpertPatch)
  input!: ExpertPatch;

  @Field(() => Int)
  @Min(1)
  expectedVersion!: number;
}

@ArgsType()
export class MergeExpertsArgs {
  @Field(() => ID, { description: "The expert that stays." })
  into!: string;

  @Field(() => [ID], { description: "Duplicates to fold into it (at most 100)." })
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  from!: string[];
}

@Resolver()
export class ExpertMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => ExpertPayload, { description: "A new person. CONFLICT (with extensions.existingId) when the same name or alias with the same organization exists." })
  async createExpert(@Ctx() ctx: Context, @Arg("input", () => ExpertInput) input: ExpertInput): Promise<ExpertPayload> {
    return { expert: await ExpertWrites.create(ctx, input) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ExpertPayload)
  async updateExpert(@Ctx() ctx: Context, @Args() { id, input, expectedVersion }: UpdateExpertArgs): Promise<ExpertPayload> {
    return { expert: await ExpertWrites.update(ctx, id, input, expectedVersion) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => MergeExpertsPayload, { description: "Moves quotes, mentions and event participations of `from` to `into`, keeps their names as aliases, deletes them; one transaction." })
  async mergeExperts(@Ctx() ctx: Context, @Args() { into, from }: MergeExpertsArgs): Promise<MergeExpertsPayload> {
    return ExpertWrites.merge(ctx, into, from);
  }
}
