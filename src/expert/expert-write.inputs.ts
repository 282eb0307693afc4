import { ArrayMaxSize, MaxLength, ValidateNested } from "class-validator";
import { CountryCodeResolver } from "graphql-scalars";
import { Field, InputType } from "type-graphql";
import { IsSlug, NotBlank } from "../common/input-rules";
import { OrganizationRefInput } from "../organization/organization-write.inputs";
import { ExpertKind } from "./expert.entity";

/** What createExpert and updateExpert share: every detail but the name. Registered for inheritance only. */
@InputType()
abstract class ExpertDetails {
  @Field(() => String, { nullable: true, description: "Derived from the name when absent (on create)." })
  @IsSlug()
  @MaxLength(120)
  slug?: string | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50)
  @NotBlank({ each: true })
  @MaxLength(200, { each: true })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true })
  @MaxLength(300)
  title?: string | null;

  @Field(() => ExpertKind, { nullable: true })
  kind?: ExpertKind | null;

  @Field(() => OrganizationRefInput, { nullable: true, description: "Affiliation." })
  @ValidateNested()
  organization?: OrganizationRefInput | null;

  @Field(() => CountryCodeResolver, { nullable: true })
  country?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  description?: string | null;
}

@InputType({ description: "createExpert: a new person. CONFLICT when one with the same name (or alias) and organization exists: use updateExpert, or mergeExperts for duplicates." })
export class ExpertInput extends ExpertDetails {
  @Field()
  @NotBlank()
  @MaxLength(200)
  name!: string;
}

@InputType({ description: "updateExpert: only the fields given change; null clears a nullable field. `aliases` replaces the list." })
export class ExpertPatch extends ExpertDetails {
  @Field(() => String, { nullable: true })
  @NotBlank()
  @MaxLength(200)
  name?: string | null;
}
