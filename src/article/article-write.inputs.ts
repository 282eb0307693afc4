import { ArrayMaxSize, IsUrl, MaxLength, ValidateNested } from "class-validator";
import { DateTimeResolver } from "graphql-scalars";
import { Field, InputType } from "type-graphql";
import { IsLanguageTag, IsSlug, NotBlank, offsets } from "../common/input-rules";
import { type FieldError, type SelfChecking, join } from "../common/validation";
import { ArticleEventInput } from "../event/event-write.inputs";
import { OrganizationRefInput } from "../organization/organization-write.inputs";
import { PlaceRefInput } from "../place/place-write.inputs";
import { QuoteInput, SpeakerInput } from "../quote/quote-write.inputs";
import { TopicRefInput } from "../topic/topic-write.inputs";

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

@InputType({ description: "People, organizations and places the article names (quoted speakers are added on their own)." })
export class MentionsInput {
  @Field(() => [SpeakerInput], { nullable: true, description: "People, by id or by name/title/organization." })
  @ArrayMaxSize(500)
  @ValidateNested()
  people?: SpeakerInput[] | null;

  @Field(() => [OrganizationRefInput], { nullable: true })
  @ArrayMaxSize(500)
  @ValidateNested()
  organizations?: OrganizationRefInput[] | null;

  @Field(() => [PlaceRefInput], { nullable: true })
  @ArrayMaxSize(500)
  @ValidateNested()
  places?: PlaceRefInput[] | null;
}

/** What ArticleInput and ArticlePatch share: every field optional here. */
// Registered only so subclasses inherit its fields; never referenced, so not in the schema.
@InputType()
abstract class ArticleFields {
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

/** Quote offsets must fall inside the body they point into. */
function quotesInsideBody(quotes: QuoteInput[] | null | undefined, body: string | null | undefined): FieldError[] {
  if (!quotes || body == null) return [];
  const out: FieldError[] = [];
  quotes.forEach((q, i) => {
    if (!q) return;
    for (const e of offsets(q.startOffset, q.endOffset, body.length)) if (e.constraint === "offsets" && e.message.includes("inside")) out.push({ ...e, field: join(join("quotes", String(i)), e.field) });
  });
  return out;
}

@InputType({
  description:
    "An article and everything in it, written in one transaction. upsertArticle finds the article by its canonical `url` " +
    "(fragment and utm_* tracking parameters dropped); sending the same input again changes nothing.",
})
export class ArticleInput extends ArticleFields implements SelfChecking {
  @Field(() => String, { nullable: true, description: "Canonical URL; required by upsertArticle." })
  @IsUrl(URL_RULE, { message: "must be an http(s) URL" })
  url?: string | null;

  @Field()
  @NotBlank()
  @MaxLength(1000)
  headline!: string;

  @Field()
  @NotBlank()
  @MaxLength(2_000_000)
  body!: string;

  @Field(() => DateTimeResolver)
  publishedAt!: Date;

  check(): FieldError[] {
    return quotesInsideBody(this.quotes, this.body);
  }
}

@InputType({ description: "updateArticle: only the fields given change; null clears a nullable field; a list given replaces the list." })
export class ArticlePatch extends ArticleFields implements SelfChecking {
  @Field(() => String, { nullable: true })
  @IsUrl(URL_RULE, { message: "must be an http(s) URL" })
  url?: string | null;

  @Field(() => String, { nullable: true })
  @NotBlank()
  @MaxLength(1000)
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
    return [...out, ...quotesInsideBody(this.quotes, this.body)];
  }
}
