import { Field, ObjectType, registerEnumType } from "type-graphql";
import { CountryCodeResolver } from "graphql-scalars";
import { Node, Speaker, type NodeRow, connectionTypes, type TrackedRow, trackedFields } from "../common/graphql-types";
import { OrganizationKind } from "./organization.entity";

registerEnumType(OrganizationKind, { name: "OrganizationKind" });

/** The row shape the read path returns for an organization. */
export interface OrganizationRow extends NodeRow, TrackedRow {
  slug: string;
  name: string;
  aliases: string[];
  kind: OrganizationKind;
  country: string | null;
}

@ObjectType("Organization", {
  implements: [Node, Speaker],
  simpleResolvers: true,
  description: "A government body, company, newsroom, university, think tank... Publishes articles, employs experts, and can itself be quoted.",
})
export class Organization extends Speaker {
  @Field()
  slug!: string;

  @Field(() => [String], { description: "Other names, e.g. \"Pentagon\" for the Department of Defense." })
  aliases!: string[];

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field(() => CountryCodeResolver, { nullable: true, description: "ISO 3166-1 alpha-2 country code." })
  country!: string | null;


}
trackedFields(Organization);

export const { EdgeType: OrganizationEdge, ConnectionType: OrganizationConnection } = connectionTypes("Organization", Organization);
