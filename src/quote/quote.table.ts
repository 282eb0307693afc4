import { ARTICLE_TABLE } from "../article/article.table";
import { EXPERT_TABLE } from "../expert/expert.table";
import { ORGANIZATION_TABLE } from "../organization/organization.table";
import { type Relation, type TableDescription, globalIdSql, trackedSql } from "../planner/sql-json";
import type { QuoteOrder } from "./quote.inputs";
import { quoteOrdering } from "./quote.service";

/**
 * The speaker of an anonymous quote (`AnonymousSource`), read from the quote's own row: its id is
 * the quote's (see anonymousSourceOf in anonymous-source.type.ts), `name` and `description` are
 * the description, `affiliation` the organization it names.
 */
export const ANONYMOUS_SOURCE_TABLE: TableDescription = {
  typeName: "AnonymousSource",
  table: "quote",
  interfaces: ["Node", "Speaker"],
  fields: {
    __typename: () => `'AnonymousSource'`,
    id: (a) => globalIdSql("AnonymousSource", `${a}.id`),
    name: (a) => `${a}.speaker_description`,
    description: (a) => `${a}.speaker_description`,
  },
  relations: {
    affiliation: {
      kind: "one",
      target: () => ORGANIZATION_TABLE,
      from: (o, a) => `FROM organization ${o} WHERE ${o}.id = ${a}.speaker_description_organization_id`,
    },
    quote: { kind: "one", target: () => QUOTE_TABLE, from: (q, a) => `FROM quote ${q} WHERE ${q}.id = ${a}.id` },
  },
};

/** The Quote fields the planner reads from the `quote` table, its speaker (Expert, Organization or AnonymousSource), affiliation and article. */
export const QUOTE_TABLE: TableDescription = {
  typeName: "Quote",
  table: "quote",
  interfaces: ["Node"],
  fields: {
    __typename: () => `'Quote'`,
    id: (q) => globalIdSql("Quote", `${q}.id`),
    text: (q) => `${q}.text`,
    channel: (q) => `${q}.channel`,
    saidOn: (q) => `${q}.said_on::text`,
    isPartial: (q) => `${q}.is_partial`,
    position: (q) => `${q}.position`,
    startOffset: (q) => `${q}.start_offset`,
    endOffset: (q) => `${q}.end_offset`,
    speakerDescription: (q) => `${q}.speaker_description`,
    anonymous: (q) => `(${q}.speaker_description IS NOT NULL)`,
    confidence: (q) => `${q}.confidence`,
    ...trackedSql(),
  },
  relations: {
    speaker: {
      kind: "oneOf",
      choices: [
        {
          when: (q) => `${q}.speaker_description IS NOT NULL`,
          target: () => ANONYMOUS_SOURCE_TABLE,
          from: (a, q) => `FROM quote ${a} WHERE ${a}.id = ${q}.id`,
        },
        { when: (q) => `${q}.speaker_expert_id IS NOT NULL`, target: () => EXPERT_TABLE, from: (x, q) => `FROM expert ${x} WHERE ${x}.id = ${q}.speaker_expert_id` },
        {
          when: (q) => `${q}.speaker_organization_id IS NOT NULL`,
          target: () => ORGANIZATION_TABLE,
          from: (o, q) => `FROM organization ${o} WHERE ${o}.id = ${q}.speaker_organization_id`,
        },
      ],
    },
    speakerAffiliation: {
      kind: "one",
      target: () => ORGANIZATION_TABLE,
      from: (o, q) => `FROM organization ${o} WHERE ${o}.id = ${q}.speaker_description_organization_id`,
    },
    // Only the selected article columns: a headline never reads the body.
    article: { kind: "one", target: () => ARTICLE_TABLE, from: (a, q) => `FROM article ${a} WHERE ${a}.id = ${q}.article_id` },
  },
  // QuoteService.list's rows: its orderings and conditions read the article's publication time.
  page: { from: "quote q JOIN article a ON a.id = q.article_id", alias: "q" },
};

/**
 * `<speaker>.quotes(first, after, last, before, orderBy)`: the quotes whose `column` is the
 * speaker's id, as QuoteService pages them. A function declaration, so that the speakers' table
 * files can call it while this module is still loading (they import each other).
 */
export function quotesOfSpeaker(column: string): Relation {
  return {
    kind: "connection",
    target: () => QUOTE_TABLE,
    ordering: (args) => quoteOrdering(args.orderBy as QuoteOrder | undefined),
    arguments: ["orderBy"],
    where: (speaker) => [`q.${column} = ${speaker}.id`],
  };
}
