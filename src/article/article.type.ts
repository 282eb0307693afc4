import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeResolver, URLResolver } from "graphql-scalars";
import { facetsField } from "../facet/facet.type";
import type { NodeType } from "../common/global-id";
import { Node, type NodeRow, connectionTypes, type TrackedRow, trackedFields } from "../common/graphql-types";
import { PublishedAtSource } from "./article.entity";

registerEnumType(PublishedAtSource, {
  name: "PublishedAtSource",
  description: "Where an article's publishedAt comes from. FILE_MODIFIED and RECEIVED are stand-ins for a date the source did not give: set the real one with updateArticle.",
  valuesConfig: {
    GIVEN: { description: "Given with the input: the API's publishedAt, import --published-at, a record's publishedAt, updateArticle." },
    PAGE: { description: "Read from the page: its metadata or a printed date line." },
    TEXT: { description: "Inferred from the dates and weekdays the text mentions." },
    FILE_MODIFIED: { description: "A stand-in: the modification time of the file it was imported from." },
    RECEIVED: { description: "A stand-in: when the article was received (the ingestArticle request, an import from standard input)." },
  },
});

export interface ArticleRow extends NodeRow, TrackedRow {
  slug: string;
  url: string | null;
  headline: string;
  summary: string | null;
  body: string;
  language: string;
  publishedAt: Date;
  publishedAtSource: PublishedAtSource;
  publisherId: string | null;
  bylines: string[];
  sections: string[];
  wordCount: number;
}

export interface ArticleImageRow extends NodeRow {
  position: number;
  caption: string;
  credit: string | null;
  url: string | null;
}

@ObjectType("ArticleImage", { implements: Node, simpleResolvers: true })
export class ArticleImage extends Node {
  @Field(() => Int, { description: "Order within the article, from 0." })
  position!: number;

  @Field()
  caption!: string;

  @Field(() => String, { nullable: true })
  credit!: string | null;

  @Field(() => URLResolver, { nullable: true })
  url!: string | null;
}

@ObjectType("Article", { implements: Node, simpleResolvers: true, description: "A news article and the facts inside it." })
export class Article extends Node {
  @Field()
  slug!: string;

  @Field(() => URLResolver, { nullable: true, description: "Canonical URL." })
  url!: string | null;

  @Field()
  headline!: string;

  @Field(() => String, { nullable: true })
  summary!: string | null;

  @Field()
  body!: string;

  @Field({ description: "BCP 47 language tag, e.g. \"en\"." })
  language!: string;

  @Field(() => DateTimeResolver)
  publishedAt!: Date;

  @Field(() => PublishedAtSource, { description: "Where publishedAt comes from: FILE_MODIFIED or RECEIVED when the source gave no date and a stand-in was taken." })
  publishedAtSource!: PublishedAtSource;

  @Field(() => [String])
  bylines!: string[];

  @Field(() => [String], { description: "Section headings, in order." })
  sections!: string[];

  @Field(() => Int)
  wordCount!: number;
}
trackedFields(Article);

export const { EdgeType: ArticleEdge, ConnectionType: ArticleConnection } = connectionTypes("Article", Article);
facetsField(ArticleConnection);

/** One thing an article names (an Expert, Organization, Place or Event) and where. */
export interface MentionRow {
  nodeType: NodeType;
  /** Database key of the node. */
  nodeId: string;
  startOffset: number | null;
  endOffset: number | null;
  confidence: number;
}

@ObjectType("Mention", { simpleResolvers: true, description: "Something an article names, and where: provenance of an extracted link." })
export class Mention {
  @Field(() => Int, { nullable: true, description: "Offset in the article body of the first character; null when not located (entered by hand)." })
  startOffset!: number | null;

  @Field(() => Int, { nullable: true, description: "Offset just past the last character." })
  endOffset!: number | null;

  @Field(() => Float, { description: "How sure the extractor was, 0 to 1; 1.0 for links entered by hand." })
  confidence!: number;
}

export interface RelatedArticleRow {
  article: ArticleRow;
  score: number;
  sharedEvents: number;
  sharedExperts: number;
  sharedTopics: number;
}

@ObjectType("RelatedArticle", {
  simpleResolvers: true,
  description: "An article sharing events, quoted experts or topics with another; score = 3 × sharedEvents + 2 × sharedExperts + sharedTopics.",
})
export class RelatedArticle {
  @Field(() => Article)
  article!: ArticleRow;

  @Field(() => Int)
  score!: number;

  @Field(() => Int, { description: "Events both articles report." })
  sharedEvents!: number;

  @Field(() => Int, { description: "Experts quoted in both." })
  sharedExperts!: number;

  @Field(() => Int, { description: "Topics both are tagged with." })
  sharedTopics!: number;
}
