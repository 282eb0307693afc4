import { ArgsType, Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";

/** The kinds of object `search` ranks. */
export enum SearchType {
  ARTICLE = "ARTICLE",
  QUOTE = "QUOTE",
  EXPERT = "EXPERT",
  ORGANIZATION = "ORGANIZATION",
  EVENT = "EVENT",
}
registerEnumType(SearchType, { name: "SearchType", description: "What `search` looks through." });

@InputType({
  description:
    "The article filters of `articles(filter:)`, applied through articles: an article must pass them, a quote's article, " +
    "an event one of the articles reporting it, an expert or organization one of the articles that name or quote it " +
    "(or, for an organization, that it publishes). All given conditions must hold.",
})
export class SearchFilter {
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
export class SearchArgs {
  @Field({ description: "Web-search syntax: `blinken -austin`, `\"pacing threat\"`, `japan or korea`; names tolerate typos (\"Xi Jingping\")." })
  query!: string;

  @Field(() => [SearchType], { nullable: true, description: "What to look through; default all five." })
  types?: SearchType[] | null;

  @Field(() => SearchFilter, { nullable: true })
  filter?: SearchFilter | null;

  @Field(() => Int, { nullable: true, description: "Page size (default 20, at most 100)." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor: return results after it." })
  after?: string | null;
}
