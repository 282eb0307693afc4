import { ArgsType, Field, InputType } from "type-graphql";
import { CountryCodeResolver } from "graphql-scalars";
import { ConnectionArgs } from "../common/connection-args";
import { OrganizationKind } from "./organization.entity";

@InputType()
export class OrganizationFilter {
  @Field(() => String, { nullable: true, description: "Name or alias, typos tolerated." })
  search?: string | null;

  @Field(() => OrganizationKind, { nullable: true })
  kind?: OrganizationKind | null;

  @Field(() => CountryCodeResolver, { nullable: true })
  country?: string | null;
}

@ArgsType()
export class OrganizationsArgs extends ConnectionArgs {
  @Field(() => OrganizationFilter, { nullable: true })
  filter?: OrganizationFilter | null;
}
