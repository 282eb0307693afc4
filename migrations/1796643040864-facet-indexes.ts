import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Facets (issue 11) read, for every article a filter matches, its publisher, day and language, and
 * the speakers of its quotes: covering indexes let PostgreSQL answer these from the index alone
 * (an index-only scan per article) instead of fetching article and quote rows from the heap.
 */
export class FacetIndexes1796643040864 implements MigrationInterface {
  name = "FacetIndexes1796643040864";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS quote_article_speakers_idx ON quote (article_id) INCLUDE (speaker_expert_id, speaker_organization_id, speaker_description_organization_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS article_facets_idx ON article (id) INCLUDE (publisher_id, published_at, language)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS article_facets_idx`);
    await q.query(`DROP INDEX IF EXISTS quote_article_speakers_idx`);
  }
}
