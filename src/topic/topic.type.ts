import { Field, ObjectType } from "type-graphql";
import { Node, type NodeRow, connectionTypes } from "../common/graphql-types";

export interface TopicRow extends NodeRow {
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

export const { EdgeType: TopicEdge, ConnectionType: TopicConnection } = connectionTypes("Topic", Topic);
