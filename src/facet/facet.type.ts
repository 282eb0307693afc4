import { LocalDateResolver } from "graphql-scalars";
import { ArgsType, type ClassType, Field, Int, ObjectType } from "type-graphql";
import { Expert } from "../expert/expert.type";
import { Organization } from "../organization/organization.type";
import { Place } from "../place/place.type";
import { Topic } from "../topic/topic.type";

const COUNT = "How many of the connection's nodes fall in this bucket.";

@ObjectType("TopicFacetBucket", { simpleResolvers: true })
export class TopicFacetBucket {
  @Field(() => Topic)
  node!: unknown;

  @Field(() => Int, { description: COUNT })
  count!: number;
}

@ObjectType("ExpertFacetBucket", { simpleResolvers: true })
export class ExpertFacetBucket {
  @Field(() => Expert)
  node!: unknown;

  @Field(() => Int, { description: COUNT })
  count!: number;
}

@ObjectType("OrganizationFacetBucket", { simpleResolvers: true })
export class OrganizationFacetBucket {
  @Field(() => Organization, { nullable: true, description: "Null only in `publishers`: the articles (quotes from articles) without a publisher." })
  node!: unknown;

  @Field(() => Int, { description: COUNT })
  count!: number;
}

@ObjectType("PlaceFacetBucket", { simpleResolvers: true })
export class PlaceFacetBucket {
  @Field(() => Place)
  node!: unknown;

  @Field(() => Int, { description: COUNT })
  count!: number;
}

@ObjectType("KeyFacetBucket", { simpleResolvers: true, description: "A bucket of a facet over a plain value: a section heading or a language tag." })
export class KeyFacetBucket {
  @Field(() => String, { nullable: true, description: "The value; null in `sections` for articles without a section." })
  key!: string | null;

  @Field(() => Int, { description: COUNT })
  count!: number;
}

@ObjectType("PeriodFacetBucket", { simpleResolvers: true, description: "A day, an ISO week (from Monday) or a calendar month, in UTC." })
export class PeriodFacetBucket {
  @Field(() => LocalDateResolver, { nullable: true, description: "The period's first day; null for events without a date." })
  start!: string | null;

  @Field(() => Int, { description: COUNT })
  count!: number;
}

@ObjectType("Facets", {
  description:
    "Counts over every node the connection's filter matches (not only the page), top buckets first. Only the facets selected are counted. " +
    "Single-valued facets (an article's or a quote's publisher, section and language, and the periods) have one bucket per value, null included, " +
    "so their buckets sum to the connection's totalCount when `first` covers them all. In multi-valued facets a node counts once in the bucket " +
    "of each of its values (an article with two topics counts in both) and in none when it has no value: see each field.",
})
export class Facets {}

@ArgsType()
export class FacetArgs {
  @Field(() => Int, { defaultValue: 10, description: "How many buckets, the largest counts first (ties by id or key); at most the largest page size." })
  first!: number;
}

@ArgsType()
export class PeriodFacetArgs {
  @Field(() => Int, { defaultValue: 100, description: "How many periods, the newest first; at most the largest page size." })
  first!: number;
}

/** Adds `facets` to a connection type (a mixin, like trackedFields): only the root connections fill it in. */
export function facetsField(connection: ClassType): void {
  Field(() => Facets, {
    nullable: true,
    description: "Counts by topic, expert, organization, place, publisher, section, language and period over all nodes the filter matches. Null on connections under another object.",
  })(connection.prototype as object, "facets");
}
