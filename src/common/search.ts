/** The text-search configuration every tsvector and tsquery of the schema uses. */
export const SEARCH_CONFIG = "'english'::regconfig";

/**
 * A full-text search's `totalCount` is exact up to this many matches and the planner's estimate
 * above it (`totalCountIsEstimate`): counting 100,000 matches exactly means visiting 100,000 heap
 * rows, while the page itself needs only the ranked top.
 */
export const SEARCH_EXACT_COUNT_UP_TO = 5_000;
