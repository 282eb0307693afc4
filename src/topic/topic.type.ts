import { Field, ObjectType } from "type-graphql";
import { Node, type NodeRow, connectionTypes, type TrackedRow, trackedFields } from "../common/graphql-types";

export interface TopicRow extends NodeRow, TrackedRow {
  slug: string;
  name: string;
}

@ObjectType("Topic", { implements: Node, simpleResolvers: true, description: "A subject articles are filed under." })
export class Topic extends Node {
  @Field()
  slug!: string;

  @Field()
  name!: string;
}
trackedFields(Topic);

export const { EdgeType: TopicEdge, ConnectionType: TopicConnection } = connectionTypes("Topic", Topic);
