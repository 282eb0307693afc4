import { Max, MaxLength, Min, ValidateNested } from "class-validator";
import { LocalDateResolver } from "graphql-scalars";
import { Field, Float, ID, InputType, Int } from "type-graphql";
import { NotBlank, offsets } from "../common/input-rules";
import type { FieldError, SelfChecking } from "../common/validation";
import { ExpertKind } from "../expert/expert.entity";
import { OrganizationRefInput } from "../organization/organization-write.inputs";

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

  @Field(() => SpeakerInput, { nullable: true, description: "Who said it, when the article names them (a person or an organization). Give exactly one of `speaker` and `speakerDescription`." })
  @ValidateNested()
  speaker?: SpeakerInput | null;

  @Field(() => String, {
    nullable: true,
    description: 'An anonymous source, as the article describes them ("a senior State Department official"), instead of `speaker`. The quote\'s speaker is then an AnonymousSource.',
  })
  @NotBlank()
  @MaxLength(300)
  speakerDescription?: string | null;

  @Field(() => OrganizationRefInput, { nullable: true, description: "Only with `speakerDescription`: the organization the description names, the source's affiliation (by id or slug, or by name: found or created)." })
  @ValidateNested()
  speakerAffiliation?: OrganizationRefInput | null;

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

/** Exactly one of a named speaker and an anonymous one's description; an affiliation only with a description. */
export function speakerChoice(q: Pick<QuoteFields, "speaker" | "speakerDescription" | "speakerAffiliation">): FieldError[] {
  if (q.speaker != null && q.speakerDescription != null) {
    return [{ field: "speakerDescription", message: "give either speaker (a named speaker) or speakerDescription (an anonymous one), not both", constraint: "exactlyOne" }];
  }
  if (q.speaker == null && q.speakerDescription == null) return [{ field: "speaker", message: "give speaker, or speakerDescription for an anonymous source", constraint: "exactlyOne" }];
  if (q.speakerAffiliation != null && q.speakerDescription == null) {
    return [{ field: "speakerAffiliation", message: "is an anonymous source's affiliation: it needs speakerDescription (a named person's affiliation goes in speaker.organization)", constraint: "speaker" }];
  }
  return [];
}

@InputType({ description: "A quote inside ArticleInput; quotes keep the order given." })
export class QuoteInput extends QuoteFields implements SelfChecking {
  check(): FieldError[] {
    return [...speakerChoice(this), ...offsets(this.startOffset, this.endOffset)];
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
    return [...speakerChoice(this), ...offsets(this.startOffset, this.endOffset)];
  }
}

@InputType({ description: "updateQuote: only the fields given change; null clears a nullable field." })
export class QuotePatch implements SelfChecking {
  @Field(() => String, { nullable: true })
  @NotBlank()
  @MaxLength(20_000)
  text?: string | null;

  @Field(() => SpeakerInput, { nullable: true, description: "A named speaker; an anonymous quote becomes a named one (its description and affiliation are cleared)." })
  @ValidateNested()
  speaker?: SpeakerInput | null;

  @Field(() => String, { nullable: true, description: "An anonymous source's description; a named quote becomes anonymous (with `speakerAffiliation`, or none)." })
  @NotBlank()
  @MaxLength(300)
  speakerDescription?: string | null;

  @Field(() => OrganizationRefInput, { nullable: true, description: "An anonymous quote's affiliation; null clears it. Not for a named speaker." })
  @ValidateNested()
  speakerAffiliation?: OrganizationRefInput | null;

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
    for (const k of ["text", "speaker", "speakerDescription", "isPartial", "confidence"] as const) {
      if (this[k] === null) out.push({ field: k, message: "cannot be null", constraint: "notNull" });
    }
    if (this.speaker != null && this.speakerDescription != null) {
      out.push({ field: "speakerDescription", message: "give either speaker (a named speaker) or speakerDescription (an anonymous one), not both", constraint: "exactlyOne" });
    } else if (this.speaker != null && this.speakerAffiliation != null) {
      out.push({ field: "speakerAffiliation", message: "is an anonymous source's affiliation: not with speaker", constraint: "speaker" });
    }
    if ((this.startOffset === undefined) !== (this.endOffset === undefined)) {
      out.push({ field: this.startOffset === undefined ? "startOffset" : "endOffset", message: "startOffset and endOffset change together", constraint: "offsets" });
    } else out.push(...offsets(this.startOffset, this.endOffset));
    return out;
  }
}
