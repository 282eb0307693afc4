import { Max, MaxLength, Min, ValidateNested } from "class-validator";
import { LocalDateResolver } from "graphql-scalars";
import { Field, Float, ID, InputType, Int } from "type-graphql";
import { NotBlank, offsets } from "../common/input-rules";
import type { FieldError, SelfChecking } from "../common/validation";
import { ExpertKind } from "../expert/expert.entity";

@InputType({
  description:
    "Who speaks or takes part. Either `id` (an Expert or Organization global id, or an expert slug); or a person by `name`, " +
    "with `title` and affiliation `organization` (resolved to the existing Expert when the name or an alias matches, with the same " +
    "organization when one is given, else created); or `organization` alone, when an organization itself speaks (a statement, a document).",
})
export class SpeakerInput implements SelfChecking {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true, description: "A person's name." })
  @NotBlank()
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'E.g. "senior policy analyst". Fills in a known person\'s missing title.' })
  @MaxLength(300)
  title?: string | null;

  @Field(() => String, { nullable: true, description: "The person's affiliation by name; without `name`, the organization that speaks." })
  @NotBlank()
  @MaxLength(300)
  organization?: string | null;

  @Field(() => ExpertKind, { nullable: true, description: "Used when the person is created." })
  kind?: ExpertKind | null;

  check(): FieldError[] {
    if (this.id != null) {
      const extra = (["name", "title", "organization", "kind"] as const).find((k) => this[k] != null);
      return extra ? [{ field: extra, message: "give either id, or name/title/organization", constraint: "speaker" }] : [];
    }
    if (this.name == null && this.organization == null) return [{ field: "name", message: "give id, name, or organization", constraint: "speaker" }];
    if (this.name == null && (this.title != null || this.kind != null)) {
      return [{ field: this.title != null ? "title" : "kind", message: "a title or kind needs a person's name", constraint: "speaker" }];
    }
    return [];
  }
}

/** The fields of a quote, shared by nested and standalone writes. */
// Registered only so subclasses inherit its fields; never referenced, so not in the schema.
@InputType()
export abstract class QuoteFields {
  @Field({ description: "The quoted words, without quotation marks." })
  @NotBlank()
  @MaxLength(20_000)
  text!: string;

  @Field(() => SpeakerInput)
  @ValidateNested()
  speaker!: SpeakerInput;

  @Field(() => String, { nullable: true, description: 'How it was said: "told reporters", "in an emailed statement"...' })
  @MaxLength(200)
  channel?: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  saidOn?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Default false." })
  isPartial?: boolean | null;

  @Field(() => Int, { nullable: true, description: "Provenance: offset of the first character in the article body." })
  @Min(0)
  startOffset?: number | null;

  @Field(() => Int, { nullable: true, description: "Provenance: offset just past the last character." })
  @Min(1)
  endOffset?: number | null;

  @Field(() => Float, { nullable: true, description: "Default 1.0 (entered by hand)." })
  @Min(0)
  @Max(1)
  confidence?: number | null;
}

@InputType({ description: "A quote inside ArticleInput; quotes keep the order given." })
export class QuoteInput extends QuoteFields implements SelfChecking {
  check(): FieldError[] {
    return offsets(this.startOffset, this.endOffset);
  }
}

@InputType({ description: "createQuote: a quote added to an existing article." })
export class CreateQuoteInput extends QuoteFields implements SelfChecking {
  @Field(() => ID, { description: "Article id or slug." })
  article!: string;

  @Field(() => Int, { nullable: true, description: "Where it goes among the article's quotes, from 0; default last." })
  @Min(0)
  position?: number | null;

  check(): FieldError[] {
    return offsets(this.startOffset, this.endOffset);
  }
}

@InputType({ description: "updateQuote: only the fields given change; null clears a nullable field." })
export class QuotePatch implements SelfChecking {
  @Field(() => String, { nullable: true })
  @NotBlank()
  @MaxLength(20_000)
  text?: string | null;

  @Field(() => SpeakerInput, { nullable: true })
  @ValidateNested()
  speaker?: SpeakerInput | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  channel?: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  saidOn?: string | null;

  @Field(() => Boolean, { nullable: true })
  isPartial?: boolean | null;

  @Field(() => Int, { nullable: true })
  @Min(0)
  startOffset?: number | null;

  @Field(() => Int, { nullable: true })
  @Min(1)
  endOffset?: number | null;

  @Field(() => Float, { nullable: true })
  @Min(0)
  @Max(1)
  confidence?: number | null;

  check(): FieldError[] {
    const out: FieldError[] = [];
    for (const k of ["text", "speaker", "isPartial", "confidence"] as const) {
      if (this[k] === null) out.push({ field: k, message: "cannot be null", constraint: "notNull" });
    }
    if ((this.startOffset === undefined) !== (this.endOffset === undefined)) {
      out.push({ field: this.startOffset === undefined ? "startOffset" : "endOffset", message: "startOffset and endOffset change together", constraint: "offsets" });
    } else out.push(...offsets(this.startOffset, this.endOffset));
    return out;
  }
}
