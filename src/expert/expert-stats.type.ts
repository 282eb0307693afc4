import { Field, Int, ObjectType } from "type-graphql";
import { Topic, type TopicRow } from "../topic/topic.type";
import { Expert, type ExpertRow } from "./expert.type";

export interface ExpertTopicRow {
  topic: TopicRow;
  count: number;
}

export interface ExpertChannelRow {
  channel: string;
  count: number;
}

export interface CoQuotedRow {
  expert: ExpertRow;
  sharedArticles: number;
}

@ObjectType("ExpertTopic", { simpleResolvers: true, description: "A topic of the articles quoting a person." })
export class ExpertTopic {
  @Field(() => Topic)
  topic!: TopicRow;

  @Field(() => Int, { description: "Articles on the topic that quote the person." })
  count!: number;
}

@ObjectType("ExpertChannel", { simpleResolvers: true, description: "How a person is reached: the `channel` of their quotes (\"emailed statement\", \"told reporters\")." })
export class ExpertChannel {
  @Field()
  channel!: string;

  @Field(() => Int, { description: "Quotes of the person given this way." })
  count!: number;
}

@ObjectType("CoQuotedExpert", { simpleResolvers: true, description: "Someone quoted in the same articles as a person." })
export class CoQuotedExpert {
  @Field(() => Expert)
  expert!: ExpertRow;

  @Field(() => Int, { description: "Articles quoting both." })
  sharedArticles!: number;
}
