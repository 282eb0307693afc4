import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The expert finder's counted lists as maintained tables, and the counts kept by deltas instead of
 * recounts (issue 11). Counting at read time cost 145 ms for the topics of 20 people at 500,000
 * quotes (each person ~2,500 quotes); recounting on write cost as much per imported batch. Now:
 *
 * - `expert_article`: the articles quoting each person, with the number of quotes in each;
 * - `expert_topic`: per person and topic, the articles on the topic quoting the person;
 * - `expert_channel`: per person and channel ("told reporters"), the quotes given that way;
 * - `expert_co_quoted`: per ordered pair of people, the articles quoting both (both directions
 *   stored, so the pair reads from either side);
 * - `expert.quote_count` / `last_quoted_at` (the previous migration's columns), by deltas.
 *
 * One statement trigger per operation on quote turns its transition rows into (person, article,
 * channel, ±1) and applies them in `newsgraph_quote_stats`, set-based: a person appearing in or
 * leaving an article moves its topics and co-quotes by one; the co-quote change of an article is
 * (pairs after) − (pairs before), so several people arriving in one statement count once each.
 * Triggers on article_topic move topic counts, and one on article a changed publication time.
 * Counts move with `x = x + d` (atomic under concurrent writers of different articles; writers of
 * one article hold its row lock). Rows reaching 0 are deleted. Every write path (createQuote,
 * updateQuote, deleteQuote, article writes, import, mergeExperts, deleteArticle's cascade, raw
 * SQL) goes through these triggers, in its own transaction.
 */
export class ExpertStats1796642325531 implements MigrationInterface {
  name = "ExpertStats1796642325531";

  async up(q: QueryRunner): Promise<void> {
    for (const t of ["quote_expert_recount_insert", "quote_expert_recount_delete", "quote_expert_recount_update"]) await q.query(`DROP TRIGGER ${t} ON quote`);
    await q.query(`DROP TRIGGER article_expert_recount ON article`);
    await q.query(`DROP FUNCTION newsgraph_quote_recount()`);
    await q.query(`DROP FUNCTION newsgraph_article_recount()`);
    await q.query(`DROP FUNCTION newsgraph_expert_recount(uuid[])`);

    // No foreign key to article: the quote triggers remove the rows when an article's quotes go
    // (a cascade from article would remove them before the triggers could count what left).
    await q.query(`
      CREATE TABLE expert_article (
        expert_id uuid NOT NULL REFERENCES expert (id) ON DELETE CASCADE,
        article_id uuid NOT NULL,
        quotes integer NOT NULL,
        PRIMARY KEY (expert_id, article_id)
      )`);
    await q.query(`CREATE INDEX expert_article_article_idx ON expert_article (article_id, expert_id)`);
    await q.query(`
      CREATE TABLE expert_topic (
        expert_id uuid NOT NULL REFERENCES expert (id) ON DELETE CASCADE,
        topic_id uuid NOT NULL REFERENCES topic (id) ON DELETE CASCADE,
        articles integer NOT NULL,
        PRIMARY KEY (expert_id, topic_id)
      )`);
    await q.query(`CREATE INDEX expert_topic_topic_idx ON expert_topic (topic_id, expert_id)`);
    await q.query(`
      CREATE TABLE expert_channel (
        expert_id uuid NOT NULL REFERENCES expert (id) ON DELETE CASCADE,
        channel text NOT NULL,
        quotes integer NOT NULL,
        PRIMARY KEY (expert_id, channel)
      )`);
    await q.query(`
      CREATE TABLE expert_co_quoted (
        expert_id uuid NOT NULL REFERENCES expert (id) ON DELETE CASCADE,
        other_id uuid NOT NULL REFERENCES expert (id) ON DELETE CASCADE,
        articles integer NOT NULL,
        PRIMARY KEY (expert_id, other_id)
      )`);

    await q.query(`
      CREATE FUNCTION newsgraph_quote_stats(q_experts uuid[], q_articles uuid[], q_channels text[], q_deltas integer[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        came_e uuid[]; came_a uuid[]; went_e uuid[]; went_a uuid[];
      BEGIN
        IF cardinality(q_experts) = 0 THEN RETURN; END IF;
        UPDATE expert x SET quote_count = x.quote_count + s.d
          FROM (SELECT e, sum(d)::integer AS d FROM unnest(q_experts, q_deltas) u(e, d) GROUP BY e HAVING sum(d) <> 0 ORDER BY e) s
         WHERE x.id = s.e;

        INSERT INTO expert_channel (expert_id, channel, quotes)
        SELECT e, c, sum(d) FROM unnest(q_experts, q_channels, q_deltas) u(e, c, d) WHERE c IS NOT NULL GROUP BY e, c HAVING sum(d) <> 0
        ON CONFLICT (expert_id, channel) DO UPDATE SET quotes = expert_channel.quotes + EXCLUDED.quotes;
        DELETE FROM expert_channel WHERE expert_id = ANY(q_experts) AND quotes <= 0;

        -- Who came into an article (no quote before) and who left it (none after).
        WITH d AS (SELECT e, a, sum(d)::integer AS d FROM unnest(q_experts, q_articles, q_deltas) u(e, a, d) GROUP BY e, a HAVING sum(d) <> 0),
             c AS (SELECT d.e, d.a, coalesce(ea.quotes, 0) AS before, coalesce(ea.quotes, 0) + d.d AS after
                     FROM d LEFT JOIN expert_article ea ON ea.expert_id = d.e AND ea.article_id = d.a)
        SELECT array_agg(e) FILTER (WHERE before <= 0 AND after > 0), array_agg(a) FILTER (WHERE before <= 0 AND after > 0),
               array_agg(e) FILTER (WHERE before > 0 AND after <= 0), array_agg(a) FILTER (WHERE before > 0 AND after <= 0)
          INTO came_e, came_a, went_e, went_a FROM c;
        came_e := coalesce(came_e, '{}'); came_a := coalesce(came_a, '{}'); went_e := coalesce(went_e, '{}'); went_a := coalesce(went_a, '{}');

        INSERT INTO expert_article (expert_id, article_id, quotes)
        SELECT e, a, sum(d) FROM unnest(q_experts, q_articles, q_deltas) u(e, a, d) GROUP BY e, a HAVING sum(d) <> 0
        ON CONFLICT (expert_id, article_id) DO UPDATE SET quotes = expert_article.quotes + EXCLUDED.quotes;
        DELETE FROM expert_article ea USING unnest(went_e, went_a) g(e, a) WHERE ea.expert_id = g.e AND ea.article_id = g.a AND ea.quotes <= 0;

        IF cardinality(came_e) = 0 AND cardinality(went_e) = 0 THEN RETURN; END IF;

        INSERT INTO expert_topic (expert_id, topic_id, articles)
        SELECT m.e, l.topic_id, sum(m.d)
          FROM (SELECT e, a, 1 AS d FROM unnest(came_e, came_a) u(e, a) UNION ALL SELECT e, a, -1 FROM unnest(went_e, went_a) u(e, a)) m
          JOIN article_topic l ON l.article_id = m.a
         GROUP BY m.e, l.topic_id HAVING sum(m.d) <> 0
        ON CONFLICT (expert_id, topic_id) DO UPDATE SET articles = expert_topic.articles + EXCLUDED.articles;
        DELETE FROM expert_topic WHERE expert_id = ANY(came_e || went_e) AND articles <= 0;

        -- Pairs per article after, minus pairs before (after − came + went).
        WITH arts AS (SELECT DISTINCT a FROM unnest(came_a || went_a) u(a)),
             post AS (SELECT ea.expert_id AS e, ea.article_id AS a FROM expert_article ea JOIN arts ON arts.a = ea.article_id),
             pre AS ((SELECT e, a FROM post EXCEPT SELECT e, a FROM unnest(came_e, came_a) u(e, a)) UNION SELECT e, a FROM unnest(went_e, went_a) u(e, a)),
             pairs AS (SELECT x.e, y.e AS o, 1 AS d FROM post x JOIN post y ON y.a = x.a AND y.e <> x.e
                       UNION ALL
                       SELECT x.e, y.e, -1 FROM pre x JOIN pre y ON y.a = x.a AND y.e <> x.e)
        INSERT INTO expert_co_quoted (expert_id, other_id, articles)
        SELECT p.e, p.o, sum(p.d) FROM pairs p JOIN expert x ON x.id = p.e JOIN expert y ON y.id = p.o GROUP BY p.e, p.o HAVING sum(p.d) <> 0
        ON CONFLICT (expert_id, other_id) DO UPDATE SET articles = expert_co_quoted.articles + EXCLUDED.articles;
        DELETE FROM expert_co_quoted WHERE (expert_id = ANY(came_e || went_e) OR other_id = ANY(came_e || went_e)) AND articles <= 0;

        UPDATE expert x SET last_quoted_at = s.last
          FROM (SELECT u.e, max(a.published_at) AS last FROM unnest(came_e, came_a) u(e, a) JOIN article a ON a.id = u.a GROUP BY u.e) s
         WHERE x.id = s.e AND (x.last_quoted_at IS NULL OR x.last_quoted_at < s.last);
        PERFORM newsgraph_expert_last_quoted(ARRAY(SELECT DISTINCT e FROM unnest(went_e) u(e)));
      END
      $$`);
    await q.query(`
      CREATE FUNCTION newsgraph_expert_last_quoted(experts uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE expert x SET last_quoted_at = (SELECT max(a.published_at) FROM expert_article ea JOIN article a ON a.id = ea.article_id WHERE ea.expert_id = x.id)
         WHERE x.id = ANY(experts)
      $$`);
    await q.query(`
      CREATE FUNCTION newsgraph_quote_stats_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM newsgraph_quote_stats(array_agg(speaker_expert_id), array_agg(article_id), array_agg(channel), array_agg(1))
             FROM new_quotes WHERE speaker_expert_id IS NOT NULL HAVING count(*) > 0;
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM newsgraph_quote_stats(array_agg(speaker_expert_id), array_agg(article_id), array_agg(channel), array_agg(-1))
             FROM old_quotes WHERE speaker_expert_id IS NOT NULL HAVING count(*) > 0;
        ELSE
          PERFORM newsgraph_quote_stats(array_agg(m.e), array_agg(m.a), array_agg(m.c), array_agg(m.d))
             FROM (SELECT o.speaker_expert_id AS e, o.article_id AS a, o.channel AS c, -1 AS d FROM old_quotes o JOIN new_quotes n ON n.id = o.id
                    WHERE (o.speaker_expert_id, o.article_id, o.channel) IS DISTINCT FROM (n.speaker_expert_id, n.article_id, n.channel)
                   UNION ALL
                   SELECT n.speaker_expert_id, n.article_id, n.channel, 1 FROM old_quotes o JOIN new_quotes n ON n.id = o.id
                    WHERE (o.speaker_expert_id, o.article_id, o.channel) IS DISTINCT FROM (n.speaker_expert_id, n.article_id, n.channel)) m
            WHERE m.e IS NOT NULL HAVING count(*) > 0;
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`CREATE TRIGGER quote_stats_insert AFTER INSERT ON quote REFERENCING NEW TABLE AS new_quotes FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_quote_stats_trigger()`);
    await q.query(`CREATE TRIGGER quote_stats_delete AFTER DELETE ON quote REFERENCING OLD TABLE AS old_quotes FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_quote_stats_trigger()`);
    await q.query(
      `CREATE TRIGGER quote_stats_update AFTER UPDATE ON quote REFERENCING OLD TABLE AS old_quotes NEW TABLE AS new_quotes FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_quote_stats_trigger()`,
    );

    await q.query(`
      CREATE FUNCTION newsgraph_article_topic_stats(links_a uuid[], links_t uuid[], deltas integer[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO expert_topic (expert_id, topic_id, articles)
        SELECT ea.expert_id, u.t, sum(u.d) FROM unnest(links_a, links_t, deltas) u(a, t, d) JOIN expert_article ea ON ea.article_id = u.a
         GROUP BY ea.expert_id, u.t HAVING sum(u.d) <> 0
        ON CONFLICT (expert_id, topic_id) DO UPDATE SET articles = expert_topic.articles + EXCLUDED.articles;
        DELETE FROM expert_topic WHERE topic_id = ANY(links_t) AND articles <= 0;
      $$`);
    await q.query(`
      CREATE FUNCTION newsgraph_article_topic_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM newsgraph_article_topic_stats(array_agg(article_id), array_agg(topic_id), array_agg(1)) FROM new_links HAVING count(*) > 0;
        ELSIF TG_OP = 'DELETE' THEN
          -- A topic deleted with its links: its expert_topic rows go by cascade, nothing to count.
          PERFORM newsgraph_article_topic_stats(array_agg(article_id), array_agg(topic_id), array_agg(-1)) FROM old_links HAVING count(*) > 0;
        ELSE
          PERFORM newsgraph_article_topic_stats(array_agg(m.a), array_agg(m.t), array_agg(m.d))
             FROM (SELECT article_id AS a, topic_id AS t, -1 AS d FROM old_links UNION ALL SELECT article_id, topic_id, 1 FROM new_links) m
           HAVING count(*) > 0;
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`CREATE TRIGGER article_topic_stats_insert AFTER INSERT ON article_topic REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_article_topic_trigger()`);
    await q.query(`CREATE TRIGGER article_topic_stats_delete AFTER DELETE ON article_topic REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_article_topic_trigger()`);
    await q.query(
      `CREATE TRIGGER article_topic_stats_update AFTER UPDATE ON article_topic REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_article_topic_trigger()`,
    );

    // An article's publication time is its quotes' time.
    await q.query(`
      CREATE FUNCTION newsgraph_article_published_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM newsgraph_expert_last_quoted(ARRAY(
          SELECT DISTINCT ea.expert_id FROM old_articles o JOIN new_articles n ON n.id = o.id JOIN expert_article ea ON ea.article_id = n.id
           WHERE o.published_at IS DISTINCT FROM n.published_at));
        RETURN NULL;
      END
      $$`);
    await q.query(
      `CREATE TRIGGER article_published_stats AFTER UPDATE ON article REFERENCING OLD TABLE AS old_articles NEW TABLE AS new_articles FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_article_published_trigger()`,
    );

    // Backfill from the quotes.
    await q.query(`INSERT INTO expert_article (expert_id, article_id, quotes) SELECT speaker_expert_id, article_id, count(*) FROM quote WHERE speaker_expert_id IS NOT NULL GROUP BY 1, 2`);
    await q.query(`INSERT INTO expert_topic (expert_id, topic_id, articles) SELECT ea.expert_id, l.topic_id, count(*) FROM expert_article ea JOIN article_topic l ON l.article_id = ea.article_id GROUP BY 1, 2`);
    await q.query(`INSERT INTO expert_channel (expert_id, channel, quotes) SELECT speaker_expert_id, channel, count(*) FROM quote WHERE speaker_expert_id IS NOT NULL AND channel IS NOT NULL GROUP BY 1, 2`);
    await q.query(`
      INSERT INTO expert_co_quoted (expert_id, other_id, articles)
      SELECT x.expert_id, y.expert_id, count(*) FROM expert_article x JOIN expert_article y ON y.article_id = x.article_id AND y.expert_id <> x.expert_id GROUP BY 1, 2`);
    await q.query(`
      UPDATE expert x SET quote_count = coalesce(s.n, 0), last_quoted_at = s.last
        FROM (SELECT e.id, sum(ea.quotes)::integer AS n, max(a.published_at) AS last
                FROM expert e LEFT JOIN expert_article ea ON ea.expert_id = e.id LEFT JOIN article a ON a.id = ea.article_id GROUP BY e.id) s
       WHERE x.id = s.id AND (x.quote_count, x.last_quoted_at) IS DISTINCT FROM (coalesce(s.n, 0), s.last)`);
    // The read paths of ExpertService's counted lists (EXPERT_STATS_SQL).
    await q.query(`CREATE INDEX expert_topic_order_idx ON expert_topic (expert_id, articles DESC)`);
    await q.query(`CREATE INDEX expert_channel_order_idx ON expert_channel (expert_id, quotes DESC, channel)`);
    await q.query(`CREATE INDEX expert_co_quoted_order_idx ON expert_co_quoted (expert_id, articles DESC)`);
    // The previous migration's indexes for counting at read time are no longer read.
    await q.query(`DROP INDEX quote_speaker_expert_article_idx`);
    await q.query(`DROP INDEX quote_speaker_expert_channel_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX quote_speaker_expert_article_idx ON quote (speaker_expert_id, article_id) WHERE speaker_expert_id IS NOT NULL`);
    await q.query(`CREATE INDEX quote_speaker_expert_channel_idx ON quote (speaker_expert_id, channel) WHERE speaker_expert_id IS NOT NULL`);
    await q.query(`DROP TRIGGER article_published_stats ON article`);
    for (const t of ["insert", "delete", "update"]) {
      await q.query(`DROP TRIGGER article_topic_stats_${t} ON article_topic`);
      await q.query(`DROP TRIGGER quote_stats_${t} ON quote`);
    }
    await q.query(`DROP FUNCTION newsgraph_article_published_trigger()`);
    await q.query(`DROP FUNCTION newsgraph_article_topic_trigger()`);
    await q.query(`DROP FUNCTION newsgraph_article_topic_stats(uuid[], uuid[], integer[])`);
    await q.query(`DROP FUNCTION newsgraph_quote_stats_trigger()`);
    await q.query(`DROP FUNCTION newsgraph_quote_stats(uuid[], uuid[], text[], integer[])`);
    await q.query(`DROP FUNCTION newsgraph_expert_last_quoted(uuid[])`);
    await q.query(`DROP TABLE expert_co_quoted, expert_channel, expert_topic, expert_article`);
    // The previous migration's recount triggers are not restored: run its down() too.
  }
}
