import { ArgsType, Field, ID, InputType, registerEnumType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { ConnectionArgs } from "../common/connection-args";
import { OrderDirection } from "../common/graphql-types";

export enum QuoteOrderField {
  SAID_ON = "SAID_ON",
  CREATED_AT = "CREATED_AT",
}
registerEnumType(QuoteOrderField, {
  name: "QuoteOrderField",
  valuesConfig: { SAID_ON: { description: "The day said, or the article's publication day when the article does not tell." } },
});

@InputType({ description: "Default: SAID_ON DESC." })
export class QuoteOrder {
  @Field(() => QuoteOrderField)
  field!: QuoteOrderField;

  @Field(() => OrderDirection, { nullable: true, description: "Default DESC." })
  direction?: OrderDirection | null;
}

@InputType({ description: "All given conditions must hold. Dates compare with the day said, or the article's publication day when the article does not tell." })
export class QuoteFilter {
  @Field(() => ID, { nullable: true, description: "Expert, Organization or AnonymousSource id, or an expert's slug." })
  speaker?: string | null;

  @Field(() => ID, { nullable: true, description: "Article id or slug." })
  article?: string | null;

  @Field(() => ID, { nullable: true, description: "Organization id or slug: quotes by the organization, by its members, and by anonymous sources it is the affiliation of." })
  organization?: string | null;

  @Field(() => Boolean, { nullable: true, description: "True: only quotes of anonymous (described, unnamed) speakers; false: only quotes of named speakers." })
  anonymous?: boolean | null;

  @Field(() => String, { nullable: true, description: "Full-text search over the quoted words (web-search syntax)." })
  search?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Said on or after this day." })
  saidAfter?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Said on or before this day." })
  saidBefore?: string | null;
}

@ArgsType()
export class QuotesArgs extends ConnectionArgs {
  @Field(() => QuoteFilter, { nullable: true })
  filter?: QuoteFilter | null;

  @Field(() => QuoteOrder, { nullable: true })
  orderBy?: QuoteOrder | null;
}

@ArgsType()
export class QuoteConnectionArgs extends ConnectionArgs {
  @Field(() => QuoteOrder, { nullable: true })
  orderBy?: QuoteOrder | null;
}
