import { Field, ObjectType, registerEnumType } from "type-graphql";
import { CountryCodeResolver } from "graphql-scalars";
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


}
trackedFields(Expert);

export const { EdgeType: ExpertEdge, ConnectionType: ExpertConnection } = connectionTypes("Expert", Expert);
