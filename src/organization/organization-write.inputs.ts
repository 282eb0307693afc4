import { ArrayMaxSize, IsISO31661Alpha2, MaxLength } from "class-validator";
import { CountryCodeResolver } from "graphql-scalars";
import { Field, ID, InputType } from "type-graphql";
import { IsSlug, NotBlank, exactlyOne } from "../common/input-rules";
import type { FieldError, SelfChecking } from "../common/validation";
import { OrganizationKind } from "./organization.entity";

@InputType({ description: "An organization: an existing one by `id` (global id or slug), or by `name`, matched against names and aliases and created when new." })
export class OrganizationRefInput implements SelfChecking {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true })
  @NotBlank()
  @MaxLength(300)
  name?: string | null;

  @Field(() => OrganizationKind, { nullable: true, description: "Used when the organization is created." })
  kind?: OrganizationKind | null;

  @Field(() => CountryCodeResolver, { nullable: true, description: "Used when the organization is created." })
  country?: string | null;

  check(): FieldError[] {
    return exactlyOne(this, ["id", "name"]);
  }
}

@InputType({ description: "upsertOrganization: found by slug when given, else by name or alias; created when new. Aliases given are added to the ones it has." })
export class OrganizationInput {
  @Field(() => String, { nullable: true, description: "Derived from the name when absent." })
  @IsSlug()
  @MaxLength(120)
  slug?: string | null;

  @Field()
  @NotBlank()
  @MaxLength(300)
  name!: string;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50)
  @NotBlank({ each: true })
  @MaxLength(300, { each: true })
  aliases?: string[] | null;

  @Field(() => OrganizationKind, { nullable: true })
  kind?: OrganizationKind | null;

  @Field(() => CountryCodeResolver, { nullable: true })
  @IsISO31661Alpha2()
  country?: string | null;
}
