import { Field, Int, ObjectType } from "type-graphql";

/** Where a matched word is in a snippet: `snippet.slice(start, end)`. */
export interface HighlightRangeRow {
  start: number;
  end: number;
}

/** One field's snippet with the matched words marked by offsets. */
export interface HighlightRow {
  field: string;
  snippet: string;
  matches: HighlightRangeRow[];
}

@ObjectType("HighlightRange", {
  simpleResolvers: true,
  description: "A matched word in a snippet: `snippet.slice(start, end)` in JavaScript (offsets count UTF-16 code units).",
})
export class HighlightRange {
  @Field(() => Int, { description: "Offset of the first character of the match in `snippet`." })
  start!: number;

  @Field(() => Int, { description: "Offset just past the last character." })
  end!: number;
}

@ObjectType("Highlight", {
  simpleResolvers: true,
  description: "Why a result matched: a snippet of one of its fields, as plain text (no HTML), with the matched words given by offsets.",
})
export class Highlight {
  @Field({ description: "The field the snippet is from: `headline`, `summary`, `body` (articles), `text` (quotes), `name` or `aliases` (experts, organizations), `title`, `description` (events)." })
  field!: string;

  @Field({ description: "The field's text, or for long text (an article body) up to two passages around the matches joined by \" … \"." })
  snippet!: string;

  @Field(() => [HighlightRange], { description: "The matched words, in order; never empty." })
  matches!: HighlightRange[];
}
