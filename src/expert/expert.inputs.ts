import { ArgsType, Field, ID, InputType, registerEnumType } from "type-graphql";
import { ConnectionArgs } from "../common/connection-args";
import { OrderDirection } from "../common/graphql-types";
import { ExpertKind } from "./expert.entity";

export enum ExpertOrderField {
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
  RELEVANCE = "RELEVANCE",
}
registerEnumType(ExpertOrderField, { name: "ExpertOrderField", valuesConfig: { RELEVANCE: { description: "Name similarity; needs `filter.search`." } } });

@InputType({ description: "Default: NAME ASC, or RELEVANCE DESC when searching." })
export class ExpertOrder {
  @Field(() => ExpertOrderField)
  field!: ExpertOrderField;

  @Field(() => OrderDirection, { nullable: true, description: "Default ASC for NAME, DESC otherwise." })
  direction?: OrderDirection | null;
}

@InputType()
export class ExpertFilter {
  @Field(() => String, { nullable: true, description: "Name or alias, typos tolerated: \"Xi Jingping\", \"Easly\"." })
  search?: string | null;

  @Field(() => ExpertKind, { nullable: true })
  kind?: ExpertKind | null;

  @Field(() => ID, { nullable: true, description: "Organization id or slug." })
  organization?: string | null;
}

@ArgsType()
export class ExpertsArgs extends ConnectionArgs {
  @Field(() => ExpertFilter, { nullable: true })
  filter?: ExpertFilter | null;

  @Field(() => ExpertOrder, { nullable: true })
  orderBy?: ExpertOrder | null;
}

@ArgsType()
export class ExpertLookupArgs {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true })
  slug?: string | null;
}
