import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Cross-type search (`search(query:)`): events become searchable by their title (A) and
 * description (B), through a generated `tsvector` with a GIN index, as articles and quotes are.
 * People and organizations are found by name through the trigram indexes of the initial schema
 * (`newsgraph_names(name, aliases) gin_trgm_ops`); nothing new is needed for them.
 * Runs on PostgreSQL 15 and on PGlite.
 */
export class CrossSearch1796641129894 implements MigrationInterface {
  name = "CrossSearch1796641129894";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE event ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, title), 'A') ||
        setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B')) STORED`);
    await q.query(`CREATE INDEX event_search_idx ON event USING gin (search)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX event_search_idx`);
    await q.query(`ALTER TABLE event DROP COLUMN search`);
  }
}
