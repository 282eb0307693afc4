import { NamedRefFields, SlugNameFields } from "../common/named.inputs";
import { ArrayMaxSize, MaxLength } from "class-validator";
import { CountryCodeResolver } from "graphql-scalars";
import { Field, InputType } from "type-graphql";
import { NotBlank } from "../common/input-rules";
import { OrganizationKind } from "./organization.entity";

@InputType({ description: "An organization: an existing one by `id` (global id or slug), or by `name`, matched against names and aliases and created when new." })
export class OrganizationRefInput extends NamedRefFields {
  @Field(() => OrganizationKind, { nullable: true, description: "Used when the organization is created." })
  kind?: OrganizationKind | null;

  @Field(() => CountryCodeResolver, { nullable: true, description: "Used when the organization is created." })
  country?: string | null;
}

@InputType({ description: "upsertOrganization: found by slug when given, else by name or alias; created when new. Aliases given are added to the ones it has." })
export class OrganizationInput extends SlugNameFields {
  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50)
  @NotBlank({ each: true })
  @MaxLength(300, { each: true })
  aliases?: string[] | null;

  @Field(() => OrganizationKind, { nullable: true })
  kind?: OrganizationKind | null;

  @Field(() => CountryCodeResolver, { nullable: true })
  country?: string | null;
}
