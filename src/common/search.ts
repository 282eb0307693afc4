import { badUserInput } from "./errors";

/** The text-search configuration every tsvector and tsquery of the schema uses. */
export const SEARCH_CONFIG = "'english'::regconfig";

/**
 * A full-text search's `totalCount` is exact up to this many matches and the planner's estimate
 * above it (`totalCountIsEstimate`): counting 100,000 matches exactly means visiting 100,000 heap
 * rows, while the page itself needs only the ranked top.
 */
export const SEARCH_EXACT_COUNT_UP_TO = 5_000;

/**
 * The longest full-text search accepted. A query is a few words; parsing and matching a tsquery
 * of megabytes costs seconds of database time (on embedded PGlite, of the server's own thread).
 */
export const MAX_SEARCH_LENGTH = 1_000;

/** A search argument trimmed, refused when empty or longer than {@link MAX_SEARCH_LENGTH}. */
export function searchTerm(value: string, argument: string, max = MAX_SEARCH_LENGTH): string {
  const term = value.trim();
  if (!term) throw badUserInput(`Argument "${argument}" must not be empty`, argument);
  if (term.length > max) throw badUserInput(`Argument "${argument}" must be at most ${max} characters`, argument, { maxLength: max });
  return term;
}
