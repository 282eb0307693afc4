import { ArrayMaxSize, MaxLength, ValidateNested } from "class-validator";
import { LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType } from "type-graphql";
import { NotBlank, type Provenance, dateRange, offsets, provenanceFields } from "../common/input-rules";
import type { FieldError, SelfChecking } from "../common/validation";
import { PlaceRefInput } from "../place/place-write.inputs";
import { SpeakerInput } from "../quote/quote-write.inputs";
import { DatePrecision, EventKind, EventStatus } from "./event.entity";

/** Fields every event write shares. */
// Registered only so subclasses inherit its fields; never referenced, so not in the schema.
@InputType()
export abstract class EventFields {
  @Field(() => EventKind, { nullable: true, description: "Default OTHER." })
  kind?: EventKind | null;

  @Field(() => String, { nullable: true })
  @MaxLength(5000)
  description?: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  startsOn?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Last day, for events over several days; not before startsOn." })
  endsOn?: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "Default DAY." })
  datePrecision?: DatePrecision | null;

  @Field(() => EventStatus, { nullable: true, description: "Default HAPPENED." })
  status?: EventStatus | null;

  @Field(() => [PlaceRefInput], { nullable: true })
  @ArrayMaxSize(50)
  @ValidateNested()
  places?: PlaceRefInput[] | null;

  @Field(() => [SpeakerInput], { nullable: true, description: "People and organizations taking part." })
  @ArrayMaxSize(200)
  @ValidateNested()
  participants?: SpeakerInput[] | null;
}

@InputType({ description: "createEvent: a new event." })
export class EventInput extends EventFields implements SelfChecking {
  @Field()
  @NotBlank()
  @MaxLength(500)
  title!: string;

  @Field(() => [ID], { nullable: true, description: "Articles reporting it (ids or slugs)." })
  @ArrayMaxSize(100)
  articles?: string[] | null;

  check(): FieldError[] {
    return dateRange(this.startsOn, this.endsOn);
  }
}

@InputType({
  description:
    "An event inside ArticleInput: an existing event by `id`, or by `title` — the event this article already reported under that title; " +
    "else the same title (normalised) on the same start day; else the same happening another article reported under its own title " +
    "(compatible kind, overlapping dates, a shared place or participant, similar title: see the README); otherwise it is created. " +
    "Places and participants given are added to it; the title is kept as this article's title for it (Event.titles).",
})
export class ArticleEventInput extends EventFields implements SelfChecking, Provenance {
  startOffset?: number | null;
  endOffset?: number | null;
  confidence?: number | null;

  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true })
  @NotBlank()
  @MaxLength(500)
  title?: string | null;

  check(): FieldError[] {
    if (this.id != null) {
      const extra = (["title", "kind", "description", "startsOn", "endsOn", "datePrecision", "status"] as const).find((k) => this[k] != null);
      const own = extra ? [{ field: extra, message: "with id, only places, participants and provenance may be given (use updateEvent to change the event)", constraint: "eventRef" }] : [];
      return [...own, ...offsets(this.startOffset, this.endOffset)];
    }
    if (this.title == null) return [{ field: "title", message: "give id or title", constraint: "exactlyOne" }, ...offsets(this.startOffset, this.endOffset)];
    return [...dateRange(this.startsOn, this.endsOn), ...offsets(this.startOffset, this.endOffset)];
  }
}
provenanceFields(ArticleEventInput, "where the article reports the event");

@InputType({ description: "updateEvent: only the fields given change; null clears a nullable field; `places` and `participants` replace the lists." })
export class EventPatch extends EventFields implements SelfChecking {
  @Field(() => String, { nullable: true })
  @NotBlank()
  @MaxLength(500)
  title?: string | null;

  check(): FieldError[] {
    const out: FieldError[] = [];
    for (const k of ["title", "kind", "datePrecision", "status"] as const) {
      if (this[k] === null) out.push({ field: k, message: "cannot be null", constraint: "notNull" });
    }
    // Both dates given: checked here; one given: checked against the stored other in the service.
    if (this.startsOn !== undefined && this.endsOn !== undefined) out.push(...dateRange(this.startsOn, this.endsOn));
    return out;
  }
}
