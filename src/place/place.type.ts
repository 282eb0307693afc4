import { Field, ObjectType, registerEnumType } from "type-graphql";
import { CountryCodeResolver, LatitudeResolver, LongitudeResolver } from "graphql-scalars";
import { Node, type NodeRow, connectionTypes, type TrackedRow, trackedFields } from "../common/graphql-types";
import { PlaceKind } from "./place.entity";

registerEnumType(PlaceKind, { name: "PlaceKind" });

export interface PlaceRow extends NodeRow, TrackedRow {
  slug: string;
  name: string;
  kind: PlaceKind;
  region: string | null;
  countryCode: string | null;
  latitude: number | null;
  longitude: number | null;
}

@ObjectType("Place", { implements: Node, simpleResolvers: true, description: "A city, region, country or building the news names." })
export class Place extends Node {
  @Field()
  slug!: string;

  @Field()
  name!: string;

  @Field(() => PlaceKind)
  kind!: PlaceKind;

  @Field(() => String, { nullable: true, description: "State, province or region, e.g. \"Alaska\"." })
  region!: string | null;

  @Field(() => CountryCodeResolver, { nullable: true, description: "ISO 3166-1 alpha-2 country code." })
  countryCode!: string | null;

  @Field(() => LatitudeResolver, { nullable: true })
  latitude!: number | null;

  @Field(() => LongitudeResolver, { nullable: true })
  longitude!: number | null;
}
trackedFields(Place);

export const { EdgeType: PlaceEdge, ConnectionType: PlaceConnection } = connectionTypes("Place", Place);
