/** The day a quote was said, falling back to its article's publication day (UTC), over QuoteService.list's aliases `q` and `a`. */
export const SAID_DAY = `coalesce(q.said_on, (a.published_at AT TIME ZONE 'UTC')::date)`;
