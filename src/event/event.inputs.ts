import { ArgsType, Field, ID, InputType, registerEnumType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { ConnectionArgs } from "../common/connection-args";
import { OrderDirection } from "../common/graphql-types";
import { EventKind } from "./event.entity";

export enum EventOrderField {
  STARTS_ON = "STARTS_ON",
  CREATED_AT = "CREATED_AT",
}
registerEnumType(EventOrderField, { name: "EventOrderField", valuesConfig: { STARTS_ON: { description: "Events without a date come last." } } });

@InputType({ description: "Default: STARTS_ON ASC." })
export class EventOrder {
  @Field(() => EventOrderField)
  field!: EventOrderField;

  @Field(() => OrderDirection, { nullable: true, description: "Default ASC." })
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
