import { MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { IsSlug, NotBlank, exactlyOne } from "../common/input-rules";
import type { FieldError, SelfChecking } from "../common/validation";

@InputType({ description: "A topic: an existing one by `id` (global id or slug), or by `name`, created when new." })
export class TopicRefInput implements SelfChecking {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true })
  @NotBlank()
  @MaxLength(200)
  name?: string | null;

  check(): FieldError[] {
    return exactlyOne(this, ["id", "name"]);
  }
}

@InputType({ description: "upsertTopic: found by slug when given, else by name; created when new." })
export class TopicInput {
  @Field(() => String, { nullable: true, description: "Derived from the name when absent." })
  @IsSlug()
  @MaxLength(120)
  slug?: string | null;

  @Field()
  @NotBlank()
  @MaxLength(200)
  name!: string;
}
