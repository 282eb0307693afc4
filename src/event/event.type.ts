import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { facetsField } from "../facet/facet.type";
import { LocalDateResolver } from "graphql-scalars";
import { Node, type NodeRow, connectionTypes, type TrackedRow, trackedFields } from "../common/graphql-types";
import { DatePrecision, EventKind, EventStatus } from "./event.entity";

registerEnumType(EventKind, { name: "EventKind" });
registerEnumType(DatePrecision, { name: "DatePrecision", description: "How exactly the dates are known: \"last week\" is WEEK." });
registerEnumType(EventStatus, { name: "EventStatus" });

export interface EventRow extends NodeRow, TrackedRow {
  title: string;
  kind: EventKind;
  description: string | null;
  startsOn: string | null;
  endsOn: string | null;
  datePrecision: DatePrecision;
  status: EventStatus;
}

@ObjectType("Event", { implements: Node, simpleResolvers: true, description: "Something the news reports: a meeting, a visit, talks, a trip, a briefing, a publication." })
export class Event extends Node {
  @Field()
  title!: string;

  @Field(() => EventKind)
  kind!: EventKind;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  startsOn!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Last day, for events over several days." })
  endsOn!: string | null;

  @Field(() => DatePrecision)
  datePrecision!: DatePrecision;

  @Field(() => EventStatus)
  status!: EventStatus;

}
trackedFields(Event);

export const { EdgeType: EventEdge, ConnectionType: EventConnection } = connectionTypes("Event", Event);

export interface TimelineBucketRow {
  start: string;
  end: string;
  eventCount: number;
  articleCount: number;
  events: EventRow[];
}

@ObjectType("TimelineBucket", { simpleResolvers: true, description: "One day, week or month of eventTimeline." })
export class TimelineBucket {
  @Field(() => LocalDateResolver, { description: "First day of the bucket." })
  start!: string;

  @Field(() => LocalDateResolver, { description: "Last day of the bucket." })
  end!: string;

  @Field(() => Int, { description: "Events starting in the bucket that match the filter." })
  eventCount!: number;

  @Field(() => Int, { description: "Links from articles to those events: their coverage, summed." })
  articleCount!: number;

  @Field(() => [Event], { description: "Up to eventsPerBucket of them, the most covered first (then by start day)." })
  events!: EventRow[];
}
facetsField(EventConnection);
