import { Field, Float, Int, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { facetsField } from "../facet/facet.type";
import { Node, type NodeRow, connectionTypes, type TrackedRow, trackedFields } from "../common/graphql-types";

export interface QuoteRow extends NodeRow, TrackedRow {
  text: string;
  articleId: string;
  speakerExpertId: string | null;
  speakerOrganizationId: string | null;
  speakerDescription: string | null;
  speakerDescriptionOrganizationId: string | null;
  channel: string | null;
  saidOn: string | null;
  isPartial: boolean;
  position: number;
  startOffset: number | null;
  endOffset: number | null;
  confidence: number;
}

@ObjectType("Quote", { implements: Node, simpleResolvers: true, description: "Who said what, in which article, and how." })
export class Quote extends Node {
  @Field({ description: "The quoted words, without quotation marks." })
  text!: string;

  @Field(() => String, { nullable: true, description: "How it was said: \"emailed statement\", \"told reporters\", \"email response to VOA\"..." })
  channel!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "The day it was said, when the article tells." })
  saidOn!: string | null;

  @Field({ description: "True when only part of a sentence is quoted." })
  isPartial!: boolean;

  @Field(() => Int, { description: "Order within the article, from 0." })
  position!: number;

  @Field(() => Int, { nullable: true, description: "Provenance: offset of the first character in the article body." })
  startOffset!: number | null;

  @Field(() => Int, { nullable: true, description: "Provenance: offset just past the last character in the article body." })
  endOffset!: number | null;

  @Field(() => String, { nullable: true, description: "An anonymous speaker as the article describes them (\"a senior State Department official\"); null for named speakers." })
  speakerDescription!: string | null;

  @Field(() => Float, { description: "1.0 when entered by hand; lower for automatic extraction." })
  confidence!: number;

}
trackedFields(Quote);

export const { EdgeType: QuoteEdge, ConnectionType: QuoteConnection } = connectionTypes("Quote", Quote);
facetsField(QuoteConnection);
