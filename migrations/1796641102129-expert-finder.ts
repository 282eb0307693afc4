import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The expert finder (issue 11): `expert.quote_count` and `expert.last_quoted_at` (the latest
 * publication time of an article quoting the person), maintained columns rather than an aggregate
 * at read time, so that `experts(orderBy: QUOTE_COUNT | LAST_QUOTED)` over every expert is an
 * index scan of the first rows instead of a count of every quote.
 *
 * Triggers keep them right, so that no write path can forget: createQuote, updateQuote (a new
 * speaker), deleteQuote, article writes and import (syncQuotes), mergeExperts (which moves quotes),
 * the cascade of an article's deletion, and raw SQL alike. They are statement triggers with
 * transition tables: an import of many quotes recounts each expert it touches once. A recount locks
 * the experts' rows first (in id order), then counts in a statement of its own: under READ
 * COMMITTED that statement sees what a concurrent writer that held the lock committed, so two
 * transactions quoting one person never lose a count.
 *
 * The stamp trigger no longer stamps an expert whose only change is these two columns: a quote
 * does not make the person's `version` stale for an editor's updateExpert.
 */
export class ExpertFinder1796641102129 implements MigrationInterface {
  name = "ExpertFinder1796641102129";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE expert ADD COLUMN quote_count integer NOT NULL DEFAULT 0, ADD COLUMN last_quoted_at timestamptz(3)`);

    // A BEFORE trigger's WHEN cannot read NEW's generated columns (name_keys), so the test is in the
    // function: an update that changes the counts and nothing else passes unstamped; any other is
    // stamped as newsgraph_stamp() stamps it.
    await q.query(`
      CREATE FUNCTION newsgraph_expert_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        counts CONSTANT text[] := ARRAY['quote_count', 'last_quoted_at', 'name_keys'];
      BEGIN
        IF (OLD.quote_count, OLD.last_quoted_at) IS DISTINCT FROM (NEW.quote_count, NEW.last_quoted_at)
           AND (to_jsonb(OLD) - counts) = (to_jsonb(NEW) - counts) THEN
          RETURN NEW;
        END IF;
        NEW.version := OLD.version + 1;
        NEW.created_at := OLD.created_at;
        NEW.created_by := OLD.created_by;
        NEW.updated_at := now();
        NEW.updated_by := nullif(current_setting('newsgraph.actor', true), '')::uuid;
        RETURN NEW;
      END
      $$`);
    await q.query(`DROP TRIGGER expert_stamp ON expert`);
    await q.query(`CREATE TRIGGER expert_stamp BEFORE INSERT ON expert FOR EACH ROW EXECUTE FUNCTION newsgraph_stamp()`);
    await q.query(`CREATE TRIGGER expert_stamp_update BEFORE UPDATE ON expert FOR EACH ROW EXECUTE FUNCTION newsgraph_expert_stamp()`);

    await q.query(`
      CREATE FUNCTION newsgraph_expert_recount(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
        PERFORM 1 FROM expert WHERE id = ANY(ids) ORDER BY id FOR UPDATE;
        UPDATE expert x SET quote_count = s.n, last_quoted_at = s.last
          FROM (SELECT e.id, count(q.id)::integer AS n, max(a.published_at) AS last
                  FROM unnest(ids) AS e(id)
                  LEFT JOIN quote q ON q.speaker_expert_id = e.id
                  LEFT JOIN article a ON a.id = q.article_id
                 GROUP BY e.id) s
         WHERE x.id = s.id AND (x.quote_count, x.last_quoted_at) IS DISTINCT FROM (s.n, s.last);
      END
      $$`);
    await q.query(`
      CREATE FUNCTION newsgraph_quote_recount() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM newsgraph_expert_recount(ARRAY(SELECT DISTINCT speaker_expert_id FROM new_quotes WHERE speaker_expert_id IS NOT NULL));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM newsgraph_expert_recount(ARRAY(SELECT DISTINCT speaker_expert_id FROM old_quotes WHERE speaker_expert_id IS NOT NULL));
        ELSE
          PERFORM newsgraph_expert_recount(ARRAY(
            SELECT DISTINCT x FROM old_quotes o JOIN new_quotes n ON n.id = o.id,
                   LATERAL (VALUES (o.speaker_expert_id), (n.speaker_expert_id)) v(x)
             WHERE x IS NOT NULL AND (o.speaker_expert_id, o.article_id) IS DISTINCT FROM (n.speaker_expert_id, n.article_id)));
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`CREATE TRIGGER quote_expert_recount_insert AFTER INSERT ON quote REFERENCING NEW TABLE AS new_quotes FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_quote_recount()`);
    await q.query(`CREATE TRIGGER quote_expert_recount_delete AFTER DELETE ON quote REFERENCING OLD TABLE AS old_quotes FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_quote_recount()`);
    await q.query(
      `CREATE TRIGGER quote_expert_recount_update AFTER UPDATE ON quote REFERENCING OLD TABLE AS old_quotes NEW TABLE AS new_quotes FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_quote_recount()`,
    );
    // An article's publication time is its quotes' time.
    await q.query(`
      CREATE FUNCTION newsgraph_article_recount() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM newsgraph_expert_recount(ARRAY(
          SELECT DISTINCT q.speaker_expert_id FROM old_articles o JOIN new_articles n ON n.id = o.id JOIN quote q ON q.article_id = n.id
           WHERE q.speaker_expert_id IS NOT NULL AND o.published_at IS DISTINCT FROM n.published_at));
        RETURN NULL;
      END
      $$`);
    await q.query(
      `CREATE TRIGGER article_expert_recount AFTER UPDATE ON article REFERENCING OLD TABLE AS old_articles NEW TABLE AS new_articles FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_article_recount()`,
    );

