import { ArrayMaxSize, IsUrl, MaxLength, ValidateIf, ValidateNested } from "class-validator";
import { DateTimeResolver } from "graphql-scalars";
import { Field, InputType } from "type-graphql";
import { IsLanguageTag, IsSlug, NotBlank, type Provenance, offsets, provenanceFields } from "../common/input-rules";
import { type FieldError, type SelfChecking, join } from "../common/validation";
import { ArticleEventInput } from "../event/event-write.inputs";
import { OrganizationRefInput } from "../organization/organization-write.inputs";
import { PlaceRefInput } from "../place/place-write.inputs";
import { QuoteInput, SpeakerInput } from "../quote/quote-write.inputs";
import { TopicRefInput } from "../topic/topic-write.inputs";
import { isContentKey } from "./content-key";
import { PublishedAtSource } from "./article.entity";

/** The longest headline an article may have, in characters. */
export const MAX_HEADLINE_LENGTH = 1000;

const URL_RULE = { protocols: ["http", "https"], require_protocol: true, require_tld: false, max_allowed_length: 2000 };

@InputType({ description: "A photo in an article; images keep the order given." })
export class ImageInput {
  @Field()
  @NotBlank()
  @MaxLength(5000)
  caption!: string;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  credit?: string | null;

  @Field(() => String, { nullable: true })
  @IsUrl(URL_RULE, { message: "must be an http(s) URL" })
  url?: string | null;
}

@InputType({ description: "A person the article names: a speaker reference with where the article names them." })
export class PersonMentionInput extends SpeakerInput implements SelfChecking, Provenance {
  startOffset?: number | null;
  endOffset?: number | null;
  confidence?: number | null;

  override check(): FieldError[] {
    return [...super.check(), ...offsets(this.startOffset, this.endOffset)];
  }
}
provenanceFields(PersonMentionInput, "the name");

@InputType({ description: "An organization the article names, with where it names it." })
export class OrganizationMentionInput extends OrganizationRefInput implements SelfChecking, Provenance {
  startOffset?: number | null;
  endOffset?: number | null;
  confidence?: number | null;

  override check(): FieldError[] {
    return [...super.check(), ...offsets(this.startOffset, this.endOffset)];
  }
}
provenanceFields(OrganizationMentionInput, "the name");

@InputType({ description: "A place the article names, with where it names it." })
export class PlaceMentionInput extends PlaceRefInput implements SelfChecking, Provenance {
  startOffset?: number | null;
  endOffset?: number | null;
  confidence?: number | null;

  override check(): FieldError[] {
    return [...super.check(), ...offsets(this.startOffset, this.endOffset)];
  }
}
provenanceFields(PlaceMentionInput, "the name");

@InputType({ description: "People, organizations and places the article names (quoted speakers are added on their own), each with optional provenance." })
export class MentionsInput {
  @Field(() => [PersonMentionInput], { nullable: true, description: "People, by id or by name/title/organization." })
  @ArrayMaxSize(500)
  @ValidateNested()
  people?: PersonMentionInput[] | null;

  @Field(() => [OrganizationMentionInput], { nullable: true })
  @ArrayMaxSize(500)
  @ValidateNested()
  organizations?: OrganizationMentionInput[] | null;

  @Field(() => [PlaceMentionInput], { nullable: true })
  @ArrayMaxSize(500)
  @ValidateNested()
  places?: PlaceMentionInput[] | null;
}

/** What ArticleInput and ArticlePatch share: every field optional here. */
// Registered only so subclasses inherit its fields; never referenced, so not in the schema.
@InputType()
export abstract class ArticleFields {
  @Field(() => String, { nullable: true, description: "Derived from the headline when absent (on create)." })
  @IsSlug()
  @MaxLength(120)
  slug?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(5000)
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 tag; default "en".' })
  @IsLanguageTag()
  language?: string | null;

