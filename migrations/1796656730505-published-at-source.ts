import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Where an article's publication date comes from (issue 10): given by whoever wrote the input, read
 * from the page or inferred from its text, or a stand-in when none of them had one: the imported
 * file's modification time, or the time the article was received. Articles written before this
 * migration had their dates given (the API and import required one), so they are 'given'.
 */
export class PublishedAtSource1796656730505 implements MigrationInterface {
  name = "PublishedAtSource1796656730505";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE article
        ADD COLUMN published_at_source text NOT NULL DEFAULT 'given',
        ADD CONSTRAINT article_published_at_source_known CHECK (published_at_source IN ('given', 'page', 'text', 'file_modified', 'received'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE article DROP COLUMN published_at_source`);
  }
}
