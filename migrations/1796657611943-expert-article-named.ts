import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The `experts` facet of articles counts, per article, the people it names (`article_expert`) or
 * quotes (`expert_article`, kept by the quote triggers), each once. Deduplicating the two per
 * article cost about 60 ms at 100,000 articles for a 6,668-article topic (85,000 pairs hashed one
 * article at a time); most quoted people are named too, so the two sets are nearly the same.
 *
 * `expert_article.named` says whether the pair is also in `article_expert`: the facet then reads
 * the named pairs and only the quoted pairs that are not named (a partial index, empty in a
 * typical import), which are disjoint, so it counts without deduplicating. It is kept by a row
 * trigger when a pair is first quoted and by statement triggers on `article_expert` (insert,
 * delete, including cascades, and update of the keys), in the writing transaction, like the
 * expert stats.
 */
export class ExpertArticleNamed1796657611943 implements MigrationInterface {
  name = "ExpertArticleNamed1796657611943";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE expert_article ADD COLUMN named boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE expert_article ea SET named = true FROM article_expert ae WHERE ae.article_id = ea.article_id AND ae.expert_id = ea.expert_id`);
    await q.query(`CREATE INDEX expert_article_unnamed_idx ON expert_article (article_id, expert_id) WHERE NOT named`);
    await q.query(`
      CREATE FUNCTION newsgraph_expert_article_named() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.named := EXISTS (SELECT 1 FROM article_expert ae WHERE ae.article_id = NEW.article_id AND ae.expert_id = NEW.expert_id);
        RETURN NEW;
      END
      $$`);
    await q.query(`CREATE TRIGGER expert_article_named BEFORE INSERT ON expert_article FOR EACH ROW EXECUTE FUNCTION newsgraph_expert_article_named()`);
    // The pairs a statement on article_expert touched, set to whether they are named now.
    await q.query(`
      CREATE FUNCTION newsgraph_article_expert_named_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE expert_article ea SET named = true FROM new_links n
           WHERE ea.article_id = n.article_id AND ea.expert_id = n.expert_id AND NOT ea.named;
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE expert_article ea SET named = false FROM old_links o
           WHERE ea.article_id = o.article_id AND ea.expert_id = o.expert_id AND ea.named
             AND NOT EXISTS (SELECT 1 FROM article_expert ae WHERE ae.article_id = ea.article_id AND ae.expert_id = ea.expert_id);
        ELSE
          UPDATE expert_article ea SET named = s.named
            FROM (SELECT p.article_id, p.expert_id,
                         EXISTS (SELECT 1 FROM article_expert ae WHERE ae.article_id = p.article_id AND ae.expert_id = p.expert_id) AS named
                    FROM (SELECT article_id, expert_id FROM old_links UNION SELECT article_id, expert_id FROM new_links) p) s
           WHERE ea.article_id = s.article_id AND ea.expert_id = s.expert_id AND ea.named <> s.named;
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`CREATE TRIGGER article_expert_named_insert AFTER INSERT ON article_expert REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_article_expert_named_trigger()`);
    await q.query(`CREATE TRIGGER article_expert_named_delete AFTER DELETE ON article_expert REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_article_expert_named_trigger()`);
    await q.query(
      `CREATE TRIGGER article_expert_named_update AFTER UPDATE ON article_expert REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION newsgraph_article_expert_named_trigger()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ["article_expert_named_insert", "article_expert_named_delete", "article_expert_named_update"]) await q.query(`DROP TRIGGER ${t} ON article_expert`);
    await q.query(`DROP FUNCTION newsgraph_article_expert_named_trigger()`);
    await q.query(`DROP TRIGGER expert_article_named ON expert_article`);
    await q.query(`DROP FUNCTION newsgraph_expert_article_named()`);
    await q.query(`DROP INDEX expert_article_unnamed_idx`);
    await q.query(`ALTER TABLE expert_article DROP COLUMN named`);
  }
}
