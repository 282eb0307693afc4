import type { MigrationInterface, QueryRunner } from "typeorm";

const LINKS = ["article_expert", "article_organization", "article_place", "event_article"] as const;

/**
 * Provenance on what an article names, as quotes already have it: where in the body (character
 * offsets, `0 ≤ start < end`) and how sure the extractor was (`0 ≤ confidence ≤ 1`). Null offsets
 * mean not located (entered by hand); a null confidence reads as 1.0, so existing links need no
 * rewrite.
 */
export class Provenance1764374400000 implements MigrationInterface {
  name = "Provenance1764374400000";

  async up(q: QueryRunner): Promise<void> {
    for (const table of LINKS) {
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN start_offset integer,
          ADD COLUMN end_offset integer,
          ADD COLUMN confidence real,
          ADD CONSTRAINT ${table}_offsets_check CHECK (
            (start_offset IS NULL AND end_offset IS NULL) OR
            (start_offset >= 0 AND end_offset > start_offset)),
          ADD CONSTRAINT ${table}_confidence_check CHECK (confidence >= 0 AND confidence <= 1)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of LINKS) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN start_offset, DROP COLUMN end_offset, DROP COLUMN confidence`);
    }
  }
}