  @Field(() => OrganizationRefInput, { nullable: true })
  @ValidateNested()
  publisher?: OrganizationRefInput | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50)
  @NotBlank({ each: true })
  @MaxLength(300, { each: true })
  bylines?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Section headings, in order." })
  @ArrayMaxSize(200)
  @NotBlank({ each: true })
  @MaxLength(500, { each: true })
  sections?: string[] | null;

  @Field(() => [ImageInput], { nullable: true })
  @ArrayMaxSize(200)
  @ValidateNested()
  images?: ImageInput[] | null;

  @Field(() => [TopicRefInput], { nullable: true })
  @ArrayMaxSize(100)
  @ValidateNested()
  topics?: TopicRefInput[] | null;

  @Field(() => [QuoteInput], { nullable: true, description: "In the order they appear." })
  @ArrayMaxSize(1000)
  @ValidateNested()
  quotes?: QuoteInput[] | null;

  @Field(() => MentionsInput, { nullable: true })
  @ValidateNested()
  mentions?: MentionsInput | null;

  @Field(() => [ArticleEventInput], { nullable: true, description: "Events the article reports." })
  @ArrayMaxSize(200)
  @ValidateNested()
  events?: ArticleEventInput[] | null;
}

/** Offsets of quotes, mentions and events must fall inside the body they point into. */
export function insideBody(input: ArticleFields, body: string | null | undefined): FieldError[] {
  if (body == null) return [];
  const out: FieldError[] = [];
  const check = (items: ReadonlyArray<Provenance | null | undefined> | null | undefined, path: string) =>
    items?.forEach((item, i) => {
      if (!item) return;
      for (const e of offsets(item.startOffset, item.endOffset, body.length)) {
        if (e.constraint === "offsets" && e.message.includes("inside")) out.push({ ...e, field: join(join(path, String(i)), e.field) });
      }
    });
  check(input.quotes, "quotes");
  check(input.mentions?.people, "mentions.people");
  check(input.mentions?.organizations, "mentions.organizations");
  check(input.mentions?.places, "mentions.places");
  check(input.events, "events");
  return out;
}

@InputType({
  description:
    "An article and everything in it, written in one transaction. upsertArticle finds the article by its canonical `url` " +
    "(fragment and utm_* tracking parameters dropped); sending the same input again changes nothing.",
})
export class ArticleInput extends ArticleFields implements SelfChecking {
  @Field(() => String, { nullable: true, description: "Canonical URL; required by upsertArticle. An article without one (imported text) is keyed by urn:newsgraph:text:<sha256 of its body and publisher>." })
  @ValidateIf((o: ArticleInput) => !isContentKey(o.url))
  @IsUrl(URL_RULE, { message: "must be an http(s) URL" })
  url?: string | null;

  @Field()
  @NotBlank()
  @MaxLength(MAX_HEADLINE_LENGTH)
  headline!: string;

  @Field()
  @NotBlank()
  @MaxLength(2_000_000)
  body!: string;

  @Field(() => DateTimeResolver)
  publishedAt!: Date;

  @Field(() => PublishedAtSource, {
    nullable: true,
    description:
      "Where publishedAt comes from; default GIVEN. FILE_MODIFIED or RECEIVED mark it as a stand-in for a date the source did not give: " +
      "a stand-in never replaces the date of an article already stored, so writing the same undated article again changes nothing.",
  })
  publishedAtSource?: PublishedAtSource | null;

  check(): FieldError[] {
    return insideBody(this, this.body);
  }
}

@InputType({ description: "updateArticle: only the fields given change; null clears a nullable field; a list given replaces the list." })
export class ArticlePatch extends ArticleFields implements SelfChecking {
  @Field(() => String, { nullable: true })
  @IsUrl(URL_RULE, { message: "must be an http(s) URL" })
  url?: string | null;

  @Field(() => String, { nullable: true })
  @NotBlank()
  @MaxLength(MAX_HEADLINE_LENGTH)
  headline?: string | null;

  @Field(() => String, { nullable: true })
  @NotBlank()
  @MaxLength(2_000_000)
  body?: string | null;

  @Field(() => DateTimeResolver, { nullable: true })
  publishedAt?: Date | null;

  check(): FieldError[] {
    const out: FieldError[] = [];
    for (const k of ["headline", "body", "publishedAt", "slug", "language"] as const) {
      if (this[k] === null) out.push({ field: k, message: "cannot be null", constraint: "notNull" });
    }
    // Offsets against a new body here; against the stored body in the service.
    return [...out, ...insideBody(this, this.body)];
  }
}
