import { Max, Min } from "class-validator";
import { CountryCodeResolver, DateTimeResolver } from "graphql-scalars";
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { ConnectionArgs } from "../common/connection-args";
import { OrderDirection } from "../common/graphql-types";
import { ExpertKind } from "./expert.entity";

export enum ExpertOrderField {
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
  RELEVANCE = "RELEVANCE",
  QUOTE_COUNT = "QUOTE_COUNT",
  LAST_QUOTED = "LAST_QUOTED",
}
registerEnumType(ExpertOrderField, {
  name: "ExpertOrderField",
  valuesConfig: {
    RELEVANCE: { description: "Name similarity; needs `filter.search`." },
    QUOTE_COUNT: { description: "Quotes of the person in all (`Expert.quoteCount`), then id." },
    LAST_QUOTED: { description: "When the person was last quoted (`Expert.lastQuotedAt`); people never quoted come last either way." },
  },
});

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

  @Field(() => ID, { nullable: true, description: "Topic id or slug: people quoted in an article on the topic." })
  topic?: string | null;

  @Field(() => CountryCodeResolver, { nullable: true })
  country?: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "People quoted in an article published at or after this time." })
  quotedAfter?: Date | null;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: "People quoted in an article published before this time. With `quotedAfter`, one article must fall in both (and with `topic`, be on the topic).",
  })
  quotedBefore?: Date | null;
}

@ArgsType()
export class ExpertListArgs {
  @Field(() => Int, { defaultValue: 10, description: "At most this many (0 to 100), largest counts first." })
  @Min(0)
  @Max(100)
  first!: number;
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
