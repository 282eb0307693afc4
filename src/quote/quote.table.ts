import { type TableDescription, globalIdSql } from "../planner/sql-json";
import { TRACKED_FIELDS } from "../planner/tracked.table";

/**
 * The Quote fields the planner reads straight from the `quote` table. `speaker` and
 * `speakerAffiliation` are not here: selecting them sends the operation to the executor.
 */
export const QUOTE_TABLE: TableDescription = {
  typeName: "Quote",
  table: "quote",
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
    ...TRACKED_FIELDS,
  },
};
