import { EXPERT_TABLE } from "../expert/expert.table";
import { ORGANIZATION_TABLE } from "../organization/organization.table";
import { type TableDescription, globalIdSql, trackedSql } from "../planner/sql-json";

/**
 * Where the planner must leave `Quote.speaker` to the executor: an anonymous quote, whose
 * speaker the resolver answers with a BAD_USER_INPUT error (see QuoteResolver.speaker).
 * The one place to change when anonymous speakers become a type of their own.
 */
export const speakerNeedsExecutor = (q: string): string => `${q}.speaker_description IS NOT NULL`;

/** The Quote fields the planner reads from the `quote` table, and its speaker (Expert or Organization). */
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
      executorWhen: speakerNeedsExecutor,
      choices: [
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
  },
};
