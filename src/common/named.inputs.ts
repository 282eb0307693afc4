import { MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { IsSlug, NotBlank, exactlyOne } from "./input-rules";
import type { FieldError, SelfChecking } from "./validation";

/** A reference to a named thing: an existing one by `id` (global id or slug), or by `name`. Registered for inheritance only. */
@InputType()
export abstract class NamedRefFields implements SelfChecking {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true })
  @NotBlank()
  @MaxLength(300)
  name?: string | null;

  check(): FieldError[] {
    return exactlyOne(this, ["id", "name"]);
  }
}

/** What an upsert of a named thing is keyed on: its slug when given, else its name. Registered for inheritance only. */
@InputType()
export abstract class SlugNameFields {
  @Field(() => String, { nullable: true, description: "Derived from the name when absent." })
  @IsSlug()
  @MaxLength(120)
  slug?: string | null;

  @Field()
  @NotBlank()
  @MaxLength(300)
  name!: string;
}
