import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { ArticleInput } from "../../src/article/article-write.inputs";
import { validateInput } from "../../src/common/validation";
import { EventKind } from "../../src/event/event.entity";
import { QuoteInput, SpeakerInput } from "../../src/quote/quote-write.inputs";
import { createSchema } from "../../src/schema";

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

const article = {
  url: "https://example.com/a",
  headline: "Ministers meet",
  body: "“We agreed,” the minister said.",
  publishedAt: "2024-05-02T09:00:00Z",
  quotes: [{ text: "We agreed", speaker: { name: "Ana Ruiz", title: "minister" }, startOffset: 1, endOffset: 10 }],
  events: [{ title: "Ministers meet", kind: "MEETING", startsOn: "2024-05-01" }],
};

describe("validateInput: a plain JSON value checked as the API checks it", () => {
  it("returns input instances, nested ones included, with scalars and enums coerced", () => {
    const result = validateInput(schema, ArticleInput, article);
    expect(result.errors).toBeUndefined();
    const input = result.value!;
    expect(input).toBeInstanceOf(ArticleInput);
    expect(input.quotes![0]).toBeInstanceOf(QuoteInput);
    expect(input.quotes![0]!.speaker).toBeInstanceOf(SpeakerInput);
    expect(input.publishedAt).toBeInstanceOf(Date);
    expect(input.publishedAt.toISOString()).toBe("2024-05-02T09:00:00.000Z");
    expect(input.events![0]!.kind).toBe(EventKind.MEETING);
  });

  it("reports type errors with the field's path and does not go on to the rules", () => {
    const result = validateInput(schema, ArticleInput, { ...article, publishedAt: "yesterday", quotes: [{ ...article.quotes[0], startOffset: "one" }] });
    expect(result.value).toBeUndefined();
    expect(result.errors!.map((e) => e.field).sort()).toEqual(["input.publishedAt", "input.quotes[0].startOffset"]);
  });

  it("names a missing required field", () => {
    const { headline: _, ...noHeadline } = article;
    const result = validateInput(schema, ArticleInput, noHeadline);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toMatch(/headline/);
  });

  it("runs class-validator and the inputs' own checks with the same paths as the API", () => {
    const result = validateInput(schema, ArticleInput, {
      ...article,
      headline: "   ",
      quotes: [{ ...article.quotes[0], startOffset: 5, endOffset: 400 }],
      events: [{ title: "Ministers meet", startsOn: "2024-05-03", endsOn: "2024-05-01" }],
    });
    const fields = result.errors!.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["input.headline", "input.quotes[0].endOffset", "input.events[0].endsOn"]));
  });

  it("rejects what is not an object", () => {
    expect(validateInput(schema, ArticleInput, "an article").errors).toHaveLength(1);
    expect(validateInput(schema, ArticleInput, null).errors).toHaveLength(1);
  });
});
