import { Max, Min } from "class-validator";
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { ConnectionArgs } from "../common/connection-args";
import { OrderDirection } from "../common/graphql-types";
import { EventKind } from "./event.entity";

export enum EventOrderField {
  STARTS_ON = "STARTS_ON",
  CREATED_AT = "CREATED_AT",
  COVERAGE = "COVERAGE",
}
registerEnumType(EventOrderField, {
  name: "EventOrderField",
  valuesConfig: {
    STARTS_ON: { description: "Events without a date come last." },
    COVERAGE: { description: "By the number of articles reporting the event (Event.articles.totalCount), then by start day; default direction DESC (most covered, latest first)." },
  },
});

@InputType({ description: "Default: STARTS_ON ASC; COVERAGE defaults to DESC." })
export class EventOrder {
  @Field(() => EventOrderField)
  field!: EventOrderField;

  @Field(() => OrderDirection, { nullable: true, description: "Default ASC (COVERAGE: DESC)." })
  direction?: OrderDirection | null;
}

@InputType({ description: "All given conditions must hold." })
export class EventFilter {
  @Field(() => LocalDateResolver, { nullable: true, description: "Events still going on or after this day (their last day is on or after it)." })
  from?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Events starting on or before this day." })
  to?: string | null;

  @Field(() => ID, { nullable: true, description: "Place id or slug." })
  place?: string | null;

  @Field(() => ID, { nullable: true, description: "Expert or Organization id (or an expert's slug)." })
  participant?: string | null;

  @Field(() => EventKind, { nullable: true })
  kind?: EventKind | null;
}

@ArgsType()
export class EventsArgs extends ConnectionArgs {
  @Field(() => EventFilter, { nullable: true })
  filter?: EventFilter | null;

  @Field(() => EventOrder, { nullable: true })
  orderBy?: EventOrder | null;
}

export enum TimelineGranularity {
  DAY = "DAY",
  WEEK = "WEEK",
  MONTH = "MONTH",
}
registerEnumType(TimelineGranularity, { name: "TimelineGranularity", description: "The length of a timeline bucket; weeks start on Monday (ISO)." });

/** The most buckets one eventTimeline returns. */
export const MAX_TIMELINE_BUCKETS = 400;

@ArgsType()
export class EventTimelineArgs {
  @Field(() => LocalDateResolver, { description: "First day: events starting on or after it." })
  from!: string;

  @Field(() => LocalDateResolver, { description: "Last day: events starting on or before it." })
  to!: string;

  @Field(() => TimelineGranularity, { defaultValue: TimelineGranularity.DAY })
  granularity!: TimelineGranularity;

  @Field(() => EventFilter, { nullable: true, description: "Further conditions, as events(filter:)." })
  filter?: EventFilter | null;

  @Field(() => Int, { defaultValue: 5, description: "Events listed per bucket, the most covered first (0 to 50); eventCount counts them all." })
  @Min(0)
  @Max(50)
  eventsPerBucket!: number;
}
