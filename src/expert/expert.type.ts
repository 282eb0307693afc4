import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { CountryCodeResolver, DateTimeResolver } from "graphql-scalars";
import { Node, Speaker, type NodeRow, connectionTypes, type TrackedRow, trackedFields } from "../common/graphql-types";
import { ExpertKind } from "./expert.entity";

registerEnumType(ExpertKind, { name: "ExpertKind" });

export interface ExpertRow extends NodeRow, TrackedRow {
  slug: string;
  name: string;
  aliases: string[];
  title: string | null;
  kind: ExpertKind;
  organizationId: string | null;
  country: string | null;
  description: string | null;
  quoteCount: number;
  lastQuotedAt: Date | null;
}

@ObjectType("Expert", {
  implements: [Node, Speaker],
  simpleResolvers: true,
  description: "A person the news quotes or names: analysts, academics, officials, politicians, journalists.",
})
export class Expert extends Speaker {
  @Field()
  slug!: string;

  @Field(() => [String], { description: "Other spellings met in articles, misspellings included (\"Xi Jingping\")." })
  aliases!: string[];

  @Field(() => String, { nullable: true, description: "E.g. \"senior policy analyst\", \"Defense Secretary\"." })
  title!: string | null;

  @Field(() => ExpertKind)
  kind!: ExpertKind;

  @Field(() => CountryCodeResolver, { nullable: true })
  country!: string | null;

  @Field(() => String, { nullable: true, description: "A short description, e.g. \"a retired U.S. Army general\"." })
  description!: string | null;

  @Field(() => Int, { description: "Quotes of the person, in all articles." })
  quoteCount!: number;

  @Field(() => DateTimeResolver, { nullable: true, description: "Publication time of the latest article quoting the person; null when never quoted." })
  lastQuotedAt!: Date | null;
}
trackedFields(Expert);

export const { EdgeType: ExpertEdge, ConnectionType: ExpertConnection } = connectionTypes("Expert", Expert);
