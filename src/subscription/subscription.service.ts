import { Repeater } from "@graphql-yoga/subscription";
import type { ArticleRow } from "../article/article.type";
import { badUserInput } from "../common/errors";
import { isUuid, parseGlobalId } from "../common/global-id";
import { SLUG } from "../common/refs";
import type { Context } from "../context";
import type { QuoteRow } from "../quote/quote.type";

/**
 * Each event of `source` turned into the row it names, read through the subscriber's loaders when
 * the event is delivered; events whose row is gone by then (or that do not name one) are skipped.
 * The loaders are cleared before each event: a subscription lives long, and each event must see
 * the rows as they are now. A Repeater rather than an async generator: `return()` (the client
 * unsubscribes) must take effect at once, not wait behind a `next()` that waits for an event.
 */
function rowsOf<P, R>(ctx: Context, source: AsyncIterable<P>, load: (payload: P) => Promise<R | null | undefined> | null): AsyncIterable<R> {
  return new Repeater<R>(async (push, stop) => {
    const events = source[Symbol.asyncIterator]();
    let stopped = false;
    stop.then(() => {
      stopped = true;
      return events.return?.();
    });
    for (let next = await events.next(); !next.done; next = await events.next()) {
      ctx.loaders.clear();
      let row: R | null | undefined;
      try {
        row = await load(next.value);
      } catch (err) {
        // A read that fails (the database going away while the server stops) loses this event, not
        // the subscription, and never becomes an unhandled rejection.
        if (!stopped) ctx.log.error({ err, requestId: ctx.requestId }, "could not read the row of a subscription event; event skipped");
        continue;
      }
      if (row && !stopped) await push(row);
    }
    stop();
  });
}

/** The database ids a `speaker` argument names: an Expert or Organization global id, or a slug of either. */
async function speakerIds(ctx: Context, speaker: string): Promise<Set<string>> {
  const parsed = parseGlobalId(speaker);
  if (parsed) {
    if (parsed.type !== "Expert" && parsed.type !== "Organization") {
      throw badUserInput(`Argument "speaker" must be an Expert or Organization id or slug; got a ${parsed.type} id`, "speaker");
    }
    const row = await ctx.loaders.get(parsed.type === "Expert" ? "expertById" : "organizationById").load(parsed.id);
    if (!row) throw badUserInput(`Argument "speaker": no ${parsed.type} has the id "${speaker}"`, "speaker");
    return new Set([parsed.id]);
  }
  if (!SLUG.test(speaker)) throw badUserInput(`Argument "speaker" must be an Expert or Organization id or slug: "${speaker}"`, "speaker");
  const rows = await ctx.db.query<Array<{ id: string }>>(`SELECT id FROM expert WHERE slug = $1 UNION ALL SELECT id FROM organization WHERE slug = $1`, [speaker]);
  if (!rows.length) throw badUserInput(`Argument "speaker": no expert or organization has the slug "${speaker}"`, "speaker");
  return new Set(rows.map((r) => r.id));
}

export const SubscriptionService = {
  /** Articles as they are published. */
  articlesPublished(ctx: Context): AsyncIterable<ArticleRow> {
    return rowsOf(ctx, ctx.pubsub.subscribe("ARTICLE_PUBLISHED"), (e) => (isUuid(e?.articleId) ? ctx.loaders.get("articleById").load(e.articleId) : null));
  },

  /** Quotes as they are added, of one speaker when `speaker` is given. Throws BAD_USER_INPUT for a speaker that does not exist. */
  async quotesAdded(ctx: Context, speaker: string | null | undefined): Promise<AsyncIterable<QuoteRow>> {
    const only = speaker == null ? null : await speakerIds(ctx, speaker);
    return rowsOf(ctx, ctx.pubsub.subscribe("QUOTE_ADDED"), (e) => {
      if (!isUuid(e?.quoteId) || (only && (e.speakerId == null || !only.has(e.speakerId)))) return null;
      return ctx.loaders.get("quoteById").load(e.quoteId);
    });
  },
};
