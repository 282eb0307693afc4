import { ArgsType, Field, ID, InputType, registerEnumType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { ConnectionArgs } from "../common/connection-args";
import { OrderDirection } from "../common/graphql-types";

export enum ArticleOrderField {
  PUBLISHED_AT = "PUBLISHED_AT",
  CREATED_AT = "CREATED_AT",
  HEADLINE = "HEADLINE",
  RELEVANCE = "RELEVANCE",
}
registerEnumType(ArticleOrderField, {
  name: "ArticleOrderField",
  valuesConfig: { RELEVANCE: { description: "Full-text rank; needs `filter.search`." } },
});

@InputType({ description: "Default: PUBLISHED_AT DESC, or RELEVANCE DESC when searching." })
export class ArticleOrder {
  @Field(() => ArticleOrderField)
  field!: ArticleOrderField;

  @Field(() => OrderDirection, { nullable: true, description: "Default ASC for HEADLINE, DESC otherwise." })
  direction?: OrderDirection | null;
}

@InputType({ description: "All given conditions must hold." })
export class ArticleFilter {
  @Field(() => String, { nullable: true, description: "Full-text search in web-search syntax over headline, summary and body: `blinken -austin`, `\"pacing threat\"`, `japan or korea`." })
  search?: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "Published at or after this time." })
  publishedAfter?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "Published before this time." })
  publishedBefore?: Date | null;

  @Field(() => ID, { nullable: true, description: "Topic id or slug." })
  topic?: string | null;

  @Field(() => ID, { nullable: true, description: "Expert id or slug: articles that name or quote the person." })
  expert?: string | null;

  @Field(() => ID, { nullable: true, description: "Organization id or slug: articles that name, quote or are published by it." })
  organization?: string | null;

  @Field(() => ID, { nullable: true, description: "Place id or slug." })
  place?: string | null;

  @Field(() => String, { nullable: true, description: "Section heading, exactly." })
  section?: string | null;

  @Field(() => String, { nullable: true, description: "Language tag, e.g. \"en\"." })
  language?: string | null;
}

@ArgsType()
export class ArticlesArgs extends ConnectionArgs {
  @Field(() => ArticleFilter, { nullable: true })
  filter?: ArticleFilter | null;

  @Field(() => ArticleOrder, { nullable: true })
  orderBy?: ArticleOrder | null;
}

@ArgsType()
export class ArticleLookupArgs {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: "Canonical URL." })
  url?: string | null;
}