    // Backfill.
    await q.query(`
      UPDATE expert x SET quote_count = s.n, last_quoted_at = s.last
        FROM (SELECT q.speaker_expert_id AS id, count(*)::integer AS n, max(a.published_at) AS last
                FROM quote q JOIN article a ON a.id = q.article_id WHERE q.speaker_expert_id IS NOT NULL GROUP BY q.speaker_expert_id) s
       WHERE x.id = s.id`);

    // The orderings (see expertOrdering): each index serves its ordering both ways.
    await q.query(`CREATE INDEX expert_quote_count_id_idx ON expert (quote_count, id)`);
    await q.query(`CREATE INDEX expert_last_quoted_desc_idx ON expert ((coalesce(last_quoted_at, '0001-01-01 00:00:00+00'::timestamptz)), id)`);
    await q.query(`CREATE INDEX expert_last_quoted_asc_idx ON expert ((coalesce(last_quoted_at, '9999-12-31 00:00:00+00'::timestamptz)), id)`);
    await q.query(`CREATE INDEX expert_country_idx ON expert (country) WHERE country IS NOT NULL`);
    // Expert.topics, coQuoted, channels and the topic / date filters read a person's quotes by
    // article and by channel from the index alone.
    await q.query(`CREATE INDEX quote_speaker_expert_article_idx ON quote (speaker_expert_id, article_id) WHERE speaker_expert_id IS NOT NULL`);
    await q.query(`CREATE INDEX quote_speaker_expert_channel_idx ON quote (speaker_expert_id, channel) WHERE speaker_expert_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX quote_speaker_expert_channel_idx`);
    await q.query(`DROP INDEX quote_speaker_expert_article_idx`);
    await q.query(`DROP TRIGGER article_expert_recount ON article`);
    await q.query(`DROP TRIGGER quote_expert_recount_update ON quote`);
    await q.query(`DROP TRIGGER quote_expert_recount_delete ON quote`);
    await q.query(`DROP TRIGGER quote_expert_recount_insert ON quote`);
    await q.query(`DROP FUNCTION newsgraph_article_recount()`);
    await q.query(`DROP FUNCTION newsgraph_quote_recount()`);
    await q.query(`DROP FUNCTION newsgraph_expert_recount(uuid[])`);
    await q.query(`DROP TRIGGER expert_stamp_update ON expert`);
    await q.query(`DROP FUNCTION newsgraph_expert_stamp()`);
    await q.query(`DROP TRIGGER expert_stamp ON expert`);
    await q.query(`CREATE TRIGGER expert_stamp BEFORE INSERT OR UPDATE ON expert FOR EACH ROW EXECUTE FUNCTION newsgraph_stamp()`);
    await q.query(`ALTER TABLE expert DROP COLUMN last_quoted_at, DROP COLUMN quote_count`);
  }
}
