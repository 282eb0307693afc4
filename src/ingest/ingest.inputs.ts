import { IsUrl, MaxLength } from "class-validator";
import { DateTimeResolver } from "graphql-scalars";
import { Field, InputType } from "type-graphql";
import { NotBlank, exactlyOne } from "../common/input-rules";
import type { FieldError, SelfChecking } from "../common/validation";

@InputType({ description: "A raw article for ingestArticle: its text or its HTML page, and what the text may not say itself." })
export class IngestArticleInput implements SelfChecking {
  @Field(() => String, { nullable: true, description: "Plain text: the headline first, paragraphs separated by blank lines; page furniture and photo captions are recognised." })
  @NotBlank()
  @MaxLength(2_000_000)
  text?: string | null;

  @Field(() => String, { nullable: true, description: "An HTML page; its main content is found the way a reader view finds it." })
  @NotBlank()
  @MaxLength(10_000_000)
  html?: string | null;

  @Field(() => String, { nullable: true, description: "Canonical URL, the key: ingesting the same article again changes nothing. Required unless the HTML names its canonical URL." })
  @IsUrl({ protocols: ["http", "https"], require_protocol: true, require_tld: false }, { message: "must be an http(s) URL" })
  url?: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description:
      'Relative dates ("Monday", "last week") resolve against it. When neither this, the page nor the text gives a date, the time of the request stands in ' +
      "(publishedAtSource RECEIVED, with a warning): it orders the article but never replaces a stored date, and relative dates stay unresolved.",
  })
  publishedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The publisher\'s name, e.g. "VOA".' })
  @NotBlank()
  @MaxLength(300)
  publisher?: string | null;

  check(): FieldError[] {
    return exactlyOne(this, ["text", "html"]);
  }
}
